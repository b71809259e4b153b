import { Module, OnModuleInit } from '@nestjs/common';
import { DocumentsWorkerModule } from '../documents';
import { FinanceModule } from '../finance';
import { InteropModule } from '../interop';
import { ArchiveBuilder } from './archives/archive-builder';
import { ArchivesProcessor } from './archives/archives.processor';
import { WorkerHeartbeat } from './heartbeat/worker-heartbeat';
import { startProcessMetrics } from '../common/metrics';
import { SystemCollectors } from './metrics/system-collectors';
import { WorkerMetricsServer } from './metrics/worker-metrics.server';

/**
 * Operations in the worker: the archive builder, the heartbeat the API's readiness looks for,
 * and the metrics listener (WORKER_METRICS_PORT).
 */
@Module({
  imports: [DocumentsWorkerModule, FinanceModule, InteropModule],
  providers: [
    ArchiveBuilder,
    ArchivesProcessor,
    WorkerHeartbeat,
    SystemCollectors,
    WorkerMetricsServer,
  ],
})
export class OperationsWorkerModule implements OnModuleInit {
  onModuleInit(): void {
    startProcessMetrics('worker');
  }
}
