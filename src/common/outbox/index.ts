export { OutboxDispatcher } from './outbox.dispatcher';
export { OutboxService } from './outbox.service';
export { OutboxModule } from './outbox.module';
