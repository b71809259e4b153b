import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { Actor } from '../auth';
import { conflict } from '../common/errors';
import { formatAmount } from '../common/money';
import { DeadlineWriter } from '../schedule';
import type { CorrectionReasonDto, PaymentView } from './dto/finance.dto';
import { FinanceAccess } from './finance-access.service';
import { FinanceViews } from './finance-views.service';
import { Invoice } from './invoice.entity';
import { reopenInvoiceDeadline } from './invoice-deadline';
import { PaymentSchedule, recordPaymentAudit } from './payment-schedule';
import { Payment } from './payment.entity';

/**
 * Corrections of a payment, each a new state with its audit event (nothing is deleted): cancelling
 * a scheduled one entered by mistake, and storno of one recorded as paid by mistake.
 */
@Injectable()
export class PaymentCorrectionsService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly deadlines: DeadlineWriter,
    private readonly access: FinanceAccess,
    private readonly views: FinanceViews,
    private readonly paymentSchedule: PaymentSchedule,
  ) {}

  /** Cancels a scheduled (unpaid) payment entered by mistake: its deadline is cancelled, reminders stop. */
  async cancelPayment(actor: Actor, id: string, dto: CorrectionReasonDto): Promise<PaymentView> {
    const reason = dto.reason.trim();
    await this.dataSource.transaction(async (manager) => {
      const { payment, tender } = await this.access.lockPaymentToManage(
        manager,
        actor,
        id,
        dto.version,
      );
      if (payment.cancelledAt)
        throw conflict('PAYMENT_CANCELLED', 'The payment is already cancelled');
      if (payment.paidOn !== null) {
        throw conflict(
          'PAYMENT_ALREADY_PAID',
          `The payment was paid on ${payment.paidOn}: reverse it (storno) instead of cancelling`,
          { paidOn: payment.paidOn },
        );
      }
      await this.paymentSchedule.cancelScheduled(manager, actor, tender, payment, reason);
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

  /**
   * Storno: a payment recorded as paid by mistake is due again. Its record of payment (paidOn,
   * reference) moves to the reversal and stays visible; a new deadline reminds the payer.
   */
  async reversePayment(actor: Actor, id: string, dto: CorrectionReasonDto): Promise<PaymentView> {
    const reason = dto.reason.trim();
    await this.dataSource.transaction(async (manager) => {
      const { payment, tender } = await this.access.lockPaymentToManage(
        manager,
        actor,
        id,
        dto.version,
      );
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
      await recordPaymentAudit(manager, actor, tender, payment, 'payment.reversed', {
        kind: payment.kind,
        amount: formatAmount(payment.amount),
        paidOn: payment.paidOn,
        reference: payment.reference,
        reason,
      });
      const today = this.access.today();
      await this.paymentSchedule.schedule(manager, actor, tender, {
        ...payment,
        dueOn: payment.dueOn < today ? today : payment.dueOn,
        paidOn: null,
      });
    });
    return this.views.paymentView(id);
  }
}
