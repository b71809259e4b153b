// eslint-disable-next-line @typescript-eslint/triple-slash-reference -- ts-node reads no ambient declaration files by itself
/// <reference path="./autocannon.d.ts" />
/**
 * API read benchmark (not a test).
 *
 *   npm run build && npx ts-node test/bench/api-reads.ts
 *
 * The production build (`dist/main.js`, one API process, NODE_ENV=production, request logging
 * at `info` to /dev/null) on a throwaway database with the demo data and its own Redis prefix.
 * Loopback autocannon, no pipelining. In each round, for each connection count, the endpoints
 * run one after another — interleaved, so a busy machine slows the baseline and the figure alike:
 *
 *   baseline  GET /health                 (the HTTP floor of this process)
 *   tender    GET /api/v1/tenders/:id     (the demo tender ZP.271.1.2026, as its leader's officer)
 *   list      GET /api/v1/tenders?limit=20
 *   tasks     GET /api/v1/me/tasks        (the leader's head: shares waiting for a signature)
 *
 * Prints requests/s and p99 per round, then the median over rounds of each figure and of its ratio
 * to the baseline measured in the same round. Targets (issue 16): ratio ≥ 0.40, p99 ≤ 50 ms.
 * BENCH_ROUNDS (3), BENCH_SECONDS (5), BENCH_CONNECTIONS ("10,50"); BENCH_API names another
 * build's main.js (e.g. of an older commit, for a before/after comparison on the same data).
 */
import autocannon from 'autocannon';
import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { Client } from 'pg';
import { runMigrations } from '../../src/database/migrate';
import { seedDemo } from '../../src/database/seed/seed';
import {
  acquireServices,
  createDatabase,
  databaseUrlFor,
  deleteRedisKeys,
  dropDatabase,
  findFreePort,
  makeScratchDir,
} from '../../src/tooling/services';

const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3);
const SECONDS = Number(process.env.BENCH_SECONDS ?? 5);
const CONNECTIONS = (process.env.BENCH_CONNECTIONS ?? '10,50').split(',').map(Number);
const ROOT = join(__dirname, '..', '..');

const log = (m: string) => process.stdout.write(`${m}\n`);
const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};
const spread = (xs: number[]) => `${Math.min(...xs).toFixed(2)}–${Math.max(...xs).toFixed(2)}`;

interface Measured {
  rps: number;
  p99: number;
  non2xx: number;
}

async function measure(url: string, connections: number, token?: string): Promise<Measured> {
  const result = await autocannon({
    url,
    connections,
    duration: SECONDS,
    pipelining: 1,
    headers: token ? { authorization: `Bearer ${token}` } : {},
  });
  return { rps: result.requests.average, p99: result.latency.p99, non2xx: result.non2xx };
}

