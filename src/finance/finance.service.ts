import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager, QueryFailedError } from 'typeorm';
import { AccessPolicyService } from '../auth';
import type { Actor } from '../auth';
import { recordAudit } from '../audit';
import { todayInWarsaw } from '../common/dates';
import {
  conflict,
  DomainError,
  fieldError,
  forbidden,
  notFound,
  unprocessable,
} from '../common/errors';
import { formatAmount, formatPln, parseAmount } from '../common/money';
import { warsawDateTime } from '../common/polish-calendar';
import { Clock, DeadlinesService } from '../schedule';
import { Lot, tenderFacts, TendersService } from '../tenders';
import type { Tender } from '../tenders';
import { Contract } from './contract.entity';
import type {
  AllocationView,
  ContractView,
  CreateContractDto,
  CreateInvoiceDto,
  CreatePaymentDto,
  InvoiceView,
  MarkPaidDto,
  PaymentView,
  SettleSubsidyDto,
  SettleSubsidyView,
} from './dto/finance.dto';
import { InvoiceAllocation } from './invoice-allocation.entity';
import { splitInvoice } from './invoice-split';
import { Invoice } from './invoice.entity';
import { kindAllowed, payerOf, PAYMENT_KIND_PL, paymentStatus } from './payment-kinds';
import { Payment } from './payment.entity';
import { subsidyReturnDeadline } from './subsidy-terms';

/** Tender statuses in which contracts, invoices and payments are recorded. */
export const FINANCE_OPEN: readonly string[] = ['AWARDED', 'CONTRACTED'];

/** A payment is due by the end of its due day (Warsaw): the deadline the payer is reminded of. */
export const PAYMENT_DUE_TIME = '23:59';

interface Loaded {
  tender: Tender;
  participants: string[];
}

/**
 * Contracts, invoices (with their split to partners) and payments of a tender. Each change is one
 * transaction with its audit event; payments create their PAYMENT deadline (with reminders for the
 * payer's treasurer) in the same transaction, and paying completes it.
 */
