/**
 * Day-level calendar in Europe/Warsaw.
 *
 * Statutory time limits are counted in whole calendar days of the Polish calendar (KC art. 111), so
 * days are plain `YYYY-MM-DD` strings, never `Date`s: a `Date` is an instant, and the same instant is
 * a different day in Warsaw and in UTC for one or two hours every night. Arithmetic on these strings
 * is done on UTC midnights, which has no DST and therefore no 23- or 25-hour days. Only the two
 * bridges to instants (`warsawDate`, `warsawDateTime`) know about the time zone.
 */
import { TZDate, tz, tzOffset } from '@date-fns/tz';
import { formatISO } from 'date-fns';
import { holidayName } from './holidays';

export const WARSAW = 'Europe/Warsaw';

const MS_PER_MINUTE = 60_000;
const MS_PER_HOUR = 3_600_000;
const MS_PER_DAY = 86_400_000;
const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const HH_MM = /^([01]\d|2[0-3]):([0-5]\d)$/;

/** Polish weekday names, Sunday first (as `Date#getUTCDay`). */
const WEEKDAYS_PL = [
  'niedziela',
  'poniedziałek',
  'wtorek',
  'środa',
  'czwartek',
  'piątek',
  'sobota',
] as const;

/** Parses a YYYY-MM-DD string naming a real day into its UTC-midnight epoch day number. */
function toDayNumber(date: string, field = 'date'): number {
  const m = typeof date === 'string' ? ISO_DATE.exec(date) : null;
  if (m) {
    const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
    // setUTCFullYear: Date.UTC maps years 0-99 to 1900-1999.
    const probe = new Date(Date.UTC(2000, mo - 1, d));
    probe.setUTCFullYear(y);
    if (probe.getUTCMonth() === mo - 1 && probe.getUTCDate() === d) {
      return Math.round(probe.getTime() / MS_PER_DAY);
    }
  }
  throw new RangeError(
    `${field} must be a calendar date as YYYY-MM-DD, got ${JSON.stringify(date)}`,
  );
}

function fromDayNumber(day: number): string {
  return new Date(day * MS_PER_DAY).toISOString().slice(0, 10);
}

/**
 * Throws a RangeError naming `field` unless `date` is a real calendar day as YYYY-MM-DD
 * (2026-02-30 and 2026-2-3 are refused). Returns the date for chaining.
 */
export function assertIsoDate(date: string, field = 'date'): string {
  toDayNumber(date, field);
  return date;
}

/** Whether `date` is a real calendar day as YYYY-MM-DD. */
export function isIsoDate(date: unknown): boolean {
  if (typeof date !== 'string') return false;
  try {
    toDayNumber(date);
    return true;
  } catch {
    return false;
  }
}

/** `date` plus `days` calendar days (negative goes back). */
export function addCalendarDays(date: string, days: number): string {
  if (!Number.isSafeInteger(days)) {
    throw new RangeError(`days must be an integer, got ${days}`);
  }
  return fromDayNumber(toDayNumber(date) + days);
}

/** Whole calendar days from `from` to `to` (negative when `to` is earlier). */
export function daysBetween(from: string, to: string): number {
  return toDayNumber(to, 'to') - toDayNumber(from, 'from');
}

/** 0 = Sunday … 6 = Saturday. */
export function dayOfWeek(date: string): number {
  return new Date(toDayNumber(date) * MS_PER_DAY).getUTCDay();
}

export function isSaturday(date: string): boolean {
  return dayOfWeek(date) === 6;
}

export function isSunday(date: string): boolean {
  return dayOfWeek(date) === 0;
}

/**
 * A day off in the sense of KC art. 115 and Pzp art. 8 ust. 5: a Saturday, or a statutory day off
 * (every Sunday and the holidays of art. 1 of the Act on days off).
 */
export function isDayOff(date: string): boolean {
  const dow = dayOfWeek(date);
  return dow === 0 || dow === 6 || holidayName(date) !== undefined;
}

/** A working day (dzień roboczy, Pzp art. 8 ust. 5): neither Saturday nor a statutory day off. */
export function isWorkingDay(date: string): boolean {
  return !isDayOff(date);
}

/**
 * Largest run of consecutive days off possible in the Polish calendar (24–28 Dec 2025 is five):
 * a bound that turns a bug in the holiday data into an error instead of an endless loop.
 */
const MAX_DAYS_OFF_IN_A_ROW = 10;

