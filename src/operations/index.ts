/**
 * The public face of operations for other modules: the metrics they increment at their events
 * and the job observer for their BullMQ workers. Leaf files only (no Nest modules), so a module
 * the operations module itself imports can use them without an import cycle. The Nest modules
 * (`operations.module.ts`, `operations-worker.module.ts`) are composed in app/worker.module.ts.
 */
export { observeWorker } from './metrics/job-metrics';
export { documentsFailed, documentsRendered, emailsFailed, emailsSent } from './metrics/metrics';
export { lastWorkerBeat, HEARTBEAT_TTL_SECONDS } from './health/worker-heartbeat';
