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
 */
import { spawn, spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import * as fs from 'node:fs';
import { createRequire } from 'node:module';
import { createConnection, createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { delimiter, dirname, join } from 'node:path';
import Redis from 'ioredis';

type Log = (message: string) => void;

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

const STANDARD_POSTGRES_URL = 'postgres://postgres@127.0.0.1:5432/postgres';
const STANDARD_REDIS_URL = 'redis://127.0.0.1:6379';

// ---------------------------------------------------------------------------------------------
// PostgreSQL client: `pg` ships no type declarations and @types/pg is not a dependency, so this is
// the narrow, typed surface the tooling uses.

export interface PgClient {
  connect(): Promise<void>;
  query<R = Record<string, unknown>>(text: string, values?: unknown[]): Promise<{ rows: R[] }>;
  end(): Promise<void>;
  on(event: 'error', listener: (err: Error) => void): unknown;
}
interface PgModule {
  Client: new (config: {
    connectionString: string;
    connectionTimeoutMillis?: number;
    application_name?: string;
  }) => PgClient;
}
const pg = createRequire(__filename)('pg') as PgModule;

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

function portOf(url: string, fallback: number): number {
  const port = new URL(url).port;
  return port ? Number(port) : fallback;
}

const DB_NAME = /^[A-Za-z_][A-Za-z0-9_]{0,62}$/;

function assertDatabaseName(name: string): void {
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

function errorText(err: unknown): string {
  if (err instanceof AggregateError && err.errors.length > 0) {
    return err.errors.map(errorText).join('; ');
  }
  if (err instanceof Error) return err.message || err.name;
  return String(err);
}

/** undefined when PostgreSQL at `url` answers a query; else why not. */
async function probePostgres(url: string, timeoutMs = 3000): Promise<string | undefined> {
  try {
    await withPostgres(url, (c) => c.query('SELECT 1'), timeoutMs);
    return undefined;
  } catch (err) {
    return errorText(err);
  }
}

/** undefined when Redis at `url` answers PING; else why not. */
async function probeRedis(url: string, timeoutMs = 3000): Promise<string | undefined> {
  try {
    await withRedis(url, (r) => r.ping(), timeoutMs);
    return undefined;
  } catch (err) {
    return errorText(err);
  }
}

// ---------------------------------------------------------------------------------------------
// Processes and files.

interface RunResult {
  code: number | null;
  output: string;
}

interface RunOptions {
  uid?: number;
  gid?: number;
  cwd?: string;
  /** A new session, so that Ctrl-C in the terminal does not reach the server it starts. */
  detached?: boolean;
  timeoutMs?: number;
}

function run(cmd: string, args: string[], opts: RunOptions = {}): Promise<RunResult> {
  return new Promise((resolve) => {
    let output = '';
    const child = spawn(cmd, args, {
      cwd: opts.cwd,
      uid: opts.uid,
      gid: opts.gid,
      detached: opts.detached ?? false,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const timer = opts.timeoutMs
      ? setTimeout(() => child.kill('SIGKILL'), opts.timeoutMs).unref()
      : undefined;
    const collect = (chunk: Buffer): void => {
      output += chunk.toString('utf8');
    };
    child.stdout.on('data', collect);
    child.stderr.on('data', collect);
    child.once('error', (err) => {
      if (timer) clearTimeout(timer);
      resolve({ code: null, output: `${output}${errorText(err)}\n` });
    });
    child.once('close', (code) => {
      if (timer) clearTimeout(timer);
      resolve({ code, output });
    });
  });
}

function shQuote(s: string): string {
  return /^[A-Za-z0-9_./:=@%+-]+$/.test(s) ? s : `'${s.replace(/'/g, `'\\''`)}'`;
}

function commandLine(cmd: string, args: string[]): string {
  return [cmd, ...args].map(shQuote).join(' ');
}

function tail(text: string, lines = 25): string {
  const all = text.trimEnd().split('\n');
  return all
    .slice(-lines)
    .map((l) => `    ${l}`)
    .join('\n');
}

function isExecutableFile(path: string): boolean {
  try {
    fs.accessSync(path, fs.constants.X_OK);
    return fs.statSync(path).isFile();
  } catch {
    return false;
  }
}

function which(cmd: string): string | undefined {
  for (const dir of (process.env.PATH ?? '').split(delimiter)) {
    if (dir && isExecutableFile(join(dir, cmd))) return join(dir, cmd);
  }
  return undefined;
}

function isRoot(): boolean {
  return typeof process.getuid === 'function' && process.getuid() === 0;
}

function pidAlive(pid: number): boolean {
  if (!Number.isInteger(pid) || pid <= 0) return false;
  try {
    process.kill(pid, 0);
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
  // A daemon that exited stays a zombie until init reaps it, which in containers may take seconds.
  try {
    const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
    return stat.slice(stat.lastIndexOf(')') + 2, stat.lastIndexOf(')') + 3) !== 'Z';
  } catch {
    return true;
  }
}

function readInt(path: string, line = 0): number | undefined {
  try {
    const n = Number(fs.readFileSync(path, 'utf8').split('\n')[line]?.trim());
    return Number.isInteger(n) && n > 0 ? n : undefined;
  } catch {
    return undefined;
  }
}

const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

async function waitFor(
  check: () => Promise<boolean> | boolean,
  timeoutMs: number,
): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (await check()) return true;
    if (Date.now() > deadline) return false;
    await sleep(50);
  }
}

const OWNER_FILE = 'owner.pid';

/**
 * A fresh temp dir (`<tmp>/<prefix>XXXXXX`) that records which process owns it, so that a later
 * run can reap servers left behind by a process that was killed (see reapOrphanedLocalServices).
 */
export function makeScratchDir(prefix = 'wspolnie-test-'): string {
  const dir = fs.mkdtempSync(join(tmpdir(), prefix));
  fs.writeFileSync(join(dir, OWNER_FILE), `${process.pid}\n`);
  return dir;
}

/** The pid recorded as owner of `dataDir` when that process is still alive and is not us. */
function otherLiveOwner(dataDir: string): number | undefined {
  const pid = readInt(join(dataDir, OWNER_FILE));
  return pid !== undefined && pid !== process.pid && pidAlive(pid) ? pid : undefined;
}

function claimOwnership(dataDir: string): void {
  fs.writeFileSync(join(dataDir, OWNER_FILE), `${process.pid}\n`);
}

function releaseOwnership(dataDir: string): void {
  if (readInt(join(dataDir, OWNER_FILE)) === process.pid) {
    fs.rmSync(join(dataDir, OWNER_FILE), { force: true });
  }
}

// ---------------------------------------------------------------------------------------------
// Binaries and Debian packages.

interface PostgresBinaries {
  binDir: string;
  initdb: string;
  pgCtl: string;
  major: number;
}

function postgresMajor(initdb: string): number {
  const out = spawnSync(initdb, ['--version'], { encoding: 'utf8' });
  const m = /(\d+)(?:\.\d+)?/.exec(out.stdout ?? '');
  return m ? Number(m[1]) : 0;
}

function postgresIn(binDir: string): PostgresBinaries | undefined {
  const initdb = join(binDir, 'initdb');
  const pgCtl = join(binDir, 'pg_ctl');
  if (!isExecutableFile(initdb) || !isExecutableFile(pgCtl)) return undefined;
  return { binDir, initdb, pgCtl, major: postgresMajor(initdb) };
}

/** initdb + pg_ctl from PATH, else the newest /usr/lib/postgresql/<major>/bin (Debian's layout). */
function findPostgres(major?: number): PostgresBinaries | undefined {
  const debianRoot = '/usr/lib/postgresql';
  let versions: number[] = [];
  try {
    versions = fs
      .readdirSync(debianRoot)
      .map(Number)
      .filter((v) => Number.isInteger(v) && v > 0)
      .sort((a, b) => b - a);
  } catch {
    versions = [];
  }
  if (major !== undefined) {
    const found = versions.includes(major)
      ? postgresIn(join(debianRoot, String(major), 'bin'))
      : undefined;
    if (found) return found;
  }
  const inPath = which('initdb');
  if (inPath) {
    const found = postgresIn(dirname(fs.realpathSync(inPath)));
    if (found && (major === undefined || found.major === major)) return found;
  }
  for (const v of versions) {
    const found = postgresIn(join(debianRoot, String(v), 'bin'));
    if (found && (major === undefined || found.major === major)) return found;
  }
  return undefined;
}

function findRedisServer(): string | undefined {
  return (
    which('redis-server') ??
    ['/usr/bin/redis-server', '/usr/sbin/redis-server', '/usr/local/bin/redis-server'].find(
      isExecutableFile,
    )
  );
}

/** Installs the Debian packages for what is missing (root only), or says exactly what to run. */
function ensureBinaries(need: { postgres: boolean; redis: boolean }, log: Log): void {
  const missing: string[] = [];
  if (need.postgres && !findPostgres()) missing.push('postgresql');
  if (need.redis && !findRedisServer()) missing.push('redis-server');
  if (missing.length === 0) return;

  const what = missing.join(' ');
  const alternative =
    'Or point DATABASE_URL / REDIS_URL at servers you already run, or use `docker compose up`.';
  if (!isExecutableFile('/usr/bin/apt-get')) {
    throw new ServiceError(
      `Not installed: ${missing.join(', ')} (no initdb/pg_ctl in PATH or /usr/lib/postgresql/*/bin, ` +
        `or no redis-server). Install PostgreSQL and Redis with your package manager ` +
        `(Debian/Ubuntu: apt-get install -y ${what}; macOS: brew install postgresql redis).\n${alternative}`,
    );
  }
  if (!isRoot()) {
    throw new ServiceError(
      `Not installed: ${missing.join(', ')}. Install the Debian packages, then run this again:\n` +
        `    sudo apt-get update && sudo apt-get install -y ${what}\n${alternative}`,
    );
  }
  log(
    `installing the Debian packages ${missing.join(', ')}: apt-get update && apt-get install -y ${what}`,
  );
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  for (const args of [['update'], ['install', '-y', '--no-install-recommends', ...missing]]) {
    const r = spawnSync('apt-get', args, { stdio: 'inherit', env });
    if (r.status !== 0) {
      throw new ServiceError(
        `\`apt-get ${args.join(' ')}\` failed (exit ${String(r.status ?? r.signal)}). ` +
          `Run it by hand to see why:\n    apt-get update && apt-get install -y ${what}\n${alternative}`,
      );
    }
  }
  if ((need.postgres && !findPostgres()) || (need.redis && !findRedisServer())) {
    throw new ServiceError(
      `apt-get installed ${what}, but initdb/pg_ctl or redis-server still cannot be found.`,
    );
  }
}

// ---------------------------------------------------------------------------------------------
// Project-local PostgreSQL.

interface LocalServer {
  url: string;
  port: number;
  dir: string;
  /** Found running (left by an earlier run, or shared with a live one) rather than started now. */
  adopted: boolean;
  stop(): Promise<void>;
}

interface RunAs {
  uid?: number;
  gid?: number;
  /** How a person would type it: `runuser -u postgres -- ` when root. */
  prefix: string;
}

/** initdb refuses root: as root, every PostgreSQL command runs as the `postgres` user. */
function postgresRunAs(): RunAs {
  if (!isRoot()) return { prefix: '' };
  const id = (flag: string): number => {
    const r = spawnSync('id', [flag, 'postgres'], { encoding: 'utf8' });
    return r.status === 0 ? Number(r.stdout.trim()) : NaN;
  };
  const uid = id('-u');
  const gid = id('-g');
  if (!Number.isInteger(uid) || !Number.isInteger(gid)) {
    throw new ServiceError(
      'PostgreSQL refuses to run as root and there is no `postgres` user to run it as. Create one:\n' +
        '    useradd --system --user-group --home-dir /var/lib/postgresql --shell /bin/bash postgres',
    );
  }
  return { uid, gid, prefix: 'runuser -u postgres -- ' };
}

function safeRunAs(): RunAs | undefined {
  try {
    return postgresRunAs();
  } catch {
    return undefined;
  }
}

function canWrite(dir: string, as: RunAs): boolean {
  if (as.uid === undefined) return true;
  return spawnSync('test', ['-w', dir], { uid: as.uid, gid: as.gid }).status === 0;
}

/** The folder the cluster lives in, owned by the user that runs it, reachable by that user. */
function preparePostgresRoot(
  dataDir: string,
  as: RunAs,
  log: Log,
): { root: string; moved: boolean } {
  const wanted = join(dataDir, 'postgres');
  const own = (dir: string): void => {
    fs.mkdirSync(dir, { recursive: true });
    if (as.uid !== undefined && as.gid !== undefined) fs.chownSync(dir, as.uid, as.gid);
    fs.chmodSync(dir, 0o700);
  };
  if (as.uid !== undefined) {
    // The postgres user must be able to pass through dataDir (mkdtemp makes it 0700).
    const st = fs.statSync(dataDir);
    if ((st.mode & 0o011) !== 0o011) fs.chmodSync(dataDir, (st.mode & 0o7777) | 0o011);
  }
  own(wanted);
  if (canWrite(wanted, as)) return { root: wanted, moved: false };

  // A parent folder is private to root (a project under /root, say): keep the cluster elsewhere.
  const hash = createHash('sha256').update(wanted).digest('hex').slice(0, 12);
  const elsewhere = join('/var/tmp', `wspolnie-postgres-${hash}`);
  own(elsewhere);
  if (!canWrite(elsewhere, as)) {
    throw new ServiceError(
      `The postgres user cannot write to ${wanted} nor ${elsewhere}. ` +
        'Run from a folder the postgres user can reach, or set DATABASE_URL.',
    );
  }
  log(`the postgres user cannot reach ${wanted} (a parent folder is private); using ${elsewhere}`);
  return { root: elsewhere, moved: true };
}

async function pgCtlStatus(bins: PostgresBinaries, pgData: string, as: RunAs): Promise<boolean> {
  const r = await run(bins.pgCtl, ['status', '-D', pgData], { uid: as.uid, gid: as.gid, cwd: '/' });
  return r.code === 0;
}

async function startLocalPostgres(opts: AcquireOptions): Promise<LocalServer> {
  const { log } = opts;
  const as = postgresRunAs();
  const { root, moved } = preparePostgresRoot(opts.dataDir, as, log);
  const pgData = join(root, 'data');
  const logFile = join(root, 'postgres.log');
  const ids = { uid: as.uid, gid: as.gid, cwd: root };

  const existing = readInt(join(pgData, 'PG_VERSION'));
  const bins = findPostgres(existing) ?? findPostgres();
  if (!bins) throw new ServiceError('PostgreSQL binaries (initdb, pg_ctl) not found');
  if (existing !== undefined && existing !== bins.major) {
    throw new ServiceError(
      `${pgData} was created by PostgreSQL ${existing}, but only PostgreSQL ${bins.major} is installed. ` +
        `Remove the folder to start afresh (the demo data is re-seeded):\n    rm -rf ${shQuote(root)}`,
    );
  }

  if (existing === undefined) {
    fs.rmSync(pgData, { recursive: true, force: true });
    const base = ['-D', pgData, '-U', 'postgres', '-A', 'trust', '-E', 'UTF8', '--no-sync'];
    let args = [...base, '--locale=C.UTF-8'];
    let r = await run(bins.initdb, args, { ...ids, timeoutMs: 120_000 });
    if (r.code !== 0 && /locale/i.test(r.output)) {
      fs.rmSync(pgData, { recursive: true, force: true });
      args = [...base, '--no-locale'];
      r = await run(bins.initdb, args, { ...ids, timeoutMs: 120_000 });
    }
    if (r.code !== 0) {
      throw new ServiceError(
        `initdb failed (exit ${r.code}):\n${tail(r.output)}\n` +
          `Try it by hand:\n    ${as.prefix}${commandLine(bins.initdb, args)}`,
      );
    }
  }

  const stopCluster = async (): Promise<void> => {
    if (!(await pgCtlStatus(bins, pgData, as))) return;
    const fast = await run(bins.pgCtl, ['stop', '-D', pgData, '-m', 'fast', '-w', '-t', '30'], ids);
    if (fast.code === 0 || !(await pgCtlStatus(bins, pgData, as))) return;
    const now = await run(
      bins.pgCtl,
      ['stop', '-D', pgData, '-m', 'immediate', '-w', '-t', '30'],
      ids,
    );
    if (now.code !== 0 && (await pgCtlStatus(bins, pgData, as))) {
      throw new ServiceError(
        `could not stop the local PostgreSQL in ${pgData}:\n${tail(now.output)}\n` +
          `Try: ${as.prefix}${commandLine(bins.pgCtl, ['stop', '-D', pgData, '-m', 'immediate'])}`,
      );
    }
  };
  const cleanup = async (owned: boolean): Promise<void> => {
    if (!owned) return;
    await stopCluster();
    releaseOwnership(opts.dataDir);
    if (moved && opts.purpose === 'test') fs.rmSync(root, { recursive: true, force: true });
  };

  // A cluster left running by an earlier run (killed without cleaning up) or by a live one.
  if (await pgCtlStatus(bins, pgData, as)) {
    const port = readInt(join(pgData, 'postmaster.pid'), 3);
    const url = `postgres://postgres@127.0.0.1:${port}/postgres`;
    if (port !== undefined && (await probePostgres(url)) === undefined) {
      const sharedWith = otherLiveOwner(opts.dataDir);
      if (sharedWith === undefined) claimOwnership(opts.dataDir);
      log(
        sharedWith === undefined
          ? `reusing the local PostgreSQL left running in ${pgData} (port ${port})`
          : `sharing the local PostgreSQL of process ${sharedWith} (port ${port}); it stops with that process`,
      );
      return {
        url,
        port,
        dir: pgData,
        adopted: true,
        stop: () => cleanup(sharedWith === undefined),
      };
    }
    await stopCluster();
  }

  // The socket path must fit in 107 bytes; without a short enough folder, TCP only.
  const socketOk = Buffer.byteLength(join(root, '.s.PGSQL.65535')) < 100;
  for (let attempt = 1; ; attempt++) {
    const port = await findFreePort();
    const serverOptions = [
      `-p ${port}`,
      socketOk ? `-k ${shQuote(root)}` : "-c unix_socket_directories=''",
      '-c listen_addresses=127.0.0.1',
      '-c fsync=off',
    ].join(' ');
    const args = ['start', '-D', pgData, '-l', logFile, '-w', '-t', '60', '-o', serverOptions];
    const logStart = fs.existsSync(logFile) ? fs.statSync(logFile).size : 0;
    const r = await run(bins.pgCtl, args, { ...ids, detached: true, timeoutMs: 90_000 });
    const url = `postgres://postgres@127.0.0.1:${port}/postgres`;
    if (r.code === 0) {
      const problem = await probePostgres(url, 5000);
      if (problem === undefined) {
        claimOwnership(opts.dataDir);
        return { url, port, dir: pgData, adopted: false, stop: () => cleanup(true) };
      }
      await stopCluster();
      throw new ServiceError(
        `the local PostgreSQL started on port ${port} but refused a connection: ${problem}`,
      );
    }
    let serverLog = '';
    try {
      serverLog = fs.readFileSync(logFile, 'utf8').slice(logStart);
    } catch {
      serverLog = '';
    }
    if (attempt < 3 && /could not bind|address already in use/i.test(serverLog)) continue;
    throw new ServiceError(
      `the local PostgreSQL did not start (pg_ctl exit ${r.code}).\n${tail(r.output, 10)}\n` +
        `Server log ${logFile}:\n${tail(serverLog || '(empty)')}\n` +
        `Try it by hand:\n    ${as.prefix}${commandLine(bins.pgCtl, args)}`,
    );
  }
}

// ---------------------------------------------------------------------------------------------
// Project-local Redis.

function isRedisProcess(pid: number): boolean {
  try {
    return fs.readFileSync(`/proc/${pid}/cmdline`, 'utf8').includes('redis');
  } catch {
    return pidAlive(pid); // no /proc: trust the pid file
  }
}

async function killAndWait(pid: number): Promise<boolean> {
  try {
    process.kill(pid, 'SIGTERM');
  } catch {
    return true;
  }
  if (await waitFor(() => !pidAlive(pid), 10_000)) return true;
  try {
    process.kill(pid, 'SIGKILL');
  } catch {
    return true;
  }
  return waitFor(() => !pidAlive(pid), 5000);
}

async function startLocalRedis(opts: AcquireOptions): Promise<LocalServer> {
  const { log } = opts;
  const bin = findRedisServer();
  if (!bin) throw new ServiceError('redis-server not found');
  const dir = join(opts.dataDir, 'redis');
  fs.mkdirSync(dir, { recursive: true });
  const pidFile = join(dir, 'redis.pid');
  const portFile = join(dir, 'redis.port');
  const logFile = join(dir, 'redis.log');

  const stopServer = async (): Promise<void> => {
    const pid = readInt(pidFile);
    if (pid !== undefined && pidAlive(pid) && isRedisProcess(pid)) {
      if (!(await killAndWait(pid))) {
        throw new ServiceError(`could not stop the local Redis (pid ${pid}); try: kill -9 ${pid}`);
      }
    }
    fs.rmSync(pidFile, { force: true });
  };
  const cleanup = async (owned: boolean): Promise<void> => {
    if (!owned) return;
    await stopServer();
    releaseOwnership(opts.dataDir);
  };

  const leftPid = readInt(pidFile);
  if (leftPid !== undefined && pidAlive(leftPid) && isRedisProcess(leftPid)) {
    const port = readInt(portFile);
    const url = `redis://127.0.0.1:${port}`;
    if (port !== undefined && (await probeRedis(url)) === undefined) {
      const sharedWith = otherLiveOwner(opts.dataDir);
      if (sharedWith === undefined) claimOwnership(opts.dataDir);
      log(
        sharedWith === undefined
          ? `reusing the local Redis left running in ${dir} (port ${port})`
          : `sharing the local Redis of process ${sharedWith} (port ${port}); it stops with that process`,
      );
      return { url, port, dir, adopted: true, stop: () => cleanup(sharedWith === undefined) };
    }
    await stopServer();
  }

  for (let attempt = 1; ; attempt++) {
    const port = await findFreePort();
    fs.rmSync(pidFile, { force: true });
    const logStart = fs.existsSync(logFile) ? fs.statSync(logFile).size : 0;
    // Redis holds only queues here; nothing is written to disk (--save '' --appendonly no).
    const args = [
      '--port', String(port),
      '--bind', '127.0.0.1',
      '--save', '',
      '--appendonly', 'no',
      '--daemonize', 'yes',
      '--pidfile', pidFile,
      '--dir', dir,
      '--logfile', logFile,
    ]; // prettier-ignore
    const r = await run(bin, args, { cwd: dir, timeoutMs: 30_000 });
    const url = `redis://127.0.0.1:${port}`;
    const up =
      r.code === 0 &&
      (await waitFor(async () => (await probeRedis(url, 500)) === undefined, 10_000));
    if (up) {
      fs.writeFileSync(portFile, `${port}\n`);
      claimOwnership(opts.dataDir);
      return { url, port, dir, adopted: false, stop: () => cleanup(true) };
    }
    await stopServer();
    let serverLog = '';
    try {
      serverLog = fs.readFileSync(logFile, 'utf8').slice(logStart);
    } catch {
      serverLog = '';
    }
    if (attempt < 3 && /address already in use/i.test(serverLog)) continue;
    throw new ServiceError(
      `the local Redis did not start (redis-server exit ${r.code}).\n${tail(r.output, 10)}\n` +
        `Server log ${logFile}:\n${tail(serverLog || '(empty)')}\n` +
        `Try it by hand:\n    ${commandLine(bin, args)}`,
    );
  }
}

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
