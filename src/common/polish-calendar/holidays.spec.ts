import {
  easterSunday,
  holidayCorrections,
  holidayName,
  isHoliday,
  listHolidays,
  reconcileHolidays,
  statutoryHolidays,
  type Holiday,
} from './holidays';

// Dates below are independent facts (the statute and published calendars), not computed by the code
// under test.
const EASTER = { 2025: '2025-04-20', 2026: '2026-04-05', 2027: '2027-03-28' } as const;
const EASTER_MONDAY = { 2025: '2025-04-21', 2026: '2026-04-06', 2027: '2027-03-29' } as const;
const TUESDAY_AFTER_EASTER = {
  2025: '2025-04-22',
  2026: '2026-04-07',
  2027: '2027-03-30',
} as const;
const PENTECOST = { 2025: '2025-06-08', 2026: '2026-05-24', 2027: '2027-05-16' } as const;
const CORPUS_CHRISTI = { 2025: '2025-06-19', 2026: '2026-06-04', 2027: '2027-05-27' } as const;

describe('Polish statutory holidays', () => {
  describe('Easter and the days that depend on it', () => {
    it.each([
      [2025, '2025-04-20'],
      [2026, '2026-04-05'],
      [2027, '2027-03-28'],
      [2024, '2024-03-31'],
      [2019, '2019-04-21'],
      [2008, '2008-03-23'], // early Easter
      [2038, '2038-04-25'], // latest possible date
    ])('computes Easter Sunday %i as %s', (year, date) => {
      expect(easterSunday(year)).toBe(date);
    });

    it.each([2025, 2026, 2027] as const)('knows Easter Monday %i', (year) => {
      expect(isHoliday(EASTER[year])).toBe(true);
      expect(isHoliday(EASTER_MONDAY[year])).toBe(true);
      expect(holidayName(EASTER_MONDAY[year])).toBe('Drugi dzień Wielkanocy');
      expect(isHoliday(TUESDAY_AFTER_EASTER[year])).toBe(false);
    });

    it.each([2025, 2026, 2027] as const)('knows Pentecost Sunday and Corpus Christi %i', (year) => {
      expect(isHoliday(PENTECOST[year])).toBe(true);
      expect(isHoliday(CORPUS_CHRISTI[year])).toBe(true);
      expect(holidayName(CORPUS_CHRISTI[year])).toMatch(/Bożego Ciała/);
      expect(new Date(`${CORPUS_CHRISTI[year]}T12:00:00Z`).getUTCDay()).toBe(4); // a Thursday
    });

    it('does not treat the Friday after Corpus Christi as a holiday', () => {
      expect(isHoliday('2026-06-05')).toBe(false);
      expect(isHoliday('2025-06-20')).toBe(false);
    });

    it('does not treat Good Friday as a holiday', () => {
      expect(isHoliday('2026-04-03')).toBe(false);
    });
  });

  describe('24 December', () => {
    it('is a holiday from 2025 on', () => {
      expect(isHoliday('2025-12-24')).toBe(true);
      expect(holidayName('2025-12-24')).toBe('Wigilia Bożego Narodzenia');
      expect(isHoliday('2026-12-24')).toBe(true);
      expect(isHoliday('2040-12-24')).toBe(true);
    });

    it('is not a holiday before 2025', () => {
      expect(isHoliday('2024-12-24')).toBe(false);
      expect(holidayName('2024-12-24')).toBeUndefined();
      expect(isHoliday('2020-12-24')).toBe(false);
    });
  });

  describe('the full list', () => {
    it('lists exactly the 14 statutory holidays of 2026', () => {
      expect(listHolidays(2026).map((h) => h.date)).toEqual([
        '2026-01-01',
        '2026-01-06',
        '2026-04-05',
        '2026-04-06',
        '2026-05-01',
        '2026-05-03',
        '2026-05-24',
        '2026-06-04',
        '2026-08-15',
        '2026-11-01',
        '2026-11-11',
        '2026-12-24',
        '2026-12-25',
        '2026-12-26',
      ]);
    });

    it('lists 13 holidays in 2024 (no 24 December yet)', () => {
      const dates = listHolidays(2024).map((h) => h.date);
      expect(dates).toHaveLength(13);
      expect(dates).toContain('2024-12-25');
      expect(dates).not.toContain('2024-12-24');
    });

    it('has Epiphany only from 2011', () => {
      expect(isHoliday('2010-01-06')).toBe(false);
      expect(isHoliday('2011-01-06')).toBe(true);
    });

    it('does not list plain Sundays (the calendar handles them by weekday)', () => {
      expect(isHoliday('2026-03-01')).toBe(false);
    });

    it('gives Polish names', () => {
      expect(holidayName('2026-11-11')).toBe('Narodowe Święto Niepodległości');
      expect(holidayName('2026-01-01')).toBe('Nowy Rok');
      expect(holidayName('2026-03-02')).toBeUndefined();
    });

    it('returns copies, so callers cannot corrupt the cache', () => {
      const list = listHolidays(2026);
      list[0].date = '2026-03-03';
      list.pop();
      expect(listHolidays(2026)[0].date).toBe('2026-01-01');
      expect(listHolidays(2026)).toHaveLength(14);
      expect(isHoliday('2026-03-03')).toBe(false);
    });
  });

  describe('verification of the library data', () => {
    it.each([2021, 2024, 2025, 2026, 2027, 2030])(
      'the installed date-holidays agrees with the statute in %i',
      (year) => {
        expect(holidayCorrections(year)).toEqual({ added: [], removed: [] });
      },
    );

    it('adds 24 December and Easter Monday when the library lacks them (2025)', () => {
      const outdatedLibrary: Holiday[] = statutoryHolidays(2025).filter(
        (h) => h.date !== '2025-12-24' && h.date !== EASTER_MONDAY[2025],
      );
      const { holidays, corrections } = reconcileHolidays(2025, outdatedLibrary);
      expect(holidays.map((h) => h.date)).toContain('2025-12-24');
      expect(holidays.map((h) => h.date)).toContain('2025-04-21');
      expect(corrections.added.map((h) => h.date).sort()).toEqual(['2025-04-21', '2025-12-24']);
      expect(corrections.added.find((h) => h.date === '2025-12-24')?.name).toBe(
        'Wigilia Bożego Narodzenia',
      );
      expect(corrections.removed).toEqual([]);
    });

    it('drops 24 December before 2025 even when the library lists it', () => {
      const library: Holiday[] = [
        ...statutoryHolidays(2024),
        { date: '2024-12-24', name: 'Wigilia Bożego Narodzenia' },
      ];
      const { holidays, corrections } = reconcileHolidays(2024, library);
      expect(holidays.map((h) => h.date)).not.toContain('2024-12-24');
      expect(corrections.removed).toEqual([
        { date: '2024-12-24', name: 'Wigilia Bożego Narodzenia' },
      ]);
    });

    it('corrects a misplaced Corpus Christi and keeps the library names elsewhere', () => {
      const library: Holiday[] = statutoryHolidays(2026)
        .filter((h) => h.date !== '2026-06-04')
        .map((h) => (h.date === '2026-05-01' ? { ...h, name: 'Święto Pracy' } : h));
      library.push({ date: '2026-06-11', name: 'Boże Ciało (błędnie)' });
      const { holidays, corrections } = reconcileHolidays(2026, library);
      const dates = holidays.map((h) => h.date);
      expect(dates).toContain('2026-06-04');
      expect(dates).not.toContain('2026-06-11');
      expect(corrections.removed.map((h) => h.date)).toEqual(['2026-06-11']);
      expect(holidays.find((h) => h.date === '2026-05-01')?.name).toBe('Święto Pracy');
    });

    it('ignores library entries from another year', () => {
      const library = [...statutoryHolidays(2026), { date: '2027-01-02', name: 'x' }];
      expect(reconcileHolidays(2026, library).corrections.removed).toEqual([]);
    });
  });

  describe('input validation', () => {
    it.each(['2026-02-30', '2026-2-3', '26-12-24', '2026-13-01', '', 'tomorrow'])(
      'refuses %j with a RangeError',
      (date) => {
        expect(() => isHoliday(date)).toThrow(RangeError);
        expect(() => holidayName(date)).toThrow(/YYYY-MM-DD/);
      },
    );

    it('refuses years outside the table', () => {
      expect(() => isHoliday('1989-05-03')).toThrow(RangeError);
      expect(() => listHolidays(2200)).toThrow(/1990–2199/);
      expect(() => listHolidays(2026.5)).toThrow(RangeError);
    });
  });
});
