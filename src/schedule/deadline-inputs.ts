import type { DeadlineKind, DeadlineOrigin, DeadlineStatus } from './deadline-kinds';
import type { Tender } from '../tenders';

/** What callers of DeadlineWriter pass in and get back (no Nest, no database). */
/** A minimum computed elsewhere (the schedule proposal), stored for display. */
export interface PresetMinimum {
  on: string;
  constraint: 'NOT_BEFORE' | 'NOT_AFTER';
  basis: string;
}

/**
 * What another module passes to create a deadline inside its own transaction — a stable API.
 * Finance creates a payment deadline like this (after checking `finance.manage` itself):
 *
 *   await deadlines.createDeadline(manager, actor, {
 *     tenderId, kind: 'PAYMENT', dueAt: warsawDateTime(payment.dueOn, '15:00'),
 *     title: `Płatność ${payment.reference}`, responsibleOrganisationId: payment.organisationId,
 *     origin: 'FINANCE', subjectType: 'payment', subjectId: payment.id,
 *   });
 *
 * and later `findBySubject(manager, 'payment', id)` → `changeDeadline` (new due day),
 * `completeDeadline` (paid) or `cancelDeadline` (withdrawn), all in the caller's transaction.
 * Reminders go to the TREASURER of the responsible organisation and the leader's officers;
 * an unpaid one past due is marked MISSED by the sweep and escalated to that partner's head.
 */
export interface NewDeadline {
  tenderId: string;
  kind: DeadlineKind;
  dueAt: Date;
  title?: string;
  /** Null or absent: the leader (share confirmation: every partner with an unconfirmed share). */
  responsibleOrganisationId?: string | null;
  /** Minutes before dueAt; default REMINDER_OFFSETS. */
  reminderOffsets?: number[];
  note?: string | null;
  origin?: DeadlineOrigin;
  /** What the deadline belongs to in the calling module, e.g. `payment` and its id. */
  subjectType?: string;
  subjectId?: string;
  /** The partner whose finance the deadline states: shown only under `finance.view` of it. */
  financeOrganisationId?: string;
  countedFrom?: string;
  urgent?: boolean;
  priorInformationNotice?: boolean;
  electronic?: boolean;
  minimum?: PresetMinimum | null;
}

/** Changes to a deadline; absent fields stay. */
export interface DeadlinePatch {
  dueAt?: Date;
  title?: string;
  responsibleOrganisationId?: string;
  reminderOffsets?: number[];
  note?: string;
  countedFrom?: string;
  urgent?: boolean;
  priorInformationNotice?: boolean;
  electronic?: boolean;
  minimum?: PresetMinimum | null;
}

/** A deadline as documents quote it (agreement timetable, procedure record). */
export interface DeadlineSnapshot {
  id: string;
  kind: DeadlineKind;
  /** Polish name of the kind. */
  kindLabel: string;
  title: string;
  /** ISO 8601 with the Warsaw offset. */
  dueAt: string;
  status: DeadlineStatus;
  responsibleOrganisationId: string | null;
  responsibleOrganisationName: string | null;
  minimumOn: string | null;
  basis: string | null;
  doneAt: string | null;
}

/**
 * Deadlines of tenders and their reminders. HTTP use cases run in one transaction each; the
 * `…(manager, …)` methods let other modules (finance, documents) create, move and complete
 * deadlines inside THEIR transaction — they check their own access rules first.
 *
 * Reminders are BullMQ delayed jobs written to the outbox in the same transaction, with ids derived
 * from the deadline, its due time and the offset: moving a deadline cancels the old ids and adds the
 * new ones; completing or cancelling it cancels them. The worker re-reads the deadline before
 * sending anything (see RemindersService).
 */

export interface LoadedTender {
  tender: Tender;
  participants: string[];
}
