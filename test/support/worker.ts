import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import { Test, type TestingModule } from '@nestjs/testing';
import { AppConfig } from '../../src/config/app-config';
import { validateEnvironment } from '../../src/config/env.schema';
import { WorkerModule } from '../../src/worker.module';

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
