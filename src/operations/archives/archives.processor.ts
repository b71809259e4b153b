import { OnWorkerEvent, Processor, WorkerHost } from '@nestjs/bullmq';
import { Logger, OnApplicationBootstrap } from '@nestjs/common';
import type { Job } from 'bullmq';
import { HandlesJobs, JobPayloads, QueueName } from '../../common/jobs';
import { observeWorker } from '../../common/metrics';
import { ArchiveBuilder, type ArchiveOutcome } from './archive-builder';

/** `archive.build` jobs from the outbox; thin: the builder re-reads the archive and decides. */
@Processor(QueueName.Archives)
@HandlesJobs(QueueName.Archives, 'archive.build')
export class ArchivesProcessor extends WorkerHost implements OnApplicationBootstrap {
  private readonly logger = new Logger(ArchivesProcessor.name);

  constructor(private readonly builder: ArchiveBuilder) {
    super();
  }

  onApplicationBootstrap(): void {
    observeWorker(this.worker);
  }

  async process(job: Job<JobPayloads['archive.build']>): Promise<ArchiveOutcome> {
    if (job.name !== 'archive.build')
      throw new Error(`Unknown job ${job.name} on the archives queue`);
    try {
      return await this.builder.build(job.data.archiveId);
    } catch (err) {
      const reason = err instanceof Error ? err.message : String(err);
      if (job.attemptsMade + 1 >= (job.opts.attempts ?? 1))
        await this.builder.failed(job.data.archiveId, reason);
      throw err;
    }
  }

  @OnWorkerEvent('failed')
  onFailed(job: Job | undefined, err: Error): void {
    this.logger.warn(`Archive job ${job?.id ?? '?'} failed: ${err.message}`);
  }
}
