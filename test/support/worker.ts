import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import { getQueueToken } from '@nestjs/bullmq';
import { Test, type TestingModule } from '@nestjs/testing';
import type { Queue } from 'bullmq';
import { DataSource } from 'typeorm';
import { QueueName } from '../../src/common/jobs/job-catalogue';
import { OUTBOX_MAX_ATTEMPTS } from '../../src/common/outbox/outbox.dispatcher';
import { AppConfig } from '../../src/config/app-config';
import { validateEnvironment } from '../../src/config/env.schema';
import { WorkerModule } from '../../src/worker.module';
import { waitFor } from './app';

/**
 * The real worker (queue processors + outbox dispatcher) in the test process, on the same
 * throwaway database and Redis prefix as the API under test. `env` overrides variables for this
 * worker only (e.g. a fast OUTBOX_POLL_MS or an SMTP_URL pointing at a test SMTP server).
 */
export async function startWorker(env: Record<string, string> = {}): Promise<TestingModule> {
  const merged = { OUTBOX_POLL_MS: '50', ...process.env, ...env };
  const worker = await Test.createTestingModule({ imports: [WorkerModule] })
    .overrideProvider(AppConfig)
    .useValue(new AppConfig(validateEnvironment(merged)))
    .compile();
  worker.useLogger(['error']);
  await worker.init();
  return worker;
}

/**
 * The worker as a separate OS process (`src/worker.ts` through ts-node), for tests that kill it
 * mid-job. Output goes to the returned process's pipes; `stop()` sends SIGKILL unless told otherwise.
 */
export function spawnWorker(env: Record<string, string> = {}): ChildProcess {
  const root = join(__dirname, '..', '..');
  return spawn(
    process.execPath,
    ['-r', 'ts-node/register/transpile-only', join(root, 'src', 'worker.ts')],
    {
      cwd: root,
      env: { OUTBOX_POLL_MS: '50', LOG_LEVEL: 'warn', ...process.env, ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
}

/** Waits for a spawned process to exit (after a kill). */
export function exited(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => child.once('exit', () => resolve()));
}

/**
 * Suites share one database: the API-only suites leave e-mail jobs in the outbox, and earlier
 * suites leave overdue deadlines that the first sweeping worker of a later suite escalates. A test
 * that times reminders and escalations of its own waits for that backlog first (its worker must
 * sweep often, see REMINDER_SWEEP_EVERY_MS), so its own waits measure only its own work.
 */
export async function drainBacklog(worker: TestingModule, timeoutMs = 50000): Promise<void> {
  const sweepEveryMs = worker.get(AppConfig).reminderSweepEveryMs;
  if (sweepEveryMs > 1000)
    throw new Error(
      `drainBacklog needs a worker that sweeps overdue deadlines often: start it with REMINDER_SWEEP_EVERY_MS ≤ 1000 (it has ${sweepEveryMs})`,
    );
  const dataSource = worker.get(DataSource);
  const queue = worker.get<Queue>(getQueueToken(QueueName.Notifications));
  await waitFor(
    async () => {
      const [{ outbox, overdue }] = await dataSource.query<{ outbox: number; overdue: number }[]>(
        `SELECT (SELECT count(*)::int FROM outbox_jobs WHERE dispatched_at IS NULL AND attempts < $1) AS outbox,
                (SELECT count(*)::int FROM deadlines WHERE status = 'OPEN' AND due_at < now()) AS overdue`,
        [OUTBOX_MAX_ATTEMPTS],
      );
      if (outbox > 0 || overdue > 0) return false;
      const counts = await queue.getJobCounts('waiting', 'active', 'prioritized');
      return counts.waiting + counts.active + counts.prioritized === 0;
    },
    timeoutMs,
    'the outbox, e-mail and overdue-deadline backlog of earlier suites',
  );
}
