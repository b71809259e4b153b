import type { Job, Worker } from 'bullmq';
import { jobDuration, jobFailures, reminderLateness } from './metrics';

const seconds = (job: Job): number | null =>
  job.processedOn && job.finishedOn ? Math.max(0, (job.finishedOn - job.processedOn) / 1000) : null;

/**
 * Job duration and failures of one BullMQ worker, by queue and job name; for the reminders
 * queue also the lateness of each reminder (when it ran − when it was due to run).
 */
export function observeWorker(worker: Worker): void {
  worker.on('active', (job: Job) => {
    if (job.name !== 'deadline.reminder') return;
    const due = job.timestamp + (job.opts.delay ?? 0);
    reminderLateness.observe(Math.max(0, (Date.now() - due) / 1000));
  });
  worker.on('completed', (job: Job) => {
    const s = seconds(job);
    if (s !== null)
      jobDuration.observe({ queue: worker.name, name: job.name, result: 'completed' }, s);
  });
  worker.on('failed', (job: Job | undefined) => {
    jobFailures.inc({ queue: worker.name, name: job?.name ?? 'unknown' });
    const s = job ? seconds(job) : null;
    if (job && s !== null)
      jobDuration.observe({ queue: worker.name, name: job.name, result: 'failed' }, s);
  });
}
