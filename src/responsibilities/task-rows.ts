import type { EntityManager } from 'typeorm';
import type { TaskKind, TaskScope, TaskStatus } from './task-kinds';
import { organisationRows } from '../organisations';
import { type Actor, userRows } from '../auth';
import { deadlineRows } from '../schedule';
import { tenderRows } from '../tenders';

/** One version of a task as stored (`tender_tasks`). */
export interface TaskRow {
  id: string;
  task_id: string;
  version: number;
  action: 'CREATED' | 'CHANGED' | 'DONE' | 'WAIVED';
  tender_id: string;
  kind: TaskKind;
  scope: TaskScope;
  lot_number: number | null;
  title: string;
  organisation_id: string;
  organisation_name: string;
  person_user_id: string | null;
  person_name: string | null;
  due_on: string;
  status: TaskStatus;
  note: string | null;
  file_sha256: string | null;
  file_name: string | null;
  file_type: string | null;
  deadline_id: string | null;
  actor_name: string;
  created_at: Date;
  first_created_at: Date;
  /** The status of the task's deadline (MISSED once the overdue sweep escalated it). */
  deadline_status: string | null;
}

const SELECT = `
  SELECT DISTINCT ON (t.task_id) t.id, t.task_id, t.version, t.action, t.tender_id, t.kind, t.scope,
         t.lot_number, t.title, t.organisation_id, o.name AS organisation_name, t.person_user_id,
         u.display_name AS person_name, to_char(t.due_on, 'YYYY-MM-DD') AS due_on, t.status, t.note,
         t.file_sha256, t.file_name, t.file_type, t.deadline_id, t.actor_name, t.created_at,
         (SELECT f.created_at FROM tender_tasks f WHERE f.task_id = t.task_id AND f.version = 1) AS first_created_at,
         (SELECT d.status FROM ${deadlineRows} d WHERE d.id = t.deadline_id) AS deadline_status
    FROM tender_tasks t
    JOIN ${organisationRows} o ON o.id = t.organisation_id
    LEFT JOIN ${userRows} u ON u.id = t.person_user_id`;

/** The current version of every task of a tender (leader's tasks first, then by due day). */
export async function currentTasks(manager: EntityManager, tenderId: string): Promise<TaskRow[]> {
  const rows = await manager.query<TaskRow[]>(
    `${SELECT} WHERE t.tender_id = $1 ORDER BY t.task_id, t.version DESC`,
    [tenderId],
  );
  return rows.sort(
    (a, b) =>
      a.due_on.localeCompare(b.due_on) ||
      a.organisation_name.localeCompare(b.organisation_name, 'pl') ||
      a.title.localeCompare(b.title, 'pl'),
  );
}

/** The current version of one task, or undefined. */
export async function currentTask(
  manager: EntityManager,
  taskId: string,
): Promise<TaskRow | undefined> {
  const rows = await manager.query<TaskRow[]>(
    `${SELECT} WHERE t.task_id = $1 ORDER BY t.task_id, t.version DESC`,
    [taskId],
  );
  return rows[0];
}

/** Every version of a task, oldest first (its history). */
export async function taskVersions(manager: EntityManager, taskId: string): Promise<TaskRow[]> {
  return manager.query<TaskRow[]>(
    `SELECT t.*, to_char(t.due_on, 'YYYY-MM-DD') AS due_on, o.name AS organisation_name,
            u.display_name AS person_name
       FROM tender_tasks t JOIN ${organisationRows} o ON o.id = t.organisation_id
       LEFT JOIN ${userRows} u ON u.id = t.person_user_id
      WHERE t.task_id = $1 ORDER BY t.version`,
    [taskId],
  );
}

export type NewVersion = Omit<
  TaskRow,
  | 'id'
  | 'organisation_name'
  | 'person_name'
  | 'created_at'
  | 'first_created_at'
  | 'actor_name'
  | 'deadline_status'
> & { actor_user_id: string | null; actor_name: string; created_at: Date };

