import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager, IsNull, QueryFailedError } from 'typeorm';
import { AccessPolicyService } from '../auth';
import type { Actor } from '../auth';
import { recordAudit } from '../audit';
import { dateViolation } from '../common/dates';
import {
  assertVersion,
  conflict,
  fieldError,
  fieldRuleError,
  notFound,
  rulesViolated,
  unprocessable,
} from '../common/errors';
import { formatAmount, formatPln, parseAmount } from '../common/money';
import { DeadlineWriter } from '../schedule';
import { tenderFacts } from '../tenders';
import { Contract } from './contract.entity';
import type {
  AllocationDifferenceView,
  CorrectInvoiceDto,
  InvoiceCorrectionPreview,
  InvoiceView,
} from './dto/invoice.dto';
import { FinanceAccess } from './finance-access.service';
import { FinanceViews } from './finance-views.service';
import { InvoiceAllocation } from './invoice-allocation.entity';
import { splitCorrection } from './invoice-correction-split';
import { followInvoiceCorrection } from './invoice-deadline';
import type { AllocationAmounts } from './invoice-split';
import { Invoice } from './invoice.entity';
import { Payment } from './payment.entity';
import { assertVatFollowsRate } from './vat-rule';
import { organisationRows } from '../organisations';

type Amounts = { net: number; vat: number; gross: number };
const f = formatAmount;
const diff = (a: Amounts, b: Amounts): Amounts => ({
  net: a.net - b.net,
  vat: a.vat - b.vat,
  gross: a.gross - b.gross,
});
const view = (a: Amounts) => ({ net: f(a.net), vat: f(a.vat), gross: f(a.gross) });

/**
 * Correcting invoices (faktury korygujące): a new invoice record with its own number, date and
 * reason, holding the amounts after the correction, split by the weights of the state it corrects
 * (invoice-correction-split.ts). The corrected state stays, marked `correctedById`; the payable
 * amount of the chain and its PAYMENT deadline follow the latest state.
 */
