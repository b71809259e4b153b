/**
 * Every queue and job of the system, with its payload type. No string job names elsewhere: a job
 * without a handler makes the worker refuse to start (`JobHandlersCheck` in job-handlers.ts,
 * against the processors' `@HandlesJobs`).
 */
export enum QueueName {
  Documents = 'documents',
  Reminders = 'reminders',
  Notifications = 'notifications',
  Archives = 'archives',
  Insights = 'insights',
}

export interface JobPayloads {
  'document.render': { documentId: string };
  'deadline.reminder': { deadlineId: string; offsetMinutes: number; dueAt: string };
  'deadline.sweep': Record<string, never>;
  /** Puts back reminder jobs Redis lost and re-asserts the sweep's schedule. */
  'deadline.reconcile': Record<string, never>;
  'notification.email': { notificationId: string };
  'archive.build': { archiveId: string };
  /** Notifies partners' heads of shares waiting at one step longer than their partnership allows. */
  'stall.sweep': Record<string, never>;
  /** The weekly digest to partners' coordinators of what waits in their municipality. */
  'digest.weekly': Record<string, never>;
}

export type JobName = keyof JobPayloads;

export const JOB_QUEUE: Record<JobName, QueueName> = {
  'document.render': QueueName.Documents,
  'deadline.reminder': QueueName.Reminders,
  'deadline.sweep': QueueName.Reminders,
  'deadline.reconcile': QueueName.Reminders,
  'notification.email': QueueName.Notifications,
  'archive.build': QueueName.Archives,
  'stall.sweep': QueueName.Insights,
  'digest.weekly': QueueName.Insights,
};

/**
 * Deterministic job ids: the same logical job is never enqueued twice. BullMQ 5 refuses custom
 * ids containing ':' (its key separator), so the parts are joined with '.' rather than the
 * `document:<id>` spelling of DESIGN.md.
 */
export const jobIds = {
  document: (documentId: string) => `document.${documentId}`,
  reminder: (deadlineId: string, dueAt: string, offsetMinutes: number) =>
    `reminder.${deadlineId}.${dueAt.replace(/[^0-9TZ]/g, '')}.${offsetMinutes}`,
  email: (notificationId: string) => `email.${notificationId}`,
  /** One reconciliation per period, whichever worker asks first. */
  reconcile: (period: number) => `reconcile.${period}`,
  archive: (archiveId: string) => `archive.${archiveId}`,
};
