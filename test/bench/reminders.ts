/**
 * Reminders benchmark (not a test): 10 000 deadlines × 4 reminders, due within a short window.
 *
 *   npx ts-node test/bench/reminders.ts
 *
 * Environment knobs: BENCH_DEADLINES (10000), BENCH_WINDOW_S (60: fire times spread over it),
 * BENCH_LEAD_S (90: seconds from the start to the first fire time, enough for the enqueue),
 * REMINDER_CONCURRENCY (8, as in production).
 *
 * It runs on a throwaway database and Redis prefix (like the e2e tests), with the real worker
 * (outbox dispatcher, reminders and e-mail processors; the e-mail goes to the log transport, which
 * is silenced) and prints:
 *   - enqueue time: DeadlineWriter.create for every deadline (the API's own path: one
 *     transaction per batch, audit event and outbox rows) until every reminder is a delayed job;
 *   - Redis memory per pending reminder (INFO memory used_memory before/after);
 *   - firing lateness p50/p99 (sent_at of the reminder's record − its planned time);
 *   - duplicates (a second enqueue of 10 % of the deadlines must add no job; no user may get one
 *     reminder twice) — must be 0;
 * and the same figures for a baseline measured in the same run: raw BullMQ `addBulk` of the same
 * number of delayed jobs into a bare queue, processed by a no-op worker.
 *
 * Exact offsets count seconds here (REMINDER_OFFSET_UNIT_MS=1000): 4, 3, 2 and 1 s before the due
 * time. The overdue sweep is set to once an hour so that 10 000 simultaneous misses do not mix
 * their escalations into the firing figures.
 */
import 'reflect-metadata';
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

const N = Number(process.env.BENCH_DEADLINES ?? 10_000);
const WINDOW_S = Number(process.env.BENCH_WINDOW_S ?? 60);
const LEAD_S = Number(process.env.BENCH_LEAD_S ?? 90);
const OFFSETS = [4, 3, 2, 1];
const UNIT_MS = 1000;
const REMINDERS = N * OFFSETS.length;
/** BENCH_EMAIL=0: every user has opted out of e-mail, to see the reminders' own cost. */
const EMAIL = process.env.BENCH_EMAIL !== '0';
const CREATE_BATCH = 50;
const CREATE_PARALLEL = 8;

const fireMs: number[] = [];
let throughput = 0;
const log = (m: string) => process.stdout.write(`${m}\n`);
const fmt = (n: number, digits = 0) =>
  n.toLocaleString('en-US', { maximumFractionDigits: digits, minimumFractionDigits: digits });

function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return NaN;
  const i = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[i];
}

async function usedMemory(redis: Redis): Promise<number> {
  const info = await redis.info('memory');
  const m = /used_memory:(\d+)/.exec(info);
  if (!m) throw new Error('INFO memory has no used_memory');
  return Number(m[1]);
}

async function until(probe: () => Promise<boolean>, timeoutMs: number, what: string) {
  const end = Date.now() + timeoutMs;
  while (Date.now() < end) {
    if (await probe()) return;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`timed out waiting for ${what}`);
}

interface Figures {
  enqueueMs: number;
  bytesPerJob: number;
  p50: number;
  p99: number;
  max: number;
  duplicates: number;
  fired: number;
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
    { connection, prefix, concurrency: Number(process.env.REMINDER_CONCURRENCY ?? 8) },
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
    duplicates,
    fired: lateness.length,
  } satisfies Figures;
}

