import { lotContractProblems, procedureMissing, type GateFacts } from './lifecycle-gates';
import type { Criterion } from './scoring';

const CRITERIA: Criterion[] = [
  { key: 'price', name: 'Cena', kind: 'PRICE', weight: 60, direction: 'LOWER_BETTER' },
  { key: 'warranty', name: 'Gwarancja', kind: 'OTHER', weight: 40, direction: 'HIGHER_BETTER' },
];
const at = (s: string) => new Date(s);
const OFFERS = {
  kind: 'OFFERS',
  label: 'Termin składania ofert',
  dueAt: at('2027-01-25T11:00:00Z'),
  status: 'OPEN',
  countedFrom: '2027-01-11',
};
const STANDSTILL = {
  kind: 'STANDSTILL_END',
  label: 'Koniec terminu na zawarcie umowy (standstill)',
  dueAt: at('2027-02-15T11:00:00Z'),
  status: 'OPEN',
  countedFrom: null,
};
const members = (conflict: boolean | null) => [
  { name: 'Jan Kowalski', function: 'HEAD' as const, conflict: false },
  { name: 'Anna Nowak', function: 'CHAIR' as const, conflict },
  { name: 'Piotr Wiśniewski', function: 'SECRETARY' as const, conflict: false },
  { name: 'Ewa Wójcik', function: 'MEMBER' as const, conflict: false },
];
const lot = (over: Partial<GateFacts['lots'][number]> = {}) => ({
  number: 1,
  criteria: CRITERIA,
  qualityStandardsDescribed: false,
  planned: true,
  outcome: 'PENDING' as const,
  pendingAppeals: 0,
  ...over,
});
const facts = (over: Partial<GateFacts> = {}): GateFacts => ({
  now: at('2027-01-11T12:00:00Z'),
  noticeOn: '2027-01-11',
  deadlines: [OFFERS, STANDSTILL],
  lots: [lot()],
  committee: { members: members(false) },
  contracts: [],
  ...over,
});

