import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { AccessPolicyService } from '../auth';
import type { Actor } from '../auth';
import { recordAudit } from '../audit';
import { resolutionNumberProblem } from '../common/budget';
import { dateViolation } from '../common/dates';
import { conflict, fieldError, notFound, rulesViolated, unprocessable } from '../common/errors';
import { formatAmount, formatPln, parseAmount } from '../common/money';
import { warsawDate, warsawDateTime } from '../common/polish-calendar';
import { DeadlineWriter } from '../schedule';
import { tenderFacts, TendersService } from '../tenders';
import type { Tender } from '../tenders';
import type {
  CorrectionReasonDto,
  CreatePaymentDto,
  MarkPaidDto,
  PaymentView,
  SettleSubsidyDto,
  SettleSubsidyView,
} from './dto/finance.dto';
import { Invoice } from './invoice.entity';
import { kindAllowed, payerOf, PAYMENT_KIND_PL } from './payment-kinds';
import { Payment } from './payment.entity';
import { subsidyReturnDeadline } from './subsidy-terms';
import { FinanceAccess } from './finance-access.service';
import {
  cancelInvoiceDeadlines,
  completeInvoiceDeadlineIfPaid,
  reopenInvoiceDeadline,
} from './invoice-deadline';
import { FinanceViews } from './finance-views.service';

/** A payment is due by the end of its due day (Warsaw): the deadline the payer is reminded of. */
export const PAYMENT_DUE_TIME = '23:59';

/**
 * Payments and subsidies (pomoc finansowa): each creates its PAYMENT deadline with reminders for
 * the payer's treasurer in the same transaction; paying completes it; settling a subsidy creates
 * the refund of the unused part.
 */
