import { Module } from '@nestjs/common';
import { CoreModule } from './core.module';
import { DocumentsWorkerModule } from './documents/documents-worker.module';
import { OutboxDispatcher } from './common/outbox/outbox.dispatcher';
import { NotificationsModule } from './notifications/notifications.module';
import { NotificationsWorkerModule } from './notifications/notifications-worker.module';
import { OperationsWorkerModule } from './operations/operations-worker.module';
import { ScheduleWorkerModule } from './schedule/schedule-worker.module';

/** The worker: queue processors and the outbox dispatcher, no HTTP server. */
@Module({
  imports: [
    CoreModule,
    NotificationsModule,
    NotificationsWorkerModule,
    ScheduleWorkerModule,
    DocumentsWorkerModule,
    OperationsWorkerModule,
  ],
  providers: [OutboxDispatcher],
})
export class WorkerModule {}
