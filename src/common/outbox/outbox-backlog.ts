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
