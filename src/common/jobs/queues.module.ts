import { BullModule } from '@nestjs/bullmq';
import { Global, Module } from '@nestjs/common';
import { AppConfig } from '../../config';
import { QueueName } from './job-catalogue';

/** BullMQ connection and every queue, registered once; the prefix isolates instances and tests. */
@Global()
@Module({
  imports: [
    BullModule.forRootAsync({
      inject: [AppConfig],
      useFactory: (config: AppConfig) => ({
        connection: { ...config.redis, maxRetriesPerRequest: null },
        prefix: config.redisPrefix,
      }),
    }),
    BullModule.registerQueue(
      { name: QueueName.Documents },
      { name: QueueName.Reminders },
      { name: QueueName.Notifications },
      { name: QueueName.Archives },
      { name: QueueName.Insights },
    ),
  ],
  exports: [BullModule],
})
export class QueuesModule {}
