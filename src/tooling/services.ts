/**
 * Finds or starts the PostgreSQL and Redis that `npm run demo` and the e2e tests need.
 *
 * The order, for each service on its own:
 *   1. DATABASE_URL / REDIS_URL when set;
 *   2. a server already answering on 127.0.0.1:5432 / 127.0.0.1:6379;
 *   3. a project-local instance on a free port, data under `dataDir`, started from the installed
 *      binaries (Debian packages `postgresql` and `redis-server`, installed when missing and root).
 * `forceLocal` goes straight to step 3: the fresh-machine route stays tested on every machine.
 *
 * This file is tooling, not application code: it reads process.env directly and logs to the
 * caller's `log`. It must work before the app is built, under ts-node and under Jest.
 *
 * The parts: `service-clients.ts` (clients, probes, databases), `service-processes.ts` (child
 * processes, pid files), `local-servers.ts` (the project-local servers); this file chooses.
 */
import * as fs from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  ensureBinaries,
  findPostgres,
  isRedisProcess,
  killAndWait,
  safeRunAs,
  startLocalPostgres,
  startLocalRedis,
} from './local-servers';
import {
  type AcquireOptions,
  type AcquiredServices,
  type Log,
  STANDARD_POSTGRES_URL,
  STANDARD_REDIS_URL,
  ServiceError,
  databaseUrlFor,
  errorText,
  isReachable,
  portOf,
  probePostgres,
  probeRedis,
  redactUrl,
} from './service-clients';
import { OWNER_FILE, pidAlive, readInt, run } from './service-processes';

export {
  type AcquireOptions,
  type AcquiredServices,
  type PgClient,
  ServiceError,
  createDatabase,
  databaseUrlFor,
  deleteRedisKeys,
  dropDatabase,
  findFreePort,
  isReachable,
  redactUrl,
  withPostgres,
  withRedis,
} from './service-clients';
export { makeScratchDir } from './service-processes';

// ---------------------------------------------------------------------------------------------
// The entry point.

/** PostgreSQL from DATABASE_URL: its maintenance database when we may connect to it. */
async function adminUrlFromEnv(databaseUrl: string): Promise<string> {
  let adminUrl: string;
  try {
    adminUrl = databaseUrlFor(databaseUrl, 'postgres');
  } catch {
    throw new ServiceError(
      'DATABASE_URL is not a valid URL (postgres://user:password@host:5432/database)',
    );
  }
  const adminProblem = await probePostgres(adminUrl);
  if (adminProblem === undefined) return adminUrl;
  // No access to `postgres` (a managed server, say): use the given database for admin commands.
  const problem = await probePostgres(databaseUrl);
  if (problem === undefined) return databaseUrl;
  throw new ServiceError(
    `DATABASE_URL is set, but PostgreSQL at ${redactUrl(databaseUrl)} does not answer: ${adminProblem}.\n` +
      'Start that server, fix DATABASE_URL, or unset it to let the project find or start one.',
  );
}

/**
 * Finds or starts PostgreSQL and Redis (see the file comment for the order). On failure nothing
 * that was started is left running, and the error says what to do.
 */
