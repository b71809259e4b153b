import { measure, perPartner, perStep, waitingNow, type StepWait } from './stall-stats';
import { taskWaits, type TaskVersionRecord } from './task-waits';

const at = (day: string): Date => new Date(`${day}T09:00:00Z`);
const v = (
  version: number,
  action: TaskVersionRecord['action'],
  day: string,
  over: Partial<TaskVersionRecord> = {},
): TaskVersionRecord => ({
  taskId: 't1',
  tenderId: 'x',
  version,
  action,
  organisationId: 'a',
  organisationName: 'Gmina A',
  title: 'Dane wejściowe',
  lotNumber: null,
  dueOn: '2026-11-20',
  createdAt: at(day),
  ...over,
});
const stays = (versions: TaskVersionRecord[]) =>
  taskWaits(versions).map((w) => [
    w.partnerName,
    w.arrived.toISOString().slice(0, 10),
    w.left?.toISOString().slice(0, 10) ?? null,
  ]);

describe('taskWaits', () => {
  it('an open task waits from its creation, with the due day of its latest version', () => {
    const [wait] = taskWaits([
      v(2, 'CHANGED', '2026-11-04', { dueOn: '2026-11-27' }),
      v(1, 'CREATED', '2026-11-02'),
    ]);
    expect(wait).toMatchObject({ step: 'TASK', taskId: 't1', left: null, dueOn: '2026-11-27' });
    expect(wait.arrived).toEqual(at('2026-11-02'));
  });

  it('a done task closes its wait on the day it was marked done', () => {
    expect(stays([v(1, 'CREATED', '2026-11-02'), v(2, 'DONE', '2026-11-09')])).toEqual([
      ['Gmina A', '2026-11-02', '2026-11-09'],
    ]);
  });

  it('handing a task over ends one organisation’s wait and starts the other’s', () => {
    expect(
      stays([
        v(1, 'CREATED', '2026-11-02'),
        v(2, 'CHANGED', '2026-11-05', { organisationId: 'b', organisationName: 'Gmina B' }),
        v(3, 'DONE', '2026-11-10', { organisationId: 'b', organisationName: 'Gmina B' }),
      ]),
    ).toEqual([
      ['Gmina A', '2026-11-02', '2026-11-05'],
      ['Gmina B', '2026-11-05', '2026-11-10'],
    ]);
  });

  it('a waived task did not apply: its open wait is not counted', () => {
    expect(stays([v(1, 'CREATED', '2026-11-02'), v(2, 'WAIVED', '2026-11-20')])).toEqual([]);
  });

  it('counts with the shares: step TASK, per partner together, the slowest task named', () => {
    const share: StepWait = {
      shareId: 's1',
      partnerId: 'a',
      partnerName: 'Gmina A',
      step: 'TREASURER',
      arrived: at('2026-11-02'),
      left: at('2026-11-04'),
    };
    const tasks = taskWaits([
      v(1, 'CREATED', '2026-11-02'),
      v(2, 'DONE', '2026-11-09'),
      v(1, 'CREATED', '2026-11-05', { taskId: 't2' }),
    ]);
    // Thu 12 Nov: t1 took 5 working days (3–6, 9 Nov); t2 waits 4 (6, 9, 10, 12 Nov: the 11th is
    // Independence Day).
    const now = at('2026-11-12');
    const measured = measure([share, ...tasks], now);
    expect(perStep(measured).find((f) => f.key === 'TASK')).toEqual({
      key: 'TASK',
      label: 'TASK',
      count: 2,
      medianWorkingDays: 4.5,
      slowestWorkingDays: 5,
      slowestTaskId: 't1',
    });
    expect(perStep(measured).find((f) => f.key === 'TREASURER')?.slowestShareId).toBe('s1');
    expect(perPartner(measured)).toHaveLength(1);
    expect(perPartner(measured)[0]).toMatchObject({ count: 3, slowestWorkingDays: 5 });
    expect(waitingNow([share, ...tasks], now).map((w) => [w.step, w.workingDays])).toEqual([
      ['TASK', 4],
    ]);
  });

  it('lists tasks of one set, which arrived together, by their due day: the overdue first', () => {
    const set = taskWaits([
      v(1, 'CREATED', '2026-11-05', { taskId: 'payment', dueOn: '2027-07-21' }),
      v(1, 'CREATED', '2026-11-05', { taskId: 'input', dueOn: '2026-11-10' }),
      v(1, 'CREATED', '2026-11-05', { taskId: 'opz', dueOn: '2026-12-07' }),
    ]);
    expect(waitingNow(set, at('2026-11-12')).map((w) => w.taskId)).toEqual([
      'input',
      'opz',
      'payment',
    ]);
  });
});
