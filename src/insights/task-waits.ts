/**
 * The waits of the tasks of a responsibility matrix (src/responsibilities), derived from their
 * versions: a task waits for its responsible organisation from its creation until it is done.
 * Handing it over to another organisation ends that organisation's wait and starts the new one's;
 * a waived task did not apply, so its open wait is dropped (like a withdrawn share's).
 */
import type { TaskHistoryRow } from '../responsibilities';
import { TASK_STEP, type TaskWait } from './stall-stats';

/** One version of a task as the report reads it (any order: grouped and sorted here). */
export type TaskVersionRecord = TaskHistoryRow;

/** Every stay of every task with its responsible organisation; an open task's last stay is open. */
export function taskWaits(versions: readonly TaskVersionRecord[]): TaskWait[] {
  const byTask = new Map<string, TaskVersionRecord[]>();
  for (const v of versions) {
    const list = byTask.get(v.taskId);
    if (list) list.push(v);
    else byTask.set(v.taskId, [v]);
  }
  const waits: TaskWait[] = [];
  for (const list of byTask.values()) {
    list.sort((a, b) => a.version - b.version);
    let open: TaskWait | null = null;
    for (const v of list) {
      if (v.action === 'CREATED' || (open && v.organisationId !== open.partnerId)) {
        if (open) waits.push({ ...open, left: v.createdAt });
        open = start(v);
      }
      if (!open) continue;
      open = { ...open, title: v.title, lotNumber: v.lotNumber, dueOn: v.dueOn };
      if (v.action === 'DONE') {
        waits.push({ ...open, left: v.createdAt });
        open = null;
      } else if (v.action === 'WAIVED') {
        open = null;
      }
    }
    if (open) waits.push(open);
  }
  return waits;
}

function start(v: TaskVersionRecord): TaskWait {
  return {
    taskId: v.taskId,
    tenderId: v.tenderId,
    partnerId: v.organisationId,
    partnerName: v.organisationName,
    step: TASK_STEP,
    title: v.title,
    lotNumber: v.lotNumber,
    dueOn: v.dueOn,
    arrived: v.createdAt,
    left: null,
  };
}
