import { NestFastifyApplication } from '@nestjs/platform-fastify';
import { Test, type TestingModuleBuilder } from '@nestjs/testing';
import request from 'supertest';
import type { App } from 'supertest/types';
import { DataSource } from 'typeorm';
import { AppModule } from '../../src/app.module';
import { configureApp, createFastifyAdapter } from '../../src/app.setup';
import { AppConfig } from '../../src/config/app-config';
import { loadConfig } from '../../src/config/load-config';
import { seedDemo } from '../../src/database/seed/seed';

// The tests simulate clients at different addresses with X-Forwarded-For, as behind a proxy.
process.env.TRUST_PROXY ??= 'true';

export interface TestApp {
  app: NestFastifyApplication;
  http: App;
  dataSource: DataSource;
  config: AppConfig;
  close(): Promise<void>;
}

export const DEMO_PASSWORD = 'wspolnie-demo';

/**
 * Boots the real HTTP API (same setup as src/main.ts) on the throwaway database prepared by
 * global-setup, with the demo data seeded (idempotent).
 */
export async function createTestApp(
  /** Replaces providers of the API under test, e.g. `(b) => b.overrideProvider(Clock).useValue(clock)`. */
  override: (builder: TestingModuleBuilder) => TestingModuleBuilder = (builder) => builder,
): Promise<TestApp> {
  const config = loadConfig();
  await seedDemo(config.databaseUrl, () => undefined, 'test');
  const moduleRef = await override(Test.createTestingModule({ imports: [AppModule] })).compile();
  const app = moduleRef.createNestApplication<NestFastifyApplication>(
    createFastifyAdapter(config),
    {
      logger: ['error', 'warn'],
    },
  );
  await configureApp(app, config);
  await app.init();
  await app.getHttpAdapter().getInstance().ready();
  return {
    app,
    http: app.getHttpServer() as App,
    dataSource: app.get(DataSource),
    config,
    close: () => app.close(),
  };
}

export interface Session {
  token: string;
  refreshToken: string;
  userId: string;
  get(path: string): request.Test;
  post(path: string, body?: object): request.Test;
  patch(path: string, body?: object): request.Test;
  put(path: string, body?: object): request.Test;
  delete(path: string): request.Test;
}

/** Logs a user in through the API and returns helpers that send its bearer token. */
export async function login(
  t: TestApp,
  email: string,
  password = DEMO_PASSWORD,
  ip = '10.0.0.1',
): Promise<Session> {
  const res = await request(t.http)
    .post('/api/v1/auth/login')
    .set('x-forwarded-for', ip)
    .send({ email, password });
  if (res.status !== 200)
    throw new Error(`login ${email} failed: ${res.status} ${JSON.stringify(res.body)}`);
  const body = res.body as { accessToken: string; refreshToken: string; user: { id: string } };
  const auth = (r: request.Test) => r.set('authorization', `Bearer ${body.accessToken}`);
  return {
    token: body.accessToken,
    refreshToken: body.refreshToken,
    userId: body.user.id,
    get: (p) => auth(request(t.http).get(`/api/v1${p}`)),
    post: (p, b) => auth(request(t.http).post(`/api/v1${p}`)).send(b ?? {}),
    patch: (p, b) => auth(request(t.http).patch(`/api/v1${p}`)).send(b ?? {}),
    put: (p, b) => auth(request(t.http).put(`/api/v1${p}`)).send(b ?? {}),
    delete: (p) => auth(request(t.http).delete(`/api/v1${p}`)),
  };
}

/** Looks up a demo organisation's id by its slug. */
export async function orgId(t: TestApp, slug: string): Promise<string> {
  const rows = await t.dataSource.query<{ id: string }[]>(
    'SELECT id FROM organisations WHERE slug = $1',
    [slug],
  );
  if (!rows[0]) throw new Error(`no organisation ${slug}`);
  return rows[0].id;
}

/** Polls a condition until it holds (or fails after the timeout): synchronisation, not sleeping. */
export async function waitFor<T>(
  probe: () => Promise<T | undefined | null | false>,
  timeoutMs = 20000,
  what = 'condition',
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let last: unknown;
  while (Date.now() < deadline) {
    try {
      const v = await probe();
      if (v) return v;
    } catch (err) {
      last = err;
    }
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error(
    `Timed out after ${timeoutMs} ms waiting for ${what}${last instanceof Error ? `: ${last.message}` : ''}`,
  );
}

let counter = 0;
/** A unique suffix for names and references created by a test. */
export const unique = (prefix = 't'): string =>
  `${prefix}${Date.now().toString(36)}${(counter++).toString(36)}`;
