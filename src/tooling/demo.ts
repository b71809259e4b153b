/**
 * `npm run demo` (started through demo.js, which installs dependencies and registers ts-node):
 * finds or starts PostgreSQL and Redis, migrates and seeds the demo database, builds the app when
 * dist/ is stale, starts the API and the worker, waits until the API is ready and prints the URLs
 * and the demo logins. Ctrl-C (or SIGTERM) stops the API and the worker, then the local servers.
 *
 * Honours DATABASE_URL, REDIS_URL, REDIS_PREFIX, PORT (3000), HOST (127.0.0.1), JWT_SECRET,
 * DATA_DIR, LOG_LEVEL and PUBLIC_URL from the environment or `.env`; the environment wins.
 * LOCAL_SERVICES=1 skips DATABASE_URL/REDIS_URL and the standard ports: own servers in .data/.
 */
import { ChildProcess, spawn } from 'node:child_process';
import * as fs from 'node:fs';
import { join } from 'node:path';
import { runMigrations, seedDemo } from '../database';
import {
  DATA_DIR,
  ROOT,
  buildIfNeeded,
  devSecret,
  parsePort,
  portFree,
  readDotEnv,
} from './demo-build';
import {
  DemoError,
  banner,
  cyan,
  errorText,
  fail,
  log,
  magenta,
  pipeWithPrefix,
  readable,
  sleep,
} from './demo-console';
import { seedDemoStages } from './demo-stages';
import {
  type AcquiredServices,
  acquireServices,
  createDatabase,
  databaseUrlFor,
  withPostgres,
} from './services';

const DEMO_DATABASE = 'wspolnie_demo';
const DEMO_REDIS_PREFIX = 'wspolnie-demo';
const READY_TIMEOUT_MS = 90_000;
const STOP_GRACE_MS = 10_000;

interface Child {
  name: 'api' | 'worker';
  process: ChildProcess;
  exited: Promise<void>;
  running: boolean;
}

// ---------------------------------------------------------------------------------------------
// Shutdown: one path for Ctrl-C, SIGTERM, a child that died and a failed start.

const children: Child[] = [];
let services: AcquiredServices | undefined;
let acquiring: Promise<AcquiredServices> | undefined;
let stopping: Promise<void> | undefined;

async function stopChild(child: Child): Promise<void> {
  if (!child.running) return;
  child.process.kill('SIGTERM');
  const timer = sleep(STOP_GRACE_MS).then(() => 'timeout' as const);
  if ((await Promise.race([child.exited.then(() => 'exited' as const), timer])) === 'timeout') {
    log(`the ${child.name} did not stop within ${STOP_GRACE_MS / 1000} s; killing it`);
    child.process.kill('SIGKILL');
    await child.exited;
  }
}

function shutdown(exitCode: number, why: string): Promise<void> {
  if (stopping) return stopping;
  stopping = (async () => {
    log(why);
    await Promise.all(children.map(stopChild));
    const acquired = services ?? (await acquiring?.catch(() => undefined));
    if (acquired?.local)
      log('stopping the local PostgreSQL and Redis (unless another demo uses them) …');
    try {
      await acquired?.stop();
    } catch (err) {
      fail(`could not stop every local service: ${errorText(err)}`);
      exitCode = exitCode || 1;
    }
    log(exitCode === 0 ? 'stopped. Bye!' : 'stopped.');
    process.exit(exitCode);
  })();
  return stopping;
}

function onSignal(signal: NodeJS.Signals): void {
  if (stopping) {
    log(`still stopping (${signal} again); the API and the worker get ${STOP_GRACE_MS / 1000} s`);
    return;
  }
  void shutdown(0, `${signal}: stopping the API and the worker …`);
}

function startChild(name: Child['name'], script: string, env: NodeJS.ProcessEnv): Child {
  // Own process group: Ctrl-C reaches only this launcher, which stops the children in order.
  const proc = spawn(process.execPath, [script], {
    cwd: ROOT,
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: true,
  });
  const prefix = name === 'api' ? magenta('[api]   ') : cyan('[worker]');
  // With LOG_PRETTY the app formats its own lines; else the JSON lines are made readable here.
  const pretty = !env.LOG_PRETTY || ['0', 'false', 'no', 'off'].includes(env.LOG_PRETTY);
  const verbose = ['debug', 'trace'].includes(env.LOG_LEVEL ?? '');
  const format = (line: string): string | undefined => (pretty ? readable(line, verbose) : line);
  pipeWithPrefix(proc.stdout, process.stdout, prefix, format);
  pipeWithPrefix(proc.stderr, process.stderr, prefix, format);
  const child: Child = { name, process: proc, running: true, exited: Promise.resolve() };
  child.exited = new Promise((done) => {
    proc.once('error', (err) => {
      child.running = false;
      fail(`could not start the ${name}: ${err.message}`);
      done();
    });
    proc.once('exit', (code, signal) => {
      child.running = false;
      done();
      if (!stopping) {
        void shutdown(
          1,
          `the ${name} exited unexpectedly (${signal ?? `exit code ${code}`}); see its lines above. Stopping everything …`,
        );
      }
    });
  });
  children.push(child);
  return child;
}

async function waitUntilReady(url: string): Promise<void> {
  const deadline = Date.now() + READY_TIMEOUT_MS;
  let last = 'no answer yet';
  while (Date.now() < deadline) {
    if (stopping) return;
    try {
      const res = await fetch(url, { signal: AbortSignal.timeout(3000) });
      if (res.status === 200) return;
      last = `HTTP ${res.status} ${(await res.text()).slice(0, 300)}`;
    } catch (err) {
      last = errorText((err as { cause?: unknown }).cause ?? err);
    }
    await sleep(500);
  }
  throw new DemoError(
    `the API did not become ready within ${READY_TIMEOUT_MS / 1000} s ` +
      `(GET ${url}: ${last}). See the [api] lines above.`,
  );
}

