/**
 * Reminders benchmark (not a test): a morning burst of 10 000 deadlines × 4 reminders due within
 * 60 s, fired by 1, 2 and 4 worker processes, against raw BullMQ in the same run.
 *
 *   npx ts-node -T test/bench/reminders.ts
 *
 * Environment knobs: BENCH_DEADLINES (10000), BENCH_WINDOW_S (60: fire times spread over it),
 * BENCH_LEAD_S (75: seconds from the start of the enqueue to the first fire time),
 * BENCH_CUTOFF_S (120: how long after the last planned time a case waits for its reminders),
 * BENCH_WORKERS ("1,2,4": worker processes per case), BENCH_RUNS (1: the cases are repeated and
 * the summary gives the median and the spread), BENCH_EMAIL=0 (every user opted out of e-mail),
 * BENCH_WORKER_ENTRY (the worker's entry point: `src/worker.ts` through ts-node by default,
 * `dist/worker.js` after `npm run build`), REMINDER_CONCURRENCY (8, as in production).
 *
 * Each case runs on a throwaway database (migrated, demo seed) and Redis prefix, with that many
 * real worker processes (`src/worker.ts`: outbox dispatcher, reminder and e-mail processors; the
 * e-mail goes to the log transport, silenced) and prints:
 *   - enqueue time: from the first INSERT until every reminder is a delayed job. The deadlines are
 *     copies (by SQL, through the real schema) of one made by DeadlineWriter, their reminder rows
 *     go to the outbox through OutboxService in syncReminders' shape, in transactions of 1 000
 *     deadlines; the workers' dispatchers move the outbox meanwhile;
 *   - Redis memory per pending reminder (INFO memory used_memory before/after);
 *   - firing lateness p50/p99/max (sent_at of the reminder's record − its planned time);
 *   - lost (neither sent nor still queued at the cut-off; a queued one is late, and counts in the
 *     percentiles as late as it was at the cut-off, a lower bound) and duplicates (a second
 *     enqueue of 2 % of the deadlines must add no job; no user may get one reminder twice) —
 *     both must be 0;
 * and the same figures for a baseline measured in the same run: raw BullMQ `addBulk` of the same
 * number of delayed jobs into a bare queue, processed by one no-op worker of the same concurrency.
 *
 * Exact offsets count seconds here (REMINDER_OFFSET_UNIT_MS=1000): 4, 3, 2 and 1 s before the due
 * time. The overdue sweep is set to once an hour so that 10 000 simultaneous misses do not mix
 * their escalations into the firing figures.
 */
import 'reflect-metadata';
import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { Module, type INestApplicationContext } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { getQueueToken } from '@nestjs/bullmq';
import { Queue, Worker, type ConnectionOptions } from 'bullmq';
import Redis from 'ioredis';
import { DataSource } from 'typeorm';
import { runMigrations } from '../../src/database/migrate';
import { seedDemo } from '../../src/database/seed/seed';
import {
  acquireServices,
  createDatabase,
  databaseUrlFor,
  deleteRedisKeys,
  dropDatabase,
  makeScratchDir,
} from '../../src/tooling/services';

const ROOT = join(__dirname, '..', '..');
const N = Number(process.env.BENCH_DEADLINES ?? 10_000);
const WINDOW_S = Number(process.env.BENCH_WINDOW_S ?? 60);
const LEAD_S = Number(process.env.BENCH_LEAD_S ?? 75);
const WORKERS = (process.env.BENCH_WORKERS ?? '1,2,4').split(',').map(Number);
const RUNS = Number(process.env.BENCH_RUNS ?? 1);
/** How long after the last planned fire time a case waits for its reminders before it reports. */
const CUTOFF_S = Number(process.env.BENCH_CUTOFF_S ?? 120);
const CONCURRENCY = Number(process.env.REMINDER_CONCURRENCY ?? 8);
const OFFSETS = [4, 3, 2, 1];
const UNIT_MS = 1000;
const REMINDERS = N * OFFSETS.length;
/** BENCH_EMAIL=0: every user has opted out of e-mail, to see the reminders' own cost. */
const EMAIL = process.env.BENCH_EMAIL !== '0';
const CREATE_BATCH = 1000;

