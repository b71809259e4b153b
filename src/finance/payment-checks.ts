import type { EntityManager } from 'typeorm';
import { assertVersion, fieldError, unprocessable } from '../common/errors';
import { formatAmount, formatPln } from '../common/money';
import type { Tender } from '../tenders';
import type { CreatePaymentDto } from './dto/finance.dto';
import { Invoice } from './invoice.entity';
import { currentState } from './invoice-deadline';
import { Payment } from './payment.entity';
import { subsidyReturnDeadline } from './subsidy-terms';

/**
 * The checks a new payment passes by its kind (an invoice payment, a refund of a subsidy, a
 * subsidy's terms), and the version check of every change of a payment.
 */

/** The invoice's payments go on its chain's first invoice (the id returned), up to its latest state. */
export async function checkInvoicePayment(
  manager: EntityManager,
  tender: Tender,
  dto: CreatePaymentDto,
  amount: number,
): Promise<string> {
  if (!dto.invoiceId)
    throw fieldError('invoiceId', 'isDefined', 'invoiceId is required for an INVOICE_PAYMENT');
  const named = await manager.getRepository(Invoice).findOne({
    where: { id: dto.invoiceId, tenderId: tender.id },
  });
  const invoice = await manager.getRepository(Invoice).findOne({
    where: { id: named?.originalInvoiceId ?? dto.invoiceId, tenderId: tender.id },
    lock: { mode: 'pessimistic_write' },
  });
  if (!invoice)
    throw fieldError('invoiceId', 'invoiceOfTender', 'invoiceId is not an invoice of this tender');
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
  const { gross } = await currentState(manager, invoice);
  if (scheduled + amount > gross) {
    throw unprocessable(
      'PAYMENT_EXCEEDS_INVOICE',
      `Payments of invoice ${invoice.number} would total ${formatPln(scheduled + amount)}, more than its ${formatPln(gross)} gross`,
      { invoiceGross: formatAmount(gross), scheduled: formatAmount(scheduled) },
    );
  }
  return invoice.id;
}

/** A refund returns at most what of its subsidy is unused and not yet refunded. */
export async function checkRefund(
  manager: EntityManager,
  dto: CreatePaymentDto,
  amount: number,
): Promise<void> {
  const subsidy = await manager.getRepository(Payment).findOne({
    where: { id: dto.subsidyId, kind: 'SUBSIDY', organisationId: dto.organisationId },
    lock: { mode: 'pessimistic_write' },
  });
  if (!subsidy)
    throw fieldError('subsidyId', 'subsidyOfPartner', 'subsidyId is not a subsidy of this partner');
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

/** A subsidy's terms (resolution, agreement, use and settlement days) and its return deadline. */
export function subsidyFields(dto: CreatePaymentDto): Partial<Payment> {
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

export function assertPaymentVersion(p: Payment, version: number | undefined): void {
  assertVersion(
    p.version,
    version,
    'PAYMENT_VERSION_CONFLICT',
    `The payment is at version ${p.version}, not ${version}`,
  );
}
