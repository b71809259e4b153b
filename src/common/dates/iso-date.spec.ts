import { isIsoDate, todayInWarsaw } from './iso-date';

describe('isIsoDate', () => {
  it('accepts real dates and rejects impossible or differently written ones', () => {
    expect(isIsoDate('2026-11-26')).toBe(true);
    expect(isIsoDate('2028-02-29')).toBe(true);
    expect(isIsoDate('2026-02-29')).toBe(false);
    expect(isIsoDate('2026-13-01')).toBe(false);
    expect(isIsoDate('26.11.2026')).toBe(false);
    expect(isIsoDate(20261126)).toBe(false);
  });

  it('gives the Warsaw calendar date, which differs from UTC around midnight', () => {
    expect(todayInWarsaw(new Date('2026-11-26T23:30:00Z'))).toBe('2026-11-27');
    expect(todayInWarsaw(new Date('2026-07-01T21:59:00Z'))).toBe('2026-07-01');
    expect(todayInWarsaw(new Date('2026-07-01T22:00:00Z'))).toBe('2026-07-02');
  });
});
