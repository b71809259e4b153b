import {
  formatDatePl,
  formatDateShortPl,
  formatDateTimePl,
  formatDateTimeShortPl,
} from './polish-dates';

describe('Polish dates', () => {
  it('writes every month in the genitive, a calendar day as written', () => {
    const months = Array.from({ length: 12 }, (_, i) =>
      formatDatePl(`2026-${String(i + 1).padStart(2, '0')}-01`),
    );
    expect(months).toEqual([
      '1 stycznia 2026 r.',
      '1 lutego 2026 r.',
      '1 marca 2026 r.',
      '1 kwietnia 2026 r.',
      '1 maja 2026 r.',
      '1 czerwca 2026 r.',
      '1 lipca 2026 r.',
      '1 sierpnia 2026 r.',
      '1 września 2026 r.',
      '1 października 2026 r.',
      '1 listopada 2026 r.',
      '1 grudnia 2026 r.',
    ]);
    expect(formatDateShortPl('2026-11-26')).toBe('26.11.2026');
  });

  it('shows an instant in Warsaw, in winter and in summer time', () => {
    // 23:30 UTC on 31 October is already 1 November in Warsaw (CET, +1).
    expect(formatDatePl(new Date('2026-10-31T23:30:00Z'))).toBe('1 listopada 2026 r.');
    expect(formatDateTimePl('2026-12-18T14:00:00Z')).toBe('18 grudnia 2026 r., godz. 15:00');
    expect(formatDateTimePl('2027-06-01T08:05:00Z')).toBe('1 czerwca 2027 r., godz. 10:05');
    expect(formatDateTimePl('2026-12-31T23:00:00Z')).toBe('1 stycznia 2027 r., godz. 00:00');
    expect(formatDateShortPl(new Date('2026-12-31T23:00:00Z'))).toBe('01.01.2027');
    expect(formatDateTimeShortPl('2026-11-26T08:00:00Z')).toBe('26.11.2026 09:00');
  });

  it('refuses what is not a date', () => {
    expect(() => formatDatePl('2026-02-30')).toThrow(RangeError);
    expect(() => formatDateTimePl('jutro')).toThrow(RangeError);
  });
});
