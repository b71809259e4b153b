import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { Actor } from '../auth';
import { borrowRelation } from '../common/db';
import { formatAmount } from '../common/money';
import { type Page, page } from '../common/pagination';
import type { TaskView } from './dto/tender-view.dto';
import { organisationRows } from '../organisations';

const STATUS_FOR_ROLE = {
  COORDINATOR: 'PROPOSED',
  TREASURER: 'COORDINATOR_ACCEPTED',
  HEAD: 'COUNTERSIGNED',
} as const;

interface TaskRow {
  kind: string;
  tender_id: string;
  reference: string;
  title: string;
  share_id: string | null;
  organisation_name: string | null;
  step: string | null;
  amount_net: string | null;
  deadline: Date | null;
  since: Date;
  lot_number: number | null;
  task_id: string | null;
  total: string;
}

/** The inbox: what waits for the current user across all tenders, oldest deadline first. */
@Injectable()
export class TasksService {
  constructor(private readonly dataSource: DataSource) {}

  /** One page of the inbox with the count of everything waiting (one statement). */
  async pageFor(actor: Actor, q: { limit: number; offset: number }): Promise<Page<TaskView>> {
    const stepPairs = actor.memberships.filter((m) => m.role in STATUS_FOR_ROLE);
    const officerOrgs = actor.memberships
      .filter((m) => m.role === 'PROCUREMENT_OFFICER')
      .map((m) => m.organisationId);
    const rows = await this.dataSource.query<TaskRow[]>(
      `WITH mine(org, role, status) AS (
         SELECT * FROM unnest($1::uuid[], $2::text[], $3::text[])
       ), waiting AS (
       SELECT 'SHARE_AWAITING_STEP' AS kind, t.id AS tender_id, t.reference, t.title, s.id AS share_id,
              o.name AS organisation_name, mine.role AS step, s.amount_net, t.share_deadline AS deadline, s.updated_at AS since,
              (SELECT l.number FROM lots l WHERE l.id = s.lot_id) AS lot_number, NULL::uuid AS task_id
         FROM shares s
         JOIN mine ON mine.org = s.organisation_id AND mine.status = s.status
         JOIN tenders t ON t.id = s.tender_id AND t.status = 'COLLECTING_SHARES'
         JOIN ${organisationRows} o ON o.id = s.organisation_id
        WHERE NOT EXISTS (SELECT 1 FROM share_approvals a WHERE a.share_id = s.id AND a.user_id = $4 AND NOT a.void AND a.decision = 'APPROVED')
       UNION ALL
       SELECT 'SHARE_CHANGE_REQUESTED', t.id, t.reference, t.title, s.id, o.name, NULL, s.amount_net, t.share_deadline, s.updated_at,
              (SELECT l.number FROM lots l WHERE l.id = s.lot_id), NULL::uuid
         FROM shares s
         JOIN tenders t ON t.id = s.tender_id AND t.leader_organisation_id = ANY($5::uuid[]) AND t.status IN ('DRAFT', 'COLLECTING_SHARES', 'READY')
         JOIN ${organisationRows} o ON o.id = s.organisation_id
        WHERE s.status = 'CHANGE_REQUESTED'
       UNION ALL
       SELECT 'TENDER_READY_TO_PUBLISH', t.id, t.reference, t.title, NULL, NULL, NULL, t.value_net, t.share_deadline, t.updated_at, NULL::int, NULL::uuid
         FROM tenders t
        WHERE t.leader_organisation_id = ANY($5::uuid[]) AND t.status = 'READY'
       UNION ALL
       SELECT 'RESPONSIBILITY_TASK', t.id, t.reference, t.title, NULL, o.name, k.title, NULL,
              (k.due_on + time '23:59') AT TIME ZONE 'Europe/Warsaw', k.created_at, k.lot_number, k.task_id
         FROM (SELECT DISTINCT ON (task_id) * FROM ${borrowRelation('taskVersions')} v
                WHERE organisation_id = ANY($8::uuid[]) ORDER BY task_id, version DESC) k
         JOIN tenders t ON t.id = k.tender_id AND t.status NOT IN ('DRAFT', 'CANCELLED', 'SETTLED')
         JOIN ${organisationRows} o ON o.id = k.organisation_id
        WHERE k.status = 'OPEN' AND (k.person_user_id IS NULL OR k.person_user_id = $4)
       )
       SELECT *, count(*) OVER () AS total FROM waiting
        ORDER BY deadline ASC NULLS LAST, since ASC, share_id NULLS LAST, tender_id
        LIMIT $6 OFFSET $7`,
      [
        stepPairs.map((m) => m.organisationId),
        stepPairs.map((m) => m.role),
        stepPairs.map((m) => STATUS_FOR_ROLE[m.role as keyof typeof STATUS_FOR_ROLE]),
        actor.userId,
        officerOrgs,
        q.limit,
        q.offset,
        [
          ...new Set(
            actor.memberships.filter((m) => m.role !== 'LAWYER').map((m) => m.organisationId),
          ),
        ],
      ],
    );
    const total = rows.length > 0 ? Number(rows[0].total) : await this.countFor(actor, q);
    const items = rows.map((r) => ({
      kind: r.kind,
      tenderId: r.tender_id,
      tenderReference: r.reference,
      tenderTitle: r.title,
      shareId: r.share_id,
      organisationName: r.organisation_name,
      lotNumber: r.lot_number,
      step: r.step,
      taskId: r.task_id,
      amountNet: r.amount_net === null ? null : formatAmount(Number(r.amount_net)),
      deadline: r.deadline ? new Date(r.deadline).toISOString() : null,
      since: new Date(r.since).toISOString(),
    }));
    return page(items, total, q);
  }

  /** A page past the end carries no window count: count from the start (rare). */
  private async countFor(actor: Actor, q: { limit: number; offset: number }): Promise<number> {
    if (q.offset === 0) return 0;
    return (await this.pageFor(actor, { limit: 1, offset: 0 })).total;
  }
}
