import { InjectQueue, OnWorkerEvent, Processor, WorkerHost } from '@nestjs/bullmq';
import { Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import type { Job, Queue } from 'bullmq';
import { HandlesJobs, jobIds, JobPayloads, QueueName } from '../common/jobs';
import { observeWorker } from '../common/metrics';
import { AppConfig } from '../config';
import { RemindersReconciler, type ReconcileResult } from './reminders-reconciler.service';
import { ReminderOutcome, RemindersService } from './reminders.service';

/** The job scheduler (BullMQ repeatable job) that runs the overdue sweep. */
export const SWEEP_SCHEDULER_ID = 'deadline.sweep';
const RETRY_REGISTRATION_MS = 30_000;

/**
 * The reminders queue: `deadline.reminder` (delayed, from the outbox), `deadline.sweep`
 * (repeatable, registered here at boot) and `deadline.reconcile`, which every worker asks for at
 * start and every REMINDER_RECONCILE_EVERY_MS from a timer of its own — not a BullMQ schedule,
 * which a Redis data loss would take with it. Thin: the services re-read state and decide.
 */
@Processor(QueueName.Reminders)
@HandlesJobs(QueueName.Reminders, 'deadline.reminder', 'deadline.sweep', 'deadline.reconcile')
export class RemindersProcessor
  extends WorkerHost
  implements OnApplicationBootstrap, OnApplicationShutdown
{
  private readonly logger = new Logger(RemindersProcessor.name);
  private retry?: NodeJS.Timeout;
  private reconcileTimer?: NodeJS.Timeout;
  /** Set on shutdown: a registration still in flight then neither retries nor reports. */
  private stopped = false;

  constructor(
    private readonly reminders: RemindersService,
    private readonly reconciler: RemindersReconciler,
    private readonly config: AppConfig,
    @InjectQueue(QueueName.Reminders) private readonly queue: Queue,
  ) {
    super();
  }

  async process(
    job: Job,
  ): Promise<
    ReminderOutcome | { missed: number; closed: number; failed: number } | ReconcileResult
  > {
    switch (job.name) {
      case 'deadline.reminder':
        return this.reminders.fire(job.data as JobPayloads['deadline.reminder']);
      case 'deadline.sweep':
        return this.reminders.sweep();
      case 'deadline.reconcile': {
        // The sweep's schedule lives in Redis too: asserting it again restores it after a loss.
        await this.upsertSweep();
        return this.reconciler.reconcile();
      }
      default:
        throw new Error(`Unknown job ${job.name} on the reminders queue`);
    }
  }

  onApplicationBootstrap(): void {
    this.worker.concurrency = this.config.reminderConcurrency;
    observeWorker(this.worker);
    // A registration cut short by a quick shutdown reports on the queue; never let it go unhandled.
    this.queue.on('error', (err: Error) => {
      if (!this.stopped) this.logger.warn(`Reminders queue: ${err.message}`);
    });
    void this.registerSweep();
    void this.requestReconcile();
    this.reconcileTimer = setInterval(
      () => void this.requestReconcile(),
      this.config.reminderReconcileEveryMs,
    );
  }

  onApplicationShutdown(): void {
    this.stopped = true;
    if (this.retry) clearTimeout(this.retry);
    if (this.reconcileTimer) clearInterval(this.reconcileTimer);
  }

  /** One reconciliation per period: every worker asks, the deterministic job id keeps one. */
  private async requestReconcile(): Promise<void> {
    const period = Math.floor(Date.now() / this.config.reminderReconcileEveryMs);
    try {
      await this.queue.add(
        'deadline.reconcile',
        {},
        { jobId: jobIds.reconcile(period), removeOnComplete: 20, removeOnFail: 20 },
      );
    } catch (err) {
      if (this.stopped) return;
      const message = err instanceof Error ? err.message : String(err);
      this.logger.warn(`Could not ask for the reminders reconciliation (next period): ${message}`);
    }
  }

  /** Idempotent (upsert): every worker registers the same scheduler; BullMQ keeps one. */
  private upsertSweep(): Promise<unknown> {
    return this.queue.upsertJobScheduler(
      SWEEP_SCHEDULER_ID,
      { every: this.config.reminderSweepEveryMs },
      {
        name: 'deadline.sweep',
        data: {},
        opts: { removeOnComplete: 100, removeOnFail: 100 },
      },
    );
  }

  private async registerSweep(): Promise<void> {
    try {
      await this.upsertSweep();
    } catch (err) {
      if (this.stopped) return;
      const message = err instanceof Error ? err.message : String(err);
      this.logger.warn(`Could not register the overdue sweep (retrying): ${message}`);
      this.retry = setTimeout(() => void this.registerSweep(), RETRY_REGISTRATION_MS);
    }
  }

  @OnWorkerEvent('failed')
  onFailed(job: Job | undefined, err: Error): void {
    this.logger.warn(
      `Reminders job ${job?.id ?? '?'} (${job?.name ?? '?'}) failed: ${err.message}`,
    );
  }

  @OnWorkerEvent('error')
  onError(err: Error): void {
    this.logger.warn(`Reminders worker: ${err.message}`);
  }
}
