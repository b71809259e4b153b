import {
  amountInWordsPl,
  formatAmountPl,
  formatDatePl,
  formatDateShortPl,
  formatDateTimePl,
  formatPercentBp,
  formatPln,
  formatPlnWithWords,
  formatVatRate,
  zlotyForm,
} from './polish-format';

describe('polish-format', () => {
  describe('dates', () => {
    it('writes a calendar day with the genitive month and "r."', () => {
      expect(formatDatePl('2026-11-26')).toBe('26 listopada 2026 r.');
      expect(formatDatePl('2027-01-05')).toBe('5 stycznia 2027 r.');
      expect(formatDatePl('2026-02-01')).toBe('1 lutego 2026 r.');
    });

    it('names every month in the genitive', () => {
      const months = Array.from(
        { length: 12 },
        (_, i) => formatDatePl(`2026-${String(i + 1).padStart(2, '0')}-10`).split(' ')[1],
      );
      expect(months).toEqual([
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
      ]);
    });

    it('shows an instant as its day in Warsaw, not in UTC', () => {
      // 23:30 UTC on 31 December is already New Year in Warsaw (UTC+1 in winter).
      expect(formatDatePl('2026-12-31T23:30:00Z')).toBe('1 stycznia 2027 r.');
      expect(formatDateShortPl('2026-12-31T23:30:00Z')).toBe('01.01.2027');
    });

    it('does not shift a bare date by the time zone', () => {
      expect(formatDatePl('2026-03-29')).toBe('29 marca 2026 r.');
      expect(formatDateShortPl('2026-03-29')).toBe('29.03.2026');
    });

    it('gives the Warsaw hour in winter and summer time', () => {
      expect(formatDateTimePl('2026-11-26T08:00:00Z')).toBe('26 listopada 2026 r., godz. 09:00');
      expect(formatDateTimePl('2026-07-01T08:05:00Z')).toBe('1 lipca 2026 r., godz. 10:05');
    });

    it('rejects something that is not a date', () => {
      expect(() => formatDatePl('jutro')).toThrow(RangeError);
      expect(() => formatDatePl('2026-13-01')).toThrow(RangeError);
    });
  });

  describe('amounts', () => {
    it('formats grosz as złote with normal-space thousands and a decimal comma', () => {
      expect(formatPln(123456789)).toBe('1 234 567,89 zł');
      expect(formatPln(0)).toBe('0,00 zł');
      expect(formatPln(5)).toBe('0,05 zł');
      expect(formatPln(100000)).toBe('1 000,00 zł');
      expect(formatPln(-123456)).toBe('-1 234,56 zł');
      expect(formatAmountPl(123456789)).toBe('1 234 567,89');
      expect(formatPln(123456789)).not.toMatch(/\u00a0/);
    });

    it('refuses fractions of a grosz', () => {
      expect(() => formatPln(12.5)).toThrow(RangeError);
      expect(() => amountInWordsPl(Number.NaN)).toThrow(RangeError);
    });

    it.each([
      [1, 'złoty'],
      [2, 'złote'],
      [4, 'złote'],
      [5, 'złotych'],
      [11, 'złotych'],
      [12, 'złotych'],
      [14, 'złotych'],
      [21, 'złotych'],
      [22, 'złote'],
      [102, 'złote'],
      [112, 'złotych'],
      [1001, 'złotych'],
    ])('uses the right form of "złoty" for %i', (zloty, form) => {
      expect(zlotyForm(zloty)).toBe(form);
    });

    it.each([
      [100, 'jeden złoty 00/100'],
      [200, 'dwa złote 00/100'],
      [500, 'pięć złotych 00/100'],
      [2200, 'dwadzieścia dwa złote 00/100'],
      [1200, 'dwanaście złotych 00/100'],
      [123456, 'tysiąc dwieście trzydzieści cztery złote 56/100'],
      [100000000, 'milion złotych 00/100'],
      [200000000, 'dwa miliony złotych 00/100'],
      [7, 'zero złotych 07/100'],
      [
        123456789,
        'milion dwieście trzydzieści cztery tysiące pięćset sześćdziesiąt siedem złotych 89/100',
      ],
    ])('writes %i grosz in words as "%s"', (grosz, words) => {
      expect(amountInWordsPl(grosz)).toBe(words);
    });

    it('puts the amount and its words together the way agreements do', () => {
      expect(formatPlnWithWords(123456789)).toBe(
        '1 234 567,89 zł (słownie: milion dwieście trzydzieści cztery tysiące pięćset sześćdziesiąt siedem złotych 89/100)',
      );
    });
  });

  it('formats percentages from basis points and VAT rates', () => {
    expect(formatPercentBp(1234)).toBe('12,34%');
    expect(formatPercentBp(10000)).toBe('100,00%');
    expect(formatPercentBp(5)).toBe('0,05%');
    expect(formatVatRate(23)).toBe('23%');
    expect(formatVatRate(5.5)).toBe('5,5%');
  });
});
