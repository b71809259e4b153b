import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager, IsNull, QueryFailedError } from 'typeorm';
import { AccessPolicyService } from '../auth';
import type { Actor } from '../auth';
import { recordAudit } from '../audit';
import { dateViolation } from '../common/dates';
import {
  conflict,
  DomainError,
  fieldError,
  notFound,
  rulesViolated,
  unprocessable,
} from '../common/errors';
import { formatAmount, formatPln, parseAmount } from '../common/money';
import { organisationNames, organisationRows } from '../organisations';
import { DeadlineWriter } from '../schedule';
import { Lot, tenderFacts, TendersService, shareRows } from '../tenders';
import type { Tender } from '../tenders';
import { Contract } from './contract.entity';
import type {
  CorrectionReasonDto,
  CreateInvoiceDto,
  InvoicePreview,
  InvoiceView,
} from './dto/finance.dto';
import { Payment } from './payment.entity';
import { PaymentSchedule } from './payment-schedule';
import { InvoiceAllocation } from './invoice-allocation.entity';
import { splitInvoice } from './invoice-split';
import { Invoice } from './invoice.entity';
import { FinanceAccess } from './finance-access.service';
import { cancelInvoiceDeadlines, scheduleInvoiceDeadline } from './invoice-deadline';
import { FinanceViews } from './finance-views.service';
import { assertVatFollowsRate } from './vat-rule';

