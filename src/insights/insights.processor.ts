import { InjectQueue, OnWorkerEvent, Processor, WorkerHost } from '@nestjs/bullmq';
import { Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import type { Job, Queue } from 'bullmq';
import { HandlesJobs, QueueName } from '../common/jobs';
import { observeWorker } from '../common/metrics';
import { AppConfig } from '../config';
import { StallEscalationService, type StallSweepResult } from './stall-escalation.service';
import { WeeklyDigestService, type DigestResult } from './weekly-digest.service';

/** The job schedulers (BullMQ repeatable jobs) of the stall sweep and of the weekly digest. */
export const STALL_SWEEP_SCHEDULER_ID = 'stall.sweep';
export const WEEKLY_DIGEST_SCHEDULER_ID = 'digest.weekly';
const RETRY_REGISTRATION_MS = 30_000;

/**
 * The insights queue: `stall.sweep`, repeatable every STALL_SWEEP_EVERY_MS, and `digest.weekly`
 * on WEEKLY_DIGEST_CRON (Europe/Warsaw), both registered by every worker at boot (idempotent
 * upserts: BullMQ keeps one schedule each). The services decide from the database what is due,
 * so a late or doubled run notifies nobody twice.
 */
@Processor(QueueName.Insights)
@HandlesJobs(QueueName.Insights, 'stall.sweep', 'digest.weekly')
export class InsightsProcessor
  extends WorkerHost
  implements OnApplicationBootstrap, OnApplicationShutdown
{
  private readonly logger = new Logger(InsightsProcessor.name);
  private retry?: NodeJS.Timeout;
  private stopped = false;

  constructor(
    private readonly escalation: StallEscalationService,
    private readonly digest: WeeklyDigestService,
    private readonly config: AppConfig,
    @InjectQueue(QueueName.Insights) private readonly queue: Queue,
  ) {
    super();
  }

  async process(job: Job): Promise<StallSweepResult | DigestResult> {
    if (job.name === 'digest.weekly') {
      const sent = await this.digest.send();
      this.logger.log(`Weekly digest ${sent.week}: sent to ${sent.sent} organisation(s)`);
      return sent;
    }
    if (job.name !== 'stall.sweep')
      throw new Error(`Unknown job ${job.name} on the insights queue`);
    const result = await this.escalation.sweep();
    if (result.escalated > 0 || result.failed > 0) {
      this.logger.log(
        `Stall sweep: ${result.escalated} escalation(s) over ${result.tenders} tender(s), ${result.failed} tender(s) to retry`,
      );
    }
    return result;
  }

  onApplicationBootstrap(): void {
    observeWorker(this.worker);
    this.queue.on('error', (err: Error) => {
      if (!this.stopped) this.logger.warn(`Insights queue: ${err.message}`);
    });
    void this.register();
  }

  onApplicationShutdown(): void {
    this.stopped = true;
    if (this.retry) clearTimeout(this.retry);
  }

  private async register(): Promise<void> {
    try {
      await this.queue.upsertJobScheduler(
        STALL_SWEEP_SCHEDULER_ID,
        { every: this.config.stallSweepEveryMs },
        { name: 'stall.sweep', data: {}, opts: { removeOnComplete: 50, removeOnFail: 50 } },
      );
      await this.queue.upsertJobScheduler(
        WEEKLY_DIGEST_SCHEDULER_ID,
        { pattern: this.config.weeklyDigestCron, tz: 'Europe/Warsaw' },
        { name: 'digest.weekly', data: {}, opts: { removeOnComplete: 20, removeOnFail: 20 } },
      );
    } catch (err) {
      if (this.stopped) return;
      const message = err instanceof Error ? err.message : String(err);
      this.logger.warn(
        `Could not register the stall sweep and the weekly digest (retrying): ${message}`,
      );
      this.retry = setTimeout(() => void this.register(), RETRY_REGISTRATION_MS);
    }
  }

  @OnWorkerEvent('failed')
  onFailed(job: Job | undefined, err: Error): void {
    this.logger.warn(`Insights job ${job?.id ?? '?'} (${job?.name ?? '?'}) failed: ${err.message}`);
  }
}
