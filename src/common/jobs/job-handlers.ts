import { Injectable, Logger, OnModuleInit, SetMetadata } from '@nestjs/common';
import { DiscoveryService } from '@nestjs/core';
import { JOB_QUEUE, type JobName, type QueueName } from './job-catalogue';

const HANDLED_JOBS = 'wspolnie:handled-jobs';

export interface JobHandlerDeclaration {
  handler: string;
  queue: QueueName;
  jobs: JobName[];
}

/** Declares the jobs of the catalogue a processor takes from its queue (checked at worker start). */
export function HandlesJobs(queue: QueueName, ...jobs: JobName[]): ClassDecorator {
  return SetMetadata(HANDLED_JOBS, { queue, jobs });
}

/** What a class declares with `@HandlesJobs`, or undefined. */
export function handledJobsOf(target: object): Omit<JobHandlerDeclaration, 'handler'> | undefined {
  return Reflect.getMetadata(HANDLED_JOBS, target) as
    Omit<JobHandlerDeclaration, 'handler'> | undefined;
}

/**
 * What keeps the catalogue and the processors from matching: a job nobody handles, a handler on
 * the wrong queue, two handlers for one job. Empty when every job has exactly one handler.
 */
export function jobHandlerProblems(
  declarations: JobHandlerDeclaration[],
  catalogue: Record<JobName, QueueName> = JOB_QUEUE,
): string[] {
  const problems: string[] = [];
  const handlers = new Map<JobName, string[]>();
  for (const d of declarations) {
    for (const job of d.jobs) {
      const queue = catalogue[job] as QueueName | undefined;
      if (queue === undefined)
        problems.push(`${d.handler} handles ${job}, which is not in the job catalogue`);
      else if (queue !== d.queue)
        problems.push(
          `${d.handler} takes ${job} from the ${d.queue} queue, the catalogue puts it on ${queue}`,
        );
      handlers.set(job, [...(handlers.get(job) ?? []), d.handler]);
    }
  }
  for (const job of Object.keys(catalogue) as JobName[]) {
    const found = handlers.get(job) ?? [];
    if (found.length === 0) problems.push(`no handler for ${job} (queue ${catalogue[job]})`);
    if (found.length > 1) problems.push(`${job} has several handlers: ${found.join(', ')}`);
  }
  return problems;
}

/**
 * Part of the worker: refuses to start (before any queue is consumed) when a job of the catalogue
 * has no handler among the worker's providers.
 */
@Injectable()
export class JobHandlersCheck implements OnModuleInit {
  private readonly logger = new Logger(JobHandlersCheck.name);

  constructor(private readonly discovery: DiscoveryService) {}

  onModuleInit(): void {
    const declarations: JobHandlerDeclaration[] = [];
    for (const wrapper of this.discovery.getProviders()) {
      const cls = wrapper.metatype;
      if (typeof cls !== 'function') continue;
      const declared = handledJobsOf(cls);
      if (declared) declarations.push({ handler: cls.name, ...declared });
    }
    const problems = jobHandlerProblems(declarations);
    if (problems.length > 0) {
      throw new Error(
        `The worker cannot start: the job catalogue (src/common/jobs/job-catalogue.ts) and the processors disagree: ${problems.join('; ')}`,
      );
    }
    this.logger.log(`Every job of the catalogue has a handler (${declarations.length} processors)`);
  }
}
