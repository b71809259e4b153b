import { InjectQueue, OnWorkerEvent, Processor, WorkerHost } from '@nestjs/bullmq';
import { Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import type { Job, Queue } from 'bullmq';
import { HandlesJobs, JobPayloads, QueueName } from '../common/jobs';
import { observeWorker } from '../common/metrics';
import { AppConfig } from '../config';
import { ReminderOutcome, RemindersService } from './reminders.service';

/** The job scheduler (BullMQ repeatable job) that runs the overdue sweep. */
export const SWEEP_SCHEDULER_ID = 'deadline.sweep';
const RETRY_REGISTRATION_MS = 30_000;

/**
 * The reminders queue: `deadline.reminder` (delayed, from the outbox) and `deadline.sweep`
 * (repeatable, registered here at boot). Thin: the service re-reads state and decides.
 */
@Processor(QueueName.Reminders)
@HandlesJobs(QueueName.Reminders, 'deadline.reminder', 'deadline.sweep')
export class RemindersProcessor
  extends WorkerHost
  implements OnApplicationBootstrap, OnApplicationShutdown
{
  private readonly logger = new Logger(RemindersProcessor.name);
  private retry?: NodeJS.Timeout;
  /** Set on shutdown: a registration still in flight then neither retries nor reports. */
  private stopped = false;

  constructor(
    private readonly reminders: RemindersService,
    private readonly config: AppConfig,
    @InjectQueue(QueueName.Reminders) private readonly queue: Queue,
  ) {
    super();
  }

  async process(
    job: Job,
  ): Promise<ReminderOutcome | { missed: number; closed: number; failed: number }> {
    switch (job.name) {
      case 'deadline.reminder':
        return this.reminders.fire(job.data as JobPayloads['deadline.reminder']);
      case 'deadline.sweep':
        return this.reminders.sweep();
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
  }

  onApplicationShutdown(): void {
    this.stopped = true;
    if (this.retry) clearTimeout(this.retry);
  }

  /** Idempotent (upsert): every worker registers the same scheduler; BullMQ keeps one. */
  private async registerSweep(): Promise<void> {
    try {
      await this.queue.upsertJobScheduler(
        SWEEP_SCHEDULER_ID,
        { every: this.config.reminderSweepEveryMs },
        {
          name: 'deadline.sweep',
          data: {},
          opts: { removeOnComplete: 100, removeOnFail: 100 },
        },
      );
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
