import { InjectQueue } from '@nestjs/bullmq';
import { Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { JobsOptions, Queue } from 'bullmq';
import { DataSource } from 'typeorm';
import { AppConfig } from '../../config';
import { QueueName } from '../jobs';
import { OutboxJob } from './outbox-job.entity';

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
  private running?: Promise<{ dispatched: number; claimed: number }>;
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
      this.running = this.dispatchBatch().catch((err: unknown) => {
        this.failures += 1;
        // Back off up to 30 s while Redis or PostgreSQL is away; rows stay pending meanwhile.
        const message = err instanceof Error ? err.message : String(err);
        if (this.failures === 1 || this.failures % 20 === 0) {
          this.logger.warn(
            `Outbox dispatch failed (${this.failures}x), jobs wait in PostgreSQL: ${message}`,
          );
        }
        return { dispatched: 0, claimed: 0 };
      });
      void this.running.then(({ dispatched, claimed }) => {
        if (dispatched > 0 || this.failures === 0) this.failures = 0;
        // A full batch means more rows wait: take the next one at once.
        const delay =
          claimed === this.config.outboxBatchSize && this.failures === 0
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
    return (await this.dispatchBatch()).dispatched;
  }

  /**
   * Claims up to OUTBOX_BATCH_SIZE pending rows (`FOR UPDATE SKIP LOCKED`: another dispatcher
   * takes the next rows meanwhile), hands them to BullMQ in a few round trips and marks them
   * dispatched in the same transaction. A crash between BullMQ's answer and the commit leaves the
   * rows pending; dispatched again, they name the same job ids, so BullMQ keeps one job each.
   */
  private async dispatchBatch(): Promise<{ dispatched: number; claimed: number }> {
    let failure: unknown;
    const moved = await this.dataSource.transaction(async (manager) => {
      const rows = await manager
        .getRepository(OutboxJob)
        .createQueryBuilder('j')
        .where('j.dispatched_at IS NULL')
        .andWhere('j.attempts < :max', { max: OUTBOX_MAX_ATTEMPTS })
        .orderBy('j.created_at', 'ASC')
        .limit(this.config.outboxBatchSize)
        .setLock('pessimistic_write')
        .setOnLocked('skip_locked')
        .getMany();
      // Rows go in segments whose job ids are all different (see `segments`): per segment one
      // round trip removes every job a removal or a replacement names, and one addBulk per queue
      // adds the rest. Rows naming the same job id stay in their recorded order across segments.
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
        if (!(await this.dispatchSegment(segment, dispatched, refuse, oneByOne))) break;
      }
      if (dispatched.length > 0) {
        await manager.query(
          `UPDATE outbox_jobs SET dispatched_at = now(), attempts = attempts + 1 WHERE id = ANY($1)`,
          [dispatched],
        );
      }
      return { dispatched: dispatched.length, claimed: rows.length };
    });
    if (failure !== undefined)
      throw failure instanceof Error ? failure : new Error(JSON.stringify(failure));
    return moved;
  }

  /**
   * One segment (distinct job ids): first every removal and replacement's removal at once — BullMQ
   * answers 0 for a job that is running, which then waits for the next batch as before — then one
   * addBulk per queue. False when Redis is away (the caller stops and backs off).
   */
  private async dispatchSegment(
    segment: OutboxJob[],
    dispatched: string[],
    refuse: (row: OutboxJob, err: unknown) => Promise<boolean>,
    oneByOne: (group: OutboxJob[]) => Promise<boolean>,
  ): Promise<boolean> {
    const blocked = new Set<string>();
    const removing = segment.filter((r) => r.operation === 'remove' || r.replace);
    if (removing.length > 0) {
      let results: PromiseSettledResult<number>[];
      try {
        results = await withTimeout(
          Promise.allSettled(
            removing.map((row) => {
              const queue = this.queues.get(row.queue);
              if (!queue)
                return Promise.reject(new Error(`Outbox row names unknown queue "${row.queue}"`));
              return queue.remove(row.jobId ?? row.id);
            }),
          ),
          REDIS_TIMEOUT_MS,
        );
      } catch (err) {
        // No answer within the timeout: Redis is away.
        return refuse(removing[0], err).then(() => false);
      }
      for (const [i, result] of results.entries()) {
        const row = removing[i];
        if (result.status === 'fulfilled' && result.value === 1) {
          if (row.operation === 'remove') dispatched.push(row.id);
          continue;
        }
        blocked.add(row.id);
        const err: unknown =
          result.status === 'rejected'
            ? (result.reason as unknown)
            : new Error(`Job ${row.jobId ?? row.id} is running; it is replaced in a later batch`);
        if (!(await refuse(row, err))) return false;
      }
    }
    const adding = segment.filter((r) => r.operation !== 'remove' && !blocked.has(r.id));
    for (const [queueName, group] of groupBy(adding, (r) => r.queue)) {
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
        if (!(await oneByOne(group))) return false;
      }
    }
    return true;
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

/**
 * Consecutive rows cut into segments in which no job id appears twice: within a segment the order
 * of removals and additions does not matter (each touches its own job), and a later row naming the
 * same job as an earlier one goes in a later segment, after it.
 */
export function segments(rows: OutboxJob[]): OutboxJob[][] {
  const out: OutboxJob[][] = [];
  let ids = new Set<string>();
  for (const row of rows) {
    const id = `${row.queue}\u0000${row.jobId ?? row.id}`;
    const last = out[out.length - 1];
    if (last && !ids.has(id)) last.push(row);
    else {
      out.push([row]);
      ids = new Set();
    }
    ids.add(id);
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