export async function insertVersion(manager: EntityManager, v: NewVersion): Promise<void> {
  await manager.query(
    `INSERT INTO tender_tasks (task_id, version, action, tender_id, kind, scope, lot_number, title,
       organisation_id, person_user_id, due_on, status, note, file_sha256, file_name, file_type,
       deadline_id, actor_user_id, actor_name, created_at)
     VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9,$10,$11,$12,$13,$14,$15,$16,$17,$18,$19,$20)`,
    [
      v.task_id,
      v.version,
      v.action,
      v.tender_id,
      v.kind,
      v.scope,
      v.lot_number,
      v.title,
      v.organisation_id,
      v.person_user_id,
      v.due_on,
      v.status,
      v.note,
      v.file_sha256,
      v.file_name,
      v.file_type,
      v.deadline_id,
      v.actor_user_id,
      v.actor_name,
      v.created_at,
    ],
  );
}

/**
 * The next version of a task: the current one's fields, `patch` over them, a fresh note and file
 * unless the patch sets them, recorded by `actor` at `at` (the schedule's clock).
 */
export async function insertNextVersion(
  manager: EntityManager,
  actor: Actor,
  row: TaskRow,
  at: Date,
  patch: Partial<NewVersion> & Pick<NewVersion, 'action'>,
): Promise<void> {
  await insertVersion(manager, {
    task_id: row.task_id,
    version: row.version + 1,
    tender_id: row.tender_id,
    kind: row.kind,
    scope: row.scope,
    lot_number: row.lot_number,
    title: row.title,
    organisation_id: row.organisation_id,
    person_user_id: row.person_user_id,
    due_on: row.due_on,
    status: row.status,
    note: null,
    file_sha256: null,
    file_name: null,
    file_type: null,
    deadline_id: row.deadline_id,
    ...patch,
    actor_user_id: actor.userId,
    actor_name: actor.displayName,
    created_at: at,
  });
}

/** Every version of every task of the tenders, as the stall report reads them (src/insights). */
export interface TaskHistoryRow {
  taskId: string;
  tenderId: string;
  version: number;
  action: TaskRow['action'];
  organisationId: string;
  organisationName: string;
  title: string;
  lotNumber: number | null;
  dueOn: string;
  createdAt: Date;
}

export async function taskHistories(
  manager: EntityManager,
  tenderIds: readonly string[],
): Promise<TaskHistoryRow[]> {
  if (tenderIds.length === 0) return [];
  return manager.query<TaskHistoryRow[]>(
    `SELECT t.task_id AS "taskId", t.tender_id AS "tenderId", t.version, t.action,
            t.organisation_id AS "organisationId", o.name AS "organisationName", t.title,
            t.lot_number AS "lotNumber", to_char(t.due_on, 'YYYY-MM-DD') AS "dueOn",
            t.created_at AS "createdAt"
       FROM tender_tasks t JOIN ${organisationRows} o ON o.id = t.organisation_id
      WHERE t.tender_id = ANY($1::uuid[])
      ORDER BY t.task_id, t.version`,
    [tenderIds],
  );
}

/** An open task of an organisation, with its tender (the weekly digest, src/insights). */
export interface OpenTaskRow {
  taskId: string;
  tenderId: string;
  tenderReference: string;
  organisationId: string;
  organisationName: string;
  title: string;
  lotNumber: number | null;
  dueOn: string;
  /** When the task was created. */
  since: Date;
}

/**
 * The open tasks of tenders under way (not drafts, cancelled or settled: as in Moje zadania),
 * optionally of some organisations only, the oldest first.
 */
export async function openTasks(
  manager: EntityManager,
  organisationIds?: readonly string[],
): Promise<OpenTaskRow[]> {
  return manager.query<OpenTaskRow[]>(
    `SELECT k.task_id AS "taskId", k.tender_id AS "tenderId", t.reference AS "tenderReference",
            k.organisation_id AS "organisationId", o.name AS "organisationName", k.title,
            k.lot_number AS "lotNumber", to_char(k.due_on, 'YYYY-MM-DD') AS "dueOn",
            (SELECT f.created_at FROM tender_tasks f WHERE f.task_id = k.task_id AND f.version = 1) AS since
       FROM (SELECT DISTINCT ON (task_id) * FROM tender_tasks ORDER BY task_id, version DESC) k
       JOIN ${tenderRows} t ON t.id = k.tender_id AND t.status NOT IN ('DRAFT', 'CANCELLED', 'SETTLED')
       JOIN ${organisationRows} o ON o.id = k.organisation_id
      WHERE k.status = 'OPEN' AND ($1::uuid[] IS NULL OR k.organisation_id = ANY($1::uuid[]))
      ORDER BY since, k.due_on, k.task_id`,
    [organisationIds ?? null],
  );
}
