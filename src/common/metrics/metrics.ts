import { Counter, Gauge, Histogram, collectDefaultMetrics, register } from 'prom-client';

/**
 * Every metric of both processes, defined once (prom-client's default registry, one per process).
 * Modules increment them at their events; gauges read their figures when Prometheus scrapes,
 * through the collectors the running process registers (`onCollect`).
 */
type Collector = () => Promise<void>;
export type CollectGroup =
  'queueJobs' | 'queueOldest' | 'outbox' | 'outboxOldest' | 'pgPool' | 'heartbeat';
const collectors = new Map<CollectGroup, Map<string, Collector>>();

/** Registers (or replaces, by key) what a gauge group reads at scrape time. */
export function onCollect(group: CollectGroup, key: string, collect: Collector): void {
  const forGroup = collectors.get(group) ?? new Map<string, Collector>();
  forGroup.set(key, collect);
  collectors.set(group, forGroup);
}

export function stopCollecting(key: string): void {
  for (const forGroup of collectors.values()) forGroup.delete(key);
}

/** A gauge's collect(): run the group's collectors; one that fails leaves the last figure. */
const run = (group: CollectGroup) => async (): Promise<void> => {
  await Promise.all(
    [...(collectors.get(group)?.values() ?? [])].map((c) => c().catch(() => undefined)),
  );
};

const SECONDS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30];

export const httpDuration = new Histogram({
  name: 'wspolnie_http_request_duration_seconds',
  help: 'API request duration by method, route (pattern) and status code',
  labelNames: ['method', 'route', 'status_code'],
  buckets: SECONDS,
});

export const queueJobs = new Gauge({
  name: 'wspolnie_queue_jobs',
  help: 'BullMQ jobs per queue and state (waiting, active, delayed, prioritized, failed, completed)',
  labelNames: ['queue', 'state'],
  collect: run('queueJobs'),
});

export const queueOldestWaiting = new Gauge({
  name: 'wspolnie_queue_oldest_waiting_seconds',
  help: 'Age of the oldest waiting job per queue (0 when none waits)',
  labelNames: ['queue'],
  collect: run('queueOldest'),
});

export const jobDuration = new Histogram({
  name: 'wspolnie_job_duration_seconds',
  help: 'Time a worker spent on a job, by queue and job name (completed and failed attempts)',
  labelNames: ['queue', 'name', 'result'],
  buckets: [0.01, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60],
});

export const jobFailures = new Counter({
  name: 'wspolnie_job_failures_total',
  help: 'Failed job attempts by queue and job name',
  labelNames: ['queue', 'name'],
});

export const outboxBacklog = new Gauge({
  name: 'wspolnie_outbox_backlog',
  help: 'Outbox rows not yet moved to BullMQ',
  collect: run('outbox'),
});

export const outboxOldestAge = new Gauge({
  name: 'wspolnie_outbox_oldest_age_seconds',
  help: 'Age of the oldest outbox row not yet moved to BullMQ (0 when none)',
  collect: run('outboxOldest'),
});

export const reminderLateness = new Histogram({
  name: 'wspolnie_reminder_lateness_seconds',
  help: 'How long after its planned time a reminder job ran (fire time − due time)',
  buckets: [0.1, 0.5, 1, 5, 15, 60, 300, 900, 3600],
});

export const documentsRendered = new Counter({
  name: 'wspolnie_documents_rendered_total',
  help: 'Documents rendered and stored READY, by kind',
  labelNames: ['kind'],
});

export const documentsFailed = new Counter({
  name: 'wspolnie_documents_failed_total',
  help: 'Documents whose last render attempt failed (FAILED), by kind',
  labelNames: ['kind'],
});

export const emailsSent = new Counter({
  name: 'wspolnie_emails_sent_total',
  help: 'E-mails accepted by the SMTP server (or the log transport)',
});

export const emailsFailed = new Counter({
  name: 'wspolnie_emails_failed_total',
  help: 'E-mail attempts the SMTP server refused or could not be reached for (retried)',
});

export const pgPool = new Gauge({
  name: 'wspolnie_pg_pool_connections',
  help: 'PostgreSQL pool of this process: total, idle and waiting (clients queued for a connection)',
  labelNames: ['state'],
  collect: run('pgPool'),
});

export const workerHeartbeatAge = new Gauge({
  name: 'wspolnie_worker_last_seen_seconds',
  help: 'Seconds since a worker last wrote its heartbeat (-1 when none is seen)',
  collect: run('heartbeat'),
});

let defaultsStarted = false;

/** Node process metrics (event loop lag `nodejs_eventloop_lag_seconds`, memory, CPU), once. */
export function startProcessMetrics(processName: 'api' | 'worker'): void {
  if (defaultsStarted) return;
  defaultsStarted = true;
  register.setDefaultLabels({ process: processName });
  collectDefaultMetrics({ eventLoopMonitoringPrecision: 10 });
}

export async function renderMetrics(): Promise<{ contentType: string; body: string }> {
  return { contentType: register.contentType, body: await register.metrics() };
}
