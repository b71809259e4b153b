import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { JOB_QUEUE, JobName, JobPayloads } from '../jobs';
import { OutboxJob } from './outbox-job.entity';

export interface EnqueueOptions {
  jobId?: string;
  runAt?: Date;
  replace?: boolean;
}

/** Writes jobs into the outbox inside the caller's transaction; never talks to Redis. */
@Injectable()
export class OutboxService {
  async enqueue<N extends JobName>(
    manager: EntityManager,
    name: N,
    payload: JobPayloads[N],
    options: EnqueueOptions = {},
  ): Promise<OutboxJob> {
    return manager.getRepository(OutboxJob).save(
      manager.getRepository(OutboxJob).create({
        queue: JOB_QUEUE[name],
        name,
        payload: payload as Record<string, unknown>,
        jobId: options.jobId ?? null,
        runAt: options.runAt ?? null,
        replace: options.replace ?? false,
        operation: 'add',
      }),
    );
  }

  /** Several jobs of one kind in a single INSERT (e.g. the e-mail copies of one notification). */
  async enqueueMany<N extends JobName>(
    manager: EntityManager,
    name: N,
    jobs: { payload: JobPayloads[N]; options?: EnqueueOptions }[],
  ): Promise<void> {
    if (jobs.length === 0) return;
    const repo = manager.getRepository(OutboxJob);
    // save() of new entities is one multi-row INSERT … RETURNING on PostgreSQL.
    await repo.save(
      jobs.map(({ payload, options = {} }) =>
        repo.create({
          queue: JOB_QUEUE[name],
          name,
          payload: payload as Record<string, unknown>,
          jobId: options.jobId ?? null,
          runAt: options.runAt ?? null,
          replace: options.replace ?? false,
          operation: 'add',
        }),
      ),
    );
  }

  /** Removes a pending job (e.g. a reminder for a deadline that was done) once dispatched. */
  async cancel(manager: EntityManager, name: JobName, jobId: string): Promise<OutboxJob> {
    return manager.getRepository(OutboxJob).save(
      manager.getRepository(OutboxJob).create({
        queue: JOB_QUEUE[name],
        name,
        payload: {},
        jobId,
        operation: 'remove',
      }),
    );
  }
}
