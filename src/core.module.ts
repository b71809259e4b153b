import { Module, RequestMethod } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { LoggerModule } from 'nestjs-pino';
import { AuditModule } from './audit';
import { AuthModule } from './auth';
import { AppConfig, AppConfigModule } from './config';
import { requestLogOptions } from './common/http';
import { QueuesModule } from './common/jobs';
import { OutboxModule } from './common/outbox';
import { RedisModule } from './common/redis';
import { dataSourceOptions } from './database';

/** What both processes share: configuration, logging, PostgreSQL, Redis, queues, outbox, audit, auth. */
@Module({
  imports: [
    AppConfigModule,
    LoggerModule.forRootAsync({
      inject: [AppConfig],
      useFactory: (config: AppConfig) => ({
        forRoutes: [{ path: '{*path}', method: RequestMethod.ALL }],
        pinoHttp: {
          ...requestLogOptions(config.logLevel),
          ...(config.logPretty
            ? {
                transport: {
                  target: 'pino-pretty',
                  options: { singleLine: true, translateTime: 'SYS:HH:MM:ss.l' },
                },
              }
            : {}),
          redact: {
            paths: [
              'req.headers.authorization',
              'req.headers.cookie',
              'req.body.password',
              'req.body.refreshToken',
            ],
            remove: true,
          },
        },
      }),
    }),
    TypeOrmModule.forRootAsync({
      inject: [AppConfig],
      useFactory: (config: AppConfig) => ({
        ...dataSourceOptions(config.databaseUrl),
        retryAttempts: config.env === 'test' ? 0 : 10,
        retryDelay: 2000,
      }),
    }),
    RedisModule,
    QueuesModule,
    OutboxModule,
    AuditModule,
    AuthModule,
  ],
  exports: [AppConfigModule, RedisModule, QueuesModule, OutboxModule, AuditModule, AuthModule],
})
export class CoreModule {}