async function system(
  app: INestApplicationContext,
  redis: Redis,
): Promise<Figures & { createMs: number; reenqueued: number }> {
  const { DeadlineWriter } = await import('../../src/schedule/deadline-writer.service');
  const { systemActor } = await import('../../src/auth/actor');
  const { QueueName } = await import('../../src/common/jobs/job-catalogue');
  const deadlines = app.get(DeadlineWriter);
  const ds = app.get(DataSource);
  const queue = app.get<Queue>(getQueueToken(QueueName.Reminders));
  const actor = systemActor('bench');
  const tender = (
    await ds.query<{ id: string }[]>("SELECT id FROM tenders WHERE reference = 'ZP.271.1.2026'")
  )[0];
  if (!tender) throw new Error('the demo tender ZP.271.1.2026 is missing');

  const before = await usedMemory(redis);
  const t0 = Date.now();
  const firstFire = t0 + LEAD_S * 1000;
  const dueOf = (i: number) =>
    new Date(firstFire + Math.floor((i / N) * WINDOW_S * 1000) + OFFSETS[0] * UNIT_MS);
  const batches: number[][] = [];
  for (let s = 0; s < N; s += CREATE_BATCH) {
    batches.push(Array.from({ length: Math.min(CREATE_BATCH, N - s) }, (_, k) => s + k));
  }
  const ids: string[] = [];
  let next = 0;
  await Promise.all(
    Array.from({ length: CREATE_PARALLEL }, async () => {
      while (next < batches.length) {
        const batch = batches[next++];
        await ds.transaction(async (manager) => {
          for (const i of batch) {
            const d = await deadlines.create(manager, actor, {
              tenderId: tender.id,
              kind: 'CUSTOM',
              title: `Termin testowy ${i + 1}`,
              dueAt: dueOf(i),
              reminderOffsets: OFFSETS,
            });
            ids.push(d.id);
          }
        });
      }
    }),
  );
  const createMs = Date.now() - t0;
  await until(
    async () =>
      (
        await ds.query<{ n: number }[]>(
          "SELECT count(*)::int AS n FROM outbox_jobs WHERE dispatched_at IS NULL AND queue = 'reminders'",
        )
      )[0].n === 0,
    LEAD_S * 1000,
    'the outbox to drain',
  );
  const enqueueMs = Date.now() - t0;
  const delayed = await queue.getDelayedCount();
  const after = await usedMemory(redis);

  // A repeated enqueue (as after a retried transaction) of 10 % of the deadlines adds no job.
  const again = ids.slice(0, Math.ceil(N / 10));
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
  await until(
    async () =>
      (
        await ds.query<{ n: number }[]>(
          "SELECT count(*)::int AS n FROM outbox_jobs WHERE dispatched_at IS NULL AND queue = 'reminders'",
        )
      )[0].n === 0,
    60_000,
    'the repeated enqueue to drain',
  );
  const reenqueued = (await queue.getDelayedCount()) - delayed;
  if (Date.now() > firstFire) {
    log(`  ! the enqueue took longer than BENCH_LEAD_S=${LEAD_S}: early reminders fire late`);
  }
  log(
    `  delayed jobs in Redis after the enqueue: ${fmt(delayed)} ` +
      `(${fmt(REMINDERS)} reminders + the overdue sweep's scheduler job)`,
  );

  await until(
    async () =>
      (await ds.query<{ n: number }[]>('SELECT count(*)::int AS n FROM deadline_reminders'))[0].n >=
      REMINDERS,
    (LEAD_S + WINDOW_S + 180) * 1000,
    'every reminder to fire',
  );
  const rows = await ds.query<{ lateness_ms: number }[]>(
    `SELECT extract(epoch FROM (r.sent_at - r.due_at)) * 1000 + r.offset_minutes * ${UNIT_MS} AS lateness_ms
       FROM deadline_reminders r`,
  );
  const sorted = rows.map((r) => Number(r.lateness_ms)).sort((a, b) => a - b);
  const span = await ds.query<{ s: number }[]>(
    `SELECT extract(epoch FROM max(sent_at) - min(due_at - make_interval(secs => offset_minutes * ${UNIT_MS / 1000})))::float AS s
       FROM deadline_reminders`,
  );
  throughput = sorted.length / Number(span[0].s);
  const dupRows = await ds.query<{ n: number }[]>(
    `SELECT count(*)::int AS n FROM (SELECT 1 FROM notifications WHERE kind = 'deadline.reminder'
       GROUP BY user_id, entity_id, title HAVING count(*) > 1) x`,
  );
  return {
    createMs,
    enqueueMs,
    bytesPerJob: (after - before) / REMINDERS,
    p50: percentile(sorted, 50),
    p99: percentile(sorted, 99),
    max: sorted[sorted.length - 1],
    duplicates: dupRows[0].n + Math.max(0, reenqueued) + Math.max(0, sorted.length - REMINDERS),
    fired: sorted.length,
    reenqueued,
  };
}

