export { JOB_QUEUE, QueueName, jobIds } from './job-catalogue';
export type { JobName, JobPayloads } from './job-catalogue';
export { QueuesModule } from './queues.module';
export { HandlesJobs, JobHandlersCheck, handledJobsOf, jobHandlerProblems } from './job-handlers';
export type { JobHandlerDeclaration } from './job-handlers';
