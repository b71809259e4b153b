export { OutboxDispatcher } from './outbox.dispatcher';
export { OutboxService } from './outbox.service';
export { OutboxModule } from './outbox.module';
export { outboxBacklog, undispatchedJobIds } from './outbox-backlog';
export type { OutboxBacklog } from './outbox-backlog';
export { OUTBOX_MAX_ATTEMPTS } from './outbox.dispatcher';
