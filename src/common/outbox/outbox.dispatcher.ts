import { InjectQueue } from '@nestjs/bullmq';
import { Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { JobsOptions, Queue } from 'bullmq';
import { DataSource } from 'typeorm';
import { AppConfig } from '../../config';
import { QueueName } from '../jobs';
import { OutboxJob } from './outbox-job.entity';

const BATCH = 100;
/** A row that failed this often is left for an operator (see `last_error`); it blocks nothing. */
export const OUTBOX_MAX_ATTEMPTS = 20;
/** BullMQ queues commands while Redis is away; give up on a row after this and retry later. */
const REDIS_TIMEOUT_MS = 3000;

function isConnectionError(message: string): boolean {
  return /did not answer|ECONNREFUSED|ECONNRESET|ETIMEDOUT|Connection is closed|connect/i.test(
    message,
  );
}

function withTimeout<T>(p: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`Redis did not answer within ${ms} ms`)), ms);
  });
  return Promise.race([p, timeout]).finally(() => clearTimeout(timer));
}

/**
 * Moves committed outbox rows to BullMQ, oldest first. Rows are locked with SKIP LOCKED so several
 * workers can run; a row is marked dispatched only after BullMQ accepted it, so a Redis outage
 * delays jobs and loses none. The BullMQ job id is the row's `jobId` (or its id), so a row
 * dispatched twice after a crash still yields one job.
 */
