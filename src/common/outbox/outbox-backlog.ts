import type { EntityManager } from 'typeorm';
import { OUTBOX_MAX_ATTEMPTS } from './outbox.dispatcher';

export interface OutboxBacklog {
  /** Rows not yet moved to BullMQ that the dispatcher will still try. */
  pending: number;
  /** Rows that gave up after OUTBOX_MAX_ATTEMPTS (need an operator). */
  stuck: number;
  oldestAgeSeconds: number;
}

/** The outbox backlog in one query, for metrics and readiness. */
export async function outboxBacklog(manager: EntityManager): Promise<OutboxBacklog> {
  const [row] = await manager.query<{ pending: number; stuck: number; oldest: number | null }[]>(
    `SELECT count(*) FILTER (WHERE attempts < $1)::int AS pending,
            count(*) FILTER (WHERE attempts >= $1)::int AS stuck,
            extract(epoch FROM now() - min(created_at) FILTER (WHERE attempts < $1))::float8 AS oldest
       FROM outbox_jobs WHERE dispatched_at IS NULL`,
    [OUTBOX_MAX_ATTEMPTS],
  );
  return {
    pending: row?.pending ?? 0,
    stuck: row?.stuck ?? 0,
    oldestAgeSeconds: Math.max(0, Math.round((row?.oldest ?? 0) * 1000) / 1000),
  };
}

/** Which of these BullMQ job ids wait in the outbox, recorded but not yet moved to their queue. */
export async function undispatchedJobIds(
  manager: Pick<EntityManager, 'query'>,
  jobIds: string[],
): Promise<Set<string>> {
  const rows = await manager.query<{ job_id: string }[]>(
    'SELECT job_id FROM outbox_jobs WHERE dispatched_at IS NULL AND job_id = ANY($1)',
    [jobIds],
  );
  return new Set(rows.map((r) => r.job_id));
}
