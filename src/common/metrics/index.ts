export {
  documentsFailed,
  documentsRendered,
  emailsFailed,
  emailsSent,
  httpDuration,
  onCollect,
  outboxBacklog as outboxBacklogGauge,
  outboxOldestAge,
  pgPool,
  queueJobs,
  queueOldestWaiting,
  renderMetrics,
  startProcessMetrics,
  stopCollecting,
  workerHeartbeatAge,
} from './metrics';
export type { CollectGroup } from './metrics';
export { observeWorker } from './job-metrics';
export { metricsAccess } from './metrics-token';
export type { MetricsAccess } from './metrics-token';
export {
  HEARTBEAT_EVERY_MS,
  HEARTBEAT_KEY,
  HEARTBEAT_TTL_SECONDS,
  lastWorkerBeat,
} from './heartbeat';
