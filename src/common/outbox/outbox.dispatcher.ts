import { InjectQueue } from '@nestjs/bullmq';
import { Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { Queue } from 'bullmq';
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
      let count = 0;
      for (const row of rows) {
        try {
          await withTimeout(this.dispatchOne(row), REDIS_TIMEOUT_MS);
        } catch (err) {
          const message = err instanceof Error ? err.message : String(err);
          await manager.update(OutboxJob, row.id, {
            attempts: () => 'attempts + 1',
            lastError: message.slice(0, 500),
          });
          if (isConnectionError(message)) {
            // Redis is away: stop here, the rest wait in order and the caller backs off.
            failure = err;
            break;
          }
          // A job Redis refused on its own merits must not block the ones behind it.
          this.logger.error(`Outbox row ${row.id} (${row.name}) was refused: ${message}`);
          continue;
        }
        await manager.update(OutboxJob, row.id, {
          dispatchedAt: new Date(),
          attempts: () => 'attempts + 1',
        });
        count += 1;
      }
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
    const delay = row.runAt ? Math.max(0, row.runAt.getTime() - Date.now()) : 0;
    await queue.add(row.name, row.payload, {
      jobId,
      delay,
      attempts: 5,
      backoff: { type: 'exponential', delay: 2000 },
      removeOnComplete: { age: 7 * 24 * 3600, count: 10000 },
      removeOnFail: { age: 30 * 24 * 3600 },
    });
  }
}