@Injectable()
export class FinanceService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly policy: AccessPolicyService,
    private readonly tenders: TendersService,
    private readonly deadlines: DeadlinesService,
    private readonly clock: Clock,
  ) {}

  today(): string {
    return todayInWarsaw(this.clock.now());
  }

  // ---- contracts -----------------------------------------------------------------------------

  async createContract(
    actor: Actor,
    tenderId: string,
    dto: CreateContractDto,
  ): Promise<ContractView> {
    const id = await this.dataSource.transaction(async (manager) => {
      const { tender, participants } = await this.lockTender(manager, actor, tenderId);
      const lot = await this.lotOf(manager, tender, dto.lotId);
      const organisationId = this.signer(tender, dto.organisationId);
      this.policy.assert(actor, {
        action: 'finance.manage',
        tender: tenderFacts(tender, participants),
        organisationId,
      });
      if (lot.awardedNet === null || lot.contractorNip === null) {
        throw unprocessable('LOT_NOT_AWARDED', `Lot ${lot.number} has not been awarded`);
      }
      if (dto.contractorNip !== lot.contractorNip) {
        throw unprocessable(
          'CONTRACTOR_NOT_AWARDED',
          `Lot ${lot.number} was awarded to NIP ${lot.contractorNip}, not ${dto.contractorNip}`,
          { awardedNip: lot.contractorNip },
        );
      }
      const amountNet = parseAmount(dto.amountNet);
      const amountGross = parseAmount(dto.amountGross);
      if (amountGross < amountNet) {
        throw fieldError('amountGross', 'atLeastNet', 'amountGross may not be less than amountNet');
      }
      if (tender.settlementModel === 'SEPARATE_CONTRACTS') {
        const [share] = await manager.query<{ id: string }[]>(
          `SELECT id FROM shares WHERE lot_id = $1 AND organisation_id = $2 AND status = 'CONFIRMED'`,
          [lot.id, organisationId],
        );
        if (!share) {
          throw unprocessable(
            'NO_CONFIRMED_SHARE',
            `The organisation has no confirmed share in lot ${lot.number}: it signs no contract for it`,
          );
        }
      }
      const existing = await manager.getRepository(Contract).find({ where: { lotId: lot.id } });
      if (existing.some((c) => c.organisationId === organisationId)) {
        throw conflict(
          'CONTRACT_EXISTS',
          `A contract for lot ${lot.number} is already recorded for this organisation`,
        );
      }
      const contracted = existing.reduce((s, c) => s + c.amountNet, 0);
      if (contracted + amountNet > lot.awardedNet) {
        throw unprocessable(
          'CONTRACTS_EXCEED_AWARD',
          `Contracts of lot ${lot.number} would total ${formatPln(contracted + amountNet)} net, more than the awarded ${formatPln(lot.awardedNet)}`,
          {
            awardedNet: formatAmount(lot.awardedNet),
            contractedNet: formatAmount(contracted),
            requestedNet: formatAmount(amountNet),
          },
        );
      }
      const contract = await manager.getRepository(Contract).save(
        manager.getRepository(Contract).create({
          tenderId: tender.id,
          lotId: lot.id,
          organisationId,
          contractorName: dto.contractorName.trim(),
          contractorNip: dto.contractorNip,
          amountNet,
          amountGross,
          signedOn: dto.signedOn,
          createdById: actor.userId,
        }),
      );
      await recordAudit(manager, actor, {
        action: 'contract.recorded',
        entityType: 'contract',
        entityId: contract.id,
        tenderId: tender.id,
        partnershipId: tender.partnershipId,
        organisationId,
        data: {
          lot: lot.number,
          contractorName: contract.contractorName,
          contractorNip: contract.contractorNip,
          amountNet: formatAmount(amountNet),
          amountGross: formatAmount(amountGross),
          signedOn: dto.signedOn,
        },
      });
      return contract.id;
    });
    const [view] = await this.contractViews(this.dataSource.manager, { id });
    return view;
  }

  async listContracts(actor: Actor, tenderId: string): Promise<ContractView[]> {
    const { tender, participants } = await this.tenders.loadVisible(
      this.dataSource.manager,
      actor,
      tenderId,
      false,
    );
    const rows = await this.contractViews(this.dataSource.manager, { tenderId });
    return rows.filter((c) => this.canView(actor, tender, participants, c.organisationId));
  }

  // ---- invoices ------------------------------------------------------------------------------

  async createInvoice(actor: Actor, tenderId: string, dto: CreateInvoiceDto): Promise<InvoiceView> {
    const net = parseAmount(dto.net);
    const vat = parseAmount(dto.vat);
    const gross = parseAmount(dto.gross);
    if (net + vat !== gross) {
      throw fieldError(
        'gross',
        'netPlusVat',
        `gross must equal net + vat (${formatAmount(net)} + ${formatAmount(vat)} = ${formatAmount(net + vat)})`,
      );
    }
    if (dto.dueOn < dto.issuedOn) {
      throw fieldError('dueOn', 'notBeforeIssuedOn', 'dueOn may not be before issuedOn');
    }
    let id: string;
    try {
      id = await this.dataSource.transaction(async (manager) => {
        const { tender, participants } = await this.lockTender(manager, actor, tenderId);
        const lot = await this.lotOf(manager, tender, dto.lotId);
        const organisationId = this.addressee(tender, dto.organisationId);
        this.policy.assert(actor, {
          action: 'finance.manage',
          tender: tenderFacts(tender, participants),
          organisationId,
        });
        const contract = await manager.getRepository(Contract).findOne({
          where: { lotId: lot.id, organisationId },
          lock: { mode: 'pessimistic_write' },
        });
        if (!contract) {
          throw unprocessable(
            'NO_CONTRACT',
            `No contract for lot ${lot.number} is recorded for the invoice's addressee`,
          );
        }
        if (contract.contractorNip !== dto.contractorNip) {
          throw unprocessable(
            'INVOICE_CONTRACTOR_MISMATCH',
            `The contract of lot ${lot.number} is with NIP ${contract.contractorNip}, not ${dto.contractorNip}`,
          );
        }
        const number = dto.number.trim();
        const duplicate = await manager
          .getRepository(Invoice)
          .findOne({ where: { contractorNip: dto.contractorNip, number } });
        if (duplicate) throw duplicateInvoice(number, dto.contractorNip);
        const [billed] = await manager.query<{ net: string; gross: string }[]>(
          `SELECT COALESCE(SUM(net), 0) AS net, COALESCE(SUM(gross), 0) AS gross
             FROM invoices WHERE contract_id = $1`,
          [contract.id],
        );
        const billedNet = Number(billed.net);
        const billedGross = Number(billed.gross);
        if (billedNet + net > contract.amountNet || billedGross + gross > contract.amountGross) {
          throw unprocessable(
            'INVOICE_EXCEEDS_CONTRACT',
            `Invoices of the contract would total ${formatPln(billedGross + gross)} gross (${formatPln(billedNet + net)} net), more than the contract's ${formatPln(contract.amountGross)} (${formatPln(contract.amountNet)} net)`,
            {
              contractNet: formatAmount(contract.amountNet),
              contractGross: formatAmount(contract.amountGross),
              invoicedNet: formatAmount(billedNet),
              invoicedGross: formatAmount(billedGross),
            },
          );
        }
        const weights = await this.weightsOf(manager, tender, lot, contract);
        const parts = splitInvoice(
          { net, vat },
          weights.map((w) => w.weight),
        );
        const invoice = await manager.getRepository(Invoice).save(
          manager.getRepository(Invoice).create({
            tenderId: tender.id,
            lotId: lot.id,
            contractId: contract.id,
            organisationId,
            number,
            contractorNip: dto.contractorNip,
            issuedOn: dto.issuedOn,
            dueOn: dto.dueOn,
            net,
            vat,
            gross,
            createdById: actor.userId,
          }),
        );
        await manager.getRepository(InvoiceAllocation).insert(
          parts.map((p, i) => ({
            invoiceId: invoice.id,
            tenderId: tender.id,
            organisationId: weights[i].organisationId,
            weight: weights[i].weight,
            ...p,
          })),
        );
        await recordAudit(manager, actor, {
          action: 'invoice.recorded',
          entityType: 'invoice',
          entityId: invoice.id,
          tenderId: tender.id,
          partnershipId: tender.partnershipId,
          organisationId,
          data: {
            lot: lot.number,
            number,
            contractorNip: dto.contractorNip,
            net: formatAmount(net),
            vat: formatAmount(vat),
            gross: formatAmount(gross),
            allocations: parts.map((p, i) => ({
              organisationId: weights[i].organisationId,
              net: formatAmount(p.net),
              vat: formatAmount(p.vat),
              gross: formatAmount(p.gross),
            })),
          },
        });
        return invoice.id;
      });
    } catch (err) {
      if (uniqueViolation(err, 'uq_invoices_contractor_number'))
        throw duplicateInvoice(dto.number.trim(), dto.contractorNip);
      throw err;
    }
    const [view] = await this.invoiceViews(this.dataSource.manager, { id });
    return view;
  }

  async listInvoices(actor: Actor, tenderId: string): Promise<InvoiceView[]> {
    const { tender, participants } = await this.tenders.loadVisible(
      this.dataSource.manager,
      actor,
      tenderId,
      false,
    );
    const can = (org: string) => this.canView(actor, tender, participants, org);
    return (await this.invoiceViews(this.dataSource.manager, { tenderId }))
      .map((i) => ({ ...i, allocations: i.allocations.filter((a) => can(a.organisationId)) }))
      .filter((i) => can(i.organisationId) || i.allocations.length > 0);
  }

  // ---- payments ------------------------------------------------------------------------------

  async createPayment(actor: Actor, tenderId: string, dto: CreatePaymentDto): Promise<PaymentView> {
    const amount = parseAmount(dto.amount);
    if (amount <= 0) throw fieldError('amount', 'positive', 'amount must be more than 0.00');
    const id = await this.dataSource.transaction(async (manager) => {
      const { tender, participants } = await this.lockTender(manager, actor, tenderId);
      const leader = tender.leaderOrganisationId;
      if (dto.organisationId !== leader && !participants.includes(dto.organisationId)) {
        throw fieldError(
          'organisationId',
          'tenderParticipant',
          'organisationId must be the leader or a partner of the tender',
        );
      }
      if (!kindAllowed(dto.kind, tender.settlementModel)) {
        throw unprocessable(
          'PAYMENT_KIND_NOT_IN_MODEL',
          `${dto.kind} payments exist only under the leader's contract; under separate contracts every partner pays its own contractor`,
        );
      }
      if (dto.kind !== 'INVOICE_PAYMENT' && dto.organisationId === leader) {
        throw unprocessable(
          'PAYMENT_BETWEEN_LEADER_AND_ITSELF',
          `A ${dto.kind} moves money between a partner and the leader: organisationId must be a partner`,
        );
      }
      const payer = payerOf({ kind: dto.kind, organisationId: dto.organisationId }, leader);
      this.policy.assert(actor, {
        action: 'finance.manage',
        tender: tenderFacts(tender, participants),
        organisationId: payer,
      });
      const fields: Partial<Payment> = {};
      if (dto.kind === 'INVOICE_PAYMENT')
        await this.checkInvoicePayment(manager, tender, dto, amount);
      if (dto.kind === 'REFUND' && dto.subsidyId) await this.checkRefund(manager, dto, amount);
      if (dto.kind === 'SUBSIDY') Object.assign(fields, subsidyFields(dto));
      const payment = await manager.getRepository(Payment).save(
        manager.getRepository(Payment).create({
          tenderId: tender.id,
          organisationId: dto.organisationId,
          kind: dto.kind,
          amount,
          dueOn: dto.dueOn,
          description: dto.description?.trim() || null,
          invoiceId: dto.kind === 'INVOICE_PAYMENT' ? (dto.invoiceId ?? null) : null,
          subsidyId: dto.kind === 'REFUND' ? (dto.subsidyId ?? null) : null,
          ...fields,
          createdById: actor.userId,
        }),
      );
      await this.schedule(manager, actor, tender, payment);
      return payment.id;
    });
    return this.paymentView(id);
  }

  async listPayments(actor: Actor, tenderId: string): Promise<PaymentView[]> {
    const { tender, participants } = await this.tenders.loadVisible(
      this.dataSource.manager,
      actor,
      tenderId,
      false,
    );
    return (await this.paymentViews(this.dataSource.manager, { tenderId })).filter((p) =>
      this.canView(actor, tender, participants, p.organisationId),
    );
  }

  async getPayment(actor: Actor, id: string): Promise<PaymentView> {
    const [view] = await this.paymentViews(this.dataSource.manager, { id });
    if (!view) throw notFound('Payment', id);
    const { tender, participants } = await this.hideTender(id, () =>
      this.tenders.loadVisible(this.dataSource.manager, actor, view.tenderId, false),
    );
    this.assertView(actor, tender, participants, view.organisationId);
    return view;
  }

  async markPaid(actor: Actor, id: string, dto: MarkPaidDto): Promise<PaymentView> {
    if (dto.paidOn > this.today()) {
      throw fieldError('paidOn', 'notInFuture', 'paidOn may not be in the future');
    }
    await this.dataSource.transaction(async (manager) => {
      const { payment, tender, participants } = await this.lockPayment(manager, actor, id);
      this.policy.assert(actor, {
        action: 'finance.manage',
        tender: tenderFacts(tender, participants),
        organisationId: payerOf(payment, tender.leaderOrganisationId),
      });
      assertVersion(payment, dto.version);
      if (payment.paidOn !== null) {
        throw conflict(
          'PAYMENT_ALREADY_PAID',
          `The payment was already paid on ${payment.paidOn}`,
          {
            paidOn: payment.paidOn,
          },
        );
      }
      const reference = dto.reference.trim();
      await manager.update(Payment, payment.id, {
        paidOn: dto.paidOn,
        reference,
        paidById: actor.userId,
        version: payment.version + 1,
      });
      for (const d of await this.deadlines.findBySubject(manager, 'payment', payment.id)) {
        if (d.status === 'OPEN' || d.status === 'MISSED')
          await this.deadlines.completeDeadline(
            manager,
            actor,
            d.id,
            `Zapłacono ${dto.paidOn}, ${reference}`,
          );
      }
      await recordAudit(manager, actor, {
        action: 'payment.paid',
        entityType: 'payment',
        entityId: payment.id,
        tenderId: tender.id,
        partnershipId: tender.partnershipId,
        organisationId: payment.organisationId,
        data: {
          kind: payment.kind,
          amount: formatAmount(payment.amount),
          dueOn: payment.dueOn,
          paidOn: dto.paidOn,
          reference,
          late: dto.paidOn > payment.dueOn,
        },
      });
    });
    return this.paymentView(id);
  }

  /**
   * Settles a targeted subsidy the leader received: what it used; the unused rest becomes a REFUND
   * due by the return deadline (ufp art. 251), with its own deadline for the leader's treasurer.
   */
  async settleSubsidy(actor: Actor, id: string, dto: SettleSubsidyDto): Promise<SettleSubsidyView> {
    const usedAmount = parseAmount(dto.usedAmount);
    const refundId = await this.dataSource.transaction(async (manager) => {
      const { payment, tender, participants } = await this.lockPayment(manager, actor, id);
      this.policy.assert(actor, {
        action: 'finance.manage',
        tender: tenderFacts(tender, participants),
        organisationId: tender.leaderOrganisationId,
      });
      assertVersion(payment, dto.version);
      if (payment.kind !== 'SUBSIDY') {
        throw unprocessable('NOT_A_SUBSIDY', `A ${payment.kind} payment is not settled`);
      }
      if (payment.settledOn !== null) {
        throw conflict(
          'SUBSIDY_ALREADY_SETTLED',
          `The subsidy was settled on ${payment.settledOn}`,
        );
      }
      if (payment.paidOn === null) {
        throw unprocessable(
          'SUBSIDY_NOT_RECEIVED',
          'The subsidy has not been transferred yet: mark it paid before settling it',
        );
      }
      if (usedAmount > payment.amount) {
        throw unprocessable(
          'USED_EXCEEDS_SUBSIDY',
          `usedAmount ${formatPln(usedAmount)} exceeds the subsidy of ${formatPln(payment.amount)}`,
        );
      }
      if (dto.settledOn < payment.paidOn) {
        throw fieldError(
          'settledOn',
          'notBeforePaidOn',
          'settledOn may not be before the subsidy was paid',
        );
      }
      await manager.update(Payment, payment.id, {
        usedAmount,
        settledOn: dto.settledOn,
        version: payment.version + 1,
      });
      const unused = payment.amount - usedAmount;
      let refund: Payment | null = null;
      if (unused > 0) {
        refund = await manager.getRepository(Payment).save(
          manager.getRepository(Payment).create({
            tenderId: tender.id,
            organisationId: payment.organisationId,
            kind: 'REFUND',
            amount: unused,
            dueOn: payment.returnDueOn ?? dto.settledOn,
            description: `Zwrot niewykorzystanej części dotacji celowej (uchwała ${payment.resolutionNumber ?? '—'})`,
            subsidyId: payment.id,
            createdById: actor.userId,
          }),
        );
      }
      await recordAudit(manager, actor, {
        action: 'subsidy.settled',
        entityType: 'payment',
        entityId: payment.id,
        tenderId: tender.id,
        partnershipId: tender.partnershipId,
        organisationId: payment.organisationId,
        data: {
          amount: formatAmount(payment.amount),
          usedAmount: formatAmount(usedAmount),
          unused: formatAmount(unused),
          settledOn: dto.settledOn,
          settlementDueOn: payment.settlementDueOn,
          returnDueOn: payment.returnDueOn,
          refundId: refund?.id ?? null,
        },
      });
      if (refund) await this.schedule(manager, actor, tender, refund);
      return refund?.id ?? null;
    });
    return {
      subsidy: await this.paymentView(id),
      refund: refundId ? await this.paymentView(refundId) : null,
    };
  }

  // ---- access --------------------------------------------------------------------------------

  canView(actor: Actor, tender: Tender, participants: string[], organisationId: string): boolean {
    return this.policy.can(actor, {
      action: 'finance.view',
      tender: tenderFacts(tender, participants),
      organisationId,
    });
  }

  assertView(actor: Actor, tender: Tender, participants: string[], organisationId: string): void {
    this.policy.assert(actor, {
      action: 'finance.view',
      tender: tenderFacts(tender, participants),
      organisationId,
    });
  }

  // ---- internals -----------------------------------------------------------------------------

  private async lockTender(
    manager: EntityManager,
    actor: Actor,
    tenderId: string,
  ): Promise<Loaded> {
    const loaded = await this.tenders.lockForChange(manager, actor, tenderId, false);
    if (!FINANCE_OPEN.includes(loaded.tender.status)) {
      throw conflict(
        'TENDER_NOT_IN_FINANCE_STATUS',
        `Contracts, invoices and payments are recorded for an AWARDED or CONTRACTED tender; this one is ${loaded.tender.status}`,
        { currentStatus: loaded.tender.status },
      );
    }
    return loaded;
  }

  private async lockPayment(
    manager: EntityManager,
    actor: Actor,
    id: string,
  ): Promise<Loaded & { payment: Payment }> {
    const row = await manager.getRepository(Payment).findOne({ where: { id } });
    if (!row) throw notFound('Payment', id);
    const loaded = await this.hideTender(id, () => this.lockTender(manager, actor, row.tenderId));
    const payment = await manager
      .getRepository(Payment)
      .findOneOrFail({ where: { id }, lock: { mode: 'pessimistic_write' } });
    if (!this.canView(actor, loaded.tender, loaded.participants, payment.organisationId)) {
      const payer = payerOf(payment, loaded.tender.leaderOrganisationId);
      if (!this.canView(actor, loaded.tender, loaded.participants, payer))
        throw forbidden('FORBIDDEN', "You do not keep this partner's finance");
    }
    return { ...loaded, payment };
  }

  /** A payment of a tender the actor cannot see is "not found", like the tender. */
  private async hideTender<T>(id: string, load: () => Promise<T>): Promise<T> {
    try {
      return await load();
    } catch (err) {
      if (err instanceof DomainError && err.status === 404) throw notFound('Payment', id);
      throw err;
    }
  }

  private async lotOf(manager: EntityManager, tender: Tender, lotId: string): Promise<Lot> {
    const lot = await manager
      .getRepository(Lot)
      .findOne({ where: { id: lotId, tenderId: tender.id } });
    if (!lot) throw fieldError('lotId', 'lotOfTender', 'lotId is not a lot of this tender');
    return lot;
  }

  /** Who signs a contract: the named partner (separate contracts) or the leader. */
  private signer(tender: Tender, organisationId: string | undefined): string {
    return this.partyUnderModel(tender, organisationId, {
      required:
        'organisationId (the partner signing the contract) is required under separate contracts',
      code: 'LEADER_SIGNS_THE_CONTRACT',
      leaderOnly: "Under the leader's contract the leader signs the contract for every partner",
    });
  }

  /** Whom an invoice bills: the named partner (separate contracts) or the leader. */
  private addressee(tender: Tender, organisationId: string | undefined): string {
    return this.partyUnderModel(tender, organisationId, {
      required: 'organisationId (the billed partner) is required under separate contracts',
      code: 'INVOICE_ADDRESSED_TO_LEADER',
      leaderOnly:
        "Under the leader's contract invoices are addressed to the leader and split by shares",
    });
  }

  /** Separate contracts need the partner named; under the leader's contract it is the leader. */
  private partyUnderModel(
    tender: Tender,
    organisationId: string | undefined,
    messages: { required: string; code: string; leaderOnly: string },
  ): string {
    if (tender.settlementModel === 'SEPARATE_CONTRACTS') {
      if (!organisationId) throw fieldError('organisationId', 'isDefined', messages.required);
      return organisationId;
    }
    if (organisationId && organisationId !== tender.leaderOrganisationId) {
      throw unprocessable(messages.code, messages.leaderOnly);
    }
    return tender.leaderOrganisationId;
  }

  /** Separate contracts: the contract's partner alone. Leader's contract: confirmed shares of the lot. */
  private async weightsOf(
    manager: EntityManager,
    tender: Tender,
    lot: Lot,
    contract: Contract,
  ): Promise<{ organisationId: string; weight: number }[]> {
    if (tender.settlementModel === 'SEPARATE_CONTRACTS') {
      return [{ organisationId: contract.organisationId, weight: contract.amountNet }];
    }
    const rows = await manager.query<{ organisation_id: string; amount_net: string }[]>(
      `SELECT s.organisation_id, s.amount_net FROM shares s JOIN organisations o ON o.id = s.organisation_id
        WHERE s.lot_id = $1 AND s.status = 'CONFIRMED' AND s.amount_net > 0 ORDER BY o.name, s.organisation_id`,
      [lot.id],
    );
    if (rows.length === 0) {
      throw unprocessable(
        'NO_CONFIRMED_SHARES',
        `Lot ${lot.number} has no confirmed shares to split by`,
      );
    }
    return rows.map((r) => ({ organisationId: r.organisation_id, weight: Number(r.amount_net) }));
  }

  private async checkInvoicePayment(
    manager: EntityManager,
    tender: Tender,
    dto: CreatePaymentDto,
    amount: number,
  ): Promise<void> {
    if (!dto.invoiceId)
      throw fieldError('invoiceId', 'isDefined', 'invoiceId is required for an INVOICE_PAYMENT');
    const invoice = await manager.getRepository(Invoice).findOne({
      where: { id: dto.invoiceId, tenderId: tender.id },
      lock: { mode: 'pessimistic_write' },
    });
    if (!invoice)
      throw fieldError(
        'invoiceId',
        'invoiceOfTender',
        'invoiceId is not an invoice of this tender',
      );
    if (invoice.organisationId !== dto.organisationId) {
      throw unprocessable(
        'PAYMENT_NOT_BY_ADDRESSEE',
        "An invoice is paid by its addressee: organisationId must be the invoice's organisation",
        { addresseeOrganisationId: invoice.organisationId },
      );
    }
    const [row] = await manager.query<{ total: string }[]>(
      'SELECT COALESCE(SUM(amount), 0) AS total FROM payments WHERE invoice_id = $1',
      [invoice.id],
    );
    const scheduled = Number(row.total);
    if (scheduled + amount > invoice.gross) {
      throw unprocessable(
        'PAYMENT_EXCEEDS_INVOICE',
        `Payments of invoice ${invoice.number} would total ${formatPln(scheduled + amount)}, more than its ${formatPln(invoice.gross)} gross`,
        { invoiceGross: formatAmount(invoice.gross), scheduled: formatAmount(scheduled) },
      );
    }
  }

  private async checkRefund(
    manager: EntityManager,
    dto: CreatePaymentDto,
    amount: number,
  ): Promise<void> {
    const subsidy = await manager.getRepository(Payment).findOne({
      where: { id: dto.subsidyId, kind: 'SUBSIDY', organisationId: dto.organisationId },
      lock: { mode: 'pessimistic_write' },
    });
    if (!subsidy)
      throw fieldError(
        'subsidyId',
        'subsidyOfPartner',
        'subsidyId is not a subsidy of this partner',
      );
    if (subsidy.usedAmount === null) {
      throw unprocessable(
        'SUBSIDY_NOT_SETTLED',
        'Settle the subsidy before refunding its unused part',
      );
    }
    const [row] = await manager.query<{ total: string }[]>(
      "SELECT COALESCE(SUM(amount), 0) AS total FROM payments WHERE subsidy_id = $1 AND kind = 'REFUND'",
      [subsidy.id],
    );
    const left = subsidy.amount - subsidy.usedAmount - Number(row.total);
    if (amount > left) {
      throw unprocessable(
        'REFUND_EXCEEDS_UNUSED',
        `Only ${formatPln(Math.max(0, left))} of the subsidy is unused and not yet refunded`,
      );
    }
  }

  /** The payment's deadline (reminding the payer's treasurer) and its audit event. */
  private async schedule(
    manager: EntityManager,
    actor: Actor,
    tender: Tender,
    p: Payment,
  ): Promise<void> {
    const payer = payerOf(p, tender.leaderOrganisationId);
    const [org] = await manager.query<{ name: string }[]>(
      'SELECT name FROM organisations WHERE id = $1',
      [p.organisationId],
    );
    const deadline = await this.deadlines.createDeadline(manager, actor, {
      tenderId: tender.id,
      kind: 'PAYMENT',
      dueAt: warsawDateTime(p.dueOn, PAYMENT_DUE_TIME),
      title: `Płatność: ${PAYMENT_KIND_PL[p.kind]} ${formatPln(p.amount)} (${org?.name ?? p.organisationId})`,
      responsibleOrganisationId: payer,
      origin: 'FINANCE',
      subjectType: 'payment',
      subjectId: p.id,
      note: p.description,
    });
    await recordAudit(manager, actor, {
      action: 'payment.scheduled',
      entityType: 'payment',
      entityId: p.id,
      tenderId: tender.id,
      partnershipId: tender.partnershipId,
      organisationId: p.organisationId,
      data: {
        kind: p.kind,
        amount: formatAmount(p.amount),
        dueOn: p.dueOn,
        payerOrganisationId: payer,
        deadlineId: deadline.id,
        ...(p.invoiceId ? { invoiceId: p.invoiceId } : {}),
        ...(p.subsidyId ? { subsidyId: p.subsidyId } : {}),
        ...(p.kind === 'SUBSIDY'
          ? {
              resolutionNumber: p.resolutionNumber,
              agreementSignedOn: p.agreementSignedOn,
              useUntil: p.useUntil,
              settlementDueOn: p.settlementDueOn,
              returnDueOn: p.returnDueOn,
            }
          : {}),
      },
    });
  }

  // ---- views ---------------------------------------------------------------------------------

  private async contractViews(
    manager: EntityManager,
    where: { id?: string; tenderId?: string },
  ): Promise<ContractView[]> {
    const rows = await manager
      .getRepository(Contract)
      .createQueryBuilder('c')
      .innerJoinAndSelect('c.lot', 'l')
      .innerJoinAndSelect('c.organisation', 'o')
      .where(where.id ? 'c.id = :id' : 'c.tender_id = :tenderId', where)
      .orderBy('l.number', 'ASC')
      .addOrderBy('o.name', 'ASC')
      .getMany();
    return rows.map((c) => ({
      id: c.id,
      tenderId: c.tenderId,
      lotId: c.lotId,
      lotNumber: c.lot.number,
      organisationId: c.organisationId,
      organisationName: c.organisation.name,
      contractorName: c.contractorName,
      contractorNip: c.contractorNip,
      amountNet: formatAmount(c.amountNet),
      amountGross: formatAmount(c.amountGross),
      signedOn: c.signedOn,
      createdAt: c.createdAt.toISOString(),
    }));
  }

  private async invoiceViews(
    manager: EntityManager,
    where: { id?: string; tenderId?: string },
  ): Promise<InvoiceView[]> {
    const rows = await manager
      .getRepository(Invoice)
      .createQueryBuilder('i')
      .leftJoinAndSelect('i.allocations', 'a')
      .leftJoinAndSelect('a.organisation', 'o')
      .where(where.id ? 'i.id = :id' : 'i.tender_id = :tenderId', where)
      .orderBy('i.issued_on', 'ASC')
      .addOrderBy('i.created_at', 'ASC')
      .addOrderBy('o.name', 'ASC')
      .getMany();
    return rows.map((i) => ({
      id: i.id,
      tenderId: i.tenderId,
      lotId: i.lotId,
      contractId: i.contractId,
      organisationId: i.organisationId,
      number: i.number,
      contractorNip: i.contractorNip,
      issuedOn: i.issuedOn,
      dueOn: i.dueOn,
      net: formatAmount(i.net),
      vat: formatAmount(i.vat),
      gross: formatAmount(i.gross),
      allocations: i.allocations.map((a): AllocationView => ({
        organisationId: a.organisationId,
        organisationName: a.organisation.name,
        weight: formatAmount(a.weight),
        net: formatAmount(a.net),
        vat: formatAmount(a.vat),
        gross: formatAmount(a.gross),
      })),
    }));
  }

  private async paymentView(id: string): Promise<PaymentView> {
    const [view] = await this.paymentViews(this.dataSource.manager, { id });
    return view;
  }

  private async paymentViews(
    manager: EntityManager,
    where: { id?: string; tenderId?: string },
  ): Promise<PaymentView[]> {
    const rows = await manager
      .getRepository(Payment)
      .createQueryBuilder('p')
      .innerJoinAndSelect('p.organisation', 'o')
      .innerJoinAndSelect('p.tender', 't')
      .where(where.id ? 'p.id = :id' : 'p.tender_id = :tenderId', where)
      .orderBy('p.due_on', 'ASC')
      .addOrderBy('p.created_at', 'ASC')
      .getMany();
    const deadlines = new Map<string, string>();
    if (rows.length > 0) {
      const ds = await manager.query<{ id: string; subject_id: string }[]>(
        `SELECT id, subject_id FROM deadlines
          WHERE subject_type = 'payment' AND subject_id = ANY($1) AND status <> 'CANCELLED'`,
        [rows.map((p) => p.id)],
      );
      for (const d of ds) deadlines.set(d.subject_id, d.id);
    }
    const today = this.today();
    return rows.map((p) => {
      const leader = p.tender.leaderOrganisationId;
      const payer = payerOf(p, leader);
      return {
        id: p.id,
        tenderId: p.tenderId,
        organisationId: p.organisationId,
        organisationName: p.organisation.name,
        kind: p.kind,
        kindLabel: PAYMENT_KIND_PL[p.kind],
        payerOrganisationId: payer,
        payeeOrganisationId:
          p.kind === 'INVOICE_PAYMENT' ? null : p.kind === 'REFUND' ? p.organisationId : leader,
        amount: formatAmount(p.amount),
        dueOn: p.dueOn,
        paidOn: p.paidOn,
        reference: p.reference,
        status: paymentStatus(p, today),
        description: p.description,
        invoiceId: p.invoiceId,
        subsidyId: p.subsidyId,
        resolutionNumber: p.resolutionNumber,
        agreementSignedOn: p.agreementSignedOn,
        useUntil: p.useUntil,
        settlementDueOn: p.settlementDueOn,
        returnDueOn: p.returnDueOn,
        returnBasis: p.returnBasis,
        usedAmount: p.usedAmount === null ? null : formatAmount(p.usedAmount),
        settledOn: p.settledOn,
        deadlineId: deadlines.get(p.id) ?? null,
        version: p.version,
      };
    });
  }
}

