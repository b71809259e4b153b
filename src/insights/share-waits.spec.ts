import { shareWaits, type ShareHistory } from './share-waits';

const t = (day: string): Date => new Date(`${day}T09:00:00Z`);
const base: Omit<ShareHistory, 'status' | 'approvals'> = {
  id: 's1',
  partnerId: 'p',
  partnerName: 'Gmina P',
  createdAt: t('2026-11-02'),
};
const steps = (waits: ReturnType<typeof shareWaits>) =>
  waits.map((w) => [
    w.step,
    w.arrived.toISOString().slice(0, 10),
    w.left?.toISOString().slice(0, 10) ?? null,
  ]);

describe('shareWaits', () => {
  it('a share waiting for its treasurer: the coordinator stay closed, the treasurer one open', () => {
    const waits = shareWaits({
      ...base,
      status: 'COORDINATOR_ACCEPTED',
      approvals: [
        { step: 'COORDINATOR', decision: 'APPROVED', decidedAt: t('2026-11-04'), voidedAt: null },
      ],
    });
    expect(steps(waits)).toEqual([
      ['COORDINATOR', '2026-11-02', '2026-11-04'],
      ['TREASURER', '2026-11-04', null],
    ]);
  });

  it('a change request waits for the leader; the new amount sends it back to the coordinator', () => {
    const waits = shareWaits({
      ...base,
      status: 'PROPOSED',
      approvals: [
        {
          step: 'COORDINATOR',
          decision: 'APPROVED',
          decidedAt: t('2026-11-03'),
          voidedAt: t('2026-11-09'),
        },
        {
          step: 'TREASURER',
          decision: 'CHANGE_REQUESTED',
          decidedAt: t('2026-11-05'),
          voidedAt: t('2026-11-09'),
        },
      ],
    });
    expect(steps(waits)).toEqual([
      ['COORDINATOR', '2026-11-02', '2026-11-03'],
      ['TREASURER', '2026-11-03', '2026-11-05'],
      ['CHANGE_REQUESTED', '2026-11-05', '2026-11-09'],
      ['COORDINATOR', '2026-11-09', null],
    ]);
  });

  it('a confirmed or withdrawn share waits for nothing', () => {
    const approvals: ShareHistory['approvals'] = [
      { step: 'COORDINATOR', decision: 'APPROVED', decidedAt: t('2026-11-03'), voidedAt: null },
      { step: 'TREASURER', decision: 'APPROVED', decidedAt: t('2026-11-04'), voidedAt: null },
      { step: 'HEAD', decision: 'APPROVED', decidedAt: t('2026-11-05'), voidedAt: null },
    ];
    expect(
      shareWaits({ ...base, status: 'CONFIRMED', approvals }).filter((w) => w.left === null),
    ).toEqual([]);
    expect(shareWaits({ ...base, status: 'WITHDRAWN', approvals: [] })).toEqual([]);
  });
});
