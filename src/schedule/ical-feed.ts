/**
 * A user's deadlines as an RFC 5545 calendar (pure). Times are written in Europe/Warsaw with its
 * VTIMEZONE, from `TZDate`s: given a plain Date plus a time zone, ical-generator would write the
 * server's local wall clock under the Warsaw TZID (ECOSYSTEM.md). ical-generator ends lines with
 * CRLF and folds them at 75 octets; the tests check both, and that DTSTAMP is in UTC.
 */
import { TZDate } from '@date-fns/tz';
import { getVtimezoneComponent } from '@touch4it/ical-timezones';
import ical, { ICalAlarmType, ICalEventStatus } from 'ical-generator';
import { WARSAW } from '../common/polish-calendar';
import { KIND_LABEL_PL, type DeadlineKind, type DeadlineStatus } from './deadline-kinds';
import { formatWarsawPl } from './reminder-messages';
import { describeOffsetPl } from './reminder-plan';

export interface FeedDeadline {
  id: string;
  kind: DeadlineKind;
  title: string;
  dueAt: Date;
  status: DeadlineStatus;
  basis: string | null;
  reminderOffsets: number[];
  responsibleOrganisationName: string | null;
  tenderId: string;
  tenderReference: string;
  tenderTitle: string;
  version: number;
  updatedAt: Date;
}

export interface FeedOptions {
  /** Shown as the calendar's name, e.g. "Wspólnie – terminy (Jan Kowalski)". */
  name: string;
  publicUrl: string;
}

/** An event lasts 30 minutes from the due time: RFC 5545 wants DTEND after DTSTART. */
const EVENT_MINUTES = 30;
const STATUS_PREFIX: Record<DeadlineStatus, string> = {
  OPEN: '',
  DONE: '[wykonano] ',
  MISSED: '[PRZEKROCZONY] ',
  CANCELLED: '[odwołany] ',
};

export function buildDeadlineFeed(deadlines: FeedDeadline[], options: FeedOptions): string {
  const base = options.publicUrl.replace(/\/+$/, '');
  const host = new URL(base).hostname;
  const calendar = ical({
    name: options.name,
    prodId: { company: 'Wspólnie', product: 'Terminy postępowań', language: 'PL' },
    // No calendar-level zone name: ical-generator would then write DTSTAMP as local time without
    // `Z` (RFC 5545 §3.8.7.2 wants UTC). Events carry the zone; the generator adds its VTIMEZONE.
    timezone: { name: null, generator: getVtimezoneComponent },
    ttl: 3600,
    x: { 'X-WR-TIMEZONE': WARSAW },
  });
  for (const d of deadlines) {
    const label = KIND_LABEL_PL[d.kind];
    // A title that already begins with its kind ("Płatność: zaliczka …") is not prefixed twice.
    const name =
      d.title === label || d.title.startsWith(`${label}:`) ? d.title : `${label}: ${d.title}`;
    const link = `${base}/postepowania/${d.tenderId}`;
    const description = [
      `Postępowanie: ${d.tenderTitle} (znak sprawy ${d.tenderReference})`,
      `Termin: ${formatWarsawPl(d.dueAt)}`,
      ...(d.responsibleOrganisationName ? [`Odpowiada: ${d.responsibleOrganisationName}`] : []),
      ...(d.basis ? [`Podstawa: ${d.basis}`] : []),
      `Szczegóły: ${link}`,
    ].join('\n');
    calendar.createEvent({
      id: `deadline-${d.id}@${host}`,
      sequence: d.version,
      stamp: d.updatedAt,
      start: new TZDate(d.dueAt.getTime(), WARSAW),
      end: new TZDate(d.dueAt.getTime() + EVENT_MINUTES * 60_000, WARSAW),
      timezone: WARSAW,
      summary: `${STATUS_PREFIX[d.status]}${name} – ${d.tenderReference}`,
      description,
      url: link,
      status: d.status === 'CANCELLED' ? ICalEventStatus.CANCELLED : ICalEventStatus.CONFIRMED,
      categories: [{ name: d.kind }],
      alarms:
        d.status === 'OPEN'
          ? d.reminderOffsets.map((offset) => ({
              type: ICalAlarmType.display,
              triggerBefore: offset * 60,
              description: `${name} – ${d.tenderReference}: ${describeOffsetPl(offset)}`,
            }))
          : [],
    });
  }
  // RFC 5545 ends every content line with CRLF, the last one too; ical-generator omits that one.
  return `${calendar.toString()}\r\n`;
}
