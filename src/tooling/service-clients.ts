/**
 * Clients and probes for PostgreSQL and Redis used by the tooling (demo launcher, e2e bootstrap,
 * benchmarks): connect, create/drop a database, delete a Redis prefix, find a free port.
 */
import { createConnection, createServer } from 'node:net';
import { createRequire } from 'node:module';
import Redis from 'ioredis';

export type Log = (message: string) => void;

export interface AcquireOptions {
  /** Skip DATABASE_URL/REDIS_URL and the standard ports: always start project-local instances. */
  forceLocal?: boolean;
  /** Where project-local instances keep their data (`.data/` for the demo, a temp dir for tests). */
  dataDir: string;
  purpose: 'demo' | 'test';
  log: Log;
}

export interface AcquiredServices {
  /** A URL to the server's maintenance database (`postgres`), for CREATE/DROP DATABASE. */
  postgresAdminUrl: string;
  redisUrl: string;
  /** True when at least one of the two is a project-local instance started (or adopted) here. */
  local: boolean;
  /** One line for humans: where each service came from. */
  describe: string;
  /** Stops what this call started; servers that were found running are left alone. Idempotent. */
  stop(): Promise<void>;
}

/** A failure the user can act on: the message says what failed, where the log is, what to try. */
export class ServiceError extends Error {
  override name = 'ServiceError';
}

export const STANDARD_POSTGRES_URL = 'postgres://postgres@127.0.0.1:5432/postgres';
export const STANDARD_REDIS_URL = 'redis://127.0.0.1:6379';

// ---------------------------------------------------------------------------------------------
// PostgreSQL client: `pg` ships no type declarations and @types/pg is not a dependency, so this is
// the narrow, typed surface the tooling uses.

export interface PgClient {
  connect(): Promise<void>;
  query<R = Record<string, unknown>>(text: string, values?: unknown[]): Promise<{ rows: R[] }>;
  end(): Promise<void>;
  on(event: 'error', listener: (err: Error) => void): unknown;
}
export interface PgModule {
  Client: new (config: {
    connectionString: string;
    connectionTimeoutMillis?: number;
    application_name?: string;
  }) => PgClient;
}
export const pg = createRequire(__filename)('pg') as PgModule;

/** Opens one connection, runs `fn`, always closes the connection. */
export async function withPostgres<T>(
  url: string,
  fn: (client: PgClient) => Promise<T>,
  connectTimeoutMs = 5000,
): Promise<T> {
  const client = new pg.Client({
    connectionString: url,
    connectionTimeoutMillis: connectTimeoutMs,
    application_name: 'wspolnie-tooling',
  });
  // A server that goes away mid-session reports on the pending query; do not crash the process.
  client.on('error', () => undefined);
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end().catch(() => undefined);
  }
}

/** Opens one Redis connection that never retries, runs `fn`, always disconnects. */
export async function withRedis<T>(
  url: string,
  fn: (redis: Redis) => Promise<T>,
  connectTimeoutMs = 3000,
): Promise<T> {
  const redis = new Redis(url, {
    lazyConnect: true,
    connectTimeout: connectTimeoutMs,
    maxRetriesPerRequest: 0,
    retryStrategy: () => null,
    enableOfflineQueue: false,
  });
  redis.on('error', () => undefined);
  try {
    await redis.connect();
    return await fn(redis);
  } finally {
    redis.disconnect();
  }
}

// ---------------------------------------------------------------------------------------------
// Small helpers, exported for the demo, the test bootstrap and the tests.

/** True when something accepts a TCP connection on host:port within the timeout. */
export function isReachable(host: string, port: number, timeoutMs = 1000): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = createConnection({ host, port });
    const done = (ok: boolean): void => {
      socket.destroy();
      resolve(ok);
    };
    socket.setTimeout(timeoutMs, () => done(false));
    socket.once('connect', () => done(true));
    socket.once('error', () => done(false));
  });
}

/** A TCP port that is free on `host` right now (the kernel's pick from the ephemeral range). */
export function findFreePort(host = '127.0.0.1'): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.unref();
    server.once('error', reject);
    server.listen(0, host, () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => (port > 0 ? resolve(port) : reject(new Error('no free port'))));
    });
  });
}

