/**
 * Polish texts of reminders and escalations (pure). They become in-app notifications and, through
 * the notifications queue, e-mails; the link points at the tender.
 */
import { formatDateTimePl } from '../common/dates';
import { ROLE_LABEL_PL, type Role } from '../auth';
import { KIND_LABEL_PL, KIND_TERM_PL, type DeadlineKind } from './deadline-kinds';
import { describeOffsetPl } from './reminder-plan';

/** "15 stycznia 2027 r., godz. 10:00" in Warsaw time. */
export function formatWarsawPl(instant: Date): string {
  return formatDateTimePl(instant);
}

export interface DeadlineFacts {
  id: string;
  kind: DeadlineKind;
  title: string;
  dueAt: Date;
  basis: string | null;
  tenderId: string;
  tenderReference: string;
  tenderTitle: string;
  responsibleOrganisationName: string | null;
}

export interface Message {
  kind: 'deadline.reminder' | 'deadline.missed';
  title: string;
  body: string;
  tenderId: string;
  entityType: 'deadline';
  entityId: string;
  link: string;
}

/** What one group of recipients must do ("Udział Gminy Liszki czeka na …"), if more specific. */
export interface PendingAct {
  organisationName: string;
  role: Role;
}

const linkTo = (d: DeadlineFacts) => `/postepowania/${d.tenderId}`;

/** "Termin płatności „Zapłata faktury …” w postępowaniu „…” (znak sprawy …)": what expires. */
function head(d: DeadlineFacts): string {
  const term = KIND_TERM_PL[d.kind];
  const label = KIND_LABEL_PL[d.kind];
  // A title that repeats its kind ("Płatność: zaliczka …") is quoted without it.
  const title = d.title.startsWith(`${label}: `) ? d.title.slice(label.length + 2) : d.title;
  const named = title === label || title === '' ? term : `${term} „${title}”`;
  return `${named} w postępowaniu „${d.tenderTitle}” (znak sprawy ${d.tenderReference})`;
}

function basisLine(d: DeadlineFacts): string {
  return d.basis ? `\nPodstawa: ${d.basis}.` : '';
}

export function reminderMessage(
  d: DeadlineFacts,
  offsetMinutes: number,
  pending: PendingAct[] = [],
): Message {
  const when = describeOffsetPl(offsetMinutes);
  const todo =
    pending.length > 0
      ? '\nCzeka na: ' +
        pending.map((p) => `${p.organisationName} – ${ROLE_LABEL_PL[p.role]}`).join('; ') +
        '.'
      : d.responsibleOrganisationName
        ? `\nOdpowiada: ${d.responsibleOrganisationName}.`
        : '';
  return {
    kind: 'deadline.reminder',
    title: `Przypomnienie (${when}): ${KIND_LABEL_PL[d.kind]} – ${d.tenderReference}`,
    body: `${head(d)} upływa ${formatWarsawPl(d.dueAt)}.${todo}${basisLine(d)}`,
    tenderId: d.tenderId,
    entityType: 'deadline',
    entityId: d.id,
    link: linkTo(d),
  };
}

export function escalationMessage(d: DeadlineFacts, pending: PendingAct[] = []): Message {
  const who =
    pending.length > 0
      ? '\nNie wykonali: ' +
        pending.map((p) => `${p.organisationName} – ${ROLE_LABEL_PL[p.role]}`).join('; ') +
        '.'
      : d.responsibleOrganisationName
        ? `\nOdpowiada: ${d.responsibleOrganisationName}.`
        : '';
  return {
    kind: 'deadline.missed',
    title: `Termin przekroczony: ${KIND_LABEL_PL[d.kind]} – ${d.tenderReference}`,
    body:
      `${head(d)} upłynął ${formatWarsawPl(d.dueAt)}, a czynność nie została odnotowana ` +
      `jako wykonana.${who}${basisLine(d)}\nUstal z odpowiedzialnymi dalsze kroki i odnotuj ` +
      'wykonanie albo wyznacz nowy termin.',
    tenderId: d.tenderId,
    entityType: 'deadline',
    entityId: d.id,
    link: linkTo(d),
  };
}
