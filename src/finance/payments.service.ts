import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { AccessPolicyService } from '../auth';
import type { Actor } from '../auth';
import { resolutionNumberProblem } from '../common/budget';
import { dateViolation } from '../common/dates';
import { conflict, fieldError, notFound, rulesViolated, unprocessable } from '../common/errors';
import { formatAmount, parseAmount } from '../common/money';
import { warsawDate } from '../common/polish-calendar';
import { DeadlineWriter } from '../schedule';
import { tenderFacts, TendersService } from '../tenders';
import type { CreatePaymentDto, MarkPaidDto, PaymentView } from './dto/finance.dto';
import { FinanceAccess } from './finance-access.service';
import { FinanceViews } from './finance-views.service';
import { Invoice } from './invoice.entity';
import { cancelInvoiceDeadlines, completeInvoiceDeadlineIfPaid } from './invoice-deadline';
import { checkInvoicePayment, checkRefund, subsidyFields } from './payment-checks';
import { kindAllowed, payerOf } from './payment-kinds';
import { PaymentSchedule, recordPaymentAudit } from './payment-schedule';
import { Payment } from './payment.entity';

/**
 * Payments (advances, subsidies, refunds, invoice payments): entering one creates its PAYMENT
 * deadline with reminders for the payer's treasurer in the same transaction; paying completes it.
 * Cancelling and storno are `PaymentCorrectionsService`, settling a subsidy `SubsidiesService`.
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
    private readonly paymentSchedule: PaymentSchedule,
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
        fields.invoiceId = await checkInvoicePayment(manager, tender, dto, amount);
      if (dto.kind === 'REFUND' && dto.subsidyId) await checkRefund(manager, dto, amount);
      if (dto.kind === 'SUBSIDY') Object.assign(fields, subsidyFields(dto));
      const payment = await manager.getRepository(Payment).save(
        manager.getRepository(Payment).create({
          tenderId: tender.id,
          organisationId: dto.organisationId,
          kind: dto.kind,
          amount,
          dueOn: dto.dueOn,
          description: dto.description?.trim() || null,
          invoiceId: null,
          subsidyId: dto.kind === 'REFUND' ? (dto.subsidyId ?? null) : null,
          ...fields,
          createdById: actor.userId,
        }),
      );
      await this.paymentSchedule.schedule(manager, actor, tender, payment);
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
      const { payment, tender } = await this.access.lockPaymentToManage(
        manager,
        actor,
        id,
        dto.version,
      );
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
      await recordPaymentAudit(manager, actor, tender, payment, 'payment.paid', {
        kind: payment.kind,
        amount: formatAmount(payment.amount),
        dueOn: payment.dueOn,
        paidOn: dto.paidOn,
        reference,
        late: dto.paidOn > payment.dueOn,
      });
    });
    return this.views.paymentView(id);
  }
}
