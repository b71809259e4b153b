import fastifyCookie from '@fastify/cookie';
import fastifyCsrf from '@fastify/csrf-protection';
import fastifyStatic from '@fastify/static';
import fastifyView from '@fastify/view';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { join } from 'node:path';
import type { AppConfig } from '../config';
import { createViewEngine } from './view-engine';
import { configureUploads } from './web-upload';

/** Where the stylesheet and the small status script are served from. */
export const ASSETS_PREFIX = '/zasoby/';

/**
 * Fastify plugins of the web application: cookies, CSRF tokens (secret in an HttpOnly cookie,
 * token in each form), Handlebars views with the one layout, and the assets. HTML form bodies
 * (application/x-www-form-urlencoded) are parsed by the parser Nest's Fastify adapter registers
 * itself; @fastify/formbody on top of it fails at start ("content type parser already present").
 */
export async function configureWeb(app: NestFastifyApplication, config: AppConfig): Promise<void> {
  await app.register(fastifyCookie);
  await app.register(fastifyCsrf, {
    sessionPlugin: '@fastify/cookie',
    cookieKey: 'wspolnie_csrf',
    cookieOpts: { path: '/', httpOnly: true, sameSite: 'lax', secure: config.production },
  });
  await configureUploads(app);
  await app.register(fastifyView, {
    engine: { handlebars: createViewEngine(join(__dirname, 'views', 'partials')) },
    root: join(__dirname, 'views'),
    layout: 'layouts/main',
    viewExt: 'hbs',
    production: config.env !== 'development',
  });
  await app.register(fastifyStatic, {
    root: join(__dirname, 'public'),
    prefix: ASSETS_PREFIX,
    decorateReply: false,
    maxAge: config.production ? '1h' : 0,
  });
}
