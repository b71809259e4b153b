/**
 * Polish dates the way an office writes them — "26 listopada 2026 r.", "26 listopada 2026 r.,
 * godz. 09:00", "26.11.2026" — from `Intl.DateTimeFormat('pl-PL')` (its month names in the
 * genitive, as a date with a day needs), one formatter per kind for the process. A bare
 * "YYYY-MM-DD" is a calendar day and is shown as written; an instant is shown in Europe/Warsaw.
 */
const WARSAW = 'Europe/Warsaw';
const DATE_ONLY = /^(\d{4})-(\d{2})-(\d{2})$/;

const dayOf = (timeZone: string) =>
  new Intl.DateTimeFormat('pl-PL', { timeZone, day: 'numeric', month: 'long', year: 'numeric' });
const warsawDay = dayOf(WARSAW);
const utcDay = dayOf('UTC');
const warsawDateTime = new Intl.DateTimeFormat('pl-PL', {
  timeZone: WARSAW,
  day: 'numeric',
  month: 'long',
  year: 'numeric',
  hour: '2-digit',
  minute: '2-digit',
  hourCycle: 'h23',
});
const warsawNumeric = new Intl.DateTimeFormat('pl-PL', {
  timeZone: WARSAW,
  day: '2-digit',
  month: '2-digit',
  year: 'numeric',
});

type Part = 'day' | 'month' | 'year' | 'hour' | 'minute';

function partsOf(format: Intl.DateTimeFormat, instant: Date): Record<Part, string> {
  const out = { day: '', month: '', year: '', hour: '', minute: '' };
  for (const p of format.formatToParts(instant)) if (p.type in out) out[p.type as Part] = p.value;
  return out;
}

function instantOf(input: string | Date): Date {
  const date = input instanceof Date ? input : new Date(input);
  if (Number.isNaN(date.getTime())) throw new RangeError(`Not a valid date: ${String(input)}`);
  return date;
}

/** A bare calendar day as noon UTC (formatted in UTC, so it never shifts), else null. */
function calendarDay(input: string | Date): Date | null {
  if (typeof input !== 'string') return null;
  const m = DATE_ONLY.exec(input);
  if (!m) return null;
  const [year, month, day] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const date = new Date(Date.UTC(year, month - 1, day, 12));
  if (date.getUTCMonth() !== month - 1 || date.getUTCDate() !== day)
    throw new RangeError(`Not a valid date: ${input}`);
  return date;
}

/** "2026-11-26" → "26 listopada 2026 r."; an instant is shown as its day in Europe/Warsaw. */
export function formatDatePl(input: string | Date): string {
  const day = calendarDay(input);
  const p = day ? partsOf(utcDay, day) : partsOf(warsawDay, instantOf(input));
  return `${p.day} ${p.month} ${p.year} r.`;
}

/** "2026-11-26T08:00:00Z" → "26 listopada 2026 r., godz. 09:00" (Europe/Warsaw). */
export function formatDateTimePl(input: string | Date): string {
  const p = partsOf(warsawDateTime, instantOf(input));
  return `${p.day} ${p.month} ${p.year} r., godz. ${p.hour}:${p.minute}`;
}

/** Short numeric day for dense tables: "26.11.2026" (a bare date as written, an instant in Warsaw). */
export function formatDateShortPl(input: string | Date): string {
  const day = calendarDay(input);
  if (day) {
    const [y, m, d] = (input as string).split('-');
    return `${d}.${m}.${y}`;
  }
  const p = partsOf(warsawNumeric, instantOf(input));
  return `${p.day}.${p.month}.${p.year}`;
}

/** Short numeric form for dense tables: "26.11.2026 09:00" (Europe/Warsaw). */
export function formatDateTimeShortPl(input: string | Date): string {
  const instant = instantOf(input);
  const p = partsOf(warsawDateTime, instant);
  return `${formatDateShortPl(instant)} ${p.hour}:${p.minute}`;
}