const log = (m: string) => process.stdout.write(`${m}\n`);
const fmt = (n: number, digits = 0) =>
  Number.isFinite(n)
    ? n.toLocaleString('en-US', { maximumFractionDigits: digits, minimumFractionDigits: digits })
    : 'n/a';

function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return NaN;
  const i = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[i];
}
const median = (xs: number[]) =>
  percentile(
    [...xs].sort((a, b) => a - b),
    50,
  );

async function usedMemory(redis: Redis): Promise<number> {
  const info = await redis.info('memory');
  const m = /used_memory:(\d+)/.exec(info);
  if (!m) throw new Error('INFO memory has no used_memory');
  return Number(m[1]);
}

async function until(probe: () => Promise<boolean>, timeoutMs: number, what: string) {
  const end = Date.now() + timeoutMs;
  while (Date.now() < end) {
    if (await probe()) return true;
    await new Promise((r) => setTimeout(r, 200));
  }
  log(`  ! timed out waiting for ${what}`);
  return false;
}

interface Figures {
  enqueueMs: number;
  bytesPerJob: number;
  p50: number;
  p99: number;
  max: number;
  lost: number;
  duplicates: number;
  fired: number;
}

interface CaseFigures extends Figures {
  workers: number;
  /** Not sent by the cut-off (still queued: late, counted in the percentiles as a lower bound). */
  unsent: number;
  createMs: number;
  reenqueued: number;
  /** Reminders sent per second from the first planned time to the last send. */
  throughput: number;
}

/** Raw BullMQ: addBulk of the same number of delayed jobs, a no-op worker records lateness. */
async function baseline(connection: ConnectionOptions, prefix: string, redis: Redis) {
  const name = 'bench-baseline';
  const queue = new Queue(name, { connection, prefix });
  await queue.waitUntilReady();
  const lateness: number[] = [];
  const seen = new Set<string>();
  let duplicates = 0;
  const worker = new Worker(
    name,
    (job) => {
      const data = job.data as { fireAt: number };
      lateness.push(Date.now() - data.fireAt);
      if (seen.has(job.id as string)) duplicates += 1;
      seen.add(job.id as string);
      return Promise.resolve();
    },
    { connection, prefix, concurrency: CONCURRENCY },
  );
  await worker.waitUntilReady();
  const before = await usedMemory(redis);
  const t0 = Date.now();
  const firstFire = t0 + 10_000;
  for (let start = 0; start < N; start += 1000) {
    const jobs = [];
    for (let i = start; i < Math.min(N, start + 1000); i++) {
      const due = firstFire + Math.floor((i / N) * WINDOW_S * 1000) + OFFSETS[0] * UNIT_MS;
      for (const offset of OFFSETS) {
        const fireAt = due - offset * UNIT_MS;
        const deadlineId = `00000000-0000-4000-8000-${String(i).padStart(12, '0')}`;
        jobs.push({
          name: 'deadline.reminder',
          data: { deadlineId, offsetMinutes: offset, dueAt: new Date(due).toISOString(), fireAt },
          opts: {
            jobId: `reminder.${deadlineId}.${new Date(due).toISOString().replace(/[^0-9TZ]/g, '')}.${offset}`,
            delay: fireAt - Date.now(),
            attempts: 5,
            backoff: { type: 'exponential', delay: 2000 },
            removeOnComplete: { age: 7 * 24 * 3600, count: 10000 },
            removeOnFail: { age: 30 * 24 * 3600 },
          },
        });
      }
    }
    await queue.addBulk(jobs);
  }
  const enqueueMs = Date.now() - t0;
  const after = await usedMemory(redis);
  await until(
    async () => (await queue.getDelayedCount()) + lateness.length >= REMINDERS,
    30_000,
    'baseline jobs',
  );
  await until(async () => lateness.length >= REMINDERS, (WINDOW_S + 60) * 1000, 'baseline firing');
  await worker.close();
  await queue.obliterate({ force: true });
  await queue.close();
  const sorted = [...lateness].sort((a, b) => a - b);
  return {
    enqueueMs,
    bytesPerJob: (after - before) / REMINDERS,
    p50: percentile(sorted, 50),
    p99: percentile(sorted, 99),
    max: sorted[sorted.length - 1],
    lost: REMINDERS - seen.size,
    duplicates,
    fired: lateness.length,
  } satisfies Figures;
}

