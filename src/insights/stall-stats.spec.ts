import {
  dueForEscalation,
  measure,
  median,
  monthlyTrend,
  perPartner,
  perStep,
  waitingNow,
  workingDaysBetween,
  type StepWait,
} from './stall-stats';

/** 10:00 in Warsaw (CET, UTC+1) on a winter day. */
const at = (day: string, time = '09:00'): Date => new Date(`${day}T${time}:00Z`);

describe('workingDaysBetween', () => {
  it('skips weekends and Polish holidays (Christmas Eve, Christmas)', () => {
    // Mon 21 Dec → Mon 28 Dec 2026: Tue, Wed and Mon count; 24–27 Dec are days off.
    expect(workingDaysBetween(at('2026-12-21'), at('2026-12-28'))).toBe(3);
  });

  it('counts Warsaw days, not UTC days, and nothing for a reversed range', () => {
    // 23:30Z on Friday is already Saturday in Warsaw: Saturday → Monday is one working day.
    expect(workingDaysBetween(new Date('2026-11-06T23:30:00Z'), at('2026-11-09'))).toBe(1);
    expect(workingDaysBetween(at('2026-11-09'), at('2026-11-02'))).toBe(0);
    expect(workingDaysBetween(at('2026-11-09', '08:00'), at('2026-11-09', '15:00'))).toBe(0);
  });
});

describe('median', () => {
  it('takes the middle value, or the mean of the middle two', () => {
    expect(median([])).toBe(0);
    expect(median([5, 1, 3])).toBe(3);
    expect(median([4, 1, 2, 10])).toBe(3);
  });
});

const waits: StepWait[] = [
  // Partner A: coordinator took 2 working days, treasurer still waits since Mon 2 Nov.
  {
    shareId: 's1',
    partnerId: 'a',
    partnerName: 'Gmina A',
    step: 'COORDINATOR',
    arrived: at('2026-10-28'),
    left: at('2026-10-30'),
  },
  {
    shareId: 's1',
    partnerId: 'a',
    partnerName: 'Gmina A',
    step: 'TREASURER',
    arrived: at('2026-11-02'),
    left: null,
  },
  // Partner B: treasurer took 1 working day, head waits since Tue 10 Nov.
  {
    shareId: 's2',
    partnerId: 'b',
    partnerName: 'Gmina B',
    step: 'TREASURER',
    arrived: at('2026-11-05'),
    left: at('2026-11-06'),
  },
  {
    shareId: 's2',
    partnerId: 'b',
    partnerName: 'Gmina B',
    step: 'HEAD',
    arrived: at('2026-11-10'),
    left: null,
  },
];
// Wed 11 Nov 2026 is Independence Day (a day off).
const now = at('2026-11-12');

describe('waits of shares', () => {
  it('lists what waits now, the longest first', () => {
    const open = waitingNow(waits, now);
    expect(open.map((w) => [w.partnerName, w.step, w.workingDays])).toEqual([
      ['Gmina A', 'TREASURER', 7],
      ['Gmina B', 'HEAD', 1],
    ]);
  });

  it('gives median and slowest per step and per partner', () => {
    const measured = measure(waits, now);
    expect(
      perStep(measured).map((f) => [f.key, f.count, f.medianWorkingDays, f.slowestWorkingDays]),
    ).toEqual([
      ['TREASURER', 2, 4, 7],
      ['COORDINATOR', 1, 2, 2],
      ['HEAD', 1, 1, 1],
    ]);
    expect(
      perPartner(measured).map((f) => [f.label, f.medianWorkingDays, f.slowestShareId]),
    ).toEqual([
      ['Gmina A', 4.5, 's1'],
      ['Gmina B', 1, 's2'],
    ]);
  });

  it('trends ended waits by the Warsaw month they ended in', () => {
    expect(monthlyTrend(measure(waits, now))).toEqual([
      { month: '2026-10', count: 1, medianWorkingDays: 2 },
      { month: '2026-11', count: 1, medianWorkingDays: 1 },
    ]);
  });

  it('escalates only waits at or past the threshold', () => {
    expect(dueForEscalation(waits, now, 5).map((w) => w.shareId)).toEqual(['s1']);
    expect(dueForEscalation(waits, now, 8)).toEqual([]);
    expect(() => dueForEscalation(waits, now, 0)).toThrow(RangeError);
  });
});
