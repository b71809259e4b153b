import { canTransition, missingConditions } from './tender-state';

const lots = [
  { id: 'L1', number: 1 },
  { id: 'L2', number: 2 },
];

describe('tender lifecycle', () => {
  it('follows DRAFT → COLLECTING_SHARES → READY → PUBLISHED → … → SETTLED', () => {
    expect(canTransition('DRAFT', 'COLLECTING_SHARES')).toBe(true);
    expect(canTransition('DRAFT', 'READY')).toBe(false);
    expect(canTransition('AWARDED', 'CONTRACTED')).toBe(true);
    expect(canTransition('CONTRACTED', 'CANCELLED')).toBe(false);
    expect(canTransition('PUBLISHED', 'CANCELLED')).toBe(true);
    expect(canTransition('SETTLED', 'CANCELLED')).toBe(false);
  });

  it('needs shares from two organisations to start collecting', () => {
    expect(missingConditions('COLLECTING_SHARES', { lots, shares: [] })).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/at least one lot/),
        expect.stringMatching(/2 organisations/),
      ]),
    );
    const one = [{ lotId: 'L1', organisationId: 'A', status: 'PROPOSED' }];
    expect(missingConditions('COLLECTING_SHARES', { lots, shares: one })).toEqual([
      expect.stringMatching(/now 1/),
    ]);
    const two = [...one, { lotId: 'L2', organisationId: 'B', status: 'PROPOSED' }];
    expect(missingConditions('COLLECTING_SHARES', { lots, shares: two })).toEqual([]);
    const withdrawn = [...one, { lotId: 'L2', organisationId: 'B', status: 'WITHDRAWN' }];
    expect(missingConditions('COLLECTING_SHARES', { lots, shares: withdrawn })).toHaveLength(1);
  });

  it('is READY only when every active share is confirmed and every lot has shares', () => {
    const shares = [
      { lotId: 'L1', organisationId: 'A', status: 'CONFIRMED' },
      { lotId: 'L2', organisationId: 'B', status: 'COUNTERSIGNED' },
    ];
    expect(missingConditions('READY', { lots, shares })).toEqual([
      '1 share(s) are not CONFIRMED yet',
    ]);
    shares[1].status = 'CONFIRMED';
    expect(missingConditions('READY', { lots, shares })).toEqual([]);
    expect(missingConditions('READY', { lots, shares: [shares[0]] })).toEqual([
      'lot(s) 2 have no shares',
    ]);
  });

  it('needs a reason to cancel', () => {
    expect(missingConditions('CANCELLED', { lots, shares: [], reason: ' ' })).toHaveLength(1);
    expect(
      missingConditions('CANCELLED', { lots, shares: [], reason: 'Brak środków w budżecie' }),
    ).toEqual([]);
  });
});
