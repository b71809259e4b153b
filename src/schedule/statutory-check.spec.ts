import { checkStatutoryMinimum, type StatutoryContext } from './statutory-check';

const national: StatutoryContext = {
  regime: 'NATIONAL',
  procedure: 'BASIC',
  subjectKind: 'WORKS',
  publishedOn: '2027-01-11',
  awardSentOn: null,
  urgent: false,
  priorInformationNotice: false,
  electronic: true,
  stored: null,
};
const at = (iso: string) => new Date(iso);

describe('statutory minimum of a deadline', () => {
  it('refuses works offers in tryb podstawowy before 14 days, naming the day and art. 283', () => {
    const v = checkStatutoryMinimum('OFFERS', at('2027-01-22T10:00:00+01:00'), national);
    expect(v).toEqual(
      expect.objectContaining({
        ok: false,
        problem: 'TOO_EARLY',
        earliest: '2027-01-25',
        days: 14,
      }),
    );
    expect(v.ok === false && v.problem === 'TOO_EARLY' && v.basis).toMatch(/^art\. 283 Pzp/);
  });

  it('accepts any hour of the earliest day, and records the minimum', () => {
    const v = checkStatutoryMinimum('OFFERS', at('2027-01-25T09:00:00+01:00'), national);
    expect(v).toEqual({
      ok: true,
      minimum: expect.objectContaining({
        minimumOn: '2027-01-25',
        countedFrom: '2027-01-11',
        days: 14,
      }),
    });
  });

  it('judges the day in Warsaw, not in UTC', () => {
    // 00:30 on 25 Jan in Warsaw is 24 Jan in UTC.
    const v = checkStatutoryMinimum('OFFERS', at('2027-01-24T23:30:00Z'), national);
    expect(v.ok).toBe(true);
  });

  it('shortens EU offers to 15 days only with a prior information notice or urgency', () => {
    const eu: StatutoryContext = { ...national, regime: 'EU', procedure: 'OPEN' };
    const due = at('2027-02-01T10:00:00+01:00');
    expect(checkStatutoryMinimum('OFFERS', due, eu).ok).toBe(false);
    expect(checkStatutoryMinimum('OFFERS', due, { ...eu, priorInformationNotice: true }).ok).toBe(
      true,
    );
  });

  it('has no minimum below the national threshold', () => {
    const v = checkStatutoryMinimum('OFFERS', at('2027-01-12T10:00:00+01:00'), {
      ...national,
      regime: 'OUTSIDE_ACT',
    });
    expect(v).toEqual({ ok: true, minimum: expect.objectContaining({ minimumOn: null }) });
  });

  it('cannot judge offers without a publication day', () => {
    const v = checkStatutoryMinimum('OFFERS', at('2027-01-25T10:00:00+01:00'), {
      ...national,
      publishedOn: null,
    });
    expect(v).toEqual(expect.objectContaining({ ok: false, problem: 'UNKNOWN' }));
  });

  it('reports a case the rules do not cover instead of throwing', () => {
    const v = checkStatutoryMinimum('OFFERS', at('2027-03-25T10:00:00+01:00'), {
      ...national,
      regime: 'EU',
    });
    expect(v).toEqual(expect.objectContaining({ ok: false, problem: 'NOT_COMPUTABLE' }));
  });

  it('refuses a standstill shorter than 5 days from an electronic award notice (art. 308)', () => {
    const ctx = { ...national, awardSentOn: '2026-12-21' };
    const early = checkStatutoryMinimum('STANDSTILL_END', at('2026-12-27T23:59:00+01:00'), ctx);
    expect(early).toEqual(expect.objectContaining({ ok: false, earliest: '2026-12-28' }));
    expect(early.ok === false && early.problem === 'TOO_EARLY' && early.basis).toMatch(/art\. 308/);
    expect(checkStatutoryMinimum('STANDSTILL_END', at('2026-12-28T23:59:00+01:00'), ctx).ok).toBe(
      true,
    );
  });

  it('falls back to the stored estimate while the award notice is not sent', () => {
    const ctx = { ...national, stored: { minimumOn: '2027-02-15', basis: 'art. 308 ust. 2 Pzp' } };
    expect(checkStatutoryMinimum('STANDSTILL_END', at('2027-02-14T23:59:00+01:00'), ctx)).toEqual(
      expect.objectContaining({ ok: false, earliest: '2027-02-15' }),
    );
    expect(
      checkStatutoryMinimum('STANDSTILL_END', at('2027-02-14T23:59:00+01:00'), national).ok,
    ).toBe(true);
  });

  it('does not bound other kinds', () => {
    expect(checkStatutoryMinimum('PAYMENT', at('2020-01-01T10:00:00Z'), national).ok).toBe(true);
  });
});
