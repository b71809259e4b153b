export { JOB_QUEUE, QueueName, jobIds } from './job-catalogue';
export type { JobName, JobPayloads } from './job-catalogue';
export { QueuesModule } from './queues.module';