/** The same server and credentials as `adminUrl`, database `name`. */
export function databaseUrlFor(adminUrl: string, name: string): string {
  const url = new URL(adminUrl);
  url.pathname = `/${encodeURIComponent(name)}`;
  return url.toString();
}

/** The URL with its password replaced, for logs and banners. */
export function redactUrl(url: string): string {
  try {
    const u = new URL(url);
    if (u.password) u.password = '***';
    return u.toString();
  } catch {
    return url;
  }
}

export function portOf(url: string, fallback: number): number {
  const port = new URL(url).port;
  return port ? Number(port) : fallback;
}

export const DB_NAME = /^[A-Za-z_][A-Za-z0-9_]{0,62}$/;

export function assertDatabaseName(name: string): void {
  if (!DB_NAME.test(name)) {
    throw new ServiceError(`"${name}" is not a usable database name (letters, digits, _; max 63)`);
  }
}

/** Creates the database unless it exists (UTF-8 even on a cluster with another default). */
export async function createDatabase(adminUrl: string, name: string): Promise<boolean> {
  assertDatabaseName(name);
  return withPostgres(adminUrl, async (client) => {
    const exists = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [name]);
    if (exists.rows.length > 0) return false;
    const enc = await client.query<{ encoding: string }>(
      "SELECT pg_encoding_to_char(encoding) AS encoding FROM pg_database WHERE datname = 'template1'",
    );
    const utf8 = enc.rows[0]?.encoding === 'UTF8';
    const options = utf8 ? '' : " TEMPLATE template0 ENCODING 'UTF8' LC_COLLATE 'C' LC_CTYPE 'C'";
    try {
      await client.query(`CREATE DATABASE "${name}"${options}`);
    } catch (err) {
      // 42P04 duplicate_database: someone else created it between our check and CREATE.
      if ((err as { code?: string }).code === '42P04') return false;
      throw err;
    }
    return true;
  });
}

/** Drops the database if it exists, ending every session that is still connected to it. */
export async function dropDatabase(adminUrl: string, name: string): Promise<void> {
  assertDatabaseName(name);
  await withPostgres(adminUrl, async (client) => {
    const v = await client.query<{ v: string }>('SHOW server_version_num');
    const force = Number(v.rows[0]?.v ?? 0) >= 130000 ? ' WITH (FORCE)' : '';
    await client.query(
      'SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = $1 AND pid <> pg_backend_pid()',
      [name],
    );
    await client.query(`DROP DATABASE IF EXISTS "${name}"${force}`);
  });
}

/** Removes every key that starts with `prefix` (SCAN + UNLINK, never KEYS); returns how many. */
export async function deleteRedisKeys(redisUrl: string, prefix: string): Promise<number> {
  if (!prefix) throw new ServiceError('refusing to delete Redis keys with an empty prefix');
  const pattern = `${prefix.replace(/[*?[\]\\]/g, '\\$&')}*`;
  return withRedis(redisUrl, async (redis) => {
    let cursor = '0';
    let removed = 0;
    do {
      const [next, keys] = await redis.scan(cursor, 'MATCH', pattern, 'COUNT', 1000);
      cursor = next;
      if (keys.length > 0) removed += await redis.unlink(...keys);
    } while (cursor !== '0');
    return removed;
  });
}

export function errorText(err: unknown): string {
  if (err instanceof AggregateError && err.errors.length > 0) {
    return err.errors.map(errorText).join('; ');
  }
  if (err instanceof Error) return err.message || err.name;
  return String(err);
}

/** undefined when PostgreSQL at `url` answers a query; else why not. */
export async function probePostgres(url: string, timeoutMs = 3000): Promise<string | undefined> {
  try {
    await withPostgres(url, (c) => c.query('SELECT 1'), timeoutMs);
    return undefined;
  } catch (err) {
    return errorText(err);
  }
}

/** undefined when Redis at `url` answers PING; else why not. */
export async function probeRedis(url: string, timeoutMs = 3000): Promise<string | undefined> {
  try {
    await withRedis(url, (r) => r.ping(), timeoutMs);
    return undefined;
  } catch (err) {
    return errorText(err);
  }
}
