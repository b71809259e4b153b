/**
 * Polish statutory holidays (ustawa z 18.01.1951 o dniach wolnych od pracy, art. 1).
 *
 * The names and the day list come from `date-holidays` (type `public` only), but a wrong day here
 * moves or shortens a procurement time limit, so the library is not trusted blindly: every year is
 * reconciled against the statute, kept below as versioned data. Days the statute names and the
 * library lacks are added; days the library marks `public` that the statute does not name (in that
 * year) are dropped. The reconciliation is cached per year and its corrections are visible through
 * `holidayCorrections(year)`, so an outdated library shows up in logs and tests instead of in a
 * wrongly computed deadline.
 *
 * Sundays are days off by the same art. 1, but they are not listed here: the calendar treats every
 * Sunday as a day off by weekday (see `calendar.ts`). Easter Sunday and Pentecost Sunday are listed
 * anyway because the statute names them and callers show their names.
 */
import Holidays from 'date-holidays';

/** A statutory holiday on a calendar day in Poland. */
export interface Holiday {
  /** YYYY-MM-DD */
  date: string;
  /** Polish name. */
  name: string;
}

/** What the reconciliation changed in the library's list for one year. */
export interface HolidayCorrections {
  /** Statutory holidays the library did not list as `public`: added. */
  added: Holiday[];
  /** Days the library listed as `public` that are not statutory holidays in that year: dropped. */
  removed: Holiday[];
}

/** Years for which the statutory table below is complete (3 May restored in 1990). */
export const HOLIDAY_YEARS = { from: 1990, to: 2199 } as const;

/**
 * One holiday rule of art. 1 of the Act, with the years it is in force. `validFrom`/`validTo` are
 * years (inclusive), because the Act changes holidays from a given year on.
 */
interface StatutoryHolidayRule {
  name: string;
  /** Fixed day: [month 1-12, day]; or days after Easter Sunday. */
  on: { fixed: readonly [number, number] } | { easterOffset: number };
  validFrom?: number;
  validTo?: number;
  /** The provision that makes it a holiday in that period. */
  basis: string;
}

const ACT = 'art. 1 ustawy o dniach wolnych od pracy';

export const STATUTORY_HOLIDAY_RULES: readonly StatutoryHolidayRule[] = [
  { name: 'Nowy Rok', on: { fixed: [1, 1] }, basis: ACT },
  // Restored by the 2010 amendment of the Act, a day off again from 2011.
  { name: 'Święto Trzech Króli', on: { fixed: [1, 6] }, validFrom: 2011, basis: ACT },
  { name: 'Niedziela Wielkanocna', on: { easterOffset: 0 }, basis: ACT },
  { name: 'Drugi dzień Wielkanocy', on: { easterOffset: 1 }, basis: ACT },
  { name: 'Święto Państwowe', on: { fixed: [5, 1] }, basis: ACT },
  { name: 'Święto Narodowe Trzeciego Maja', on: { fixed: [5, 3] }, validFrom: 1990, basis: ACT },
  { name: 'Zielone Świątki', on: { easterOffset: 49 }, basis: ACT },
  { name: 'Dzień Bożego Ciała', on: { easterOffset: 60 }, basis: ACT },
  { name: 'Wniebowzięcie Najświętszej Maryi Panny', on: { fixed: [8, 15] }, basis: ACT },
  { name: 'Wszystkich Świętych', on: { fixed: [11, 1] }, basis: ACT },
  { name: 'Narodowe Święto Niepodległości', on: { fixed: [11, 11] }, basis: ACT },
  // Added by the amendment adopted at the end of 2024, first applied to 24.12.2025; it is NOT a
  // holiday in 2024 or earlier, and a library that says otherwise is corrected.
  { name: 'Wigilia Bożego Narodzenia', on: { fixed: [12, 24] }, validFrom: 2025, basis: ACT },
  { name: 'Pierwszy dzień Bożego Narodzenia', on: { fixed: [12, 25] }, basis: ACT },
  { name: 'Drugi dzień Bożego Narodzenia', on: { fixed: [12, 26] }, basis: ACT },
];

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/**
 * The year of a YYYY-MM-DD string that names a real calendar day. Kept local (calendar.ts has the
 * public parser) so that this module, the lowest layer, imports nothing of ours.
 */
function yearOfValidDate(date: string): number {
  const m = typeof date === 'string' ? ISO_DATE.exec(date) : null;
  if (m) {
    const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
    const probe = new Date(Date.UTC(2000, mo - 1, d));
    probe.setUTCFullYear(y);
    if (probe.getUTCMonth() === mo - 1 && probe.getUTCDate() === d) return y;
  }
  throw new RangeError(`Expected a calendar date as YYYY-MM-DD, got ${JSON.stringify(date)}`);
}

