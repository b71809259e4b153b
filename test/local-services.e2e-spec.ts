/**
 * The fresh-machine route, proven on every machine: even where PostgreSQL and Redis already answer
 * on 5432 and 6379, `forceLocal` starts the project's own servers from the installed binaries on
 * free ports, and they really work and really stop. No mocks.
 */
import { rmSync } from 'node:fs';
import { runMigrations } from '../src/database/migrate';
import {
  acquireServices,
  type AcquiredServices,
  createDatabase,
  databaseUrlFor,
  deleteRedisKeys,
  dropDatabase,
  isReachable,
  makeScratchDir,
  urlPort,
  withPostgres,
  withRedis,
} from '../src/tooling/services';

jest.setTimeout(120_000);

const quiet = (): void => undefined;

async function startLocal(): Promise<{ services: AcquiredServices; dir: string; ms: number }> {
  const dir = makeScratchDir('wspolnie-test-');
  const started = Date.now();
  const services = await acquireServices({
    forceLocal: true,
    dataDir: dir,
    purpose: 'test',
    log: quiet,
  });
  return { services, dir, ms: Date.now() - started };
}

describe('project-local PostgreSQL and Redis (the fresh-machine route)', () => {
  let services: AcquiredServices;
  let dir: string;

  beforeAll(async () => {
    ({ services, dir } = await startLocal());
  });

  afterAll(async () => {
    if (services) await services.stop();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('runs its own servers on free ports, not on the standard 5432 and 6379', async () => {
    const pgPort = urlPort(services.postgresAdminUrl);
    const redisPort = urlPort(services.redisUrl);
    expect(services.local).toBe(true);
    expect(pgPort).not.toBe(5432);
    expect(redisPort).not.toBe(6379);
    expect(await isReachable('127.0.0.1', pgPort)).toBe(true);
    expect(await isReachable('127.0.0.1', redisPort)).toBe(true);
    expect(services.describe).toContain(`PostgreSQL local on 127.0.0.1:${pgPort}`);
    const version = await withPostgres(services.postgresAdminUrl, (c) =>
      c.query<{ server_encoding: string }>('SHOW server_encoding'),
    );
    expect(version.rows[0].server_encoding).toBe('UTF8');
  });

  it('creates a database, applies the migrations to it and drops it even with a session open', async () => {
    const name = `wspolnie_local_${process.pid}`;
    expect(await createDatabase(services.postgresAdminUrl, name)).toBe(true);
    expect(await createDatabase(services.postgresAdminUrl, name)).toBe(false);
    const url = databaseUrlFor(services.postgresAdminUrl, name);

    const ran = await runMigrations(url);
    expect(await runMigrations(url)).toEqual([]);
    const tables = await withPostgres(url, async (c) => {
      const r = await c.query<{ table_name: string }>(
        "SELECT table_name FROM information_schema.tables WHERE table_schema = 'public'",
      );
      return r.rows.map((row) => row.table_name);
    });
    expect(tables).toContain('migrations');
    const recorded = await withPostgres(url, (c) =>
      c.query<{ name: string }>('SELECT name FROM migrations ORDER BY id'),
    );
    expect(recorded.rows.map((r) => r.name)).toEqual(ran);

    // A session that is still open (a test that forgot to close its app) does not block the drop.
    await withPostgres(url, async () => {
      await dropDatabase(services.postgresAdminUrl, name);
    });
    const left = await withPostgres(services.postgresAdminUrl, (c) =>
      c.query('SELECT 1 FROM pg_database WHERE datname = $1', [name]),
    );
    expect(left.rows).toHaveLength(0);
  });

  it('stores and reads Redis keys, and removes exactly those of one prefix', async () => {
    await withRedis(services.redisUrl, async (redis) => {
      await redis.set('run-a:queue:1', 'one');
      await redis.set('run-a:queue:2', 'two');
      await redis.set('run-b:queue:1', 'other run');
      expect(await redis.get('run-a:queue:1')).toBe('one');
    });
    expect(await deleteRedisKeys(services.redisUrl, 'run-a')).toBe(2);
    await withRedis(services.redisUrl, async (redis) => {
      expect(await redis.exists('run-a:queue:1', 'run-a:queue:2')).toBe(0);
      expect(await redis.get('run-b:queue:1')).toBe('other run');
    });
  });
});

describe('stopping project-local servers', () => {
  it('starts a pair in seconds and stops both so that their ports no longer answer', async () => {
    const { services, dir, ms } = await startLocal();
    try {
      const pgPort = urlPort(services.postgresAdminUrl);
      const redisPort = urlPort(services.redisUrl);
      expect(await isReachable('127.0.0.1', pgPort)).toBe(true);
      expect(await isReachable('127.0.0.1', redisPort)).toBe(true);
      // The budget is generous for a loaded 2-core machine; here it takes about 1–4 s.
      expect(ms).toBeLessThan(30_000);
      process.stderr.write(`[local services] PostgreSQL + Redis started in ${ms / 1000} s\n`);

      await services.stop();
      await services.stop(); // idempotent
      expect(await isReachable('127.0.0.1', pgPort)).toBe(false);
      expect(await isReachable('127.0.0.1', redisPort)).toBe(false);
    } finally {
      await services.stop();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
