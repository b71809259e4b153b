import { Module } from '@nestjs/common';
import { CoreModule } from './core.module';
import { DocumentsWorkerModule } from './documents';
import { OutboxDispatcher } from './common/outbox';
import { NotificationsModule, NotificationsWorkerModule } from './notifications';
import { ScheduleWorkerModule } from './schedule';

/** The worker: queue processors and the outbox dispatcher, no HTTP server. */
@Module({
  imports: [
    CoreModule,
    NotificationsModule,
    NotificationsWorkerModule,
    ScheduleWorkerModule,
    DocumentsWorkerModule,
  ],
  providers: [OutboxDispatcher],
})
export class WorkerModule {}