describe('the schedule and the procedure gate the lifecycle', () => {
  it('publishes with the notice, a schedule counted from its day and criteria in every lot', () => {
    expect(procedureMissing('PUBLISHED', facts())).toEqual([]);
    const missing = procedureMissing(
      'PUBLISHED',
      facts({ noticeOn: null, deadlines: [], lots: [lot({ criteria: [] })] }),
    );
    expect(missing).toEqual([
      expect.stringMatching(/contract notice must be recorded/),
      expect.stringMatching(/applied schedule is needed/),
      'lot 1 has no evaluation criteria (PUT /lots/:lotId/criteria)',
    ]);
  });

  it('refuses a schedule counted from another day than the notice, or with deadlines already past', () => {
    expect(procedureMissing('PUBLISHED', facts({ noticeOn: '2027-01-12' }))).toEqual([
      expect.stringMatching(/counts from 2027-01-11 but the notice was published on 2027-01-12/),
    ]);
    expect(procedureMissing('PUBLISHED', facts({ now: at('2027-01-26T00:00:00Z') }))).toEqual([
      'Termin składania ofert (OFFERS) due 25.01.2027 12:00 Europe/Warsaw is already past: move it or apply the schedule again',
    ]);
  });

  it('opens offers only once the offers deadline has passed (Warsaw time named)', () => {
    expect(procedureMissing('OFFERS_OPENED', facts({ now: at('2027-01-25T10:59:59Z') }))).toEqual([
      'offers cannot be opened before the Termin składania ofert (OFFERS) due 25.01.2027 12:00 Europe/Warsaw',
    ]);
    expect(procedureMissing('OFFERS_OPENED', facts({ now: at('2027-01-25T11:00:00Z') }))).toEqual(
      [],
    );
  });

  it('needs the planned amount, the committee and every art. 56 statement before the opening', () => {
    const now = at('2027-01-26T00:00:00Z');
    expect(
      procedureMissing(
        'OFFERS_OPENED',
        facts({ now, lots: [lot({ planned: false })], committee: null }),
      ),
    ).toEqual([
      'lot 1 needs the amount planned for financing, made public before the opening (art. 222 ust. 4 Pzp)',
      'the tender committee must be appointed (POST /tenders/:id/committee)',
    ]);
    expect(
      procedureMissing('OFFERS_OPENED', facts({ now, committee: { members: members(null) } })),
    ).toEqual(['art. 56 statements are missing: Anna Nowak']);
    // The chair states a conflict and is excluded: two members remain, too few.
    expect(
      procedureMissing('OFFERS_OPENED', facts({ now, committee: { members: members(true) } })),
    ).toEqual([
      'the committee has 2 member(s) without a conflict of interest; it needs at least 3 (art. 55 ust. 2 Pzp)',
    ]);
  });

  it('awards when every lot is awarded or cancelled, and not when all are cancelled', () => {
    const lots = [
      lot({ outcome: 'AWARDED' }),
      lot({ number: 2, outcome: 'RECOMMENDED' }),
      lot({ number: 3 }),
    ];
    expect(procedureMissing('AWARDED', facts({ lots }))).toEqual([
      'lot 2: the head has not approved the committee’s recommendation yet',
      'lot 3 is neither awarded (evaluation, recommendation, head’s approval) nor cancelled',
    ]);
    expect(
      procedureMissing(
        'AWARDED',
        facts({ lots: [lot({ outcome: 'AWARDED' }), lot({ number: 2, outcome: 'CANCELLED' })] }),
      ),
    ).toEqual([]);
    expect(procedureMissing('AWARDED', facts({ lots: [lot({ outcome: 'CANCELLED' })] }))).toEqual([
      'every lot is cancelled: cancel the tender instead (art. 255 Pzp)',
    ]);
  });

  it('allows no contract before the standstill end nor while an appeal is pending', () => {
    const lots = [lot({ outcome: 'AWARDED', pendingAppeals: 1 })];
    expect(
      procedureMissing(
        'CONTRACTED',
        facts({
          now: at('2027-02-15T10:00:00Z'),
          lots,
          contracts: [{ lot: 1, signedOn: '2027-02-14' }],
        }),
      ),
    ).toEqual([
      'no contract before the Koniec terminu na zawarcie umowy (standstill) (STANDSTILL_END) due 15.02.2027 12:00 Europe/Warsaw',
      'a contract of lot 1 is dated 2027-02-14, before the standstill end 2027-02-15',
      'lot 1 has a pending appeal to KIO: no contract until the ruling (art. 577 Pzp)',
    ]);
    expect(
      procedureMissing(
        'CONTRACTED',
        facts({
          now: at('2027-02-16T10:00:00Z'),
          lots: [lot({ outcome: 'AWARDED' })],
          contracts: [{ lot: 1, signedOn: '2027-02-16' }],
        }),
      ),
    ).toEqual([]);
  });

  it('CONTRACTED: a lot with its own standstill waits for it, another lot for the schedule’s', () => {
    const own = { ...STANDSTILL, label: 'Standstill części 2', dueAt: at('2027-02-25T22:59:00Z') };
    const lots = [
      lot({ outcome: 'AWARDED' }),
      lot({ number: 2, outcome: 'AWARDED', standstill: own }),
    ];
    expect(
      procedureMissing(
        'CONTRACTED',
        facts({
          now: at('2027-02-20T10:00:00Z'),
          lots,
          deadlines: [OFFERS, STANDSTILL],
          contracts: [],
        }),
      ),
    ).toEqual([
      'no contract before the Standstill części 2 (STANDSTILL_END) due 25.02.2027 23:59 Europe/Warsaw',
    ]);
  });
});

describe('lotContractProblems (finance asks before recording a contract)', () => {
  const awarded = { number: 1, pendingAppeals: 0, standstill: null };
  it('names the standstill and its date while it runs, and a contract dated on its last day', () => {
    expect(lotContractProblems(awarded, STANDSTILL, at('2027-02-15T10:00:00Z'))).toEqual([
      'lot 1: no contract before the Koniec terminu na zawarcie umowy (standstill) (STANDSTILL_END) due 15.02.2027 12:00 Europe/Warsaw',
    ]);
    expect(
      lotContractProblems(awarded, STANDSTILL, at('2027-02-16T10:00:00Z'), '2027-02-15'),
    ).toEqual([
      'lot 1: a contract dated 2027-02-15 is not after the standstill end 2027-02-15 (Koniec terminu na zawarcie umowy (standstill))',
    ]);
    expect(
      lotContractProblems(awarded, STANDSTILL, at('2027-02-16T10:00:00Z'), '2027-02-16'),
    ).toEqual([]);
  });
  it('refuses while an appeal waits for KIO; the lot’s own standstill wins over the schedule’s', () => {
    expect(
      lotContractProblems({ ...awarded, pendingAppeals: 1 }, null, at('2027-03-01T10:00:00Z')),
    ).toEqual(['lot 1 has a pending appeal to KIO: no contract until the ruling (art. 577 Pzp)']);
    const own = { ...STANDSTILL, dueAt: at('2027-03-05T22:59:00Z') };
    expect(
      lotContractProblems({ ...awarded, standstill: own }, STANDSTILL, at('2027-03-01T10:00:00Z')),
    ).toHaveLength(1);
  });
});
