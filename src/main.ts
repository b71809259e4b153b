import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import { NestFastifyApplication } from '@nestjs/platform-fastify';
import { Logger } from 'nestjs-pino';
import { AppModule } from './app.module';
import { configureApp, createFastifyAdapter } from './app.setup';
import { ConfigError, loadConfig } from './config';

async function bootstrap(): Promise<void> {
  const config = loadConfig();
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
  app
    .get(Logger)
    .log(`API listening on http://${config.host}:${config.port} (docs at /api/docs)`, 'Bootstrap');
}

bootstrap().catch((err: unknown) => {
  if (err instanceof ConfigError) {
    console.error(err.message);
  } else {
    console.error('The API failed to start:', err);
  }
  process.exit(1);
});
