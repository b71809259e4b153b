import { Module } from '@nestjs/common';
import { DiscoveryModule } from '@nestjs/core';
import { CoreModule } from './core.module';
import { DocumentsWorkerModule } from './documents';
import { JobHandlersCheck } from './common/jobs';
import { OutboxDispatcher } from './common/outbox';
import { NotificationsModule, NotificationsWorkerModule } from './notifications';
import { InsightsWorkerModule } from './insights';
import { OperationsWorkerModule } from './operations';
import { ScheduleWorkerModule } from './schedule';

/** The worker: queue processors and the outbox dispatcher, no HTTP server. */
@Module({
  imports: [
    CoreModule,
    DiscoveryModule,
    NotificationsModule,
    NotificationsWorkerModule,
    ScheduleWorkerModule,
    DocumentsWorkerModule,
    OperationsWorkerModule,
    InsightsWorkerModule,
  ],
  providers: [JobHandlersCheck, OutboxDispatcher],
})
export class WorkerModule {}
