import { Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { Worker, type Job } from 'bullmq';
import { HandlesJobs, JobPayloads, QueueName } from '../common/jobs';
import { observeWorker } from '../common/metrics';
import { AppConfig } from '../config';
import { DocumentRendererService, type RenderOutcome } from './document-renderer.service';
import { warmUpRenderer } from './render/render-document';

/**
 * The `documents` queue. A plain BullMQ worker rather than `@Processor`, so the lock duration
 * (how soon another worker takes over the job of a dead one) comes from the configuration.
 * Retries with exponential backoff are set where the job is added (the outbox dispatcher); the
 * last failed attempt marks the document FAILED with the reason.
 */
@Injectable()
@HandlesJobs(QueueName.Documents, 'document.render')
export class DocumentsProcessor implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(DocumentsProcessor.name);
  private worker?: Worker;

  constructor(
    private readonly renderer: DocumentRendererService,
    private readonly config: AppConfig,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    // Fonts parsed and the layout code warm before the first job, not during it.
    await warmUpRenderer().catch((err: unknown) =>
      this.logger.warn(
        `Renderer warm-up failed: ${err instanceof Error ? err.message : String(err)}`,
      ),
    );
    this.worker = new Worker(QueueName.Documents, (job: Job) => this.process(job), {
      connection: { ...this.config.redis, maxRetriesPerRequest: null },
      prefix: this.config.redisPrefix,
      concurrency: this.config.documentConcurrency,
      lockDuration: this.config.documentJobLockMs,
      stalledInterval: this.config.documentJobLockMs,
      maxStalledCount: 2,
    });
    this.worker.on('error', (err) => this.logger.warn(`Documents worker: ${err.message}`));
    observeWorker(this.worker);
  }

  async onApplicationShutdown(): Promise<void> {
    // Closing a BullMQ worker whose connection is still being set up makes that connection emit
    // an error nobody listens to any more: let it finish connecting first.
    await this.worker?.waitUntilReady().catch(() => undefined);
    await this.worker?.close();
  }

  async process(
    job: Pick<Job, 'name' | 'data' | 'attemptsMade' | 'opts' | 'id'>,
  ): Promise<RenderOutcome> {
    if (job.name !== 'document.render')
      throw new Error(`Unknown job ${job.name} on the documents queue`);
    const { documentId } = job.data as JobPayloads['document.render'];
    try {
      return await this.renderer.render(documentId);
    } catch (err) {
      const reason = err instanceof Error ? err.message : String(err);
      const last = job.attemptsMade + 1 >= (job.opts.attempts ?? 1);
      if (last) await this.renderer.failed(documentId, reason);
      else {
        await this.renderer.attemptFailed(documentId, reason);
        this.logger.warn(
          `Document ${documentId} attempt ${job.attemptsMade + 1} failed (will retry): ${reason}`,
        );
      }
      throw err;
    }
  }
}