function subsidyFields(dto: CreatePaymentDto): Partial<Payment> {
  for (const field of [
    'resolutionNumber',
    'agreementSignedOn',
    'useUntil',
    'settlementDueOn',
  ] as const) {
    if (!dto[field]) throw fieldError(field, 'isDefined', `${field} is required for a SUBSIDY`);
  }
  const agreementSignedOn = dto.agreementSignedOn as string;
  const useUntil = dto.useUntil as string;
  const settlementDueOn = dto.settlementDueOn as string;
  if (useUntil < agreementSignedOn) {
    throw fieldError(
      'useUntil',
      'notBeforeAgreement',
      'useUntil may not be before agreementSignedOn',
    );
  }
  if (settlementDueOn < useUntil) {
    throw fieldError(
      'settlementDueOn',
      'notBeforeUseUntil',
      'settlementDueOn may not be before useUntil',
    );
  }
  const ret = subsidyReturnDeadline(useUntil);
  return {
    resolutionNumber: dto.resolutionNumber?.trim(),
    agreementSignedOn,
    useUntil,
    settlementDueOn,
    returnDueOn: ret.returnDueOn,
    returnBasis: ret.basis,
  };
}

function assertVersion(p: Payment, version: number | undefined): void {
  if (version !== undefined && version !== p.version) {
    throw conflict(
      'PAYMENT_VERSION_CONFLICT',
      `The payment is at version ${p.version}, not ${version}`,
      {
        currentVersion: p.version,
      },
    );
  }
}

function duplicateInvoice(number: string, nip: string): DomainError {
  return conflict(
    'INVOICE_DUPLICATE',
    `Invoice ${number} of the contractor with NIP ${nip} is already recorded`,
    { number, contractorNip: nip },
  );
}

function uniqueViolation(err: unknown, constraint: string): boolean {
  if (!(err instanceof QueryFailedError)) return false;
  const driverError = err.driverError as { code?: string; constraint?: string };
  return driverError.code === '23505' && driverError.constraint === constraint;
}
