/**
 * Time limits counted in days, per Kodeks cywilny art. 111–115 (applied through Pzp art. 8 ust. 1)
 * and Pzp art. 8 ust. 4–5.
 *
 * Forward ("N days from event E"):
 *  1. the day of E is not counted (KC art. 111 § 2), so the nominal end is E + N;
 *  2. the limit ends at the end of that day (KC art. 111 § 1);
 *  3. an end on a Saturday or a statutory day off (every Sunday is one) moves to the next day that is
 *     neither (KC art. 115), i.e. to the next working day;
 *  4. a limit of two or more days must contain at least two working days (Pzp art. 8 ust. 4;
 *     working day per ust. 5): working days are counted in (E, end] and the end is pushed to the
 *     next working day until there are two.
 *
 * Backward ("at least N days before X", X excluded): see `computeBackwardLimit`.
 */
import {
  addCalendarDays,
  assertIsoDate,
  countWorkingDays,
  describeDay,
  isDayOff,
  nextWorkingDay,
  previousWorkingDay,
} from './calendar';

export const FORWARD_BASIS = 'art. 111 § 2 i art. 115 KC w zw. z art. 8 ust. 1 Pzp';
export const TWO_WORKING_DAYS_BASIS = 'art. 8 ust. 4 Pzp';
export const BACKWARD_BASIS = 'art. 111 § 2 KC (liczony wstecz) w zw. z art. 8 ust. 1 Pzp';

/**
 * Upper bound on a limit in days. No Pzp limit comes near it; it stops nonsense input (a typo of
 * 1e9 days) from walking the calendar past the years the holiday data covers.
 */
export const MAX_LIMIT_DAYS = 3660;

export interface TimeLimit {
  /** Day of the triggering event (not counted). */
  from: string;
  days: number;
  /** from + days, before any shift. */
  nominalEnd: string;
  /** Last day of the limit; it ends at the end of this day (Europe/Warsaw). */
  end: string;
  /** Legal basis of the counting, in Polish citation style. */
  basis: string;
  /** Whether end differs from nominalEnd. */
  shifted: boolean;
  /** Why it was shifted (Polish, for the user), when it was. */
  reason?: string;
}

export interface BackwardLimit {
  /** Day X the limit counts back from (X itself is not counted). */
  to: string;
  days: number;
  /** to − days: the latest day that leaves N full days before X. */
  nominalLatest: string;
  /** The latest lawful day: nominalLatest, or the working day before it when it is a day off. */
  latest: string;
  basis: string;
  shifted: boolean;
  reason?: string;
}

function assertDays(days: number): void {
  if (typeof days !== 'number' || !Number.isInteger(days)) {
    throw new RangeError(`days must be a whole number of days, got ${String(days)}`);
  }
  if (days < 1) {
    // A limit in days counts whole days after the event (KC art. 111 § 2): zero or less is no limit.
    throw new RangeError(`days must be at least 1, got ${days}`);
  }
  if (days > MAX_LIMIT_DAYS) {
    throw new RangeError(`days must be at most ${MAX_LIMIT_DAYS}, got ${days}`);
  }
}

/** A limit of `days` days from an event on `from` (see the module comment for the rules). */
export function computeTimeLimit(from: string, days: number): TimeLimit {
  assertIsoDate(from, 'from');
  assertDays(days);
  const nominalEnd = addCalendarDays(from, days);
  const reasons: string[] = [];
  let end = nominalEnd;

  // KC art. 115: the next day that is neither a Saturday nor a day off is, by Pzp art. 8 ust. 5,
  // exactly the next working day.
  if (isDayOff(nominalEnd)) {
    end = nextWorkingDay(nominalEnd);
    reasons.push(
      `Koniec terminu przypada na dzień wolny: ${describeDay(nominalEnd)}; ` +
        `termin upływa następnego dnia, który nie jest sobotą ani dniem ustawowo wolnym od pracy: ` +
        `${describeDay(end)} (art. 115 KC).`,
    );
  }

  let extendedForWorkingDays = false;
  if (days >= 2) {
    while (countWorkingDays(from, end) < 2) {
      end = nextWorkingDay(end);
      extendedForWorkingDays = true;
    }
    if (extendedForWorkingDays) {
      reasons.push(
        `Termin co najmniej dwudniowy musi obejmować co najmniej 2 dni robocze; ` +
          `koniec przesunięty na ${describeDay(end)} (art. 8 ust. 4 Pzp).`,
      );
    }
  }

  return {
    from,
    days,
    nominalEnd,
    end,
    basis: extendedForWorkingDays
      ? `${FORWARD_BASIS} oraz ${TWO_WORKING_DAYS_BASIS}`
      : FORWARD_BASIS,
    shifted: end !== nominalEnd,
    ...(reasons.length > 0 ? { reason: reasons.join(' ') } : {}),
  };
}

/**
 * "At least `days` days before X": the latest day on which an act still leaves `days` full days
 * before X, X excluded (KC art. 111 § 2 applied backwards), i.e. X − days.
 *
 * When that day is a Saturday or a day off the answer moves EARLIER, to the previous working day.
 * KC art. 115 moves the end of a period later so the person acting does not lose time; counted
 * backwards, moving later would shorten the very period the rule protects (e.g. answers to
 * questions 2 days before the offer deadline would arrive only 1 day before it), so the act is due
 * on the last working day before. Pzp art. 8 ust. 4 is not applied backwards: moving earlier
 * already leaves at least the statutory number of days.
 */
export function computeBackwardLimit(to: string, days: number): BackwardLimit {
  assertIsoDate(to, 'to');
  assertDays(days);
  const nominalLatest = addCalendarDays(to, -days);
  if (!isDayOff(nominalLatest)) {
    return {
      to,
      days,
      nominalLatest,
      latest: nominalLatest,
      basis: BACKWARD_BASIS,
      shifted: false,
    };
  }
  const latest = previousWorkingDay(nominalLatest);
  return {
    to,
    days,
    nominalLatest,
    latest,
    basis: BACKWARD_BASIS,
    shifted: true,
    reason:
      `Dzień ${describeDay(nominalLatest)} jest wolny od pracy; termin liczony wstecz przesuwa się ` +
      `na poprzedni dzień roboczy: ${describeDay(latest)}, bo przesunięcie na później skróciłoby ` +
      `wymagany okres ${days} dni przed ${to}.`,
  };
}