async function login(base: string, email: string): Promise<string> {
  const res = await fetch(`${base}/api/v1/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email, password: 'wspolnie-demo' }),
  });
  if (res.status !== 200) throw new Error(`login ${email}: ${res.status}`);
  return ((await res.json()) as { accessToken: string }).accessToken;
}

async function waitForHealth(base: string, api: ChildProcess): Promise<void> {
  for (let i = 0; i < 300; i++) {
    if (api.exitCode !== null) throw new Error(`the API exited with ${api.exitCode}`);
    try {
      if ((await fetch(`${base}/health`)).status === 200) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error('the API did not answer /health within 30 s');
}

async function main(): Promise<void> {
  const entry = process.env.BENCH_API ?? join(ROOT, 'dist', 'main.js');
  if (!existsSync(entry)) throw new Error(`${entry} is missing: run \`npm run build\` first`);
  const scratch = makeScratchDir('wspolnie-bench-');
  const services = await acquireServices({
    dataDir: scratch,
    purpose: 'test',
    log: () => undefined,
  });
  const suffix = randomBytes(4).toString('hex');
  const databaseName = `wspolnie_bench_${suffix}`;
  const prefix = `wspolnie-bench-${suffix}`;
  let api: ChildProcess | undefined;
  try {
    await createDatabase(services.postgresAdminUrl, databaseName);
    const databaseUrl = databaseUrlFor(services.postgresAdminUrl, databaseName);
    await runMigrations(databaseUrl);
    await seedDemo(databaseUrl, () => undefined, 'test');
    const db = new Client({ connectionString: databaseUrl });
    await db.connect();
    const [{ id: tenderId }] = (
      await db.query<{ id: string }>(`SELECT id FROM tenders WHERE reference = 'ZP.271.1.2026'`)
    ).rows;
    await db.end();

    const port = await findFreePort();
    const base = `http://127.0.0.1:${port}`;
    api = spawn(process.execPath, [entry], {
      cwd: ROOT,
      stdio: ['ignore', 'ignore', 'inherit'],
      env: {
        ...process.env,
        NODE_ENV: 'production',
        PORT: String(port),
        HOST: '127.0.0.1',
        PUBLIC_URL: base,
        DATABASE_URL: databaseUrl,
        REDIS_URL: services.redisUrl,
        REDIS_PREFIX: prefix,
        JWT_SECRET: randomBytes(36).toString('base64url'),
        JWT_ACCESS_TTL_SECONDS: '3600',
        LOG_LEVEL: 'info',
        LOG_PRETTY: 'false',
        DATA_DIR: join(scratch, 'files'),
        SMTP_URL: '',
      },
    });
    await waitForHealth(base, api);
    const officer = await login(base, 'officer@skawina.demo');
    const head = await login(base, 'head@skawina.demo');
    const endpoints: { name: string; url: string; token?: string }[] = [
      { name: 'baseline /health', url: `${base}/health` },
      { name: 'tender read', url: `${base}/api/v1/tenders/${tenderId}`, token: officer },
      { name: 'tender list', url: `${base}/api/v1/tenders?limit=20`, token: officer },
      { name: 'my tasks', url: `${base}/api/v1/me/tasks`, token: head },
    ];
    // Warm-up: JIT, connection pools, caches.
    for (const e of endpoints) await measure(e.url, 10, e.token);

    const figures = new Map<string, { rps: number[]; p99: number[]; ratio: number[] }>();
    for (let round = 1; round <= ROUNDS; round++) {
      for (const connections of CONNECTIONS) {
        let baseline = 0;
        for (const e of endpoints) {
          const m = await measure(e.url, connections, e.token);
          if (m.non2xx > 0) throw new Error(`${e.name}: ${m.non2xx} answers were not 2xx`);
          if (e === endpoints[0]) baseline = m.rps;
          const key = `${e.name} @${connections}`;
          const f = figures.get(key) ?? { rps: [], p99: [], ratio: [] };
          f.rps.push(m.rps);
          f.p99.push(m.p99);
          f.ratio.push(m.rps / baseline);
          figures.set(key, f);
          log(
            `round ${round}  ${key.padEnd(26)} ${m.rps.toFixed(0).padStart(7)} req/s  p99 ${String(m.p99).padStart(4)} ms  ÷ baseline ${(m.rps / baseline).toFixed(3)}`,
          );
        }
      }
    }
    log('');
    log(
      `median of ${ROUNDS} rounds (${SECONDS} s each, interleaved), ratio to /health of the same round:`,
    );
    log('| what | connections | req/s | p99 ms | ÷ /health (spread) |');
    log('|---|---|---|---|---|');
    for (const [key, f] of figures) {
      const [name, connections] = key.split(' @');
      log(
        `| ${name} | ${connections} | ${median(f.rps).toFixed(0)} | ${median(f.p99)} | ${median(f.ratio).toFixed(3)} (${spread(f.ratio)}) |`,
      );
    }
  } finally {
    api?.kill('SIGTERM');
    await new Promise((r) => setTimeout(r, 500));
    await dropDatabase(services.postgresAdminUrl, databaseName).catch(() => undefined);
    await deleteRedisKeys(services.redisUrl, prefix).catch(() => undefined);
    await services.stop().catch(() => undefined);
    rmSync(scratch, { recursive: true, force: true });
  }
}

main().catch((err: unknown) => {
  process.stderr.write(`${err instanceof Error ? err.stack : String(err)}\n`);
  process.exit(1);
});