@Injectable()
export class OutboxDispatcher implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(OutboxDispatcher.name);
  private readonly queues: Map<string, Queue>;
  private timer?: NodeJS.Timeout;
  private running?: Promise<number>;
  private stopped = false;
  private failures = 0;

  constructor(
    private readonly dataSource: DataSource,
    private readonly config: AppConfig,
    @InjectQueue(QueueName.Documents) documents: Queue,
    @InjectQueue(QueueName.Reminders) reminders: Queue,
    @InjectQueue(QueueName.Notifications) notifications: Queue,
    @InjectQueue(QueueName.Archives) archives: Queue,
  ) {
    this.queues = new Map([documents, reminders, notifications, archives].map((q) => [q.name, q]));
  }

  onApplicationBootstrap(): void {
    this.schedule(0);
  }

  async onApplicationShutdown(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    await this.running;
  }

  private schedule(ms: number): void {
    if (this.stopped) return;
    this.timer = setTimeout(() => {
      this.running = this.dispatchPending().catch((err: unknown) => {
        this.failures += 1;
        // Back off up to 30 s while Redis or PostgreSQL is away; rows stay pending meanwhile.
        const message = err instanceof Error ? err.message : String(err);
        if (this.failures === 1 || this.failures % 20 === 0) {
          this.logger.warn(
            `Outbox dispatch failed (${this.failures}x), jobs wait in PostgreSQL: ${message}`,
          );
        }
        return 0;
      });
      void this.running.then((n) => {
        if (n > 0 || this.failures === 0) this.failures = 0;
        const delay =
          n === BATCH
            ? 0
            : this.failures > 0
              ? Math.min(30000, this.config.outboxPollMs * 2 ** this.failures)
              : this.config.outboxPollMs;
        this.schedule(delay);
      });
    }, ms);
  }

  /** Dispatches one batch; returns how many rows it moved. Exposed for tests and benchmarks. */
  async dispatchPending(): Promise<number> {
    let failure: unknown;
    const moved = await this.dataSource.transaction(async (manager) => {
      const rows = await manager
        .getRepository(OutboxJob)
        .createQueryBuilder('j')
        .where('j.dispatched_at IS NULL')
        .andWhere('j.attempts < :max', { max: OUTBOX_MAX_ATTEMPTS })
        .orderBy('j.created_at', 'ASC')
        .limit(BATCH)
        .setLock('pessimistic_write')
        .setOnLocked('skip_locked')
        .getMany();
      // Runs of plain additions go to each queue in one round trip (addBulk); a removal or a
      // replacement needs a look-up first and goes alone. Order is kept: a removal is never
      // overtaken by an addition of the same job that was recorded after it, nor the reverse.
      const dispatched: string[] = [];
      const refuse = async (row: OutboxJob, err: unknown): Promise<boolean> => {
        const message = err instanceof Error ? err.message : String(err);
        await manager.update(OutboxJob, row.id, {
          attempts: () => 'attempts + 1',
          lastError: message.slice(0, 500),
        });
        if (isConnectionError(message)) {
          // Redis is away: stop here, the rest wait in order and the caller backs off.
          failure = err;
          return false;
        }
        // A job Redis refused on its own merits must not block the ones behind it.
        this.logger.error(`Outbox row ${row.id} (${row.name}) was refused: ${message}`);
        return true;
      };
      const oneByOne = async (group: OutboxJob[]): Promise<boolean> => {
        for (const row of group) {
          try {
            await withTimeout(this.dispatchOne(row), REDIS_TIMEOUT_MS);
            dispatched.push(row.id);
          } catch (err) {
            if (!(await refuse(row, err))) return false;
          }
        }
        return true;
      };
      for (const segment of segments(rows)) {
        if (!segment.bulk) {
          if (!(await oneByOne(segment.rows))) break;
          continue;
        }
        let go = true;
        for (const [queueName, group] of groupBy(segment.rows, (r) => r.queue)) {
          const queue = this.queues.get(queueName);
          try {
            if (!queue) throw new Error(`Outbox rows name unknown queue "${queueName}"`);
            await withTimeout(
              queue.addBulk(
                group.map((row) => ({ name: row.name, data: row.payload, opts: jobOptions(row) })),
              ),
              REDIS_TIMEOUT_MS,
            );
            dispatched.push(...group.map((r) => r.id));
          } catch {
            // Find the row Redis refuses, one by one, so that the others still go.
            go = await oneByOne(group);
            if (!go) break;
          }
        }
        if (!go) break;
      }
      if (dispatched.length > 0) {
        await manager.query(
          `UPDATE outbox_jobs SET dispatched_at = now(), attempts = attempts + 1 WHERE id = ANY($1)`,
          [dispatched],
        );
      }
      const count = dispatched.length;
      return count;
    });
    if (failure !== undefined)
      throw failure instanceof Error ? failure : new Error(JSON.stringify(failure));
    return moved;
  }

  private async dispatchOne(row: OutboxJob): Promise<void> {
    const queue = this.queues.get(row.queue);
    if (!queue) throw new Error(`Outbox row ${row.id} names unknown queue "${row.queue}"`);
    const jobId = row.jobId ?? row.id;
    if (row.operation === 'remove' || row.replace) {
      const existing = await queue.getJob(jobId);
      if (existing) await existing.remove();
      if (row.operation === 'remove') return;
    }
    await queue.add(row.name, row.payload, jobOptions(row));
  }
}

/** BullMQ options of a row's job: its deterministic id, its delay, retries and retention. */
function jobOptions(row: OutboxJob): JobsOptions {
  return {
    jobId: row.jobId ?? row.id,
    delay: row.runAt ? Math.max(0, row.runAt.getTime() - Date.now()) : 0,
    attempts: 5,
    backoff: { type: 'exponential', delay: 2000 },
    removeOnComplete: { age: 7 * 24 * 3600, count: 10000 },
    removeOnFail: { age: 30 * 24 * 3600 },
  };
}

/** Consecutive rows split into runs of plain additions and single removals/replacements. */
export function segments(rows: OutboxJob[]): { bulk: boolean; rows: OutboxJob[] }[] {
  const out: { bulk: boolean; rows: OutboxJob[] }[] = [];
  for (const row of rows) {
    const bulk = row.operation !== 'remove' && !row.replace;
    const last = out[out.length - 1];
    if (bulk && last?.bulk) last.rows.push(row);
    else out.push({ bulk, rows: [row] });
  }
  return out;
}

function groupBy<T>(items: T[], key: (item: T) => string): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const item of items) {
    const k = key(item);
    const group = groups.get(k);
    if (group) group.push(item);
    else groups.set(k, [item]);
  }
  return groups;
}
