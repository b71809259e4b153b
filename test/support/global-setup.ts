/**
 * Jest globalSetup for the e2e suites: finds or starts PostgreSQL and Redis (see
 * src/tooling/services.ts), creates a throwaway database and migrates it, and sets the environment
 * that the app under test reads. `LOCAL_SERVICES=1` forces project-local servers on free ports.
 *
 * The suites run one at a time in a worker process forked after this setup, so the process.env
 * set here is what every test sees.
 * global-teardown.ts drops the database, removes the run's Redis keys and stops local servers.
 */
import { randomBytes } from 'node:crypto';
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { runMigrations } from '../../src/database/migrate';
import {
  type AcquiredServices,
  acquireServices,
  createDatabase,
  databaseUrlFor,
  dropDatabase,
  makeScratchDir,
  reapOrphanedLocalServices,
} from '../../src/tooling/services';

/** What globalSetup made and globalTeardown removes (both run in Jest's parent process). */
export interface TestRun {
  services: AcquiredServices;
  databaseName: string;
  redisPrefix: string;
  scratchDir: string;
}

const RUN_KEY = '__wspolnieTestRun';

export function setTestRun(run: TestRun | undefined): void {
  (globalThis as Record<string, unknown>)[RUN_KEY] = run;
}

export function getTestRun(): TestRun | undefined {
  return (globalThis as Record<string, unknown>)[RUN_KEY] as TestRun | undefined;
}

const log = (message: string): void => {
  process.stderr.write(`[test services] ${message}\n`);
};

export default async function globalSetup(): Promise<void> {
  const started = Date.now();
  await reapOrphanedLocalServices(log);
  const scratchDir = makeScratchDir('wspolnie-test-');
  const services = await acquireServices({
    forceLocal: process.env.LOCAL_SERVICES === '1',
    dataDir: scratchDir,
    purpose: 'test',
    log,
  }).catch((err: unknown) => {
    rmSync(scratchDir, { recursive: true, force: true });
    throw err;
  });

  const suffix = randomBytes(4).toString('hex');
  const databaseName = `wspolnie_test_${process.pid}_${suffix}`;
  const run: TestRun = {
    services,
    databaseName,
    redisPrefix: `wspolnie-test-${process.pid}-${suffix}`,
    scratchDir,
  };
  try {
    await createDatabase(services.postgresAdminUrl, databaseName);
    const databaseUrl = databaseUrlFor(services.postgresAdminUrl, databaseName);
    await runMigrations(databaseUrl);

    Object.assign(process.env, {
      NODE_ENV: 'test',
      DATABASE_URL: databaseUrl,
      REDIS_URL: services.redisUrl,
      REDIS_PREFIX: run.redisPrefix,
      JWT_SECRET: randomBytes(36).toString('base64url'), // 48 characters
      DATA_DIR: join(scratchDir, 'files'),
      LOG_LEVEL: process.env.TEST_LOG_LEVEL ?? 'warn',
      PUBLIC_URL: 'http://localhost',
      TEST_POSTGRES_ADMIN_URL: services.postgresAdminUrl,
    });
    setTestRun(run);
  } catch (err) {
    await dropDatabase(services.postgresAdminUrl, databaseName).catch(() => undefined);
    await services.stop().catch(() => undefined);
    rmSync(scratchDir, { recursive: true, force: true });
    throw err;
  }
  const seconds = ((Date.now() - started) / 1000).toFixed(1);
  log(
    `${services.describe}; database ${databaseName}, Redis prefix ${run.redisPrefix} (${seconds} s)`,
  );
}
