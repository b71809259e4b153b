import helmet from '@fastify/helmet';
import { RequestMethod } from '@nestjs/common';
import { FastifyAdapter, NestFastifyApplication } from '@nestjs/platform-fastify';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import { randomUUID } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import { AppConfig } from './config';
import { AllExceptionsFilter } from './common/errors';
import {
  LoggedRequest,
  createValidationPipe,
  FILE_BODY_ROUTE,
  INPUT_LIMITS,
  jsonDepthExceeds,
  tooDeep,
} from './common/http';
import { WEB_PREFIX_EXCLUDES, configureWeb } from './web';

const CLIENT_REQUEST_ID = /^[A-Za-z0-9._:-]{8,128}$/;

/**
 * JSON bodies pass a depth scan before they are parsed (a body of thousands of nested `[` would
 * otherwise overflow the stack of the validation pipe and hold the event loop); the parse itself
 * is Fastify's, with its prototype-poisoning protection.
 */
class LimitedFastifyAdapter extends FastifyAdapter {
  override registerParserMiddleware(prefix?: string, rawBody?: boolean): void {
    super.registerParserMiddleware(prefix, rawBody);
    const instance = this.getInstance();
    if (!instance.hasContentTypeParser('application/json')) return;
    const parse = instance.getDefaultJsonParser('error', 'error');
    instance.removeContentTypeParser('application/json');
    instance.addContentTypeParser(
      'application/json',
      { parseAs: 'string', bodyLimit: INPUT_LIMITS.maxBodyBytes },
      (request, body, done) => {
        const text = typeof body === 'string' ? body : body.toString('utf8');
        if (jsonDepthExceeds(text, INPUT_LIMITS.maxDepth)) {
          done(tooDeep(), undefined);
          return;
        }
        void parse(request, text, done);
      },
    );
  }
}

/** Fastify adapter with request ids: a well-formed client `X-Request-Id` is kept, else a UUID. */
export function createFastifyAdapter(config: AppConfig): FastifyAdapter {
  const adapter = new LimitedFastifyAdapter({
    requestIdHeader: false,
    genReqId: (req: IncomingMessage) => {
      const sent = req.headers['x-request-id'];
      return typeof sent === 'string' && CLIENT_REQUEST_ID.test(sent) ? sent : randomUUID();
    },
    bodyLimit: INPUT_LIMITS.maxBodyBytes,
    // Only behind a trusted proxy may X-Forwarded-For decide the client address (login limiter).
    trustProxy: config.trustProxy,
  });
  adapter.getInstance().addHook('onRoute', (route) => {
    // An API route that takes a file as Base64 in JSON may have the file's body, no other.
    if ((route.config as Record<string, unknown> | undefined)?.[FILE_BODY_ROUTE])
      route.bodyLimit = INPUT_LIMITS.maxFileBodyBytes;
  });
  adapter.getInstance().addHook('onRequest', (request, reply, done) => {
    // pino-http reads the id from the raw request; echo it so clients can quote it.
    const raw = request.raw as LoggedRequest & { id?: string };
    raw.id = request.id;
    // The route pattern for the request log line (see requestLogOptions).
    raw.route = request.routeOptions.url;
    void reply.header('x-request-id', request.id);
    done();
  });
  return adapter;
}

/** Everything the API needs besides its modules; the e2e tests use the same setup. */
export async function configureApp(app: NestFastifyApplication, config: AppConfig): Promise<void> {
  app.setGlobalPrefix('api/v1', {
    exclude: [
      { path: 'health', method: RequestMethod.GET },
      { path: 'health/ready', method: RequestMethod.GET },
      ...WEB_PREFIX_EXCLUDES,
      { path: 'metrics', method: RequestMethod.GET },
      { path: 'admin/queues', method: RequestMethod.ALL },
      { path: 'admin/queues/{*path}', method: RequestMethod.ALL },
    ],
  });
  app.useGlobalPipes(createValidationPipe());
  app.useGlobalFilters(new AllExceptionsFilter());
  await app.register(helmet, {
    contentSecurityPolicy: {
      directives: {
        defaultSrc: ["'self'"],
        styleSrc: ["'self'", "'unsafe-inline'"],
        imgSrc: ["'self'", 'data:'],
        scriptSrc: ["'self'", "'unsafe-inline'"],
      },
    },
  });
  await configureWeb(app, config);
  if (config.corsOrigins.length > 0) {
    app.enableCors({
      origin: config.corsOrigins.includes('*') ? true : config.corsOrigins,
      exposedHeaders: ['X-Request-Id', 'ETag', 'Content-Disposition'],
    });
  }
  const document = SwaggerModule.createDocument(
    app,
    new DocumentBuilder()
      .setTitle('Wspólnie API')
      .setDescription(
        'Joint public procurement for partnerships of Polish local governments (Pzp art. 38). ' +
          'Money is a string with two decimals in PLN; dates are YYYY-MM-DD; errors are ' +
          '`{statusCode, code, message, errors?: [{field, rule, message}], requestId}`. ' +
          'Demo logins: password `wspolnie-demo`, e.g. `officer@skawina.demo`.',
      )
      .setVersion('1')
      .addBearerAuth({ type: 'http', scheme: 'bearer', bearerFormat: 'JWT' })
      .addSecurityRequirements('bearer')
      .build(),
  );
  SwaggerModule.setup('api/docs', app, document, {
    jsonDocumentUrl: 'api/docs-json',
    swaggerOptions: { persistAuthorization: true },
  });
  app.enableShutdownHooks();
}