// ---------------------------------------------------------------------------------------------

async function main(): Promise<void> {
  process.chdir(ROOT);
  for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) process.on(signal, onSignal);
  // Whatever happens to this launcher, its children must not outlive it (a stray worker steals jobs).
  process.on('exit', () => {
    for (const c of children) if (c.running) c.process.kill('SIGTERM');
  });

  // `.env` as the app reads it: the environment wins. Merged into process.env so that service
  // discovery (DATABASE_URL, REDIS_URL) sees the same settings as the API and the worker.
  const fromFile = readDotEnv(join(ROOT, '.env'));
  if (Object.keys(fromFile).length > 0) log('read settings from .env (the environment wins)');
  for (const [key, value] of Object.entries(fromFile)) process.env[key] ??= value;
  const env: NodeJS.ProcessEnv = { ...process.env };
  const forceLocal = env.LOCAL_SERVICES === '1';
  if (env.NODE_ENV && env.NODE_ENV !== 'development') {
    log(`NODE_ENV was ${env.NODE_ENV}; the demo runs with NODE_ENV=development`);
  }

  const port = parsePort(env.PORT);
  const host = env.HOST || '127.0.0.1';
  if (!(await portFree(host, port))) {
    throw new DemoError(
      `port ${port} on ${host} is already in use (another demo, or another app?). ` +
        `Start on another port:\n    PORT=${port + 1} npm run demo`,
    );
  }
  fs.mkdirSync(DATA_DIR, { recursive: true });

  // 1. PostgreSQL and Redis.
  // LOCAL_SERVICES=1: always the project's own servers under .data/ (as on a fresh machine).
  acquiring = acquireServices({
    forceLocal,
    dataDir: DATA_DIR,
    purpose: 'demo',
    log,
  });
  services = await acquiring;
  if (stopping) return;
  log(services.describe);

  // 2. The database: DATABASE_URL as given, else `wspolnie_demo` on the server found or started.
  const databaseUrl =
    (!forceLocal && env.DATABASE_URL) || databaseUrlFor(services.postgresAdminUrl, DEMO_DATABASE);
  const databaseName = decodeURIComponent(new URL(databaseUrl).pathname.slice(1));
  try {
    if (await createDatabase(services.postgresAdminUrl, databaseName)) {
      log(`created database ${databaseName}`);
    }
  } catch (err) {
    // No right to create databases (a managed server, say): fine if it is already there.
    await withPostgres(databaseUrl, (c) => c.query('SELECT 1')).catch(() => {
      throw new DemoError(
        `could not create database ${databaseName} (${errorText(err)}), and it does not answer. ` +
          'Create it, or point DATABASE_URL at one that exists.',
      );
    });
  }

  // 3. Schema and demo data.
  const ran = await runMigrations(databaseUrl);
  log(ran.length > 0 ? `applied migrations: ${ran.join(', ')}` : 'database schema is up to date');
  if (stopping) return;
  await seedDemo(databaseUrl, (m) => log(`seed: ${m}`), 'development');
  if (stopping) return;
  const redisPrefix = env.REDIS_PREFIX ?? DEMO_REDIS_PREFIX;
  const appEnv: NodeJS.ProcessEnv = {
    NODE_ENV: 'development',
    DATABASE_URL: databaseUrl,
    REDIS_URL: services.redisUrl,
    REDIS_PREFIX: redisPrefix,
    JWT_SECRET: env.JWT_SECRET || devSecret(),
    DATA_DIR: env.DATA_DIR ?? join(DATA_DIR, 'files'),
  };
  // The tenders at every stage go through the API in this process, on its own clock.
  Object.assign(process.env, appEnv, { LOG_LEVEL: 'error' });
  await seedDemoStages((m) => log(`seed: ${m}`));
  if (stopping) return;

  // 4. Build when dist/ is missing or older than the sources.
  await buildIfNeeded();
  if (stopping) return;

  // 5. The API and the worker.
  const base = `http://${['0.0.0.0', '::', '127.0.0.1'].includes(host) ? 'localhost' : host}:${port}`;
  const probeHost = host === '0.0.0.0' || host === '::' ? '127.0.0.1' : host;
  const childEnv: NodeJS.ProcessEnv = {
    ...env,
    ...appEnv,
    PORT: String(port),
    HOST: host,
    LOG_LEVEL: env.LOG_LEVEL ?? 'info',
    PUBLIC_URL: env.PUBLIC_URL ?? base,
  };
  log(`starting the API on ${host}:${port} and the worker …`);
  startChild('api', join(ROOT, 'dist', 'main.js'), childEnv);
  startChild('worker', join(ROOT, 'dist', 'worker.js'), childEnv);

  const readyUrl = `http://${probeHost.includes(':') ? `[${probeHost}]` : probeHost}:${port}/health/ready`;
  await waitUntilReady(readyUrl);
  if (stopping) return;
  process.stdout.write(
    banner({
      base,
      databaseUrl,
      redisUrl: services.redisUrl,
      redisPrefix,
      servicesLine: services.describe,
      localServices: services.local,
    }),
  );
}

main().catch((err: unknown) => {
  if (stopping) return;
  const startedSomething = services !== undefined || children.length > 0;
  const detail = err instanceof DemoError || (err as Error)?.name === 'ServiceError';
  fail(
    detail
      ? errorText(err)
      : `failed: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}`,
  );
  if (!startedSomething) process.exit(1);
  void shutdown(1, 'stopping what was started …');
});