async function main(): Promise<void> {
  const scratch = makeScratchDir('wspolnie-bench-');
  const services = await acquireServices({
    dataDir: scratch,
    purpose: 'test',
    log: () => undefined,
  });
  const suffix = `${process.pid}_${randomBytes(4).toString('hex')}`;
  const databaseName = `wspolnie_bench_${suffix}`;
  const prefix = `wspolnie-bench-${suffix}`;
  let app: INestApplicationContext | undefined;
  const redis = new Redis(services.redisUrl, { maxRetriesPerRequest: 3 });
  try {
    await createDatabase(services.postgresAdminUrl, databaseName);
    const databaseUrl = databaseUrlFor(services.postgresAdminUrl, databaseName);
    await runMigrations(databaseUrl);
    Object.assign(process.env, {
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
      SMTP_URL: '',
    });
    await seedDemo(databaseUrl, () => undefined, 'test');
    if (!EMAIL) {
      const { DataSource: Ds } = await import('typeorm');
      const { dataSourceOptions } = await import('../../src/database/data-source');
      const ds = new Ds(dataSourceOptions(databaseUrl));
      await ds.initialize();
      await ds.query('UPDATE users SET email_opt_out = true');
      await ds.destroy();
    }
    const concurrency = Number(process.env.REMINDER_CONCURRENCY ?? 8);
    log(
      `Reminders benchmark: ${fmt(N)} deadlines × ${OFFSETS.length} reminders = ${fmt(REMINDERS)}, ` +
        `fire times over ${WINDOW_S} s (${fmt(REMINDERS / WINDOW_S)}/s), worker concurrency ` +
        `${concurrency}, e-mail copies ${EMAIL ? 'on (2 recipients per reminder)' : 'off (all opted out)'}`,
    );

    const { parseRedisUrl } = await import('../../src/config/app-config');
    const connection = parseRedisUrl(services.redisUrl) as ConnectionOptions;
    log('Baseline (raw BullMQ addBulk + no-op worker)…');
    const base = await baseline(connection, prefix, redis);

    // How long the processor spends on one reminder (its transaction), for the report.
    const { RemindersService } = await import('../../src/schedule/reminders.service');
    const original = RemindersService.prototype.fire;
    RemindersService.prototype.fire = async function timed(
      this: InstanceType<typeof RemindersService>,
      job,
    ) {
      const started = performance.now();
      try {
        return await original.call(this, job);
      } finally {
        fireMs.push(performance.now() - started);
      }
    };
    const { WorkerModule } = await import('../../src/worker.module');
    const { ScheduleModule } = await import('../../src/schedule/schedule.module');
    @Module({ imports: [WorkerModule, ScheduleModule] })
    class BenchModule {}
    app = await NestFactory.createApplicationContext(BenchModule, { logger: ['error'] });
    await app.init();
    log('Wspólnie (DeadlineWriter → outbox → BullMQ → reminder processor → notifications)…');
    const ours = await system(app, redis);

    const ratio = (a: number, b: number) => (b > 0 ? `${(a / b).toFixed(1)}×` : 'n/a');
    const row = (label: string, f: Figures) =>
      `| ${label} | ${fmt(f.enqueueMs)} ms (${fmt((REMINDERS / f.enqueueMs) * 1000)}/s) | ${fmt(f.bytesPerJob)} B | ${fmt(f.p50)} ms | ${fmt(f.p99)} ms | ${fmt(f.max)} ms | ${f.duplicates} |`;
    log('');
    log(
      '| | enqueue 40 000 reminders | Redis per pending reminder | lateness p50 | p99 | max | duplicates |',
    );
    log('|---|---|---|---|---|---|---|');
    log(row('raw BullMQ addBulk (baseline)', base));
    log(row('Wspólnie (deadlines + outbox)', ours));
    log(
      `| ratio | ${ratio(ours.enqueueMs, base.enqueueMs)} | ${ratio(ours.bytesPerJob, base.bytesPerJob)} | ` +
        `${ours.p50 - base.p50 >= 0 ? '+' : ''}${fmt(ours.p50 - base.p50)} ms | ` +
        `${ours.p99 - base.p99 >= 0 ? '+' : ''}${fmt(ours.p99 - base.p99)} ms | | |`,
    );
    log('');
    log(
      `Of the enqueue, creating the deadlines (rows, audit, outbox) took ${fmt(ours.createMs)} ms; ` +
        `a repeated enqueue of 10 % added ${ours.reenqueued} jobs; ${fmt(ours.fired)} reminders fired ` +
        `(baseline ${fmt(base.fired)}).`,
    );
    const fire = [...fireMs].sort((a, b) => a - b);
    log(
      `Processor time per reminder (transaction with notifications and e-mail jobs): ` +
        `p50 ${fmt(percentile(fire, 50), 1)} ms, p99 ${fmt(percentile(fire, 99), 1)} ms.`,
    );
    log(
      `Reminders handled per second from the first planned time to the last send: ` +
        `${fmt(throughput)} (planned rate ${fmt(REMINDERS / WINDOW_S)}/s).`,
    );
    const ok = ours.p99 <= 2000 && ours.bytesPerJob <= 2048 && ours.duplicates === 0;
    log(`Targets (p99 ≤ 2 000 ms, ≤ 2 KB per reminder, 0 duplicates): ${ok ? 'met' : 'NOT met'}`);
  } finally {
    await app?.close().catch(() => undefined);
    await dropDatabase(services.postgresAdminUrl, databaseName).catch(() => undefined);
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
