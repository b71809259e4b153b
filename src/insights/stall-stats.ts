/**
 * "Where decisions stall" (issue #14): pure figures over the waits of shares at approval steps
 * and of the tasks of the responsibility matrix.
 * A wait is measured in Polish working days (src/common/polish-calendar): the day the share
 * arrived at a step is not counted, the day it left (or today, while it still waits) is.
 */
import { countWorkingDays, warsawDate } from '../common/polish-calendar';

/**
 * Where a share can wait: a proposed share waits for its coordinator, then the treasurer, then the
 * head (the chain of src/tenders/share-chain.ts); after a change request it waits for the leader
 * to set a new amount.
 */
export const STALL_STEPS = ['COORDINATOR', 'TREASURER', 'HEAD', 'CHANGE_REQUESTED'] as const;
export type StallStep = (typeof STALL_STEPS)[number];

/** The step of a task of the responsibility matrix (src/responsibilities): it waits to be done. */
export const TASK_STEP = 'TASK';
/** Every step the report counts: the shares' steps and the tasks. */
export type WaitStep = StallStep | typeof TASK_STEP;

/** One stay of a share at one step; `left` is null while the share still waits there. */
export interface StepWait {
  shareId: string;
  partnerId: string;
  partnerName: string;
  step: StallStep;
  arrived: Date;
  left: Date | null;
}

/**
 * One stay of a task with its responsible organisation: from the task's creation (or its handing
 * over to this organisation) until it was done; `left` is null while it is still open.
 */
export interface TaskWait {
  taskId: string;
  tenderId: string;
  partnerId: string;
  partnerName: string;
  step: typeof TASK_STEP;
  title: string;
  lotNumber: number | null;
  /** The due day (YYYY-MM-DD) of the task's latest version. */
  dueOn: string;
  arrived: Date;
  left: Date | null;
}

/** A wait of a share or of a task. */
export type AnyWait = StepWait | TaskWait;

export type MeasuredWait<W extends AnyWait = StepWait> = W & { workingDays: number };

export interface StallFigure {
  key: string;
  label: string;
  count: number;
  medianWorkingDays: number;
  slowestWorkingDays: number;
  /** The slowest wait: a share's (slowestShareId) or a task's (slowestTaskId). */
  slowestShareId?: string;
  slowestTaskId?: string;
}

export interface MonthlyTrendPoint {
  /** YYYY-MM in Warsaw, the month in which the wait ended. */
  month: string;
  count: number;
  medianWorkingDays: number;
}

/** Working days between two instants by the Polish calendar, counted on Warsaw days. */
export function workingDaysBetween(from: Date, to: Date): number {
  if (to.getTime() <= from.getTime()) return 0;
  return countWorkingDays(warsawDate(from), warsawDate(to));
}

/** The median of the numbers (the mean of the middle two for an even count); 0 for none. */
export function median(values: readonly number[]): number {
  if (values.length === 0) return 0;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

/** Each wait with its length in working days; open waits are measured up to `now`. */
export function measure<W extends AnyWait>(waits: readonly W[], now: Date): MeasuredWait<W>[] {
  return waits.map((w) => ({ ...w, workingDays: workingDaysBetween(w.arrived, w.left ?? now) }));
}

/** A task's due day, for the order of equal waits; a share's step has none (it sorts last). */
const dueOf = (w: AnyWait): string => ('dueOn' in w ? w.dueOn : '9999-12-31');

/**
 * What waits now: the longest first, then the earliest arrived, then — among tasks that arrived
 * together, as a task set does — the earliest due (an overdue task before one due next year).
 */
export function waitingNow<W extends AnyWait>(waits: readonly W[], now: Date): MeasuredWait<W>[] {
  return measure(
    waits.filter((w) => w.left === null),
    now,
  ).sort(
    (a, b) =>
      b.workingDays - a.workingDays ||
      a.arrived.getTime() - b.arrived.getTime() ||
      dueOf(a).localeCompare(dueOf(b)),
  );
}

function figures(
  waits: readonly MeasuredWait<AnyWait>[],
  keyOf: (w: MeasuredWait<AnyWait>) => string,
  labelOf: (w: MeasuredWait<AnyWait>) => string,
): StallFigure[] {
  const groups = new Map<string, MeasuredWait<AnyWait>[]>();
  for (const w of waits) {
    const key = keyOf(w);
    const group = groups.get(key);
    if (group) group.push(w);
    else groups.set(key, [w]);
  }
  return [...groups.entries()]
    .map(([key, group]) => {
      const slowest = group.reduce((a, b) => (b.workingDays > a.workingDays ? b : a));
      return {
        key,
        label: labelOf(group[0]),
        count: group.length,
        medianWorkingDays: median(group.map((w) => w.workingDays)),
        slowestWorkingDays: slowest.workingDays,
        ...('taskId' in slowest
          ? { slowestTaskId: slowest.taskId }
          : { slowestShareId: slowest.shareId }),
      };
    })
    .sort((a, b) => b.slowestWorkingDays - a.slowestWorkingDays || a.key.localeCompare(b.key));
}

/** Median and slowest wait per step, the slowest step first. */
export function perStep(waits: readonly MeasuredWait<AnyWait>[]): StallFigure[] {
  return figures(
    waits,
    (w) => w.step,
    (w) => w.step,
  );
}

/** Median and slowest wait per partner, the slowest partner first. */
export function perPartner(waits: readonly MeasuredWait<AnyWait>[]): StallFigure[] {
  return figures(
    waits,
    (w) => w.partnerId,
    (w) => w.partnerName,
  );
}

/** Median wait of the waits that ended in each Warsaw month, oldest month first. */
export function monthlyTrend(waits: readonly MeasuredWait<AnyWait>[]): MonthlyTrendPoint[] {
  const byMonth = new Map<string, number[]>();
  for (const w of waits) {
    if (w.left === null) continue;
    const month = warsawDate(w.left).slice(0, 7);
    const list = byMonth.get(month);
    if (list) list.push(w.workingDays);
    else byMonth.set(month, [w.workingDays]);
  }
  return [...byMonth.entries()]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([month, days]) => ({ month, count: days.length, medianWorkingDays: median(days) }));
}

/** Waits that have stood at one step for at least `afterWorkingDays` and are due an escalation. */
export function dueForEscalation(
  waits: readonly StepWait[],
  now: Date,
  afterWorkingDays: number,
): MeasuredWait[] {
  if (!Number.isInteger(afterWorkingDays) || afterWorkingDays < 1) {
    throw new RangeError('afterWorkingDays must be a positive integer');
  }
  return waitingNow(waits, now).filter((w) => w.workingDays >= afterWorkingDays);
}