export async function acquireServices(opts: AcquireOptions): Promise<AcquiredServices> {
  const { log } = opts;
  const env = process.env;
  const described: string[] = [];
  let postgresAdminUrl: string | undefined;
  let redisUrl: string | undefined;

  if (!opts.forceLocal) {
    if (env.DATABASE_URL) {
      postgresAdminUrl = await adminUrlFromEnv(env.DATABASE_URL);
      described.push(`PostgreSQL from DATABASE_URL (${redactUrl(env.DATABASE_URL)})`);
    } else if (await isReachable('127.0.0.1', 5432)) {
      const problem = await probePostgres(STANDARD_POSTGRES_URL);
      if (problem === undefined) {
        postgresAdminUrl = STANDARD_POSTGRES_URL;
        described.push('PostgreSQL already running on 127.0.0.1:5432');
      } else {
        log(
          `PostgreSQL on 127.0.0.1:5432 refused ${STANDARD_POSTGRES_URL} (${problem}); starting a local one`,
        );
      }
    }
    if (env.REDIS_URL) {
      const problem = await probeRedis(env.REDIS_URL);
      if (problem !== undefined) {
        throw new ServiceError(
          `REDIS_URL is set, but Redis at ${redactUrl(env.REDIS_URL)} does not answer PING: ${problem}.\n` +
            'Start that server, fix REDIS_URL, or unset it to let the project find or start one.',
        );
      }
      redisUrl = env.REDIS_URL;
      described.push(`Redis from REDIS_URL (${redactUrl(env.REDIS_URL)})`);
    } else if (await isReachable('127.0.0.1', 6379)) {
      const problem = await probeRedis(STANDARD_REDIS_URL);
      if (problem === undefined) {
        redisUrl = STANDARD_REDIS_URL;
        described.push('Redis already running on 127.0.0.1:6379');
      } else {
        log(`Redis on 127.0.0.1:6379 did not answer PING (${problem}); starting a local one`);
      }
    }
  }

  const startPostgres = postgresAdminUrl === undefined;
  const startRedis = redisUrl === undefined;
  const stops: Array<() => Promise<void>> = [];
  const stopAll = async (): Promise<void> => {
    const results = await Promise.allSettled(stops.splice(0).map((stop) => stop()));
    const problems = results.flatMap((r) => (r.status === 'rejected' ? [errorText(r.reason)] : []));
    if (problems.length > 0) throw new ServiceError(problems.join('\n'));
  };

  if (startPostgres || startRedis) {
    ensureBinaries({ postgres: startPostgres, redis: startRedis }, log);
    fs.mkdirSync(opts.dataDir, { recursive: true });
    const started = Date.now();
    const results = await Promise.allSettled([
      startPostgres ? startLocalPostgres(opts) : Promise.resolve(undefined),
      startRedis ? startLocalRedis(opts) : Promise.resolve(undefined),
    ]);
    for (const r of results) if (r.status === 'fulfilled' && r.value) stops.push(r.value.stop);
    const failures = results.flatMap((r) => (r.status === 'rejected' ? [errorText(r.reason)] : []));
    if (failures.length > 0) {
      await stopAll().catch((err: unknown) => failures.push(errorText(err)));
      throw new ServiceError(failures.join('\n\n'));
    }
    const seconds = ((Date.now() - started) / 1000).toFixed(1);
    const [pgServer, redisServer] = results.map((r) =>
      r.status === 'fulfilled' ? r.value : undefined,
    );
    if (pgServer) {
      postgresAdminUrl = pgServer.url;
      described.unshift(
        `PostgreSQL local on 127.0.0.1:${pgServer.port} (${pgServer.adopted ? 'reused' : 'started'}, ${pgServer.dir})`,
      );
    }
    if (redisServer) {
      redisUrl = redisServer.url;
      described.push(
        `Redis local on 127.0.0.1:${redisServer.port} (${redisServer.adopted ? 'reused' : 'started'}, ${redisServer.dir})`,
      );
    }
    log(`local services ready in ${seconds} s`);
  }

  if (postgresAdminUrl === undefined || redisUrl === undefined) {
    throw new ServiceError('internal error: no PostgreSQL or Redis after acquisition');
  }
  return {
    postgresAdminUrl,
    redisUrl,
    local: startPostgres || startRedis,
    describe: described.join('; '),
    stop: stopAll,
  };
}

/**
 * Stops servers left in `<parent>/<prefix>*` scratch dirs by processes that died without cleaning
 * up (a killed Jest run, say), and removes those dirs. Dirs of live processes are not touched.
 */
export async function reapOrphanedLocalServices(
  log: Log,
  parent = tmpdir(),
  prefix = 'wspolnie-test-',
): Promise<void> {
  let names: string[] = [];
  try {
    names = fs.readdirSync(parent).filter((n) => n.startsWith(prefix));
  } catch {
    return;
  }
  for (const name of names) {
    const dir = join(parent, name);
    try {
      await reapOne(dir, log);
    } catch (err) {
      log(`could not clean up ${dir}: ${errorText(err)}`);
    }
  }
}

async function reapOne(dir: string, log: Log): Promise<void> {
  const owner = readInt(join(dir, OWNER_FILE));
  if (owner !== undefined && pidAlive(owner)) return;
  // No owner file: stopped cleanly but not removed, or being created right now (skip if recent).
  if (owner === undefined && Date.now() - fs.statSync(dir).mtimeMs < 3_600_000) return;
  const pgData = join(dir, 'postgres', 'data');
  if (fs.existsSync(join(pgData, 'postmaster.pid'))) {
    const bins = findPostgres(readInt(join(pgData, 'PG_VERSION')));
    const as = bins ? safeRunAs() : undefined;
    if (bins && as) {
      await run(bins.pgCtl, ['stop', '-D', pgData, '-m', 'immediate', '-w', '-t', '20'], {
        uid: as.uid,
        gid: as.gid,
        cwd: '/',
      });
    }
  }
  const redisPid = readInt(join(dir, 'redis', 'redis.pid'));
  if (redisPid !== undefined && pidAlive(redisPid) && isRedisProcess(redisPid)) {
    await killAndWait(redisPid);
  }
  fs.rmSync(dir, { recursive: true, force: true });
  log(`removed the leftovers of an earlier run${owner ? ` of process ${owner}` : ''}: ${dir}`);
}

/** For callers that want the ports: the port of a postgres:// or redis:// URL. */
export function urlPort(url: string): number {
  return portOf(url, url.startsWith('redis') ? 6379 : 5432);
}