@Injectable()
export class PaymentsService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly policy: AccessPolicyService,
    private readonly tenders: TendersService,
    private readonly deadlines: DeadlineWriter,
    private readonly access: FinanceAccess,
    private readonly views: FinanceViews,
  ) {}

  async createPayment(actor: Actor, tenderId: string, dto: CreatePaymentDto): Promise<PaymentView> {
    const amount = parseAmount(dto.amount);
    // What is newly scheduled is due today or later; a payment already made is entered with paidOn.
    const dueProblem = dateViolation('dueOn', dto.dueOn, {
      earliest: [{ on: this.access.today(), rule: 'notInPast', what: 'today' }],
    });
    if (dueProblem) throw rulesViolated([dueProblem]);
    if (dto.resolutionNumber !== undefined) {
      const year = Number(this.access.today().slice(0, 4));
      const problem = resolutionNumberProblem(dto.resolutionNumber, year);
      if (problem) throw fieldError('resolutionNumber', problem.rule, problem.message);
    }
    const id = await this.dataSource.transaction(async (manager) => {
      const { tender, participants } = await this.access.lockTender(manager, actor, tenderId);
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
      if (payment.invoiceId)
        await cancelInvoiceDeadlines(
          manager,
          this.deadlines,
          actor,
          payment.invoiceId,
          `Zaplanowano zapłatę faktury na dzień ${payment.dueOn}`,
        );
      return payment.id;
    });
    return this.views.paymentView(id);
  }

  async listPayments(actor: Actor, tenderId: string): Promise<PaymentView[]> {
    const { tender, participants } = await this.tenders.loadVisible(
      this.dataSource.manager,
      actor,
      tenderId,
      false,
    );
    return (await this.views.paymentViews(this.dataSource.manager, { tenderId })).filter((p) =>
      this.access.canView(actor, tender, participants, p.organisationId),
    );
  }

  async getPayment(actor: Actor, id: string): Promise<PaymentView> {
    const [view] = await this.views.paymentViews(this.dataSource.manager, { id });
    if (!view) throw notFound('Payment', id);
    const { tender, participants } = await this.access.hideTender(id, () =>
      this.tenders.loadVisible(this.dataSource.manager, actor, view.tenderId, false),
    );
    this.access.assertView(actor, tender, participants, view.organisationId);
    return view;
  }

  async markPaid(actor: Actor, id: string, dto: MarkPaidDto): Promise<PaymentView> {
    if (dto.paidOn > this.access.today()) {
      throw fieldError('paidOn', 'notInFuture', 'paidOn may not be in the future');
    }
    await this.dataSource.transaction(async (manager) => {
      const { payment, tender, participants } = await this.access.lockPayment(manager, actor, id);
      this.policy.assert(actor, {
        action: 'finance.manage',
        tender: tenderFacts(tender, participants),
        organisationId: payerOf(payment, tender.leaderOrganisationId),
      });
      assertVersion(payment, dto.version);
      if (payment.cancelledAt) {
        throw conflict(
          'PAYMENT_CANCELLED',
          `The payment was cancelled: ${payment.cancelReason ?? ''}`,
        );
      }
      const invoice = payment.invoiceId
        ? await manager.getRepository(Invoice).findOne({ where: { id: payment.invoiceId } })
        : null;
      const paidProblem = dateViolation('paidOn', dto.paidOn, {
        earliest: [
          { on: invoice?.issuedOn ?? null, rule: 'notBeforeInvoice', what: 'the invoice it pays' },
          { on: warsawDate(tender.createdAt), rule: 'notBeforeTender', what: 'the tender' },
        ],
      });
      if (paidProblem) throw rulesViolated([paidProblem]);
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
          await this.deadlines.complete(
            manager,
            actor,
            d.id,
            `Zapłacono ${dto.paidOn}, ${reference}`,
          );
      }
      if (invoice)
        await completeInvoiceDeadlineIfPaid(manager, this.deadlines, actor, invoice, reference);
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
    return this.views.paymentView(id);
  }

  /** Cancels a scheduled (unpaid) payment entered by mistake: its deadline is cancelled, reminders stop. */
  async cancelPayment(actor: Actor, id: string, dto: CorrectionReasonDto): Promise<PaymentView> {
    const reason = dto.reason.trim();
    await this.dataSource.transaction(async (manager) => {
      const { payment, tender, participants } = await this.access.lockPayment(manager, actor, id);
      this.policy.assert(actor, {
        action: 'finance.manage',
        tender: tenderFacts(tender, participants),
        organisationId: payerOf(payment, tender.leaderOrganisationId),
      });
      assertVersion(payment, dto.version);
      if (payment.cancelledAt)
        throw conflict('PAYMENT_CANCELLED', 'The payment is already cancelled');
      if (payment.paidOn !== null) {
        throw conflict(
          'PAYMENT_ALREADY_PAID',
          `The payment was paid on ${payment.paidOn}: reverse it (storno) instead of cancelling`,
          { paidOn: payment.paidOn },
        );
      }
      await this.cancelScheduled(manager, actor, tender, payment, reason);
      const invoice = payment.invoiceId
        ? await manager.getRepository(Invoice).findOneBy({ id: payment.invoiceId })
        : null;
      if (invoice)
        await reopenInvoiceDeadline(
          manager,
          this.deadlines,
          actor,
          tender,
          invoice,
          this.access.today(),
        );
    });
    return this.views.paymentView(id);
  }

  /** Cancels one unpaid payment and its deadlines, in the caller's transaction (also for an invoice's payments). */
  async cancelScheduled(
    manager: EntityManager,
    actor: Actor,
    tender: Tender,
    payment: Payment,
    reason: string,
  ): Promise<void> {
    await manager.update(Payment, payment.id, {
      cancelledAt: new Date(),
      cancelReason: reason,
      cancelledById: actor.userId,
      version: payment.version + 1,
    });
    for (const d of await this.deadlines.findBySubject(manager, 'payment', payment.id)) {
      if (d.status === 'OPEN' || d.status === 'MISSED')
        await this.deadlines.cancel(manager, actor, d.id, `Płatność anulowana: ${reason}`);
    }
    await recordAudit(manager, actor, {
      action: 'payment.cancelled',
      entityType: 'payment',
      entityId: payment.id,
      tenderId: tender.id,
      partnershipId: tender.partnershipId,
      organisationId: payment.organisationId,
      data: {
        kind: payment.kind,
        amount: formatAmount(payment.amount),
        dueOn: payment.dueOn,
        reason,
      },
    });
  }

  /**
   * Storno: a payment recorded as paid by mistake is due again. Its record of payment (paidOn,
   * reference) moves to the reversal and stays visible; a new deadline reminds the payer.
   */
  async reversePayment(actor: Actor, id: string, dto: CorrectionReasonDto): Promise<PaymentView> {
    const reason = dto.reason.trim();
    await this.dataSource.transaction(async (manager) => {
      const { payment, tender, participants } = await this.access.lockPayment(manager, actor, id);
      this.policy.assert(actor, {
        action: 'finance.manage',
        tender: tenderFacts(tender, participants),
        organisationId: payerOf(payment, tender.leaderOrganisationId),
      });
      assertVersion(payment, dto.version);
      if (payment.paidOn === null) {
        throw conflict(
          'PAYMENT_NOT_PAID',
          'Only a payment recorded as paid is reversed; cancel a scheduled one instead',
        );
      }
      if (payment.kind === 'SUBSIDY' && payment.settledOn !== null) {
        throw conflict(
          'SUBSIDY_ALREADY_SETTLED',
          `The subsidy was settled on ${payment.settledOn}`,
        );
      }
      const reversed = {
        reversedAt: new Date(),
        reversalReason: reason,
        reversedPaidOn: payment.paidOn,
        reversedReference: payment.reference,
        reversedById: actor.userId,
      };
      await manager.update(Payment, payment.id, {
        ...reversed,
        paidOn: null,
        reference: null,
        paidById: null,
        version: payment.version + 1,
      });
      await recordAudit(manager, actor, {
        action: 'payment.reversed',
        entityType: 'payment',
        entityId: payment.id,
        tenderId: tender.id,
        partnershipId: tender.partnershipId,
        organisationId: payment.organisationId,
        data: {
          kind: payment.kind,
          amount: formatAmount(payment.amount),
          paidOn: payment.paidOn,
          reference: payment.reference,
          reason,
        },
      });
      const today = this.access.today();
      await this.schedule(manager, actor, tender, {
        ...payment,
        dueOn: payment.dueOn < today ? today : payment.dueOn,
        paidOn: null,
      });
    });
    return this.views.paymentView(id);
  }

  /**
   * Settles a targeted subsidy the leader received: what it used; the unused rest becomes a REFUND
   * due by the return deadline (ufp art. 251), with its own deadline for the leader's treasurer.
   */
  async settleSubsidy(actor: Actor, id: string, dto: SettleSubsidyDto): Promise<SettleSubsidyView> {
    const usedAmount = parseAmount(dto.usedAmount);
    const refundId = await this.dataSource.transaction(async (manager) => {
      const { payment, tender, participants } = await this.access.lockPayment(manager, actor, id);
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
      subsidy: await this.views.paymentView(id),
      refund: refundId ? await this.views.paymentView(refundId) : null,
    };
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
    if (invoice.cancelledAt) {
      throw unprocessable('INVOICE_CANCELLED', `Invoice ${invoice.number} was cancelled`);
    }
    if (invoice.organisationId !== dto.organisationId) {
      throw unprocessable(
        'PAYMENT_NOT_BY_ADDRESSEE',
        "An invoice is paid by its addressee: organisationId must be the invoice's organisation",
        { addresseeOrganisationId: invoice.organisationId },
      );
    }
    const [row] = await manager.query<{ total: string }[]>(
      'SELECT COALESCE(SUM(amount), 0) AS total FROM payments WHERE invoice_id = $1 AND cancelled_at IS NULL',
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
      "SELECT COALESCE(SUM(amount), 0) AS total FROM payments WHERE subsidy_id = $1 AND kind = 'REFUND' AND cancelled_at IS NULL",
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
    const deadline = await this.deadlines.create(manager, actor, {
      tenderId: tender.id,
      kind: 'PAYMENT',
      dueAt: warsawDateTime(p.dueOn, PAYMENT_DUE_TIME),
      title: `Płatność: ${PAYMENT_KIND_PL[p.kind]} ${formatPln(p.amount)} (${org?.name ?? p.organisationId})`,
      responsibleOrganisationId: payer,
      origin: 'FINANCE',
      subjectType: 'payment',
      subjectId: p.id,
      financeOrganisationId: p.organisationId,
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
