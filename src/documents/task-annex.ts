import { createHash } from 'node:crypto';
import { warsawDate } from '../common/polish-calendar';
import type { TaskSnapshot } from './render/snapshot.types';

/*
 * The agreement's annex "Podział zadań i odpowiedzialności" comes from the tender's
 * responsibility matrix (src/responsibilities). Pure: the service loads the current version of
 * each task, this decides what the annex freezes and which of it is a term of the agreement.
 */

/** The current version of a task as the responsibility module stores it (`TaskRow`). */
export interface SourceTask {
  task_id: string;
  kind: string;
  scope: 'LEADER_FOR_ALL' | 'EACH_PARTNER';
  lot_number: number | null;
  title: string;
  organisation_id: string;
  organisation_name: string;
  person_name: string | null;
  due_on: string;
  status: 'OPEN' | 'DONE' | 'WAIVED';
  note: string | null;
  /** When this version was recorded: for a DONE task, when it was done. */
  created_at: Date;
}

/**
 * The annex's rows: the leader's tasks for all first, then by due day, organisation and title
 * (a stable order, so the same matrix always prints the same annex).
 */
export function taskSnapshots(rows: readonly SourceTask[]): TaskSnapshot[] {
  return [...rows]
    .sort(
      (a, b) =>
        Number(b.scope === 'LEADER_FOR_ALL') - Number(a.scope === 'LEADER_FOR_ALL') ||
        a.due_on.localeCompare(b.due_on) ||
        a.organisation_name.localeCompare(b.organisation_name, 'pl') ||
        (a.lot_number ?? 0) - (b.lot_number ?? 0) ||
        a.title.localeCompare(b.title, 'pl') ||
        (a.task_id < b.task_id ? -1 : 1),
    )
    .map((r) => ({
      id: r.task_id,
      kind: r.kind,
      scope: r.scope,
      title: r.title,
      ...(r.lot_number !== null ? { lotNumber: r.lot_number } : {}),
      organisationId: r.organisation_id,
      organisationName: r.organisation_name,
      ...(r.person_name ? { personName: r.person_name } : {}),
      dueOn: r.due_on,
      status: r.status,
      ...(r.status === 'DONE' ? { doneOn: warsawDate(new Date(r.created_at)) } : {}),
      ...(r.status === 'WAIVED' && r.note ? { waivedReason: r.note } : {}),
    }));
}

/**
 * What of a task is a term of the agreement: who does what, for which lot, by when, and whether
 * it still has to be done (waived, with the reason). Marking a task done fulfils the term and
 * does not change it, so it leaves out DONE and the day it was done.
 */
function terms(t: TaskSnapshot): string[] {
  return [
    t.id,
    t.kind,
    t.scope,
    t.title,
    String(t.lotNumber ?? ''),
    t.organisationId,
    t.personName ?? '',
    t.dueOn,
    t.status === 'WAIVED' ? `WAIVED:${t.waivedReason ?? ''}` : '',
  ];
}

/** SHA-256 over the terms of every task, in id order: equal for the same division of tasks. */
export function taskMatrixFingerprint(tasks: readonly TaskSnapshot[]): string {
  const rows = tasks.map(terms).sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));
  return createHash('sha256').update(JSON.stringify(rows)).digest('hex');
}

/**
 * The tasks whose terms differ between the annex as printed and the matrix now, one line each:
 * "added: Dane wejściowe (Gmina Liszki) 2027-01-15", "changed: … 2027-01-15 → 2027-01-22",
 * "waived: …", "removed: …". Empty when the printed annex still holds.
 */
export function changedTasks(
  printed: readonly TaskSnapshot[],
  current: readonly TaskSnapshot[],
): string[] {
  const label = (t: TaskSnapshot) => `${t.title} (${t.organisationName})`;
  const before = new Map(printed.map((t) => [t.id, t]));
  const out: string[] = [];
  for (const now of current) {
    const was = before.get(now.id);
    before.delete(now.id);
    if (!was) {
      out.push(`added: ${label(now)} ${now.dueOn}`);
      continue;
    }
    if (JSON.stringify(terms(was)) === JSON.stringify(terms(now))) continue;
    if (now.status === 'WAIVED' && was.status !== 'WAIVED') out.push(`waived: ${label(now)}`);
    else
      out.push(
        `changed: ${label(now)}${was.dueOn !== now.dueOn ? ` ${was.dueOn} → ${now.dueOn}` : ''}${
          was.organisationId !== now.organisationId ? ` (was ${was.organisationName})` : ''
        }`,
      );
  }
  for (const gone of before.values()) out.push(`removed: ${label(gone)}`);
  return out;
}
