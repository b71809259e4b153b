import * as fc from 'fast-check';
import { addCalendarDays, countWorkingDays, daysBetween, isWorkingDay } from './calendar';
import {
  computeBackwardLimit,
  computeTimeLimit,
  FORWARD_BASIS,
  MAX_LIMIT_DAYS,
} from './time-limits';

const anyDay = fc.integer({ min: 0, max: 5478 }).map((n) => addCalendarDays('2021-01-01', n));

describe('time limits in days (KC art. 111–115, Pzp art. 8)', () => {
  describe('counting forward', () => {
    it('moves the worked example from Saturday 26.12.2026 to Monday 28.12.2026', () => {
      // Award notice sent electronically Mon 21.12.2026, 5-day appeal limit below EU thresholds.
      const limit = computeTimeLimit('2026-12-21', 5);
      expect(limit).toMatchObject({
        from: '2026-12-21',
        days: 5,
        nominalEnd: '2026-12-26',
        end: '2026-12-28',
        shifted: true,
        basis: 'art. 111 § 2 i art. 115 KC w zw. z art. 8 ust. 1 Pzp',
      });
      expect(limit.reason).toMatch(/art\. 115 KC/);
      expect(limit.reason).toMatch(/2026-12-26 \(sobota/);
    });

    it('does not count the event day and does not shift a working-day end', () => {
      const limit = computeTimeLimit('2026-03-02', 7);
      expect(limit).toEqual({
        from: '2026-03-02',
        days: 7,
        nominalEnd: '2026-03-09',
        end: '2026-03-09',
        basis: FORWARD_BASIS,
        shifted: false,
      });
    });

    it('moves a month-end Saturday into the next month', () => {
      const limit = computeTimeLimit('2026-01-30', 1);
      expect(limit.nominalEnd).toBe('2026-01-31');
      expect(limit.end).toBe('2026-02-02');
    });

    it('moves an end on Easter Monday to Tuesday', () => {
      const limit = computeTimeLimit('2026-04-02', 4);
      expect(limit.nominalEnd).toBe('2026-04-06');
      expect(limit.end).toBe('2026-04-07');
      expect(limit.basis).toBe(FORWARD_BASIS);
    });

    it('moves an end on Corpus Christi (Thursday) to Friday', () => {
      expect(computeTimeLimit('2026-06-01', 3).end).toBe('2026-06-05');
      expect(computeTimeLimit('2025-06-16', 3).end).toBe('2025-06-20');
    });

    it('treats 24 December as a holiday in 2025 but not in 2024', () => {
      expect(computeTimeLimit('2025-12-22', 2).end).toBe('2025-12-29');
      expect(computeTimeLimit('2024-12-22', 2)).toMatchObject({
        nominalEnd: '2024-12-24',
        end: '2024-12-24',
        shifted: false,
      });
    });

    describe('a limit of two or more days contains two working days (art. 8 ust. 4 Pzp)', () => {
      it('extends 23.12.2025 + 2 days past Christmas to 30.12.2025', () => {
        // Art. 115 alone gives Mon 29.12, but (23.12, 29.12] holds one working day only.
        expect(countWorkingDays('2025-12-23', '2025-12-29')).toBe(1);
        const limit = computeTimeLimit('2025-12-23', 2);
        expect(limit.nominalEnd).toBe('2025-12-25');
        expect(limit.end).toBe('2025-12-30');
        expect(limit.basis).toBe(`${FORWARD_BASIS} oraz art. 8 ust. 4 Pzp`);
        expect(limit.reason).toMatch(/art\. 8 ust\. 4 Pzp/);
      });

      it('extends Good Friday + 2 days past Easter Monday to Wednesday', () => {
        expect(computeTimeLimit('2026-04-03', 2).end).toBe('2026-04-08');
      });

      it('extends 31.12.2026 + 2 days past New Year to 5.01.2027', () => {
        // Nominal Sat 2.01 → art. 115: Mon 4.01, but 1.01 is a holiday: one working day only.
        expect(computeTimeLimit('2026-12-31', 2).end).toBe('2027-01-05');
      });

      it('does not apply to a one-day limit', () => {
        const limit = computeTimeLimit('2025-12-23', 1);
        expect(limit.end).toBe('2025-12-29');
        expect(limit.basis).toBe(FORWARD_BASIS);
      });
    });

    it('end ≥ nominal end, end is a working day, and the shift is at most 7 days', () => {
      fc.assert(
        fc.property(anyDay, fc.integer({ min: 1, max: 60 }), (from, days) => {
          const limit = computeTimeLimit(from, days);
          expect(limit.nominalEnd).toBe(addCalendarDays(from, days));
          expect(limit.end >= limit.nominalEnd).toBe(true);
          expect(isWorkingDay(limit.end)).toBe(true);
          expect(daysBetween(limit.nominalEnd, limit.end)).toBeLessThanOrEqual(7);
          expect(limit.shifted).toBe(limit.end !== limit.nominalEnd);
          if (days >= 2) expect(countWorkingDays(from, limit.end)).toBeGreaterThanOrEqual(2);
        }),
        { numRuns: 500 },
      );
    });

    it('the end is the first day that satisfies both rules (no over-extension)', () => {
      fc.assert(
        fc.property(anyDay, fc.integer({ min: 1, max: 10 }), (from, days) => {
          const { nominalEnd, end } = computeTimeLimit(from, days);
          const lawful = (d: string): boolean =>
            isWorkingDay(d) && (days < 2 || countWorkingDays(from, d) >= 2);
          expect(lawful(end)).toBe(true);
          for (let d = nominalEnd; d < end; d = addCalendarDays(d, 1)) {
            expect(lawful(d)).toBe(false);
          }
        }),
        { numRuns: 500 },
      );
    });
  });

  describe('counting backward ("at least N days before X")', () => {
    it('gives X − N when that is a working day', () => {
      expect(computeBackwardLimit('2026-03-13', 2)).toEqual({
        to: '2026-03-13',
        days: 2,
        nominalLatest: '2026-03-11',
        latest: '2026-03-11',
        basis: 'art. 111 § 2 KC (liczony wstecz) w zw. z art. 8 ust. 1 Pzp',
        shifted: false,
      });
    });

    it('moves earlier from Easter Sunday to Good Friday', () => {
      const limit = computeBackwardLimit('2026-04-07', 2);
      expect(limit.nominalLatest).toBe('2026-04-05');
      expect(limit.latest).toBe('2026-04-03');
      expect(limit.shifted).toBe(true);
      expect(limit.reason).toMatch(/skróciłoby/);
    });

    it('moves earlier across Christmas 2025 to 23 December', () => {
      expect(computeBackwardLimit('2025-12-29', 2).latest).toBe('2025-12-23');
    });

    it('latest is a working day, never after X − N, and leaves at least N days', () => {
      fc.assert(
        fc.property(anyDay, fc.integer({ min: 1, max: 60 }), (to, days) => {
          const limit = computeBackwardLimit(to, days);
          expect(limit.nominalLatest).toBe(addCalendarDays(to, -days));
          expect(limit.latest <= limit.nominalLatest).toBe(true);
          expect(isWorkingDay(limit.latest)).toBe(true);
          expect(daysBetween(limit.latest, to)).toBeGreaterThanOrEqual(days);
          expect(daysBetween(limit.latest, limit.nominalLatest)).toBeLessThanOrEqual(7);
          for (let d = addCalendarDays(limit.latest, 1); d <= limit.nominalLatest;) {
            expect(isWorkingDay(d)).toBe(false);
            d = addCalendarDays(d, 1);
          }
        }),
        { numRuns: 500 },
      );
    });
  });

  describe('input validation', () => {
    it.each([
      ['2026-02-30', 5, /from must be a calendar date/],
      ['21.12.2026', 5, /YYYY-MM-DD/],
      ['2026-12-21', -1, /at least 1/],
      ['2026-12-21', 0, /at least 1/],
      ['2026-12-21', 1.5, /whole number/],
      ['2026-12-21', Number.NaN, /whole number/],
      ['2026-12-21', MAX_LIMIT_DAYS + 1, /at most/],
    ])('computeTimeLimit(%j, %p) throws a RangeError', (from, days, message) => {
      expect(() => computeTimeLimit(from, days)).toThrow(RangeError);
      expect(() => computeTimeLimit(from, days)).toThrow(message);
    });

    it('computeBackwardLimit validates the same way', () => {
      expect(() => computeBackwardLimit('2026-13-01', 2)).toThrow(/to must be a calendar date/);
      expect(() => computeBackwardLimit('2026-12-21', -3)).toThrow(RangeError);
    });
  });
});