@Injectable()
export class InvoiceCorrectionsService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly policy: AccessPolicyService,
    private readonly access: FinanceAccess,
    private readonly views: FinanceViews,
    private readonly deadlines: DeadlineWriter,
  ) {}

  /** What the correction would record, without saving it (the same checks and split). */
  async previewCorrection(
    actor: Actor,
    invoiceId: string,
    dto: CorrectInvoiceDto,
  ): Promise<InvoiceCorrectionPreview> {
    const amounts = correctedAmounts(dto);
    return this.dataSource.transaction(async (manager) => {
      const plan = await this.plan(manager, actor, invoiceId, dto, amounts);
      const part = (a: AllocationAmounts, i: number): AllocationDifferenceView => ({
        organisationId: plan.before[i].organisationId,
        organisationName: plan.before[i].organisationName,
        ...view(a),
      });
      return {
        number: plan.number,
        correctsNumber: plan.latest.number,
        before: view(plan.latest),
        after: view(amounts),
        difference: view(diff(amounts, plan.latest)),
        allocations: plan.parts.map((p, i) => part(p.after, i)),
        differences: plan.parts.map((p, i) => part(p.difference, i)),
      };
    });
  }

  async correctInvoice(
    actor: Actor,
    invoiceId: string,
    dto: CorrectInvoiceDto,
  ): Promise<InvoiceView> {
    const amounts = correctedAmounts(dto);
    let id: string;
    try {
      id = await this.dataSource.transaction(async (manager) => {
        const plan = await this.plan(manager, actor, invoiceId, dto, amounts);
        const { tender, latest, root, parts, before } = plan;
        const reason = dto.reason.trim();
        const repo = manager.getRepository(Invoice);
        const correction = await repo.save(
          repo.create({
            tenderId: tender.id,
            lotId: latest.lotId,
            contractId: latest.contractId,
            organisationId: latest.organisationId,
            number: plan.number,
            contractorNip: latest.contractorNip,
            issuedOn: dto.issuedOn,
            dueOn: plan.dueOn,
            ...amounts,
            vatExemptionReason: plan.vatExemptionReason,
            correctsInvoiceId: latest.id,
            originalInvoiceId: root.id,
            correctionReason: reason,
            createdById: actor.userId,
          }),
        );
        await manager.getRepository(InvoiceAllocation).insert(
          parts.map((p, i) => ({
            invoiceId: correction.id,
            tenderId: tender.id,
            organisationId: before[i].organisationId,
            weight: before[i].weight,
            ...p.after,
          })),
        );
        await manager.update(Invoice, latest.id, {
          correctedById: correction.id,
          version: latest.version + 1,
        });
        await followInvoiceCorrection(
          manager,
          this.deadlines,
          actor,
          tender,
          root,
          correction,
          this.access.today(),
        );
        await recordAudit(manager, actor, {
          action: 'invoice.corrected',
          entityType: 'invoice',
          entityId: correction.id,
          tenderId: tender.id,
          partnershipId: tender.partnershipId,
          organisationId: latest.organisationId,
          data: {
            number: plan.number,
            corrects: latest.number,
            correctsInvoiceId: latest.id,
            original: root.number,
            originalInvoiceId: root.id,
            issuedOn: dto.issuedOn,
            dueOn: plan.dueOn,
            reason,
            before: view(latest),
            after: view(amounts),
            difference: view(diff(amounts, latest)),
            paid: f(plan.paid),
            allocations: parts.map((p, i) => ({
              organisationId: before[i].organisationId,
              ...view(p.difference),
            })),
          },
        });
        return correction.id;
      });
    } catch (err) {
      if (
        err instanceof QueryFailedError &&
        (err.driverError as { code?: string }).code === '23505'
      )
        throw conflict(
          'INVOICE_DUPLICATE',
          `Invoice ${dto.number.trim()} of this contractor is already recorded, or the invoice was corrected meanwhile`,
        );
      throw err;
    }
    const [result] = await this.views.invoiceViews(this.dataSource.manager, { id });
    return result;
  }

  /** Every rule a correction must pass, and its split: shared by the preview and the save. */
  private async plan(
    manager: EntityManager,
    actor: Actor,
    invoiceId: string,
    dto: CorrectInvoiceDto,
    amounts: Amounts,
  ) {
    const named = await manager.getRepository(Invoice).findOne({ where: { id: invoiceId } });
    if (!named) throw notFound('Invoice', invoiceId);
    const { tender, participants } = await this.access.lockTender(manager, actor, named.tenderId);
    const rootId = named.originalInvoiceId ?? named.id;
    const repo = manager.getRepository(Invoice);
    const root = await repo.findOneOrFail({ where: { id: rootId } });
    // The latest state of the chain: a correction of a corrected invoice corrects that state.
    const latest =
      (await repo.findOne({
        where: [
          { id: rootId, correctedById: IsNull() },
          { originalInvoiceId: rootId, correctedById: IsNull() },
        ],
        lock: { mode: 'pessimistic_write' },
      })) ?? root;
    this.policy.assert(actor, {
      action: 'finance.manage',
      tender: tenderFacts(tender, participants),
      organisationId: latest.organisationId,
    });
    assertVersion(
      named.version,
      dto.version,
      'INVOICE_VERSION_CONFLICT',
      `The invoice is at version ${named.version}, not ${dto.version}: it was changed meanwhile`,
    );
    if (latest.cancelledAt || root.cancelledAt)
      throw conflict('INVOICE_CANCELLED', `Invoice ${latest.number} was cancelled`);
    const lot = await this.access.lotOf(manager, tender, latest.lotId);
    const vatExemptionReason =
      dto.vatExemptionReason?.trim() || latest.vatExemptionReason || undefined;
    assertVatFollowsRate('vat', amounts.net, amounts.vat, lot.vatRate, vatExemptionReason);
    const dateProblem = dateViolation('issuedOn', dto.issuedOn, {
      earliest: [
        { on: latest.issuedOn, rule: 'notBeforeCorrectedInvoice', what: 'the invoice it corrects' },
      ],
      latest: [{ on: this.access.today(), rule: 'notInFuture', what: 'today' }],
    });
    if (dateProblem) throw rulesViolated([dateProblem]);
    if (dto.dueOn !== undefined && dto.dueOn < dto.issuedOn)
      throw fieldError('dueOn', 'notBeforeIssuedOn', 'dueOn may not be before issuedOn');
    const number = dto.number.trim();
    const duplicate = await repo.findOne({
      where: { contractorNip: latest.contractorNip, number, cancelledAt: IsNull() },
    });
    if (duplicate) {
      throw conflict(
        'INVOICE_DUPLICATE',
        `Invoice ${number} of the contractor with NIP ${latest.contractorNip} is already recorded`,
        { number, contractorNip: latest.contractorNip },
      );
    }
    await this.assertWithinContract(manager, latest, amounts);
    const paid = await this.assertScheduledFit(manager, root, amounts.gross);
    type Row = { organisationId: string; organisationName: string; weight: string } & Record<
      'net' | 'vat' | 'gross',
      string
    >;
    const before = await manager.query<Row[]>(
      `SELECT a.organisation_id AS "organisationId", o.name AS "organisationName", a.weight,
              a.net, a.vat, a.gross
         FROM invoice_allocations a JOIN ${organisationRows} o ON o.id = a.organisation_id
        WHERE a.invoice_id = $1 ORDER BY o.name, a.organisation_id`,
      [latest.id],
    );
    const weights = before.map((b) => ({
      organisationId: b.organisationId,
      organisationName: b.organisationName,
      weight: Number(b.weight),
      net: Number(b.net),
      vat: Number(b.vat),
      gross: Number(b.gross),
    }));
    const parts = splitCorrection(weights, amounts);
    return {
      tender,
      root,
      latest,
      number,
      dueOn: dto.dueOn ?? latest.dueOn,
      vatExemptionReason: vatExemptionReason ?? null,
      before: weights,
      parts,
      paid,
    };
  }

  /** The contract's invoices in force, with this one corrected, may not exceed the contract. */
  private async assertWithinContract(
    manager: EntityManager,
    latest: Invoice,
    { net, gross }: Amounts,
  ): Promise<void> {
    const contract = await manager
      .getRepository(Contract)
      .findOneOrFail({ where: { id: latest.contractId }, lock: { mode: 'pessimistic_write' } });
    const [billed] = await manager.query<{ net: string; gross: string }[]>(
      `SELECT COALESCE(SUM(net), 0) AS net, COALESCE(SUM(gross), 0) AS gross FROM invoices
        WHERE contract_id = $1 AND cancelled_at IS NULL AND corrected_by_id IS NULL AND id <> $2`,
      [contract.id, latest.id],
    );
    const totalNet = Number(billed.net) + net;
    const totalGross = Number(billed.gross) + gross;
    if (totalNet > contract.amountNet || totalGross > contract.amountGross) {
      throw unprocessable(
        'INVOICE_EXCEEDS_CONTRACT',
        `Invoices of the contract would total ${formatPln(totalGross)} gross (${formatPln(totalNet)} net), more than the contract's ${formatPln(contract.amountGross)} (${formatPln(contract.amountNet)} net)`,
        { contractNet: f(contract.amountNet), contractGross: f(contract.amountGross) },
      );
    }
  }

  /**
   * Lowered below what is paid: allowed (the overpayment shows in the settlement). Lowered below
   * what is paid and scheduled: refused, the scheduled payment is cancelled first. Returns paid.
   */
  private async assertScheduledFit(
    manager: EntityManager,
    root: Invoice,
    gross: number,
  ): Promise<number> {
    const payments = await manager.getRepository(Payment).find({
      where: { invoiceId: root.id, cancelledAt: IsNull() },
      lock: { mode: 'pessimistic_write' },
    });
    const paid = payments.filter((p) => p.paidOn !== null).reduce((s, p) => s + p.amount, 0);
    const scheduled = payments.filter((p) => p.paidOn === null).reduce((s, p) => s + p.amount, 0);
    if (scheduled > 0 && paid + scheduled > gross) {
      throw fieldRuleError(
        'gross',
        'notBelowScheduled',
        `gross ${f(gross)} is below the ${f(paid + scheduled)} paid and scheduled on the invoice: cancel the scheduled payment first`,
      );
    }
    return paid;
  }
}

/** The amounts after the correction: never negative (the amount rule), gross = net + VAT. */
function correctedAmounts(dto: CorrectInvoiceDto): Amounts {
  const net = parseAmount(dto.net);
  const vat = parseAmount(dto.vat);
  const gross = parseAmount(dto.gross);
  if (net + vat !== gross) {
    throw fieldError(
      'gross',
      'netPlusVat',
      `gross must equal net + vat (${f(net)} + ${f(vat)} = ${f(net + vat)})`,
    );
  }
  return { net, vat, gross };
}