function assertSupportedYear(year: number): void {
  if (!Number.isInteger(year) || year < HOLIDAY_YEARS.from || year > HOLIDAY_YEARS.to) {
    throw new RangeError(
      `Statutory holidays are known for ${HOLIDAY_YEARS.from}–${HOLIDAY_YEARS.to}, got year ${year}`,
    );
  }
}

function utcDay(year: number, month: number, day: number): string {
  const d = new Date(Date.UTC(2000, month - 1, day));
  d.setUTCFullYear(year);
  return d.toISOString().slice(0, 10);
}

/**
 * Easter Sunday (Gregorian), by the anonymous Gregorian algorithm (Meeus/Jones/Butcher). Computed
 * here rather than taken from the library so that the movable holidays are checked independently.
 */
export function easterSunday(year: number): string {
  assertSupportedYear(year);
  const a = year % 19;
  const b = Math.floor(year / 100);
  const c = year % 100;
  const d = Math.floor(b / 4);
  const e = b % 4;
  const f = Math.floor((b + 8) / 25);
  const g = Math.floor((b - f + 1) / 3);
  const h = (19 * a + b - d - g + 15) % 30;
  const i = Math.floor(c / 4);
  const k = c % 4;
  const l = (32 + 2 * e + 2 * i - h - k) % 7;
  const m = Math.floor((a + 11 * h + 22 * l) / 451);
  const month = Math.floor((h + l - 7 * m + 114) / 31);
  const day = ((h + l - 7 * m + 114) % 31) + 1;
  return utcDay(year, month, day);
}

/** The statutory holidays of a year from the table above alone (no library). */
export function statutoryHolidays(year: number): Holiday[] {
  assertSupportedYear(year);
  const easter = easterSunday(year);
  const [ey, em, ed] = easter.split('-').map(Number);
  return STATUTORY_HOLIDAY_RULES.filter(
    (r) => (r.validFrom ?? -Infinity) <= year && year <= (r.validTo ?? Infinity),
  )
    .map((r) => ({
      name: r.name,
      date:
        'fixed' in r.on
          ? utcDay(year, r.on.fixed[0], r.on.fixed[1])
          : utcDay(ey, em, ed + r.on.easterOffset),
    }))
    .sort((x, y) => x.date.localeCompare(y.date));
}

/**
 * Reconciles the library's `public` days of one year with the statute. Pure, so it can be tested
 * with a library output that lacks 24 December or has it in 2024. Library names win where both
 * agree on a day (they are the names people know); the statute's names fill the gaps.
 */
export function reconcileHolidays(
  year: number,
  libraryPublicDays: readonly Holiday[],
): { holidays: Holiday[]; corrections: HolidayCorrections } {
  const statute = statutoryHolidays(year);
  const statuteDates = new Set(statute.map((h) => h.date));
  const library = new Map<string, Holiday>();
  for (const h of libraryPublicDays) {
    if (h.date.startsWith(`${year}-`) && !library.has(h.date)) library.set(h.date, h);
  }
  const holidays = statute.map((h) => library.get(h.date) ?? h);
  return {
    holidays,
    corrections: {
      added: statute.filter((h) => !library.has(h.date)),
      removed: [...library.values()].filter((h) => !statuteDates.has(h.date)),
    },
  };
}

let library: Holidays | undefined;

function libraryPublicDays(year: number): Holiday[] {
  library ??= new Holidays('PL');
  return library
    .getHolidays(year, 'pl')
    .filter((h) => h.type === 'public')
    .map((h) => ({ date: h.date.slice(0, 10), name: h.name }));
}

interface YearEntry {
  holidays: Holiday[];
  byDate: Map<string, Holiday>;
  corrections: HolidayCorrections;
}

const cache = new Map<number, YearEntry>();

function yearEntry(year: number): YearEntry {
  assertSupportedYear(year);
  let entry = cache.get(year);
  if (!entry) {
    const { holidays, corrections } = reconcileHolidays(year, libraryPublicDays(year));
    entry = { holidays, corrections, byDate: new Map(holidays.map((h) => [h.date, h])) };
    cache.set(year, entry);
  }
  return entry;
}

/** The statutory holidays of a year, in date order (copies: callers may not change the cache). */
export function listHolidays(year: number): Holiday[] {
  return yearEntry(year).holidays.map((h) => ({ ...h }));
}

/** Whether the day is a listed statutory holiday (Sundays as such are not listed: see above). */
export function isHoliday(date: string): boolean {
  return yearEntry(yearOfValidDate(date)).byDate.has(date);
}

/** The Polish name of the statutory holiday on that day, or undefined. */
export function holidayName(date: string): string | undefined {
  return yearEntry(yearOfValidDate(date)).byDate.get(date)?.name;
}

/** What the reconciliation had to fix in the library's data for a year (empty when they agree). */
export function holidayCorrections(year: number): HolidayCorrections {
  const { added, removed } = yearEntry(year).corrections;
  return { added: added.map((h) => ({ ...h })), removed: removed.map((h) => ({ ...h })) };
}
