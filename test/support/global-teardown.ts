/**
 * Jest globalTeardown: drops the run's database, removes its Redis keys (SCAN + UNLINK, by prefix),
 * stops project-local servers and removes the scratch folder. Every step runs even when an earlier
 * one fails; problems are reported, and a server that could not be stopped fails the run.
 */
import { rmSync } from 'node:fs';
import { deleteRedisKeys, dropDatabase } from '../../src/tooling/services';
import { getTestRun, setTestRun } from './global-setup';

const log = (message: string): void => {
  process.stderr.write(`[test services] ${message}\n`);
};

const text = (err: unknown): string => (err instanceof Error ? err.message : String(err));

export default async function globalTeardown(): Promise<void> {
  const run = getTestRun();
  if (!run) return;
  setTestRun(undefined);

  if (process.env.KEEP_TEST_DATABASE === '1' && !run.services.local) {
    log(
      `kept database ${run.databaseName} and Redis keys ${run.redisPrefix}* (KEEP_TEST_DATABASE=1)`,
    );
  } else {
    await dropDatabase(run.services.postgresAdminUrl, run.databaseName).catch((err: unknown) =>
      log(`could not drop database ${run.databaseName}: ${text(err)}`),
    );
    await deleteRedisKeys(run.services.redisUrl, run.redisPrefix).catch((err: unknown) =>
      log(`could not remove Redis keys ${run.redisPrefix}*: ${text(err)}`),
    );
  }
  try {
    await run.services.stop();
  } finally {
    rmSync(run.scratchDir, { recursive: true, force: true });
  }
}
