import { OnWorkerEvent, Processor, WorkerHost } from '@nestjs/bullmq';
import { Logger, OnApplicationBootstrap } from '@nestjs/common';
import type { Job } from 'bullmq';
import { HandlesJobs, JobPayloads, QueueName } from '../common/jobs';
import { observeWorker } from '../common/metrics';
import { AppConfig } from '../config';
import { EmailOutcome, EmailService } from './email.service';

/** `notification.email` jobs from the outbox; thin: the service re-reads and decides. */
@Processor(QueueName.Notifications)
@HandlesJobs(QueueName.Notifications, 'notification.email')
export class EmailProcessor extends WorkerHost implements OnApplicationBootstrap {
  private readonly logger = new Logger(EmailProcessor.name);

  constructor(
    private readonly email: EmailService,
    private readonly config: AppConfig,
  ) {
    super();
  }

  onApplicationBootstrap(): void {
    // Sending waits on the SMTP server: several at once keep a morning's reminders moving.
    this.worker.concurrency = this.config.emailConcurrency;
    observeWorker(this.worker);
  }

  async process(job: Job<JobPayloads['notification.email']>): Promise<EmailOutcome> {
    if (job.name !== 'notification.email') throw new Error(`Unknown job ${job.name}`);
    return this.email.sendNotification(job.data.notificationId);
  }

  @OnWorkerEvent('failed')
  onFailed(job: Job | undefined, err: Error): void {
    this.logger.warn(`E-mail job ${job?.id ?? '?'} failed (will retry): ${err.message}`);
  }

  @OnWorkerEvent('error')
  onError(err: Error): void {
    this.logger.warn(`Notifications worker: ${err.message}`);
  }
}
