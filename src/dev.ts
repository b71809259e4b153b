import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import { NestFastifyApplication } from '@nestjs/platform-fastify';
import { Logger } from 'nestjs-pino';
import { AppModule } from './app.module';
import { configureApp, createFastifyAdapter } from './app.setup';
import { loadConfig } from './config';
import { WorkerModule } from './worker.module';

/** `npm run start:dev`: the API and the worker in one process, for development only. */
async function bootstrap(): Promise<void> {
  const config = loadConfig();
  const worker = await NestFactory.createApplicationContext(WorkerModule, { bufferLogs: true });
  worker.useLogger(worker.get(Logger));
  worker.enableShutdownHooks();
  await worker.init();
  const app = await NestFactory.create<NestFastifyApplication>(
    AppModule,
    createFastifyAdapter(config),
    {
      bufferLogs: true,
    },
  );
  app.useLogger(app.get(Logger));
  await configureApp(app, config);
  await app.listen(config.port, config.host);
}

void bootstrap();
