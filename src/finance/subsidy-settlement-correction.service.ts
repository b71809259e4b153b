import { Injectable } from '@nestjs/common';
import { DataSource, IsNull } from 'typeorm';
import type { Actor } from '../auth';
import { conflict, unprocessable } from '../common/errors';
import { formatAmount } from '../common/money';
import type { CorrectionReasonDto, PaymentView } from './dto/finance.dto';
import { FinanceAccess } from './finance-access.service';
import { FinanceViews } from './finance-views.service';
import { Payment } from './payment.entity';
import { PaymentSchedule, recordPaymentAudit } from './payment-schedule';

/**
 * A subsidy settlement recorded by mistake (a wrong used amount or day) is cancelled with a
 * reason, never edited: the subsidy is unsettled again and may be settled anew. Its refund of the
 * unused part is cancelled with it while unpaid (its deadline too); a refund already paid is
 * reversed (storno) first.
 */
@Injectable()
export class SubsidySettlementCorrectionService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly access: FinanceAccess,
    private readonly paymentSchedule: PaymentSchedule,
    private readonly views: FinanceViews,
  ) {}

  async cancelSettlement(actor: Actor, id: string, dto: CorrectionReasonDto): Promise<PaymentView> {
    const reason = dto.reason.trim();
    await this.dataSource.transaction(async (manager) => {
      const { payment, tender } = await this.access.lockPaymentToManage(
        manager,
        actor,
        id,
        dto.version,
        'leader',
      );
      if (payment.kind !== 'SUBSIDY')
        throw unprocessable('NOT_A_SUBSIDY', `A ${payment.kind} payment is not settled`);
      if (payment.settledOn === null)
        throw conflict('SUBSIDY_NOT_SETTLED', 'The subsidy has not been settled');
      const refunds = await manager.getRepository(Payment).find({
        where: { subsidyId: payment.id, kind: 'REFUND', cancelledAt: IsNull() },
        lock: { mode: 'pessimistic_write' },
      });
      const paid = refunds.find((r) => r.paidOn !== null);
      if (paid)
        throw conflict(
          'REFUND_ALREADY_PAID',
          `The refund of the unused part was paid on ${paid.paidOn}: reverse it (storno) first`,
          { refundId: paid.id, paidOn: paid.paidOn },
        );
      for (const refund of refunds)
        await this.paymentSchedule.cancelScheduled(manager, actor, tender, refund, reason);
      await manager.update(Payment, payment.id, {
        usedAmount: null,
        settledOn: null,
        version: payment.version + 1,
      });
      await recordPaymentAudit(manager, actor, tender, payment, 'subsidy.settlement_cancelled', {
        amount: formatAmount(payment.amount),
        usedAmount: payment.usedAmount === null ? null : formatAmount(payment.usedAmount),
        settledOn: payment.settledOn,
        refundIds: refunds.map((r) => r.id),
        reason,
      });
    });
    return this.views.paymentView(id);
  }
}
