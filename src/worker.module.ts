import { Module } from '@nestjs/common';
import { CoreModule } from './core.module';
import { OutboxDispatcher } from './common/outbox/outbox.dispatcher';

/** The worker: queue processors and the outbox dispatcher, no HTTP server. */
@Module({
  imports: [CoreModule],
  providers: [OutboxDispatcher],
})
export class WorkerModule {}
