import type { EntityManager } from 'typeorm';
import { IsNull } from 'typeorm';
import type { Actor } from '../auth';
import { formatPln } from '../common/money';
import { warsawDateTime } from '../common/polish-calendar';
import type { DeadlineWriter } from '../schedule';
import type { Tender } from '../tenders';
import { Invoice } from './invoice.entity';
import { Payment } from './payment.entity';

/** Deadlines of an invoice are stored with this subject type and the invoice's id. */
export const INVOICE_SUBJECT = 'invoice';
/** An invoice is due by the end of its due day, like a scheduled payment. */
const INVOICE_DUE_TIME = '23:59';

/**
 * The unpaid invoice's due date as a PAYMENT deadline of the partner that pays the contractor:
 * reminders go to its finance, and only those who see that partner's finance see the deadline.
 */
export async function scheduleInvoiceDeadline(
  manager: EntityManager,
  deadlines: DeadlineWriter,
  actor: Actor,
  tender: Tender,
  invoice: Invoice,
  title = `Zapłata faktury ${invoice.number} (${formatPln(invoice.gross)} brutto)`,
): Promise<string> {
  const d = await deadlines.create(manager, actor, {
    tenderId: tender.id,
    kind: 'PAYMENT',
    dueAt: warsawDateTime(invoice.dueOn, INVOICE_DUE_TIME),
    title,
    responsibleOrganisationId: invoice.organisationId,
    origin: 'FINANCE',
    subjectType: INVOICE_SUBJECT,
    subjectId: invoice.id,
    financeOrganisationId: invoice.organisationId,
    note: `Wykonawca NIP ${invoice.contractorNip}, termin płatności ${invoice.dueOn}`,
  });
  return d.id;
}

/**
 * What is payable on an invoice: its latest state (the last correcting invoice of its chain, or
 * itself). Payments and the invoice's own deadline stay on the chain's first invoice.
 */
export async function currentState(manager: EntityManager, invoice: Invoice): Promise<Invoice> {
  if (!invoice.correctedById) return invoice;
  const root = invoice.originalInvoiceId ?? invoice.id;
  return manager.getRepository(Invoice).findOneOrFail({
    where: { originalInvoiceId: root, correctedById: IsNull() },
  });
}

function correctedTitle(root: Invoice, state: Invoice, rest: number): string {
  return `Zapłata faktury ${root.number} po korekcie fakturą ${state.number} (${formatPln(rest)} do zapłaty)`;
}

/**
 * A correcting invoice changed what is payable on `root` (its chain's first invoice): paid in full
 * (or more: the overpayment shows in the settlement) → its deadline is done; otherwise the pending
 * one is replaced by one for the rest, by the correction's due date (today at the earliest), unless
 * payments already scheduled on it cover the rest (their own deadlines remind the payer).
 */
export async function followInvoiceCorrection(
  manager: EntityManager,
  deadlines: DeadlineWriter,
  actor: Actor,
  tender: Tender,
  root: Invoice,
  state: Invoice,
  today: string,
): Promise<void> {
  const payments = await manager
    .getRepository(Payment)
    .find({ where: { invoiceId: root.id, cancelledAt: IsNull() } });
  const paid = payments.filter((p) => p.paidOn !== null).reduce((sum, p) => sum + p.amount, 0);
  const scheduled = payments.filter((p) => p.paidOn === null).reduce((s, p) => s + p.amount, 0);
  const note = `Faktura skorygowana fakturą nr ${state.number}`;
  const pending = (await deadlines.findBySubject(manager, INVOICE_SUBJECT, root.id)).filter(
    (d) => d.status === 'OPEN' || d.status === 'MISSED',
  );
  if (paid >= state.gross) {
    for (const d of pending) await deadlines.complete(manager, actor, d.id, note);
    return;
  }
  for (const d of pending) await deadlines.cancel(manager, actor, d.id, note);
  const rest = state.gross - paid - scheduled;
  if (rest <= 0) return;
  await scheduleInvoiceDeadline(
    manager,
    deadlines,
    actor,
    tender,
    { ...root, gross: state.gross, dueOn: state.dueOn < today ? today : state.dueOn },
    correctedTitle(root, state, rest),
  );
}

/** Cancels the invoice's pending deadlines (the invoice was cancelled or replaced by a correction). */
export async function cancelInvoiceDeadlines(
  manager: EntityManager,
  deadlines: DeadlineWriter,
  actor: Actor,
  invoiceId: string,
  reason: string,
): Promise<void> {
  for (const d of await deadlines.findBySubject(manager, INVOICE_SUBJECT, invoiceId)) {
    if (d.status === 'OPEN' || d.status === 'MISSED')
      await deadlines.cancel(manager, actor, d.id, reason);
  }
}

/** Completes the invoice's deadline once the payments recorded as paid on it reach its gross. */
export async function completeInvoiceDeadlineIfPaid(
  manager: EntityManager,
  deadlines: DeadlineWriter,
  actor: Actor,
  invoice: Invoice,
  note: string,
): Promise<void> {
  const payments = await manager
    .getRepository(Payment)
    .find({ where: { invoiceId: invoice.id, cancelledAt: IsNull() } });
  const paid = payments.filter((p) => p.paidOn !== null).reduce((sum, p) => sum + p.amount, 0);
  if (paid < (await currentState(manager, invoice)).gross) return;
  for (const d of await deadlines.findBySubject(manager, INVOICE_SUBJECT, invoice.id)) {
    if (d.status === 'OPEN' || d.status === 'MISSED')
      await deadlines.complete(manager, actor, d.id, note);
  }
}

/**
 * A scheduled payment was cancelled: the invoice's own deadline comes back (by today at the
 * earliest) unless it is paid in full or another payment scheduled on it still reminds its payer.
 * While a payment is scheduled on the invoice, that payment's deadline is the one that reminds
 * (scheduling cancels the invoice's own, so the payer is not reminded twice of the same money);
 * a storno makes that payment due again with a new deadline of its own.
 */
export async function reopenInvoiceDeadline(
  manager: EntityManager,
  deadlines: DeadlineWriter,
  actor: Actor,
  tender: Tender,
  invoice: Invoice,
  today: string,
): Promise<void> {
  if (invoice.cancelledAt) return;
  const payments = await manager
    .getRepository(Payment)
    .find({ where: { invoiceId: invoice.id, cancelledAt: IsNull() } });
  if (payments.some((p) => p.paidOn === null)) return;
  const paid = payments.reduce((sum, p) => sum + p.amount, 0);
  const state = await currentState(manager, invoice);
  if (paid >= state.gross) return;
  const pending = (await deadlines.findBySubject(manager, INVOICE_SUBJECT, invoice.id)).some(
    (d) => d.status === 'OPEN' || d.status === 'MISSED',
  );
  if (pending) return;
  await scheduleInvoiceDeadline(
    manager,
    deadlines,
    actor,
    tender,
    { ...invoice, gross: state.gross, dueOn: state.dueOn < today ? today : state.dueOn },
    state === invoice ? undefined : correctedTitle(invoice, state, state.gross - paid),
  );
}
