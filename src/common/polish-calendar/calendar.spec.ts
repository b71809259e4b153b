import * as fc from 'fast-check';
import {
  addCalendarDays,
  assertIsoDate,
  countWorkingDays,
  dayOfWeek,
  daysBetween,
  describeDay,
  isDayOff,
  isIsoDate,
  isWorkingDay,
  nextWorkingDay,
  previousWorkingDay,
  toWarsawIso,
  warsawDate,
  warsawDateTime,
  workingDayOnOrAfter,
  workingDayOnOrBefore,
} from './calendar';
import { isHoliday } from './holidays';

/** Any day of 2021–2035 (the years the procurement code works in). */
const anyDay = fc.integer({ min: 0, max: 5478 }).map((n) => addCalendarDays('2021-01-01', n));

describe('calendar of Europe/Warsaw days', () => {
  describe('calendar arithmetic on YYYY-MM-DD', () => {
    it.each([
      ['2024-02-28', 1, '2024-02-29'], // leap year
      ['2025-02-28', 1, '2025-03-01'],
      ['2026-01-30', 1, '2026-01-31'],
      ['2026-12-31', 1, '2027-01-01'],
      ['2026-03-28', 1, '2026-03-29'], // DST starts that night in Warsaw
      ['2026-10-24', 2, '2026-10-26'], // DST ends
      ['2026-03-01', -1, '2026-02-28'],
      ['2026-12-21', 5, '2026-12-26'],
    ])('%s + %i days = %s', (date, days, expected) => {
      expect(addCalendarDays(date, days)).toBe(expected);
    });

    it('counts days between dates', () => {
      expect(daysBetween('2026-12-21', '2026-12-28')).toBe(7);
      expect(daysBetween('2026-12-28', '2026-12-21')).toBe(-7);
      expect(daysBetween('2024-01-01', '2025-01-01')).toBe(366);
    });

    it('knows the weekday', () => {
      expect(dayOfWeek('2026-12-21')).toBe(1); // Monday
      expect(dayOfWeek('2026-12-26')).toBe(6); // Saturday
      expect(dayOfWeek('2026-12-27')).toBe(0); // Sunday
    });

    it('refuses dates that are not real days, naming the field', () => {
      expect(() => addCalendarDays('2026-02-29', 1)).toThrow(RangeError);
      expect(() => assertIsoDate('2026-04-31', 'publishedOn')).toThrow(/publishedOn/);
      expect(() => assertIsoDate('2026-04-01T10:00', 'x')).toThrow(RangeError);
      expect(() => addCalendarDays('2026-04-01', 1.5)).toThrow(/integer/);
      expect(isIsoDate('2026-04-30')).toBe(true);
      expect(isIsoDate('2026-04-31')).toBe(false);
      expect(isIsoDate(20260430)).toBe(false);
    });

    it('adding and subtracting the same number of days is the identity', () => {
      fc.assert(
        fc.property(anyDay, fc.integer({ min: -800, max: 800 }), (day, n) => {
          expect(addCalendarDays(addCalendarDays(day, n), -n)).toBe(day);
          expect(daysBetween(day, addCalendarDays(day, n))).toBe(n);
        }),
      );
    });
  });

  describe('working days (Pzp art. 8 ust. 5)', () => {
    it.each([
      ['2026-12-21', true, 'an ordinary Monday'],
      ['2026-12-26', false, 'a Saturday (and a holiday)'],
      ['2026-12-27', false, 'a Sunday'],
      ['2026-11-11', false, 'Independence Day on a Wednesday'],
      ['2025-12-24', false, 'Christmas Eve 2025, a holiday from 2025'],
      ['2024-12-24', true, 'Christmas Eve 2024, still a working day'],
      ['2026-04-03', true, 'Good Friday'],
      ['2026-04-06', false, 'Easter Monday'],
      ['2026-06-04', false, 'Corpus Christi'],
      ['2026-03-07', false, 'a plain Saturday'],
    ])('%s is a working day: %s (%s)', (date, working) => {
      expect(isWorkingDay(date)).toBe(working);
      expect(isDayOff(date)).toBe(!working);
    });

    it('finds the next and previous working day across Christmas 2025', () => {
      // 24, 25, 26 Dec holidays, 27 Saturday, 28 Sunday.
      expect(nextWorkingDay('2025-12-23')).toBe('2025-12-29');
      expect(previousWorkingDay('2025-12-29')).toBe('2025-12-23');
      expect(workingDayOnOrAfter('2025-12-24')).toBe('2025-12-29');
      expect(workingDayOnOrBefore('2025-12-28')).toBe('2025-12-23');
    });

    it('next/previous are strict; on-or-after/before keep a working day', () => {
      expect(nextWorkingDay('2026-12-21')).toBe('2026-12-22');
      expect(previousWorkingDay('2026-12-22')).toBe('2026-12-21');
      expect(workingDayOnOrAfter('2026-12-21')).toBe('2026-12-21');
      expect(workingDayOnOrBefore('2026-12-21')).toBe('2026-12-21');
    });

    it('counts working days after the event day up to and including the end', () => {
      expect(countWorkingDays('2025-12-23', '2025-12-29')).toBe(1);
      expect(countWorkingDays('2025-12-23', '2025-12-30')).toBe(2);
      expect(countWorkingDays('2026-12-21', '2026-12-21')).toBe(0);
      expect(countWorkingDays('2026-03-02', '2026-03-09')).toBe(5);
    });

    it('describes a day in Polish without declension', () => {
      expect(describeDay('2026-12-26')).toBe('2026-12-26 (sobota, Drugi dzień Bożego Narodzenia)');
      expect(describeDay('2026-12-21')).toBe('2026-12-21 (poniedziałek)');
    });

    it('a working day is exactly a weekday that is not a holiday', () => {
      fc.assert(
        fc.property(anyDay, (day) => {
          const weekend = [0, 6].includes(new Date(`${day}T12:00:00Z`).getUTCDay());
          expect(isWorkingDay(day)).toBe(!weekend && !isHoliday(day));
        }),
      );
    });

    it('the next working day follows only days off', () => {
      fc.assert(
        fc.property(anyDay, (day) => {
          const next = nextWorkingDay(day);
          expect(next > day).toBe(true);
          expect(isWorkingDay(next)).toBe(true);
          for (let d = addCalendarDays(day, 1); d < next; d = addCalendarDays(d, 1)) {
            expect(isWorkingDay(d)).toBe(false);
          }
        }),
      );
    });
  });

  describe('bridges to instants', () => {
    it.each([
      ['2026-03-28T23:30:00Z', '2026-03-29'], // 00:30 CET
      ['2026-03-28T22:59:59Z', '2026-03-28'],
      ['2026-07-01T21:59:59Z', '2026-07-01'], // 23:59:59 CEST
      ['2026-07-01T22:00:00Z', '2026-07-02'],
      ['2026-12-31T23:00:00Z', '2027-01-01'],
    ])('the instant %s is on %s in Warsaw', (instant, day) => {
      expect(warsawDate(new Date(instant))).toBe(day);
    });

    it.each([
      ['2026-12-28', '10:00', '2026-12-28T09:00:00.000Z'], // CET, UTC+1
      ['2026-07-01', '10:00', '2026-07-01T08:00:00.000Z'], // CEST, UTC+2
      ['2026-03-29', '10:00', '2026-03-29T08:00:00.000Z'], // the day DST starts
      ['2026-10-25', '10:00', '2026-10-25T09:00:00.000Z'], // the day DST ends
      ['2026-03-29', '02:30', '2026-03-29T01:30:00.000Z'], // does not exist: moved by the gap
      ['2026-10-25', '02:30', '2026-10-25T01:30:00.000Z'], // ambiguous: the later (CET) instant
      ['2026-12-31', '23:59', '2026-12-31T22:59:00.000Z'],
    ])('%s %s in Warsaw is %s', (date, time, iso) => {
      expect(warsawDateTime(date, time).toISOString()).toBe(iso);
    });

    it('writes ISO 8601 with the Warsaw offset', () => {
      expect(toWarsawIso(new Date('2026-12-28T09:00:00Z'))).toBe('2026-12-28T10:00:00+01:00');
      expect(toWarsawIso(new Date('2026-07-01T08:00:00Z'))).toBe('2026-07-01T10:00:00+02:00');
    });

    it('shows the requested wall-clock time in Warsaw (outside the spring gap)', () => {
      const time = fc
        .tuple(fc.integer({ min: 0, max: 23 }), fc.integer({ min: 0, max: 59 }))
        .map(([h, m]) => `${String(h).padStart(2, '0')}:${String(m).padStart(2, '0')}`);
      // 02:00–02:59 on the last Sunday of March does not exist in Warsaw (EU summer-time rule).
      const inSpringGap = (day: string, t: string): boolean =>
        t.startsWith('02:') &&
        day.slice(5, 7) === '03' &&
        day.slice(8) >= '25' &&
        dayOfWeek(day) === 0;
      fc.assert(
        fc.property(anyDay, time, (day, t) => {
          const iso = toWarsawIso(warsawDateTime(day, t));
          if (!inSpringGap(day, t)) expect(iso.slice(0, 16)).toBe(`${day}T${t}`);
        }),
        { numRuns: 500 },
      );
    });

    it('refuses bad times and instants', () => {
      expect(() => warsawDateTime('2026-12-28', '24:00')).toThrow(/HH:mm/);
      expect(() => warsawDateTime('2026-12-28', '9:00')).toThrow(RangeError);
      expect(() => warsawDateTime('2026-12-32', '09:00')).toThrow(RangeError);
      expect(() => warsawDate(new Date('nonsense'))).toThrow(RangeError);
      expect(() => toWarsawIso(new Date(Number.NaN))).toThrow(RangeError);
    });

    it('any wall-clock time on a day maps back to the same Warsaw day', () => {
      const time = fc
        .tuple(fc.integer({ min: 0, max: 23 }), fc.integer({ min: 0, max: 59 }))
        .map(([h, m]) => `${String(h).padStart(2, '0')}:${String(m).padStart(2, '0')}`);
      fc.assert(
        fc.property(anyDay, time, (day, t) => {
          expect(warsawDate(warsawDateTime(day, t))).toBe(day);
        }),
      );
    });
  });
});
