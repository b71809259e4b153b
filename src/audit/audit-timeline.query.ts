import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { AuditEvent } from './audit-event.entity';

export interface TimelineEvent {
  id: string;
  tenderId: string;
  occurredAt: Date;
  action: string;
  entityId: string | null;
  to: string | null;
}

/** Read-only queries over the audit trail for other modules (open data feed, archives). */
@Injectable()
export class AuditTimelineQuery {
  // The ids are selected as text (bigint exceeds JS numbers); ORDER BY names the table's column,
  // since a bare `id` would sort by that text output column ("1001" before "984").
  constructor(private readonly dataSource: DataSource) {}

  /** The events of the given actions of these tenders, ascending by id. */
  async events(tenderIds: string[], actions: string[]): Promise<TimelineEvent[]> {
    if (tenderIds.length === 0) return [];
    const rows = await this.dataSource.query<Row[]>(
      `SELECT id::text, tender_id, occurred_at, action, entity_id, data->>'to' AS "to"
         FROM audit_events WHERE tender_id = ANY($1) AND action = ANY($2)
        ORDER BY audit_events.id`,
      [tenderIds, actions],
    );
    return rows.map(toEvent);
  }

  /**
   * One page of a feed: events of the given actions of these tenders after `afterId`, at or after
   * `since`, ascending by id.
   */
  async page(q: {
    tenderIds: string[];
    actions: string[];
    afterId: string | null;
    since: Date | null;
    limit: number;
  }): Promise<TimelineEvent[]> {
    if (q.tenderIds.length === 0) return [];
    const rows = await this.dataSource.query<Row[]>(
      `SELECT id::text, tender_id, occurred_at, action, entity_id, data->>'to' AS "to"
         FROM audit_events
        WHERE tender_id = ANY($1) AND action = ANY($2)
          AND ($3::bigint IS NULL OR id > $3::bigint)
          AND ($4::timestamptz IS NULL OR occurred_at >= $4::timestamptz)
        ORDER BY audit_events.id LIMIT $5`,
      [q.tenderIds, q.actions, q.afterId, q.since, q.limit],
    );
    return rows.map(toEvent);
  }

  /** The whole trail of a tender, oldest first, for the archive. */
  trail(tenderId: string): Promise<AuditEvent[]> {
    return this.dataSource.getRepository(AuditEvent).find({
      where: { tenderId },
      order: { id: 'ASC' },
    });
  }

  /**
   * The newest event id of a tender, leaving out actions that change nothing recorded (downloads,
   * archive requests): an archive built after it is current.
   */
  async lastChangeId(tenderId: string, ignoredActionPrefixes: string[]): Promise<string | null> {
    const [row] = await this.dataSource.query<{ id: string | null }[]>(
      `SELECT max(id)::text AS id FROM audit_events
        WHERE tender_id = $1 AND NOT (action LIKE ANY($2))`,
      [tenderId, ignoredActionPrefixes.map((p) => `${p}%`)],
    );
    return row?.id ?? null;
  }
}

interface Row {
  id: string;
  tender_id: string;
  occurred_at: Date;
  action: string;
  entity_id: string | null;
  to: string | null;
}

const toEvent = (r: Row): TimelineEvent => ({
  id: r.id,
  tenderId: r.tender_id,
  occurredAt: r.occurred_at,
  action: r.action,
  entityId: r.entity_id,
  to: r.to,
});
