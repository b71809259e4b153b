/**
 * PostgreSQL stopped under a running API (failure 8 of the security review): requests answer 503
 * with Retry-After instead of 500, and the API recovers when the database is back, without a
 * restart. The database is a private PostgreSQL of this suite (the project's local-services
 * route), never the shared one.
 */
import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';
import request from 'supertest';
import { AppConfig } from '../src/config/app-config';
import { validateEnvironment } from '../src/config/env.schema';
import { runMigrations } from '../src/database/migrate';
import { seedDemo } from '../src/database/seed/seed';
import {
  acquireServices,
  type AcquiredServices,
  createDatabase,
  databaseUrlFor,
  makeScratchDir,
} from '../src/tooling/services';
import { DEMO_PASSWORD, TestApp, createTestApp, waitFor } from './support/app';

jest.setTimeout(120_000);

/** The data directory of the private cluster (the one holding postmaster.opts). */
function clusterDir(root: string): string {
  for (const entry of readdirSync(root)) {
    const path = join(root, entry);
    if (entry === 'postmaster.opts') return root;
    if (statSync(path).isDirectory()) {
      try {
        return clusterDir(path);
      } catch {
        // not in this branch
      }
    }
  }
  throw new Error(`no PostgreSQL cluster under ${root}`);
}

function pgCtl(): string {
  const base = '/usr/lib/postgresql';
  const major = readdirSync(base).sort((a, b) => Number(b) - Number(a))[0];
  return join(base, major, 'bin', 'pg_ctl');
}

/** postmaster.opts holds the server's command line; pg_ctl start takes its options back. */
function serverOptions(data: string): string {
  const line = readFileSync(join(data, 'postmaster.opts'), 'utf8').trim();
  const args = [...line.matchAll(/"([^"]*)"/g)].map((m) => m[1]);
  const out: string[] = [];
  for (let i = 0; i < args.length; i++) {
    if (args[i] === '-D') i++;
    else out.push(`'${args[i]}'`);
  }
  return out.join(' ');
}

describe('PostgreSQL stopped under a running API', () => {
  let services: AcquiredServices;
  let dir: string;
  let data: string;
  let t: TestApp;

  beforeAll(async () => {
    dir = makeScratchDir('wspolnie-pgdown-');
    services = await acquireServices({
      forceLocal: true,
      dataDir: dir,
      purpose: 'test',
      log: () => undefined,
    });
    data = clusterDir(dir);
    const name = `wspolnie_pgdown_${process.pid}`;
    await createDatabase(services.postgresAdminUrl, name);
    const url = databaseUrlFor(services.postgresAdminUrl, name);
    await runMigrations(url);
    await seedDemo(url, () => undefined, 'test');
    const config = new AppConfig(validateEnvironment({ ...process.env, DATABASE_URL: url }));
    t = await createTestApp((b) => b.overrideProvider(AppConfig).useValue(config));
  });
  afterAll(async () => {
    await t?.close();
    await services?.stop();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  const loginOnce = () =>
    request(t.http)
      .post('/api/v1/auth/login')
      .set('x-forwarded-for', '10.17.9.1')
      .send({ email: 'officer@skawina.demo', password: DEMO_PASSWORD });

  it('answers 503 with Retry-After while the database is down, and recovers without a restart', async () => {
    const before = await loginOnce().expect(200);
    const token = (before.body as { accessToken: string }).accessToken;
    const list = () =>
      request(t.http).get('/api/v1/organisations').set('authorization', `Bearer ${token}`);
    await list().expect(200);

    const opts = serverOptions(data);
    // pg_ctl runs as the cluster's owner (the local-services route runs it as such when root).
    const owner = { uid: statSync(data).uid, gid: statSync(data).gid };
    execFileSync(pgCtl(), ['stop', '-D', data, '-m', 'fast', '-w', '-t', '30'], owner);
    try {
      for (const res of [await list(), await loginOnce()]) {
        expect(res.status).toBe(503);
        expect(res.body.code).toBe('DATABASE_UNAVAILABLE');
        expect(res.headers['retry-after']).toMatch(/^\d+$/);
      }
    } finally {
      execFileSync(
        pgCtl(),
        ['start', '-D', data, '-l', join(data, 'restart.log'), '-w', '-t', '60', '-o', opts],
        owner,
      );
    }
    // The pool reconnects by itself: the same API process answers again.
    await waitFor(async () => (await list()).status === 200, 30_000, 'the API answering again');
    await loginOnce().expect(200);
  });
});
