import fc from 'fast-check';
import { dateViolation } from './date-rules';
import { isIsoDate } from './iso-date';

const day = fc
  .date({
    min: new Date('0001-01-01T00:00:00Z'),
    max: new Date('9999-12-31T00:00:00Z'),
    noInvalidDate: true,
  })
  .map((d) => d.toISOString().slice(0, 10));

describe('date rules', () => {
  it('refuses a contract signed in 2019 on a tender awarded today, naming the rule', () => {
    expect(
      dateViolation('signedOn', '2019-05-01', {
        earliest: [{ on: '2026-12-02', rule: 'notBeforeAward', what: 'the award of lot 1' }],
      }),
    ).toEqual({
      field: 'signedOn',
      rule: 'notBeforeAward',
      message: 'signedOn (2019-05-01) may not be before the award of lot 1 (2026-12-02)',
    });
  });

  it('lets a payment made yesterday be entered today', () => {
    expect(
      dateViolation('paidOn', '2026-12-01', {
        earliest: [{ on: '2026-11-30', rule: 'notBeforeInvoice', what: 'the invoice' }],
        latest: [{ on: '2026-12-02', rule: 'notInFuture', what: 'today' }],
      }),
    ).toBeNull();
  });

  it('ignores a bound whose fact is unknown', () => {
    expect(
      dateViolation('signedOn', '2019-05-01', {
        earliest: [{ on: null, rule: 'notBeforeAward', what: 'the award' }],
      }),
    ).toBeNull();
  });

  it('accepts a date exactly when it lies between every earliest and latest bound (property)', () => {
    fc.assert(
      fc.property(
        day,
        fc.array(day, { maxLength: 3 }),
        fc.array(day, { maxLength: 3 }),
        (v, lo, hi) => {
          const result = dateViolation('d', v, {
            earliest: lo.map((on) => ({ on, rule: 'lo', what: 'lo' })),
            latest: hi.map((on) => ({ on, rule: 'hi', what: 'hi' })),
          });
          const inside = lo.every((l) => l <= v) && hi.every((h) => v <= h);
          expect(result === null).toBe(inside);
          if (result) expect(result.rule).toBe(lo.some((l) => v < l) ? 'lo' : 'hi');
        },
      ),
    );
  });

  it('compares ISO dates as days: string order is calendar order (property)', () => {
    fc.assert(
      fc.property(day, day, (a, b) => {
        expect(a < b).toBe(new Date(`${a}T00:00:00Z`) < new Date(`${b}T00:00:00Z`));
      }),
    );
  });

  it('accepts ISO dates of the years 0001–9999 only (property)', () => {
    fc.assert(fc.property(day, (d) => expect(isIsoDate(d)).toBe(true)));
    for (const bad of ['0000-01-01', '+010000-01-01', '10000-01-01', '2026-02-30', '2026-2-3'])
      expect(isIsoDate(bad)).toBe(false);
  });
});
