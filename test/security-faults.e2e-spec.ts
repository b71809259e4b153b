/**
 * Faults (failure 7 of the security review): Redis loses its data while reminders are pending —
 * the worker's reconciler puts every missing delayed job back from PostgreSQL and re-asserts the
 * sweep's schedule, so every reminder still fires, exactly once. Only this suite's Redis prefix is
 * flushed, never the shared Redis.
 */
import { getQueueToken } from '@nestjs/bullmq';
import type { TestingModule } from '@nestjs/testing';
import type { Queue } from 'bullmq';
import { jobIds, QueueName } from '../src/common/jobs/job-catalogue';
import { SWEEP_SCHEDULER_ID } from '../src/schedule/reminders.processor';
import { deleteRedisKeys } from '../src/tooling/services';
import { Session, TestApp, createTestApp, login, waitFor } from './support/app';
import { createTender } from './support/tenders';
import { drainBacklog, startWorker } from './support/worker';

const ENV = {
  REMINDER_OFFSET_UNIT_MS: '1000',
  REMINDER_SWEEP_EVERY_MS: '300',
  REMINDER_RECONCILE_EVERY_MS: '1000',
};
const previousEnv = { ...process.env };
Object.assign(process.env, ENV);

const inSeconds = (s: number) =>
  new Date(Math.ceil((Date.now() + s * 1000) / 1000) * 1000).toISOString();

describe('Reminders survive a Redis data loss', () => {
  let t: TestApp;
  let worker: TestingModule;
  let officer: Session;
  let queue: Queue;

  beforeAll(async () => {
    t = await createTestApp();
    worker = await startWorker(ENV);
    await drainBacklog(worker);
    queue = worker.get<Queue>(getQueueToken(QueueName.Reminders));
    officer = await login(t, 'officer@skawina.demo');
  });
  afterAll(async () => {
    await worker?.close();
    await t?.close();
    process.env = previousEnv;
  });

  it('re-creates every pending reminder job after a flush; each fires once; the sweep is scheduled again', async () => {
    const tender = await createTender(officer);
    const offsets = [12, 8];
    const deadlines: { id: string; dueAt: string }[] = [];
    for (let i = 0; i < 5; i++) {
      const d = (
        await officer
          .post(`/tenders/${tender.id}/deadlines`, {
            kind: 'CUSTOM',
            title: `Uzgodnienie ${i + 1}`,
            // Far enough ahead that the first reminder (12 s before) is still delayed when the outbox
            // has moved all ten, also on a busy machine.
            dueAt: inSeconds(45),
            reminderOffsets: offsets,
          })
          .expect(201)
      ).body as { id: string; dueAt: string };
      deadlines.push(d);
    }
    const ids = deadlines.map((d) => d.id);
    const jobs = deadlines.flatMap((d) =>
      offsets.map((o) => jobIds.reminder(d.id, new Date(d.dueAt).toISOString(), o)),
    );
    // The outbox has moved the ten delayed jobs to Redis…
    await waitFor(
      async () =>
        (await Promise.all(jobs.map((j) => queue.getJobState(j)))).every((s) => s === 'delayed'),
      30_000,
      'ten delayed reminder jobs',
    );
    // …and then Redis loses everything of this instance: jobs, the sweep's schedule, all.
    expect(await deleteRedisKeys(t.config.redisUrl, t.config.redisPrefix)).toBeGreaterThan(0);
    expect(await queue.getJobState(jobs[0])).toBe('unknown');

    // Within a reconciliation period the jobs are back and the sweep is scheduled again.
    await waitFor(
      async () =>
        (await Promise.all(jobs.map((j) => queue.getJobState(j)))).every((s) => s !== 'unknown'),
      10_000,
      'the reminder jobs restored',
    );
    await waitFor(
      async () =>
        (await queue.getJobSchedulers()).some(
          (s) => s.key === SWEEP_SCHEDULER_ID || s.id === SWEEP_SCHEDULER_ID,
        ),
      10_000,
      'the sweep scheduled again',
    );

    // Every reminder fires, exactly once (one record and one notification set per offset).
    const sent = await waitFor(
      async () => {
        const rows = await t.dataSource.query<
          { deadline_id: string; offset_minutes: number; recipients: number }[]
        >(
          'SELECT deadline_id, offset_minutes, recipients FROM deadline_reminders WHERE deadline_id = ANY($1)',
          [ids],
        );
        return rows.length === 10 ? rows : null;
      },
      60_000,
      'ten reminders sent',
    );
    const [{ notes }] = await t.dataSource.query<{ notes: number }[]>(
      `SELECT count(*)::int AS notes FROM notifications WHERE kind = 'deadline.reminder' AND entity_id = ANY($1)`,
      [ids],
    );
    expect(notes).toBe(sent.reduce((sum, r) => sum + r.recipients, 0));
    // A later reconciliation finds nothing to restore: the sent ones are not planned again.
    const again = await waitFor(async () => {
      const [{ n }] = await t.dataSource.query<{ n: number }[]>(
        `SELECT count(*)::int AS n FROM outbox_jobs WHERE name = 'deadline.reminder' AND job_id = ANY($1)`,
        [jobs],
      );
      return n;
    });
    expect(again).toBe(20); // ten from the API, ten from the one reconciliation that found them gone
  });
});
