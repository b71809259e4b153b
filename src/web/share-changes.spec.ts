import type { DocumentView } from '../documents';
import type { TenderView } from '../tenders';
import { shareConsequences } from './share-changes';

const tender = (over: Partial<TenderView> = {}): TenderView =>
  ({
    valueNet: '150000.00',
    subjectKind: 'WORKS',
    publishedOn: null,
    plannedStartOn: '2026-06-01',
    status: 'COLLECTING_SHARES',
    ...over,
  }) as TenderView;

const doc = (kind: string, version: number, status: string, organisationId: string | null = null) =>
  ({ kind, version, status, organisationId }) as DocumentView;

describe('shareConsequences', () => {
  it('names the regime crossing the national threshold with the thresholds of the planned start', () => {
    const c = shareConsequences(tender(), [], {
      organisationId: 'a',
      deltaGrosz: 40_000_00,
      voidedApprovals: 0,
    });
    expect(c).toMatchObject({ valueBefore: '150000.00', valueAfter: '190000.00' });
    expect(c.regimeBefore?.code).toBe('OUTSIDE_ACT');
    expect(c.regimeAfter).toMatchObject({ code: 'NATIONAL', threshold: '170000.00' });
    expect(c.regimeChanges).toBe(true);
    expect(c.regimeOn).toBe('2026-06-01');
    expect(c.reopens).toBe(false);
  });

  it('keeps the regime when the value stays on the same side, and says READY goes back', () => {
    const c = shareConsequences(tender({ status: 'READY' }), [], {
      organisationId: 'a',
      deltaGrosz: -50_000_00,
      voidedApprovals: 3,
    });
    expect(c.regimeChanges).toBe(false);
    expect(c).toMatchObject({ valueAfter: '100000.00', reopens: true, voidedApprovals: 3 });
  });

  it('lists the newest READY documents that print the shares, the changed partner’s confirmation only', () => {
    const c = shareConsequences(
      tender(),
      [
        doc('AGREEMENT', 1, 'READY'),
        doc('AGREEMENT', 2, 'READY'),
        doc('COST_SPLIT', 1, 'QUEUED'),
        doc('SHARE_CONFIRMATION', 1, 'READY', 'a'),
        doc('SHARE_CONFIRMATION', 1, 'READY', 'b'),
        doc('POWER_OF_ATTORNEY', 1, 'READY', 'a'),
      ],
      { organisationId: 'a', deltaGrosz: 1_00, voidedApprovals: 0 },
    );
    expect(c.outdated).toEqual(['Porozumienie, wersja 2', 'Potwierdzenie udziału, wersja 1']);
  });
});
