import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { Actor } from '../auth';
import { conflict, fieldError, unprocessable } from '../common/errors';
import { formatAmount, formatPln, parseAmount } from '../common/money';
import type { SettleSubsidyDto, SettleSubsidyView } from './dto/finance.dto';
import { FinanceAccess } from './finance-access.service';
import { FinanceViews } from './finance-views.service';
import { PaymentSchedule, recordPaymentAudit } from './payment-schedule';
import { Payment } from './payment.entity';

/**
 * Subsidies (pomoc finansowa, dotacja celowa): settling one the leader received records what it
 * used and creates the refund of the unused part with its deadline. Entering a subsidy or its
 * refund is a payment (`PaymentsService`).
 */
@Injectable()
export class SubsidiesService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly access: FinanceAccess,
    private readonly views: FinanceViews,
    private readonly paymentSchedule: PaymentSchedule,
  ) {}

  /**
   * Settles a targeted subsidy the leader received: what it used; the unused rest becomes a REFUND
   * due by the return deadline (ufp art. 251), with its own deadline for the leader's treasurer.
   */
  async settleSubsidy(actor: Actor, id: string, dto: SettleSubsidyDto): Promise<SettleSubsidyView> {
    const usedAmount = parseAmount(dto.usedAmount);
    const refundId = await this.dataSource.transaction(async (manager) => {
      const { payment, tender } = await this.access.lockPaymentToManage(
        manager,
        actor,
        id,
        dto.version,
        'leader',
      );
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
      await recordPaymentAudit(manager, actor, tender, payment, 'subsidy.settled', {
        amount: formatAmount(payment.amount),
        usedAmount: formatAmount(usedAmount),
        unused: formatAmount(unused),
        settledOn: dto.settledOn,
        settlementDueOn: payment.settlementDueOn,
        returnDueOn: payment.returnDueOn,
        refundId: refund?.id ?? null,
      });
      if (refund) await this.paymentSchedule.schedule(manager, actor, tender, refund);
      return refund?.id ?? null;
    });
    return {
      subsidy: await this.views.paymentView(id),
      refund: refundId ? await this.views.paymentView(refundId) : null,
    };
  }
}