/** Invoices of a tender and their split to partners (by the contract, or by confirmed shares). */
@Injectable()
export class InvoicesService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly policy: AccessPolicyService,
    private readonly tenders: TendersService,
    private readonly access: FinanceAccess,
    private readonly views: FinanceViews,
    private readonly paymentSchedule: PaymentSchedule,
    private readonly deadlines: DeadlineWriter,
  ) {}

  /**
   * Cancels an invoice recorded by mistake while nothing is paid on it: it stays on record,
   * marked, its allocations count for nothing, and its scheduled payments are cancelled with it.
   */
  async cancelInvoice(
    actor: Actor,
    invoiceId: string,
    dto: CorrectionReasonDto,
  ): Promise<InvoiceView> {
    const reason = dto.reason.trim();
    await this.dataSource.transaction(async (manager) => {
      const row = await manager.getRepository(Invoice).findOne({ where: { id: invoiceId } });
      if (!row) throw notFound('Invoice', invoiceId);
      const { tender, participants } = await this.access.lockTender(manager, actor, row.tenderId);
      const invoice = await manager
        .getRepository(Invoice)
        .findOneOrFail({ where: { id: invoiceId }, lock: { mode: 'pessimistic_write' } });
      this.policy.assert(actor, {
        action: 'finance.manage',
        tender: tenderFacts(tender, participants),
        organisationId: invoice.organisationId,
      });
      if (invoice.cancelledAt)
        throw conflict('INVOICE_CANCELLED', 'The invoice is already cancelled');
      if (invoice.correctedById || invoice.correctsInvoiceId)
        throw conflict(
          'INVOICE_CORRECTED',
          'A corrected invoice or a correcting invoice is not cancelled: record a correcting invoice of its latest state instead',
        );
      const payments = await manager.getRepository(Payment).find({
        where: { invoiceId: invoice.id, cancelledAt: IsNull() },
        lock: { mode: 'pessimistic_write' },
      });
      const paid = payments.filter((p) => p.paidOn !== null);
      if (paid.length > 0) {
        throw conflict(
          'INVOICE_HAS_PAYMENTS',
          `${paid.length} payment(s) of invoice ${invoice.number} are recorded as paid: reverse them (storno) first`,
        );
      }
      for (const p of payments)
        await this.paymentSchedule.cancelScheduled(
          manager,
          actor,
          tender,
          p,
          `Faktura anulowana: ${reason}`,
        );
      await cancelInvoiceDeadlines(
        manager,
        this.deadlines,
        actor,
        invoice.id,
        `Faktura anulowana: ${reason}`,
      );
      await manager.update(Invoice, invoice.id, {
        cancelledAt: new Date(),
        cancelReason: reason,
        cancelledById: actor.userId,
      });
      await recordAudit(manager, actor, {
        action: 'invoice.cancelled',
        entityType: 'invoice',
        entityId: invoice.id,
        tenderId: tender.id,
        partnershipId: tender.partnershipId,
        organisationId: invoice.organisationId,
        data: {
          number: invoice.number,
          contractorNip: invoice.contractorNip,
          gross: formatAmount(invoice.gross),
          cancelledPayments: payments.length,
          reason,
        },
      });
    });
    const [view] = await this.views.invoiceViews(this.dataSource.manager, { id: invoiceId });
    return view;
  }

  /**
   * What saving the invoice would record, without saving it: the same checks and the same split
   * (`plan`, which `createInvoice` runs too), so the page's preview is the split that will be saved.
   */
  async previewInvoice(
    actor: Actor,
    tenderId: string,
    dto: CreateInvoiceDto,
  ): Promise<InvoicePreview> {
    const amounts = this.amounts(dto);
    return this.dataSource.transaction(async (manager) => {
      const plan = await this.plan(manager, actor, tenderId, dto, amounts);
      const nameOf = await organisationNames(
        manager,
        plan.weights.map((w) => w.organisationId),
      );
      return {
        lotNumber: plan.lot.number,
        contractorName: plan.contract.contractorName,
        number: plan.number,
        net: formatAmount(amounts.net),
        vat: formatAmount(amounts.vat),
        gross: formatAmount(amounts.gross),
        allocations: plan.parts.map((p, i) => ({
          organisationId: plan.weights[i].organisationId,
          organisationName: nameOf.get(plan.weights[i].organisationId) ?? '',
          weight: formatAmount(plan.weights[i].weight),
          net: formatAmount(p.net),
          vat: formatAmount(p.vat),
          gross: formatAmount(p.gross),
        })),
      };
    });
  }

  async createInvoice(actor: Actor, tenderId: string, dto: CreateInvoiceDto): Promise<InvoiceView> {
    const { net, vat, gross } = this.amounts(dto);
    let id: string;
    try {
      id = await this.dataSource.transaction(async (manager) => {
        const { tender, lot, organisationId, contract, number, weights, parts } = await this.plan(
          manager,
          actor,
          tenderId,
          dto,
          { net, vat, gross },
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
            vatExemptionReason: dto.vatExemptionReason?.trim() ?? null,
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
        const deadlineId = await scheduleInvoiceDeadline(
          manager,
          this.deadlines,
          actor,
          tender,
          invoice,
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
            dueOn: dto.dueOn,
            deadlineId,
            ...(dto.vatExemptionReason
              ? { vatExemptionReason: dto.vatExemptionReason.trim() }
              : {}),
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
    const [view] = await this.views.invoiceViews(this.dataSource.manager, { id });
    return view;
  }

  private amounts(dto: CreateInvoiceDto): { net: number; vat: number; gross: number } {
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
    return { net, vat, gross };
  }

  /** Every rule an invoice must pass, and its split: shared by the preview and the save. */
  private async plan(
    manager: EntityManager,
    actor: Actor,
    tenderId: string,
    dto: CreateInvoiceDto,
    { net, vat, gross }: { net: number; vat: number; gross: number },
  ) {
    const { tender, participants } = await this.access.lockTender(manager, actor, tenderId);
    const lot = await this.access.lotOf(manager, tender, dto.lotId);
    const organisationId = this.addressee(tender, dto.organisationId);
    this.policy.assert(actor, {
      action: 'finance.manage',
      tender: tenderFacts(tender, participants),
      organisationId,
    });
    assertVatFollowsRate('vat', net, vat, lot.vatRate, dto.vatExemptionReason);
    const contract = await manager.getRepository(Contract).findOne({
      where: { lotId: lot.id, organisationId, cancelledAt: IsNull() },
      lock: { mode: 'pessimistic_write' },
    });
    if (!contract) {
      throw unprocessable(
        'NO_CONTRACT',
        `No contract for lot ${lot.number} is recorded for the invoice's addressee`,
      );
    }
    const dateProblem = dateViolation('issuedOn', dto.issuedOn, {
      earliest: [
        { on: contract.signedOn, rule: 'notBeforeContract', what: 'the contract it bills' },
      ],
      latest: [{ on: this.access.today(), rule: 'notInFuture', what: 'today' }],
    });
    if (dateProblem) throw rulesViolated([dateProblem]);
    if (contract.contractorNip !== dto.contractorNip) {
      throw unprocessable(
        'INVOICE_CONTRACTOR_MISMATCH',
        `The contract of lot ${lot.number} is with NIP ${contract.contractorNip}, not ${dto.contractorNip}`,
      );
    }
    const number = dto.number.trim();
    const duplicate = await manager
      .getRepository(Invoice)
      .findOne({ where: { contractorNip: dto.contractorNip, number, cancelledAt: IsNull() } });
    if (duplicate) throw duplicateInvoice(number, dto.contractorNip);
    const [billed] = await manager.query<{ net: string; gross: string }[]>(
      `SELECT COALESCE(SUM(net), 0) AS net, COALESCE(SUM(gross), 0) AS gross
         FROM invoices WHERE contract_id = $1 AND cancelled_at IS NULL AND corrected_by_id IS NULL`,
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
    return { tender, lot, organisationId, contract, number, weights, parts };
  }

  async listInvoices(actor: Actor, tenderId: string): Promise<InvoiceView[]> {
    const { tender, participants } = await this.tenders.loadVisible(
      this.dataSource.manager,
      actor,
      tenderId,
      false,
    );
    const can = (org: string) => this.access.canView(actor, tender, participants, org);
    return (await this.views.invoiceViews(this.dataSource.manager, { tenderId }))
      .map((i) => ({
        ...i,
        allocations: i.allocations.filter((a) => can(a.organisationId)),
        correction: i.correction && {
          ...i.correction,
          allocations: i.correction.allocations.filter((a) => can(a.organisationId)),
        },
      }))
      .filter((i) => can(i.organisationId) || i.allocations.length > 0);
  }

  /** Whom an invoice bills: the named partner (separate contracts) or the leader. */
  private addressee(tender: Tender, organisationId: string | undefined): string {
    return this.access.partyUnderModel(tender, organisationId, {
      required: 'organisationId (the billed partner) is required under separate contracts',
      code: 'INVOICE_ADDRESSED_TO_LEADER',
      leaderOnly:
        "Under the leader's contract invoices are addressed to the leader and split by shares",
    });
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
      `SELECT s.organisation_id, s.amount_net FROM ${shareRows} s JOIN ${organisationRows} o ON o.id = s.organisation_id
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
