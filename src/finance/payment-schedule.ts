import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { Actor } from '../auth';
import { recordAudit } from '../audit';
import { formatAmount, formatPln } from '../common/money';
import { warsawDateTime } from '../common/polish-calendar';
import { organisationNames } from '../organisations';
import { DeadlineWriter } from '../schedule';
import type { Tender } from '../tenders';
import { payerOf, PAYMENT_KIND_PL } from './payment-kinds';
import { Payment } from './payment.entity';

/** A payment is due by the end of its due day (Warsaw): the deadline the payer is reminded of. */
export const PAYMENT_DUE_TIME = '23:59';

/**
 * A payment's place in the schedule, in the caller's transaction: scheduling creates its PAYMENT
 * deadline (reminding the payer's treasurer), cancelling an unpaid one cancels its deadlines.
 * Used by the payments, their corrections, subsidies, and invoices cancelled with their payments.
 */
@Injectable()
export class PaymentSchedule {
  constructor(private readonly deadlines: DeadlineWriter) {}

  /** The payment's deadline (reminding the payer's treasurer) and its audit event. */
  async schedule(manager: EntityManager, actor: Actor, tender: Tender, p: Payment): Promise<void> {
    const payer = payerOf(p, tender.leaderOrganisationId);
    const name = (await organisationNames(manager, [p.organisationId])).get(p.organisationId);
    const deadline = await this.deadlines.create(manager, actor, {
      tenderId: tender.id,
      kind: 'PAYMENT',
      dueAt: warsawDateTime(p.dueOn, PAYMENT_DUE_TIME),
      title: `Płatność: ${PAYMENT_KIND_PL[p.kind]} ${formatPln(p.amount)} (${name ?? p.organisationId})`,
      responsibleOrganisationId: payer,
      origin: 'FINANCE',
      subjectType: 'payment',
      subjectId: p.id,
      financeOrganisationId: p.organisationId,
      note: p.description,
    });
    await recordPaymentAudit(manager, actor, tender, p, 'payment.scheduled', {
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
    });
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
    await recordPaymentAudit(manager, actor, tender, payment, 'payment.cancelled', {
      kind: payment.kind,
      amount: formatAmount(payment.amount),
      dueOn: payment.dueOn,
      reason,
    });
  }
}

/** The audit event of a change of a payment, in the tender's and the payment's organisation's trail. */
export async function recordPaymentAudit(
  manager: EntityManager,
  actor: Actor,
  tender: Tender,
  payment: Pick<Payment, 'id' | 'organisationId'>,
  action: string,
  data: Record<string, unknown>,
): Promise<void> {
  await recordAudit(manager, actor, {
    action,
    entityType: 'payment',
    entityId: payment.id,
    tenderId: tender.id,
    partnershipId: tender.partnershipId,
    organisationId: payment.organisationId,
    data,
  });
}
