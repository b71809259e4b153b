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
import { randomBytes } from 'node:crypto';
import * as fs from 'node:fs';
import { createServer } from 'node:net';
import { join, relative, resolve } from 'node:path';
import { createInterface } from 'node:readline';
import { Readable, Writable } from 'node:stream';
import {
  runMigrations,
  DEMO_ORGANISATIONS,
  DEMO_PARTNERSHIP,
  DEMO_PASSWORD,
  DEMO_ROLE_PEOPLE,
  seedDemo,
} from '../database';
import {
  type AcquiredServices,
  acquireServices,
  createDatabase,
  databaseUrlFor,
  redactUrl,
  withPostgres,
} from './services';
import { seedDemoStages } from './demo-stages';

const ROOT = resolve(__dirname, '..', '..');
const DATA_DIR = join(ROOT, '.data');
const DEMO_DATABASE = 'wspolnie_demo';
const DEMO_REDIS_PREFIX = 'wspolnie-demo';
const READY_TIMEOUT_MS = 90_000;
const STOP_GRACE_MS = 10_000;

const tty = process.stdout.isTTY === true && !process.env.NO_COLOR;
const paint =
  (code: string) =>
  (s: string): string =>
    tty ? `\x1b[${code}m${s}\x1b[0m` : s;
const bold = paint('1');
const dim = paint('2');
const red = paint('31');
const yellow = paint('33');
const cyan = paint('36');
const magenta = paint('35');

function log(message: string): void {
  process.stdout.write(`${cyan('[demo]')} ${message}\n`);
}

function fail(message: string): void {
  process.stderr.write(`${red('[demo]')} ${message}\n`);
}

/** An error whose message is the whole story for the user (no stack trace needed). */
class DemoError extends Error {
  override name = 'DemoError';
}

function errorText(err: unknown): string {
  if (err instanceof AggregateError && err.errors.length > 0) {
    return (err.errors as unknown[]).map(errorText).join('; ');
  }
  return err instanceof Error ? err.message || err.name : String(err);
}

const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

// ---------------------------------------------------------------------------------------------
// Settings.

