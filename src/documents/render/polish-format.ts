// ts-node compiles only what is imported: point it at the declaration of n2words/pl-PL.
// eslint-disable-next-line @typescript-eslint/triple-slash-reference
/// <reference path="./n2words.d.ts" />
import { toCardinal } from 'n2words/pl-PL';
import { formatPln as formatPlnShared } from '../../common/money';

/** Genitive month names: Polish dates read "26 listopada 2026 r.". */
const MONTHS_GENITIVE = [
  'stycznia',
  'lutego',
  'marca',
  'kwietnia',
  'maja',
  'czerwca',
  'lipca',
  'sierpnia',
  'września',
  'października',
  'listopada',
  'grudnia',
] as const;

const WARSAW = 'Europe/Warsaw';

const DATE_ONLY = /^(\d{4})-(\d{2})-(\d{2})$/;

interface CalendarParts {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
}

// One formatter for the process: building Intl formatters is the slow part of time-zone maths.
const warsawParts = new Intl.DateTimeFormat('en-GB', {
  timeZone: WARSAW,
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  hourCycle: 'h23',
});

function parseInstant(iso: string | Date): Date {
  const date = iso instanceof Date ? iso : new Date(iso);
  if (Number.isNaN(date.getTime())) {
    throw new RangeError(`Not a valid date: ${String(iso)}`);
  }
  return date;
}

function toWarsaw(iso: string | Date): CalendarParts {
  const parts = warsawParts.formatToParts(parseInstant(iso));
  const get = (type: Intl.DateTimeFormatPartTypes): number =>
    Number(parts.find((p) => p.type === type)?.value ?? NaN);
  return {
    year: get('year'),
    month: get('month'),
    day: get('day'),
    hour: get('hour'),
    minute: get('minute'),
  };
}

function calendarDay(input: string | Date): { year: number; month: number; day: number } {
  // A bare "YYYY-MM-DD" is a calendar day (a deadline, a date of signature): it must not shift
  // by the time zone, so it is read as written. Instants are shown as the day in Warsaw.
  if (typeof input === 'string') {
    const m = DATE_ONLY.exec(input);
    if (m) {
      const [year, month, day] = [Number(m[1]), Number(m[2]), Number(m[3])];
      if (month < 1 || month > 12 || day < 1 || day > 31) {
        throw new RangeError(`Not a valid date: ${input}`);
      }
      return { year, month, day };
    }
  }
  return toWarsaw(input);
}

/** "2026-11-26" → "26 listopada 2026 r."; an instant is shown as its day in Europe/Warsaw. */
export function formatDatePl(input: string | Date): string {
  const { year, month, day } = calendarDay(input);
  return `${day} ${MONTHS_GENITIVE[month - 1]} ${year} r.`;
}

/** "2026-11-26T08:00:00Z" → "26 listopada 2026 r., godz. 09:00" (Europe/Warsaw). */
export function formatDateTimePl(iso: string | Date): string {
  const { year, month, day, hour, minute } = toWarsaw(iso);
  const hh = String(hour).padStart(2, '0');
  const mm = String(minute).padStart(2, '0');
  return `${day} ${MONTHS_GENITIVE[month - 1]} ${year} r., godz. ${hh}:${mm}`;
}

/** Short numeric day for dense tables: "26.11.2026" (a bare date as written, an instant in Warsaw). */
export function formatDateShortPl(input: string | Date): string {
  const { year, month, day } = calendarDay(input);
  return `${String(day).padStart(2, '0')}.${String(month).padStart(2, '0')}.${year}`;
}

/** Short numeric form for dense tables: "26.11.2026 09:00" (Europe/Warsaw). */
export function formatDateTimeShortPl(iso: string | Date): string {
  const { year, month, day, hour, minute } = toWarsaw(iso);
  const p = (n: number): string => String(n).padStart(2, '0');
  return `${p(day)}.${p(month)}.${year} ${p(hour)}:${p(minute)}`;
}

function assertGrosz(grosz: number): void {
  if (!Number.isSafeInteger(grosz)) {
    throw new RangeError(`Money must be an integer number of grosz, got ${grosz}`);
  }
}

/** 123456789 → "1 234 567,89 zł" (normal spaces, so pdftotext and search find it). */
export function formatPln(grosz: number): string {
  // One spelling of amounts in the whole service: the API, e-mails and documents share it.
  return formatPlnShared(grosz);
}

/** 123456789 → "1 234 567,89": for table columns whose header already says "zł". */
export function formatAmountPl(grosz: number): string {
  return formatPln(grosz).replace(/ zł$/, '');
}

/** Polish plural of "złoty": 1 złoty, 2–4 złote (not 12–14), otherwise złotych. */
export function zlotyForm(zloty: number): 'złoty' | 'złote' | 'złotych' {
  const n = Math.abs(zloty);
  if (n === 1) return 'złoty';
  const lastDigit = n % 10;
  const lastTwo = n % 100;
  if (lastDigit >= 2 && lastDigit <= 4 && (lastTwo < 12 || lastTwo > 14)) return 'złote';
  return 'złotych';
}

/**
 * 123456 → "tysiąc dwieście trzydzieści cztery złote 56/100": złote in words, grosze as NN/100,
 * the form used after "słownie:" on Polish invoices and agreements. n2words' toCurrency would
 * spell the grosze out too, so only its cardinal is used and the złoty form is chosen here.
 */
export function amountInWordsPl(grosz: number): string {
  assertGrosz(grosz);
  const abs = Math.abs(grosz);
  const zloty = Math.trunc(abs / 100);
  const rest = abs % 100;
  const words = `${toCardinal(zloty)} ${zlotyForm(zloty)} ${String(rest).padStart(2, '0')}/100`;
  return grosz < 0 ? `minus ${words}` : words;
}

/** "1 234,56 zł (słownie: tysiąc dwieście trzydzieści cztery złote 56/100)". */
export function formatPlnWithWords(grosz: number): string {
  return `${formatPln(grosz)} (słownie: ${amountInWordsPl(grosz)})`;
}

/** Basis points (1/100 of a percent) → "12,34%". */
export function formatPercentBp(basisPoints: number): string {
  assertGrosz(basisPoints);
  const sign = basisPoints < 0 ? '-' : '';
  const abs = Math.abs(basisPoints);
  return `${sign}${Math.trunc(abs / 100)},${String(abs % 100).padStart(2, '0')}%`;
}

/** 23 → "23%", 5.5 → "5,5%". */
export function formatVatRate(rate: number): string {
  return `${String(rate).replace('.', ',')}%`;
}
