/**
 * Deadline kinds, statuses and who acts on each, as data (no Nest, no TypeORM). Polish labels
 * follow the glossary in DOMAIN.md; they appear in reminders, e-mails and the calendar feed.
 */
import type { Role } from '../auth';

export const DEADLINE_KINDS = [
  'SHARE_CONFIRMATION',
  'QUESTIONS_CUTOFF',
  'ANSWERS_DUE',
  'OFFERS',
  'OPENING',
  'STANDSTILL_END',
  'CONTRACT_SIGNING',
  'OFFER_VALIDITY',
  'PAYMENT',
  'CUSTOM',
] as const;
export type DeadlineKind = (typeof DEADLINE_KINDS)[number];

/** OPEN → DONE | MISSED (by the sweep) | CANCELLED; MISSED → DONE (late) | OPEN (moved later). */
export const DEADLINE_STATUSES = ['OPEN', 'DONE', 'MISSED', 'CANCELLED'] as const;
export type DeadlineStatus = (typeof DEADLINE_STATUSES)[number];

/** Statuses in which a deadline still waits for someone: it can be moved and it reminds. */
export const PENDING_STATUSES: readonly DeadlineStatus[] = ['OPEN', 'MISSED'];

/** Where a deadline came from: by hand, the schedule proposal, or another module. */
export const DEADLINE_ORIGINS = ['MANUAL', 'SCHEDULE', 'FINANCE', 'DOCUMENTS', 'TASKS'] as const;
export type DeadlineOrigin = (typeof DEADLINE_ORIGINS)[number];

export const KIND_LABEL_PL: Record<DeadlineKind, string> = {
  SHARE_CONFIRMATION: 'Potwierdzenie udziałów partnerów',
  QUESTIONS_CUTOFF: 'Termin na wnioski o wyjaśnienie treści SWZ',
  ANSWERS_DUE: 'Termin udzielenia wyjaśnień treści SWZ',
  OFFERS: 'Termin składania ofert',
  OPENING: 'Otwarcie ofert',
  STANDSTILL_END: 'Koniec terminu na zawarcie umowy (standstill)',
  CONTRACT_SIGNING: 'Zawarcie umowy',
  OFFER_VALIDITY: 'Termin związania ofertą',
  PAYMENT: 'Płatność',
  CUSTOM: 'Termin',
};

/**
 * The deadline as the subject of "upływa" / "upłynął" in reminder and escalation texts: always a
 * "termin …" (a label such as "Płatność" cannot expire on its own). A deadline whose title differs
 * from its kind's label is named after it in quotes: Termin płatności „Zapłata faktury …”.
 */
export const KIND_TERM_PL: Record<DeadlineKind, string> = {
  SHARE_CONFIRMATION: 'Termin potwierdzenia udziałów partnerów',
  QUESTIONS_CUTOFF: 'Termin na wnioski o wyjaśnienie treści SWZ',
  ANSWERS_DUE: 'Termin udzielenia wyjaśnień treści SWZ',
  OFFERS: 'Termin składania ofert',
  OPENING: 'Termin otwarcia ofert',
  STANDSTILL_END: 'Termin, przed którego upływem nie zawiera się umowy (standstill),',
  CONTRACT_SIGNING: 'Termin zawarcia umowy',
  OFFER_VALIDITY: 'Termin związania ofertą',
  PAYMENT: 'Termin płatności',
  CUSTOM: 'Termin',
};

/**
 * Roles in the responsible organisation that must act before the deadline (the leader's
 * procurement officers are always told as well). SHARE_CONFIRMATION has none here: it goes to
 * whoever each unconfirmed share waits for (see `pendingStep`).
 */
export const ACTING_ROLES: Record<DeadlineKind, Role[]> = {
  SHARE_CONFIRMATION: [],
  QUESTIONS_CUTOFF: ['PROCUREMENT_OFFICER'],
  ANSWERS_DUE: ['PROCUREMENT_OFFICER', 'LAWYER'],
  OFFERS: ['PROCUREMENT_OFFICER'],
  OPENING: ['PROCUREMENT_OFFICER'],
  STANDSTILL_END: ['PROCUREMENT_OFFICER', 'LAWYER'],
  CONTRACT_SIGNING: ['HEAD', 'PROCUREMENT_OFFICER'],
  OFFER_VALIDITY: ['PROCUREMENT_OFFICER'],
  PAYMENT: ['TREASURER'],
  CUSTOM: ['PROCUREMENT_OFFICER', 'COORDINATOR'],
};

/** Kinds whose due time the Act bounds from below: setting them earlier is refused with 422. */
export const ENFORCED_MINIMUM_KINDS: readonly DeadlineKind[] = ['OFFERS', 'STANDSTILL_END'];

export const MINUTES_PER_DAY = 1440;
/** Offsets up to a year before the due time; at most ten of them. */
export const MAX_OFFSET_MINUTES = 366 * MINUTES_PER_DAY;
export const MAX_OFFSETS = 10;