function stepToWorkingDay(date: string, step: 1 | -1, inclusive: boolean): string {
  let day = toDayNumber(date);
  if (!inclusive) day += step;
  for (let i = 0; i <= MAX_DAYS_OFF_IN_A_ROW; i++, day += step) {
    const candidate = fromDayNumber(day);
    if (isWorkingDay(candidate)) return candidate;
  }
  throw new Error(`No working day within ${MAX_DAYS_OFF_IN_A_ROW} days of ${date}`);
}

/** The first working day strictly after `date`. */
export function nextWorkingDay(date: string): string {
  return stepToWorkingDay(date, 1, false);
}

/** The last working day strictly before `date`. */
export function previousWorkingDay(date: string): string {
  return stepToWorkingDay(date, -1, false);
}

/** `date` itself when it is a working day, else the next working day. */
export function workingDayOnOrAfter(date: string): string {
  return stepToWorkingDay(date, 1, true);
}

/** `date` itself when it is a working day, else the previous working day. */
export function workingDayOnOrBefore(date: string): string {
  return stepToWorkingDay(date, -1, true);
}

/** Working days in the half-open range (`after`, `upTo`]: the event day is not counted. */
export function countWorkingDays(after: string, upTo: string): number {
  const start = toDayNumber(after, 'after');
  const end = toDayNumber(upTo, 'upTo');
  let count = 0;
  for (let day = start + 1; day <= end; day++) {
    if (isWorkingDay(fromDayNumber(day))) count++;
  }
  return count;
}

/**
 * A short Polish description of a day for messages, in a form that needs no declension:
 * "2026-12-26 (sobota, Drugi dzień Bożego Narodzenia)".
 */
export function describeDay(date: string): string {
  const name = holidayName(date);
  return `${date} (${WEEKDAYS_PL[dayOfWeek(date)]}${name ? `, ${name}` : ''})`;
}

/** The calendar day in Warsaw on which the instant falls. */
export function warsawDate(instant: Date): string {
  if (!(instant instanceof Date) || Number.isNaN(instant.getTime())) {
    throw new RangeError('instant must be a valid Date');
  }
  const local = new TZDate(instant.getTime(), WARSAW);
  const y = String(local.getFullYear()).padStart(4, '0');
  const m = String(local.getMonth() + 1).padStart(2, '0');
  const d = String(local.getDate()).padStart(2, '0');
  return `${y}-${m}-${d}`;
}

/**
 * The instant at which Warsaw clocks show `time` (HH:mm) on `date`; DST-correct (10:00 is 09:00Z in
 * winter and 08:00Z in summer).
 *
 * At the two DST switches the answer is fixed here rather than left to @date-fns/tz, whose choice
 * for an ambiguous time depends on the server's own time zone (a deadline must not move with the
 * host): a time that does not exist (02:30 on the last Sunday of March) moves forward by the gap, to
 * 03:30 CEST; an ambiguous one (02:30 on the last Sunday of October) is the later instant, CET, which
 * never shortens a period ending then. Deadlines use office hours, so neither arises in practice.
 */
export function warsawDateTime(date: string, time: string): Date {
  const day = toDayNumber(date);
  const t = typeof time === 'string' ? HH_MM.exec(time) : null;
  if (!t) throw new RangeError(`time must be HH:mm (00:00–23:59), got ${JSON.stringify(time)}`);
  const utc = new Date(day * MS_PER_DAY);
  // The requested wall-clock time written as if it were UTC, to compare wall clocks as numbers.
  const wall = day * MS_PER_DAY + (Number(t[1]) * 60 + Number(t[2])) * MS_PER_MINUTE;
  const wallAt = (instant: number): number =>
    instant + tzOffset(WARSAW, new Date(instant)) * MS_PER_MINUTE;

  const guess = new TZDate(
    utc.getUTCFullYear(),
    utc.getUTCMonth(),
    utc.getUTCDate(),
    Number(t[1]),
    Number(t[2]),
    WARSAW,
  ).getTime();
  // Warsaw's offset changes by one hour, so every instant showing `wall` is within an hour of it.
  const matches = [guess - MS_PER_HOUR, guess, guess + MS_PER_HOUR].filter(
    (instant) => wallAt(instant) === wall,
  );
  if (matches.length > 0) return new Date(Math.max(...matches));
  // In the spring gap: read the time with the offset in force before the switch.
  return new Date(wall - tzOffset(WARSAW, new Date(wall - MS_PER_DAY)) * MS_PER_MINUTE);
}

/** An instant as ISO 8601 with the Warsaw offset, e.g. "2026-12-28T10:00:00+01:00". */
export function toWarsawIso(instant: Date): string {
  if (!(instant instanceof Date) || Number.isNaN(instant.getTime())) {
    throw new RangeError('instant must be a valid Date');
  }
  return formatISO(instant, { in: tz(WARSAW) });
}
