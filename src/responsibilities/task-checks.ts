import type { EntityManager } from 'typeorm';
import { hasRole, type Actor, roleRows } from '../auth';
import { fieldRuleError } from '../common/errors';
import { todayInWarsaw } from '../common/dates';
import type { Tender } from '../tenders';
import type { TaskView } from './dto/task.dto';
import type { TaskRow } from './task-rows';
import { organisationRows } from '../organisations';
import { shareRows } from '../tenders';

/** The checks and the view of a task (no Nest): who acts, who may be responsible, what is shown. */

export function mayComplete(
  actor: Actor,
  tender: Tender,
  row: TaskRow,
  mayManage: boolean,
): boolean {
  if (mayManage) return true;
  return hasRole(
    actor,
    row.organisation_id,
    'PROCUREMENT_OFFICER',
    'COORDINATOR',
    'TREASURER',
    'HEAD',
  );
}

/** `today` is the schedule clock's Warsaw day (the clock every deadline runs on). */
export function assertNotPast(dueOn: string, today: string): void {
  if (dueOn < today) throw fieldRuleError('dueOn', 'notInPast', 'dueOn must be today or later');
}

/** The organisation is the leader or holds a share; the person has a role in it. */
export async function assertResponsible(
  manager: EntityManager,
  tender: Tender,
  organisationId: string,
  personUserId: string | null,
): Promise<void> {
  if (organisationId !== tender.leaderOrganisationId) {
    const [share] = await manager.query<{ id: string }[]>(
      `SELECT id FROM ${shareRows} shares WHERE tender_id = $1 AND organisation_id = $2 AND status <> 'WITHDRAWN' LIMIT 1`,
      [tender.id, organisationId],
    );
    if (!share)
      throw fieldRuleError(
        'organisationId',
        'partnerOfTender',
        'The responsible organisation must be the leader or a partner with a share in the tender',
      );
  }
  if (personUserId) {
    const [m] = await manager.query<{ user_id: string }[]>(
      `SELECT user_id FROM ${roleRows} role_memberships WHERE user_id = $1 AND organisation_id = $2 LIMIT 1`,
      [personUserId, organisationId],
    );
    if (!m)
      throw fieldRuleError(
        'personUserId',
        'memberOfOrganisation',
        'The responsible person must have a role in the responsible organisation',
      );
  }
}

export async function columnsOf(
  manager: EntityManager,
  tender: Tender,
): Promise<{ id: string; name: string; leader: boolean }[]> {
  const rows = await manager.query<{ id: string; name: string }[]>(
    `SELECT o.id, o.name FROM ${organisationRows} o
      WHERE o.id = $1 OR o.id IN (SELECT organisation_id FROM ${shareRows} shares WHERE tender_id = $2 AND status <> 'WITHDRAWN')
      ORDER BY (o.id = $1) DESC, o.name`,
    [tender.leaderOrganisationId, tender.id],
  );
  return rows.map((r) => ({ ...r, leader: r.id === tender.leaderOrganisationId }));
}

export function taskView(actor: Actor, tender: Tender, r: TaskRow, mayManage: boolean): TaskView {
  return {
    id: r.task_id,
    version: r.version,
    tenderId: r.tender_id,
    kind: r.kind,
    scope: r.scope,
    lotNumber: r.lot_number,
    title: r.title,
    organisationId: r.organisation_id,
    organisationName: r.organisation_name,
    personUserId: r.person_user_id,
    personName: r.person_name,
    dueOn: r.due_on,
    status: r.status,
    overdue: r.status === 'OPEN' && (r.due_on < todayInWarsaw() || r.deadline_status === 'MISSED'),
    note: r.note,
    fileName: r.file_name,
    fileUrl: r.file_sha256 ? `/api/v1/tender-tasks/${r.task_id}/file` : null,
    deadlineId: r.deadline_id,
    recordedBy: r.actor_name,
    recordedAt: new Date(r.created_at).toISOString(),
    mayComplete: r.status === 'OPEN' && mayComplete(actor, tender, r, mayManage),
  };
}