/** The application context this process creates deadlines through: no dispatcher, no processors. */
async function writerContext(): Promise<INestApplicationContext> {
  const { loadConfig } = await import('../../src/config/load-config');
  loadConfig(process.env, true); // this case's database and Redis prefix
  const { CoreModule } = await import('../../src/core.module');
  const { ScheduleModule } = await import('../../src/schedule/schedule.module');
  const { NotificationsModule } = await import('../../src/notifications');
  @Module({ imports: [CoreModule, NotificationsModule, ScheduleModule] })
  class BenchWriterModule {}
  const app = await NestFactory.createApplicationContext(BenchWriterModule, { logger: ['error'] });
  await app.init();
  return app;
}

function spawnWorkers(count: number, env: NodeJS.ProcessEnv): ChildProcess[] {
  const entry = process.env.BENCH_WORKER_ENTRY ?? join(ROOT, 'src', 'worker.ts');
  const args = entry.endsWith('.ts') ? ['-r', 'ts-node/register/transpile-only', entry] : [entry];
  return Array.from({ length: count }, () => {
    const child = spawn(process.execPath, args, {
      cwd: ROOT,
      env,
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    child.stderr?.on('data', (d: Buffer) =>
      process.stderr.write(`  [worker ${child.pid}] ${d.toString()}`),
    );
    return child;
  });
}

async function stopWorkers(children: ChildProcess[]): Promise<void> {
  await Promise.all(
    children.map(
      (c) =>
        new Promise<void>((resolve) => {
          if (c.exitCode !== null || c.signalCode !== null) return resolve();
          const kill = setTimeout(() => c.kill('SIGKILL'), 20_000);
          c.once('exit', () => {
            clearTimeout(kill);
            resolve();
          });
          c.kill('SIGTERM');
        }),
    ),
  );
}

/** One case: a fresh database and Redis prefix, `workers` worker processes, the burst. */
async function runCase(
  workers: number,
  services: { postgresAdminUrl: string; redisUrl: string },
  scratch: string,
  redis: Redis,
): Promise<CaseFigures> {
  const suffix = `${process.pid}_${randomBytes(4).toString('hex')}`;
  const databaseName = `wspolnie_bench_${suffix}`;
  const prefix = `wspolnie-bench-${suffix}`;
  const databaseUrl = databaseUrlFor(services.postgresAdminUrl, databaseName);
  let app: INestApplicationContext | undefined;
  let children: ChildProcess[] = [];
  try {
    await createDatabase(services.postgresAdminUrl, databaseName);
    await runMigrations(databaseUrl);
    await seedDemo(databaseUrl, () => undefined, 'test');
    const env = {
      ...process.env,
      NODE_ENV: 'test',
      DATABASE_URL: databaseUrl,
      REDIS_URL: services.redisUrl,
      REDIS_PREFIX: prefix,
      JWT_SECRET: randomBytes(36).toString('base64url'),
      DATA_DIR: join(scratch, 'files'),
      LOG_LEVEL: 'error',
      PUBLIC_URL: 'http://localhost',
      OUTBOX_POLL_MS: '50',
      REMINDER_OFFSET_UNIT_MS: String(UNIT_MS),
      REMINDER_SWEEP_EVERY_MS: '3600000',
      REMINDER_CONCURRENCY: String(CONCURRENCY),
      WORKER_METRICS_PORT: '0',
      METRICS_TOKEN: '',
      SMTP_URL: '',
    };
    Object.assign(process.env, env);
    app = await writerContext();
    const ds = app.get(DataSource);
    if (!EMAIL) await ds.query('UPDATE users SET email_opt_out = true');

    const { DeadlineWriter } = await import('../../src/schedule/deadline-writer.service');
    const { systemActor } = await import('../../src/auth/actor');
    const { QueueName } = await import('../../src/common/jobs/job-catalogue');
    const deadlines = app.get(DeadlineWriter);
    const queue = app.get<Queue>(getQueueToken(QueueName.Reminders));
    const actor = systemActor('bench');
    const tender = (
      await ds.query<{ id: string }[]>("SELECT id FROM tenders WHERE reference = 'ZP.271.1.2026'")
    )[0];
    if (!tender) throw new Error('the demo tender ZP.271.1.2026 is missing');

    children = spawnWorkers(workers, env);
    await until(
      async () => (await queue.getWorkersCount()) >= workers,
      // ts-node compiles each worker at start: minutes when the machine is busy.
      300_000,
      `${workers} worker processes to connect`,
    );

    // One deadline through DeadlineWriter (the API's path) is the template; the rest are copies
    // made by SQL through the real schema, and their reminders go to the outbox through the real
    // OutboxService in the same shape syncReminders writes (job id, runAt, replace). Creating
    // 10 000 deadlines one by one is the API's business, not the morning's; it is timed apart.
    const { planReminders } = await import('../../src/schedule/reminder-plan');
    const { OutboxService } = await import('../../src/common/outbox/outbox.service');
    const outbox = app.get(OutboxService);
    const template = await ds.transaction((manager) =>
      deadlines.create(manager, actor, {
        tenderId: tender.id,
        kind: 'CUSTOM',
        title: 'Termin testowy (wzór)',
        dueAt: new Date(Date.now() + 24 * 3600_000),
        reminderOffsets: OFFSETS,
      }),
    );
    await ds.query(`DELETE FROM outbox_jobs WHERE payload->>'deadlineId' = $1`, [template.id]);
    await ds.query(`UPDATE deadlines SET status = 'CANCELLED' WHERE id = $1`, [template.id]);
    const columns = (
      await ds.query<{ column_name: string }[]>(
        `SELECT column_name FROM information_schema.columns
          WHERE table_schema = 'public' AND table_name = 'deadlines'
            AND column_name NOT IN ('id', 'due_at', 'title', 'status')`,
      )
    ).map((c) => `"${c.column_name}"`);

    const before = await usedMemory(redis);
    const t0 = Date.now();
    const firstFire = t0 + LEAD_S * 1000;
    const dueOf = (i: number) =>
      new Date(firstFire + Math.floor((i / N) * WINDOW_S * 1000) + OFFSETS[0] * UNIT_MS);
    const ids: string[] = [];
    for (let s = 0; s < N; s += CREATE_BATCH) {
      const idx = Array.from({ length: Math.min(CREATE_BATCH, N - s) }, (_, k) => s + k);
      await ds.transaction(async (manager) => {
        const made = await manager.query<{ id: string; due_at: Date }[]>(
          `INSERT INTO deadlines (id, due_at, title, status, ${columns.join(', ')})
           SELECT gen_random_uuid(), x.due, x.title, 'OPEN', ${columns.map((c) => `d.${c}`).join(', ')}
             FROM deadlines d, unnest($2::timestamptz[], $3::text[]) AS x(due, title)
            WHERE d.id = $1
           RETURNING id, due_at`,
          [
            template.id,
            idx.map((i) => dueOf(i).toISOString()),
            idx.map((i) => `Termin testowy ${i + 1}`),
          ],
        );
        const jobs = made.flatMap((d) => {
          ids.push(d.id);
          const dueAt = new Date(d.due_at);
          return planReminders(d.id, dueAt, OFFSETS, {
            hour: 9,
            now: new Date(),
            unitMs: UNIT_MS,
          }).map((r) => ({
            payload: {
              deadlineId: d.id,
              offsetMinutes: r.offsetMinutes,
              dueAt: dueAt.toISOString(),
            },
            options: { jobId: r.jobId, runAt: r.fireAt, replace: true },
          }));
        });
        await outbox.enqueueMany(manager, 'deadline.reminder', jobs);
      });
    }
    const createMs = Date.now() - t0;
    const pendingOutbox = async () =>
      (
        await ds.query<{ n: number }[]>(
          "SELECT count(*)::int AS n FROM outbox_jobs WHERE dispatched_at IS NULL AND queue = 'reminders'",
        )
      )[0].n === 0;
    const drained = await until(pendingOutbox, LEAD_S * 1000, 'the outbox to drain');
    const enqueueMs = Date.now() - t0;
    const after = await usedMemory(redis);
    const jobs = async () => {
      const c = await queue.getJobCounts(
        'delayed',
        'waiting',
        'active',
        'prioritized',
        'completed',
        'failed',
      );
      return Object.values(c).reduce((a, b) => a + b, 0);
    };
    const total = await jobs();

    // A repeated enqueue (as after a retried transaction) through the real syncReminders of 2 %
    // of the deadlines adds no job: the same job ids replace the delayed ones.
    const again = ids.slice(0, Math.ceil(N / 50));
    await ds.transaction(async (manager) => {
      const rows = await manager.query<
        { id: string; due_at: Date; reminder_offsets: number[]; status: 'OPEN' }[]
      >('SELECT id, due_at, reminder_offsets, status FROM deadlines WHERE id = ANY($1)', [again]);
      for (const r of rows) {
        await deadlines.syncReminders(manager, {
          id: r.id,
          dueAt: new Date(r.due_at),
          reminderOffsets: r.reminder_offsets,
          status: r.status,
        });
      }
    });
    const drainedAgain = await until(pendingOutbox, 60_000, 'the repeated enqueue to drain');
    // Only meaningful when the outbox had drained before and after (else jobs were still coming).
    const reenqueued = drained && drainedAgain ? (await jobs()) - total : NaN;
    if (!drained || !drainedAgain)
      log(
        '  ! the outbox had not drained: this case says nothing about duplicates from a re-enqueue',
      );
    if (Date.now() > firstFire) {
      log(`  ! the enqueue took longer than BENCH_LEAD_S=${LEAD_S}: early reminders fire late`);
    }

    const lastPlanned = firstFire + WINDOW_S * 1000;
    await until(
      async () =>
        (await ds.query<{ n: number }[]>('SELECT count(*)::int AS n FROM deadline_reminders'))[0]
          .n >= REMINDERS,
      Math.max(0, lastPlanned - Date.now()) + CUTOFF_S * 1000,
      `every reminder to fire (cut off ${CUTOFF_S} s after the last planned time)`,
    );
    const cutoffAt = Date.now();
    // Still queued at the cut-off = late, not lost; lost = neither sent nor queued.
    const { stillQueued, sentIds } = await (async () => {
      const counts = await queue.getJobCounts('delayed', 'waiting', 'active', 'prioritized');
      const sent = await ds.query<{ n: number }[]>(
        'SELECT count(*)::int AS n FROM deadline_reminders',
      );
      return {
        // Rows still in the outbox are on their way too.
        stillQueued:
          counts.delayed +
          counts.waiting +
          counts.active +
          counts.prioritized +
          (
            await ds.query<{ n: number }[]>(
              "SELECT count(*)::int AS n FROM outbox_jobs WHERE dispatched_at IS NULL AND queue = 'reminders'",
            )
          )[0].n,
        sentIds: sent[0].n,
      };
    })();
    const rows = await ds.query<
      { deadline_id: string; offset_minutes: number; lateness_ms: number }[]
    >(
      `SELECT r.deadline_id, r.offset_minutes,
              extract(epoch FROM (r.sent_at - r.due_at)) * 1000 + r.offset_minutes * ${UNIT_MS} AS lateness_ms
         FROM deadline_reminders r`,
    );
    const sentLateness = rows.map((r) => Number(r.lateness_ms));
    // An unsent reminder is at least (cut-off − its planned time) late: a lower bound.
    const sent = new Set(rows.map((r) => `${r.deadline_id}/${r.offset_minutes}`));
    const dueById = new Map(
      (
        await ds.query<{ id: string; due_at: Date }[]>(
          'SELECT id, due_at FROM deadlines WHERE id = ANY($1)',
          [ids],
        )
      ).map((d) => [d.id, new Date(d.due_at).getTime()]),
    );
    const unsentLateness = ids.flatMap((id) =>
      OFFSETS.filter((o) => !sent.has(`${id}/${o}`)).map(
        (o) => cutoffAt - ((dueById.get(id) ?? cutoffAt) - o * UNIT_MS),
      ),
    );
    const unsent = unsentLateness.length;
    const sorted = [...sentLateness, ...unsentLateness].sort((a, b) => a - b);
    const span = await ds.query<{ s: number }[]>(
      `SELECT extract(epoch FROM max(sent_at) - min(due_at - make_interval(secs => offset_minutes * ${UNIT_MS / 1000})))::float AS s
         FROM deadline_reminders`,
    );
    const dupRows = await ds.query<{ n: number }[]>(
      `SELECT count(*)::int AS n FROM (SELECT 1 FROM notifications WHERE kind = 'deadline.reminder'
         GROUP BY user_id, entity_id, title HAVING count(*) > 1) x`,
    );
    return {
      workers,
      createMs,
      enqueueMs,
      bytesPerJob: (after - before) / REMINDERS,
      p50: percentile(sorted, 50),
      p99: percentile(sorted, 99),
      max: sorted[sorted.length - 1],
      lost: Math.max(0, REMINDERS - sentIds - Math.max(0, stillQueued - 1)),
      unsent,
      duplicates:
        dupRows[0].n +
        (Number.isNaN(reenqueued) ? 0 : Math.max(0, reenqueued)) +
        Math.max(0, sentIds - REMINDERS),
      fired: sentLateness.length,
      reenqueued,
      throughput: sentLateness.length / Number(span[0].s),
    };
  } finally {
    await stopWorkers(children);
    await app?.close().catch(() => undefined);
    await dropDatabase(services.postgresAdminUrl, databaseName).catch(() => undefined);
    await deleteRedisKeys(services.redisUrl, prefix).catch(() => undefined);
  }
}

async function main(): Promise<void> {
  const scratch = makeScratchDir('wspolnie-bench-');
  const services = await acquireServices({
    dataDir: scratch,
    purpose: 'test',
    log: () => undefined,
  });
  const prefix = `wspolnie-bench-${process.pid}_${randomBytes(4).toString('hex')}`;
  const redis = new Redis(services.redisUrl, { maxRetriesPerRequest: 3 });
  try {
    log(
      `Reminders benchmark: ${fmt(N)} deadlines × ${OFFSETS.length} reminders = ${fmt(REMINDERS)}, ` +
        `fire times over ${WINDOW_S} s (${fmt(REMINDERS / WINDOW_S)}/s), worker processes ` +
        `${WORKERS.join(', ')} at concurrency ${CONCURRENCY}, e-mail copies ` +
        `${EMAIL ? 'on (2 recipients per reminder)' : 'off (all opted out)'}, ${RUNS} run(s)`,
    );
    const { parseRedisUrl } = await import('../../src/config/app-config');
    const connection = parseRedisUrl(services.redisUrl) as ConnectionOptions;
    const bases: Figures[] = [];
    const cases = new Map<number, CaseFigures[]>(WORKERS.map((w) => [w, []]));
    const row = (label: string, f: Figures) =>
      `| ${label} | ${fmt(f.enqueueMs)} ms (${fmt((REMINDERS / f.enqueueMs) * 1000)}/s) | ` +
      `${fmt(f.bytesPerJob)} B | ${fmt(f.p50)} ms | ${fmt(f.p99)} ms | ${fmt(f.max)} ms | ${f.lost} | ${f.duplicates} |`;
    const header = () => {
      log(
        '| | enqueue 40 000 reminders | Redis per pending reminder | lateness p50 | p99 | max | lost | duplicates |',
      );
      log('|---|---|---|---|---|---|---|---|');
    };
    for (let run = 1; run <= RUNS; run++) {
      log(`Run ${run}: baseline (raw BullMQ addBulk + one no-op worker)…`);
      const base = await baseline(connection, `${prefix}-${run}`, redis);
      bases.push(base);
      header();
      log(row('raw BullMQ addBulk (baseline)', base));
      for (const w of WORKERS) {
        log(`Run ${run}: Wspólnie with ${w} worker process(es)…`);
        const f = await runCase(w, services, scratch, redis);
        cases.get(w)?.push(f);
        header();
        log(row(`Wspólnie, ${w} worker process(es)`, f));
        log(
          `  writing the deadlines and outbox rows took ${fmt(f.createMs)} ms; a repeated enqueue of 2 % added ` +
            `${f.reenqueued} jobs; ${fmt(f.fired)} of ${fmt(REMINDERS)} fired` +
            (f.unsent > 0
              ? ` (${fmt(f.unsent)} still queued at the cut-off: late, not lost; the percentiles count each as late as it was at the cut-off)`
              : '') +
            '; ' +
            `${fmt(f.throughput)} reminders/s from the first planned time to the last send ` +
            `(planned ${fmt(REMINDERS / WINDOW_S)}/s)`,
        );
      }
    }
    const spread = (xs: number[], digits = 0) =>
      xs.length > 1
        ? `${fmt(median(xs), digits)} (${fmt(Math.min(...xs), digits)}–${fmt(Math.max(...xs), digits)})`
        : fmt(xs[0], digits);
    log('');
    log(`Summary, median of ${RUNS} run(s) (min–max):`);
    log(
      '| | enqueue | lateness p50 | p99 | max | lost | duplicates | reminders/s | p99 − baseline p99 |',
    );
    log('|---|---|---|---|---|---|---|---|---|');
    log(
      `| baseline (raw BullMQ, 1 no-op worker) | ${spread(
        bases.map((b) => b.enqueueMs / 1000),
        1,
      )} s | ` +
        `${spread(bases.map((b) => b.p50))} ms | ${spread(bases.map((b) => b.p99))} ms | ` +
        `${spread(bases.map((b) => b.max))} ms | ${bases.reduce((a, b) => a + b.lost, 0)} | ` +
        `${bases.reduce((a, b) => a + b.duplicates, 0)} | | |`,
    );
    let met: number | undefined;
    for (const [w, fs] of cases) {
      const diff = fs.map((f, i) => f.p99 - bases[i].p99);
      log(
        `| ${w} worker process(es) | ${spread(
          fs.map((f) => f.enqueueMs / 1000),
          1,
        )} s | ` +
          `${spread(fs.map((f) => f.p50))} ms | ${spread(fs.map((f) => f.p99))} ms | ` +
          `${spread(fs.map((f) => f.max))} ms | ${fs.reduce((a, f) => a + f.lost, 0)} | ` +
          `${fs.reduce((a, f) => a + f.duplicates, 0)} | ${spread(fs.map((f) => f.throughput))} | ` +
          `${spread(diff)} ms |`,
      );
      const ok = fs.every((f) => f.p99 <= 2000 && f.lost === 0 && f.duplicates === 0);
      if (ok && met === undefined) met = w;
    }
    log(
      met === undefined
        ? 'Target (p99 ≤ 2 000 ms, 0 lost, 0 duplicates in every run): NOT met with any worker count'
        : `Target (p99 ≤ 2 000 ms, 0 lost, 0 duplicates in every run): met with ${met} worker process(es)`,
    );
  } finally {
    await deleteRedisKeys(services.redisUrl, prefix).catch(() => undefined);
    redis.disconnect();
    await services.stop().catch(() => undefined);
    rmSync(scratch, { recursive: true, force: true });
  }
}

main().catch((err: unknown) => {
  console.error(err);
  process.exitCode = 1;
});