/** KEY=VALUE lines of `.env` (same rules as src/config/load-config.ts); missing file: none. */
function readDotEnv(path: string): Record<string, string> {
  if (!fs.existsSync(path)) return {};
  const out: Record<string, string> = {};
  for (const line of fs.readFileSync(path, 'utf8').split(/\r?\n/)) {
    const m = /^\s*([A-Za-z_][A-Za-z0-9_]*)\s*=\s*(.*)\s*$/.exec(line);
    if (!m || line.trimStart().startsWith('#')) continue;
    out[m[1]] = m[2].replace(/^(['"])(.*)\1$/, '$2');
  }
  return out;
}

/** JWT_SECRET from the environment, else one generated once and kept in .data/dev-secret. */
function devSecret(): string {
  const file = join(DATA_DIR, 'dev-secret');
  try {
    const kept = fs.readFileSync(file, 'utf8').trim();
    if (kept.length >= 32) return kept;
  } catch {
    // not there yet
  }
  // `dev-only-` makes the app refuse this secret if it is ever used with NODE_ENV=production.
  const secret = `dev-only-${randomBytes(32).toString('hex')}`;
  fs.writeFileSync(file, `${secret}\n`, { mode: 0o600 });
  log(`generated a development JWT secret in ${relative(ROOT, file)} (kept across restarts)`);
  return secret;
}

function parsePort(raw: string | undefined): number {
  const port = Number(raw ?? '3000');
  if (!Number.isInteger(port) || port < 1 || port > 65535) {
    throw new DemoError(`PORT must be a number from 1 to 65535, got "${raw}"`);
  }
  return port;
}

/** True when the API could listen on host:port (nothing else holds it). */
function portFree(host: string, port: number): Promise<boolean> {
  return new Promise((resolveFree) => {
    const server = createServer();
    server.once('error', () => resolveFree(false));
    server.listen({ host, port, exclusive: true }, () => server.close(() => resolveFree(true)));
  });
}

// ---------------------------------------------------------------------------------------------
// Build.

function newestFile(dir: string): { file: string; mtimeMs: number } | undefined {
  let newest: { file: string; mtimeMs: number } | undefined;
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    const candidate = entry.isDirectory()
      ? newestFile(path)
      : { file: path, mtimeMs: fs.statSync(path).mtimeMs };
    if (candidate && (!newest || candidate.mtimeMs > newest.mtimeMs)) newest = candidate;
  }
  return newest;
}

/** Why dist/ must be rebuilt, or undefined when it is newer than every source file. */
function buildReason(): string | undefined {
  const outputs = ['dist/main.js', 'dist/worker.js'];
  for (const out of outputs) if (!fs.existsSync(join(ROOT, out))) return `${out} is missing`;
  const builtAt = Math.min(...outputs.map((o) => fs.statSync(join(ROOT, o)).mtimeMs));
  const inputs = [
    newestFile(join(ROOT, 'src')),
    ...['tsconfig.json', 'tsconfig.build.json', 'nest-cli.json', 'package-lock.json']
      .map((f) => join(ROOT, f))
      .filter((f) => fs.existsSync(f))
      .map((file) => ({ file, mtimeMs: fs.statSync(file).mtimeMs })),
  ];
  const newer = inputs.find((i) => i !== undefined && i.mtimeMs > builtAt);
  return newer ? `${relative(ROOT, newer.file)} is newer than dist/` : undefined;
}

function runInherited(args: string[]): Promise<number | null> {
  return new Promise((done) => {
    const child = spawn(process.execPath, args, { cwd: ROOT, stdio: 'inherit' });
    child.once('error', () => done(null));
    child.once('exit', (code) => done(code));
  });
}

async function buildIfNeeded(): Promise<void> {
  const reason = buildReason();
  if (!reason) {
    log('dist/ is up to date; not rebuilding');
    return;
  }
  log(`building the API and the worker with \`nest build\` (${reason}) …`);
  const started = Date.now();
  const nest = require.resolve('@nestjs/cli/bin/nest.js', { paths: [ROOT] });
  const code = await runInherited([nest, 'build']);
  if (code !== 0) {
    throw new DemoError(
      `\`nest build\` failed (exit ${code}); the compiler's messages are above. ` +
        'Fix them (or run `npx nest build` to see them again), then run `npm run demo` again.',
    );
  }
  log(`built in ${((Date.now() - started) / 1000).toFixed(1)} s`);
}

// ---------------------------------------------------------------------------------------------
// Child processes and their output.

const LEVELS: Record<number, string> = {
  10: 'TRACE',
  20: 'DEBUG',
  30: 'INFO ',
  40: 'WARN ',
  50: 'ERROR',
  60: 'FATAL',
};

/** Nest's start-up inventory (a line per module and route): shown only with LOG_LEVEL=debug. */
const STARTUP_CONTEXTS = new Set(['InstanceLoader', 'RoutesResolver', 'RouterExplorer']);

/**
 * A pino JSON line made readable (pino-pretty is not a dependency); other lines unchanged;
 * undefined for a line not worth showing.
 */
function readable(line: string, verbose: boolean): string | undefined {
  if (!line.startsWith('{')) return line;
  let entry: Record<string, unknown>;
  try {
    entry = JSON.parse(line) as Record<string, unknown>;
  } catch {
    return line;
  }
  if (typeof entry.level !== 'number') return line;
  if (!verbose && entry.level <= 30 && STARTUP_CONTEXTS.has(String(entry.context))) {
    return undefined;
  }
  const level = LEVELS[entry.level] ?? String(entry.level);
  const painted = entry.level >= 50 ? red(level) : entry.level >= 40 ? yellow(level) : dim(level);
  const context = typeof entry.context === 'string' ? dim(`[${entry.context}] `) : '';
  let msg = typeof entry.msg === 'string' ? entry.msg : '';
  const req = entry.req as { method?: string; url?: string } | undefined;
  const res = entry.res as { statusCode?: number } | undefined;
  if (req?.method && req.url) {
    const took = typeof entry.responseTime === 'number' ? ` ${entry.responseTime} ms` : '';
    msg = `${req.method} ${req.url} ${res?.statusCode ?? ''}${took}${msg ? ` — ${msg}` : ''}`;
  }
  const err = entry.err as { stack?: string; message?: string } | undefined;
  const detail = err ? `\n${err.stack ?? err.message ?? ''}` : '';
  return `${painted} ${context}${msg}${detail}`;
}

function pipeWithPrefix(
  from: Readable,
  to: Writable,
  prefix: string,
  format: (line: string) => string | undefined,
): void {
  const lines = createInterface({ input: from, crlfDelay: Infinity });
  lines.on('line', (line) => {
    const text = format(line);
    if (text === undefined) return;
    for (const part of text.split('\n')) to.write(`${prefix} ${part}\n`);
  });
}

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
// The banner.

function banner(o: {
  base: string;
  databaseUrl: string;
  redisUrl: string;
  redisPrefix: string;
  servicesLine: string;
  localServices: boolean;
}): string {
  const roles = Object.values(DEMO_ROLE_PEOPLE).map((r) => r.local);
  const width = Math.max(...DEMO_ORGANISATIONS.map((org) => org.slug.length)) + 2;
  const note = (slug: string): string =>
    slug === DEMO_PARTNERSHIP.leaderSlug
      ? ` — leader of "${DEMO_PARTNERSHIP.name}"`
      : DEMO_PARTNERSHIP.memberSlugs.includes(slug)
        ? ''
        : ' — not a member yet';
  const orgLines = DEMO_ORGANISATIONS.map(
    (org) => `      ${org.slug.padEnd(width)}${org.name}${dim(note(org.slug))}`,
  );
  const line = dim('─'.repeat(78));
  const first = DEMO_ORGANISATIONS[0]?.slug ?? 'skawina';
  return [
    '',
    line,
    `  ${bold('Wspólnie demo is running')}`,
    '',
    `  Web app      ${bold(`${o.base}/`)}   ${dim('(Polish pages: sign in, e.g. treasurer@liszki.demo)')}`,
    `  API          ${bold(`${o.base}/api/v1`)}`,
    `  API docs     ${bold(`${o.base}/api/docs`)}   ${dim(`(OpenAPI JSON: ${o.base}/api/docs-json)`)}`,
    `  Health       ${bold(`${o.base}/health`)}   ${dim(`(readiness: ${o.base}/health/ready)`)}`,
    `  PostgreSQL   ${redactUrl(o.databaseUrl)}`,
    `  Redis        ${redactUrl(o.redisUrl)}   ${dim(`(key prefix ${o.redisPrefix})`)}`,
    `  ${dim(o.servicesLine)}`,
    '',
    `  ${bold('Demo logins')} — password ${bold(DEMO_PASSWORD)} for all:`,
    `    admin@wspolnie.demo   ${dim('system administrator')}`,
    `    <role>@<organisation>.demo, role one of: ${roles.join(', ')}`,
    ...orgLines,
    `    e.g. ${roles.map((r) => `${r}@${first}.demo`).join(', ')}`,
    '',
    `  Try it:  open ${bold(`${o.base}/logowanie`)}, sign in as treasurer@liszki.demo and countersign`,
    `           a share from "Moje zadania" (budget classification 600/60016/4270), or by API:`,
    `           curl -s ${o.base}/api/v1/auth/login -H 'content-type: application/json' \\`,
    `             -d '{"email":"officer@${first}.demo","password":"${DEMO_PASSWORD}"}'`,
    '',
    `  Press ${bold('Ctrl-C')} to stop the API and the worker${o.localServices ? ' (and the local servers)' : ''}.`,
    line,
    '',
  ].join('\n');
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
