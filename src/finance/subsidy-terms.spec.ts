import { subsidyReturnDeadline } from './subsidy-terms';

describe('subsidy return deadline (ufp art. 251)', () => {
  it('is 15 days after the term of use, the last day of the term not counted', () => {
    // Term of use ends Tue 30.06.2027 → Thu 15.07.2027.
    expect(subsidyReturnDeadline('2027-06-30')).toEqual({
      returnDueOn: '2027-07-15',
      nominal: '2027-07-15',
      basis: 'art. 251 ust. 2 ufp (15 dni od dnia określonego w umowie); art. 111 § 2 KC',
    });
  });

  it('moves off a Saturday or a holiday to the next working day', () => {
    // 31.07.2027 + 15 = Sun 15.08.2027 (also the Assumption) → Mon 16.08.2027.
    const d = subsidyReturnDeadline('2027-07-31');
    expect(d.nominal).toBe('2027-08-15');
    expect(d.returnDueOn).toBe('2027-08-16');
    expect(d.basis).toMatch(/art\. 12 § 5 Ordynacji podatkowej$/);
    // 17.10.2026 + 15 = Sun 1.11.2026, All Saints' Day → Mon 2.11.2026.
    expect(subsidyReturnDeadline('2026-10-17').returnDueOn).toBe('2026-11-02');
  });

  it('is 31 January of the next year for a subsidy used until the end of the budget year', () => {
    // 31.01.2027 is a Sunday → Mon 1.02.2027.
    expect(subsidyReturnDeadline('2026-12-31')).toEqual(
      expect.objectContaining({ nominal: '2027-01-31', returnDueOn: '2027-02-01' }),
    );
    expect(subsidyReturnDeadline('2027-12-31').returnDueOn).toBe('2028-01-31');
  });

  it('counts across the turn of a month and a year', () => {
    expect(subsidyReturnDeadline('2027-12-20').returnDueOn).toBe('2028-01-04');
  });
});
