/**
 * Project-local PostgreSQL and Redis: found among the installed binaries (Debian packages installed
 * when missing and root), started on a free port with their data under the caller's folder.
 */
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import * as fs from 'node:fs';
import { dirname, join } from 'node:path';
import {
  type AcquireOptions,
  type Log,
  ServiceError,
  findFreePort,
  probePostgres,
  probeRedis,
} from './service-clients';
import {
  claimOwnership,
  commandLine,
  isExecutableFile,
  isRoot,
  otherLiveOwner,
  pidAlive,
  readInt,
  releaseOwnership,
  run,
  shQuote,
  tail,
  waitFor,
  which,
} from './service-processes';

// ---------------------------------------------------------------------------------------------
// Binaries and Debian packages.

export interface PostgresBinaries {
  binDir: string;
  initdb: string;
  pgCtl: string;
  major: number;
}

export function postgresMajor(initdb: string): number {
  const out = spawnSync(initdb, ['--version'], { encoding: 'utf8' });
  const m = /(\d+)(?:\.\d+)?/.exec(out.stdout ?? '');
  return m ? Number(m[1]) : 0;
}

export function postgresIn(binDir: string): PostgresBinaries | undefined {
  const initdb = join(binDir, 'initdb');
  const pgCtl = join(binDir, 'pg_ctl');
  if (!isExecutableFile(initdb) || !isExecutableFile(pgCtl)) return undefined;
  return { binDir, initdb, pgCtl, major: postgresMajor(initdb) };
}

/** initdb + pg_ctl from PATH, else the newest /usr/lib/postgresql/<major>/bin (Debian's layout). */
export function findPostgres(major?: number): PostgresBinaries | undefined {
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

export function findRedisServer(): string | undefined {
  return (
    which('redis-server') ??
    ['/usr/bin/redis-server', '/usr/sbin/redis-server', '/usr/local/bin/redis-server'].find(
      isExecutableFile,
    )
  );
}

/** Installs the Debian packages for what is missing (root only), or says exactly what to run. */
export function ensureBinaries(need: { postgres: boolean; redis: boolean }, log: Log): void {
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

export interface LocalServer {
  url: string;
  port: number;
  dir: string;
  /** Found running (left by an earlier run, or shared with a live one) rather than started now. */
  adopted: boolean;
  stop(): Promise<void>;
}

export interface RunAs {
  uid?: number;
  gid?: number;
  /** How a person would type it: `runuser -u postgres -- ` when root. */
  prefix: string;
}

/** initdb refuses root: as root, every PostgreSQL command runs as the `postgres` user. */
export function postgresRunAs(): RunAs {
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

export function safeRunAs(): RunAs | undefined {
  try {
    return postgresRunAs();
  } catch {
    return undefined;
  }
}

export function canWrite(dir: string, as: RunAs): boolean {
  if (as.uid === undefined) return true;
  return spawnSync('test', ['-w', dir], { uid: as.uid, gid: as.gid }).status === 0;
}

/** The folder the cluster lives in, owned by the user that runs it, reachable by that user. */
export function preparePostgresRoot(
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

export async function pgCtlStatus(
  bins: PostgresBinaries,
  pgData: string,
  as: RunAs,
): Promise<boolean> {
  const r = await run(bins.pgCtl, ['status', '-D', pgData], { uid: as.uid, gid: as.gid, cwd: '/' });
  return r.code === 0;
}

export async function startLocalPostgres(opts: AcquireOptions): Promise<LocalServer> {
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

export function isRedisProcess(pid: number): boolean {
  try {
    return fs.readFileSync(`/proc/${pid}/cmdline`, 'utf8').includes('redis');
  } catch {
    return pidAlive(pid); // no /proc: trust the pid file
  }
}

export async function killAndWait(pid: number): Promise<boolean> {
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

export async function startLocalRedis(opts: AcquireOptions): Promise<LocalServer> {
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
