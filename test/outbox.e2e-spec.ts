import { getQueueToken } from '@nestjs/bullmq';
import { Test, TestingModule } from '@nestjs/testing';
import { Queue } from 'bullmq';
import { ChildProcess, spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { QueueName } from '../src/common/jobs/job-catalogue';
import { OutboxJob } from '../src/common/outbox/outbox-job.entity';
import { OUTBOX_MAX_ATTEMPTS } from '../src/common/outbox/outbox.dispatcher';
import { OutboxService } from '../src/common/outbox/outbox.service';
import { AppConfig } from '../src/config/app-config';
import { validateEnvironment } from '../src/config/env.schema';
import { findFreePort, isReachable } from '../src/tooling/services';
import { WorkerModule } from '../src/worker.module';
import { waitFor } from './support/app';

/** A Redis of this test's own, so it can be stopped without disturbing anything else. */
function startRedis(port: number): ChildProcess {
  return spawn(
    'redis-server',
    ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'],
    {
      stdio: 'ignore',
    },
  );
}

async function stopRedis(proc: ChildProcess): Promise<void> {
  if (proc.exitCode !== null) return;
  const exited = new Promise((resolve) => proc.once('exit', resolve));
  proc.kill('SIGTERM');
  await exited;
}

describe('Outbox: jobs survive a Redis outage', () => {
  let port: number;
  let redis: ChildProcess;
  let worker: TestingModule;
  let dataSource: DataSource;

  beforeAll(async () => {
    port = await findFreePort();
    redis = startRedis(port);
    await waitFor(() => isReachable('127.0.0.1', port), 10000, 'the test Redis to start');
    const env = { ...process.env, REDIS_URL: `redis://127.0.0.1:${port}/0`, OUTBOX_POLL_MS: '50' };
    worker = await Test.createTestingModule({ imports: [WorkerModule] })
      .overrideProvider(AppConfig)
      .useValue(new AppConfig(validateEnvironment(env)))
      .compile();
    worker.useLogger(false);
    await worker.init();
    dataSource = worker.get(DataSource);
  });

  afterAll(async () => {
    await worker?.close();
    await stopRedis(redis);
  });

  const enqueue = (jobId?: string) =>
    dataSource.transaction((manager) =>
      worker
        .get(OutboxService)
        .enqueue(manager, 'notification.email', { notificationId: randomUUID() }, { jobId }),
    );
  const row = (id: string) => dataSource.getRepository(OutboxJob).findOneByOrFail({ id });

  it('moves a committed job to BullMQ with the row id as job id', async () => {
    const job = await enqueue();
    const done = await waitFor(async () => (await row(job.id)).dispatchedAt, 10000, 'dispatch');
    expect(done).toBeInstanceOf(Date);
    const queue = worker.get<Queue>(getQueueToken(QueueName.Notifications));
    const queued = await queue.getJob(job.id);
    expect(queued?.name).toBe('notification.email');
    expect(queued?.data).toEqual(job.payload);
  });

  it('keeps jobs in PostgreSQL while Redis is down and delivers them once it is back', async () => {
    // The dispatcher takes the oldest pending row first and stops at the first connection error:
    // let rows left by other suites (they share the database) drain before Redis goes away.
    await waitFor(
      async () => {
        const [{ n }] = await dataSource.query<{ n: number }[]>(
          'SELECT count(*)::int AS n FROM outbox_jobs WHERE dispatched_at IS NULL AND attempts < $1',
          [OUTBOX_MAX_ATTEMPTS],
        );
        return n === 0;
      },
      30000,
      'earlier outbox rows to be dispatched',
    );
    await stopRedis(redis);
    expect(await isReachable('127.0.0.1', port)).toBe(false);

    const job = await enqueue('email.outage-test');
    // The dispatcher tries the oldest pending row and stops at the first connection error; a row
    // the worker's own sweep queued meanwhile may be the one that fails, so any failed attempt
    // since Redis stopped counts — and ours must still be waiting, not lost.
    const failed = await waitFor(
      async () => {
        const [r] = await dataSource.query<{ last_error: string }[]>(
          `SELECT last_error FROM outbox_jobs
            WHERE dispatched_at IS NULL AND attempts > 0 AND attempts < $2
              AND last_error IS NOT NULL AND created_at >= $1::timestamptz - interval '1 minute'
            ORDER BY created_at LIMIT 1`,
          [(await row(job.id)).createdAt, OUTBOX_MAX_ATTEMPTS],
        );
        return r ?? null;
      },
      20000,
      'a failed dispatch attempt',
    );
    expect((await row(job.id)).dispatchedAt).toBeNull();
    expect(failed.last_error).toMatch(/Redis|connect|ECONNREFUSED|answer/i);

    redis = startRedis(port);
    await waitFor(() => isReachable('127.0.0.1', port), 10000, 'Redis to restart');
    const delivered = await waitFor(
      async () => (await row(job.id)).dispatchedAt,
      45000,
      'dispatch after the outage',
    );
    expect(delivered).toBeInstanceOf(Date);
    const queue = worker.get<Queue>(getQueueToken(QueueName.Notifications));
    expect(await queue.getJob('email.outage-test')).toBeDefined();
  }, 90000);
});
