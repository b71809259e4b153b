import { getQueueToken } from '@nestjs/bullmq';
import type { TestingModule } from '@nestjs/testing';
import type { Job, Queue } from 'bullmq';
import { QueueName } from '../src/common/jobs/job-catalogue';
import { OUTBOX_MAX_ATTEMPTS } from '../src/common/outbox/outbox.dispatcher';
import { RemindersProcessor } from '../src/schedule/reminders.processor';
import { Session, TestApp, createTestApp, login, waitFor } from './support/app';
import { startSmtpServer, type TestSmtpServer } from './support/smtp';
import { createTender } from './support/tenders';
import { drainBacklog, startWorker } from './support/worker';

// Exact offsets count seconds here, in the API and both workers alike (see reminders.e2e-spec.ts).
const UNIT_ENV = { REMINDER_OFFSET_UNIT_MS: '1000', REMINDER_SWEEP_EVERY_MS: '300' };
const previousEnv = { ...process.env };
Object.assign(process.env, UNIT_ENV);

const DEADLINES = 20;
/**
 * Seconds before the due time: both reminders fire long before it, so the overdue sweep (every
 * 300 ms here, for drainBacklog) cannot mark a deadline MISSED while its reminders still wait on a
 * busy machine.
 */
const OFFSETS = [30, 28];

/** Whole seconds: the API shows due times to the second. */
const inSeconds = (s: number) =>
  new Date(Math.ceil((Date.now() + s * 1000) / 1000) * 1000).toISOString();

/**
 * Two worker processes' worth of workers (two Nest worker contexts, each with its own BullMQ
 * connections, outbox dispatcher and processors) on one Redis prefix and one database: every
 * reminder is sent once and e-mailed once per recipient, also when the outbox rows are handed to
 * BullMQ a second time, as after a dispatcher that crashed between BullMQ's answer and its commit.
 */
describe('Reminders shared by two workers', () => {
  let t: TestApp;
  let workers: TestingModule[];
  let smtp: TestSmtpServer;
  let officer: Session;
  let reminders: Queue;
  let emails: Queue;
  /** Reminder jobs of this suite's deadlines each worker completed, by job id. */
  const handled: Map<string, string>[] = [new Map(), new Map()];
  let deadlineIds: string[] = [];
  let jobIds: string[] = [];

  beforeAll(async () => {
    t = await createTestApp();
    smtp = await startSmtpServer();
    // Concurrency 1: while one worker is in a reminder's transaction the other must take the next.
    const env = { ...UNIT_ENV, SMTP_URL: smtp.url, REMINDER_CONCURRENCY: '1' };
    workers = [await startWorker(env), await startWorker(env)];
    await drainBacklog(workers[0]);
    workers.forEach((w, i) =>
      w.get(RemindersProcessor).worker.on('completed', (job: Job, result: unknown) => {
        if (job.name === 'deadline.reminder') handled[i].set(job.id as string, String(result));
      }),
    );
    reminders = workers[0].get<Queue>(getQueueToken(QueueName.Reminders));
    emails = workers[0].get<Queue>(getQueueToken(QueueName.Notifications));
    officer = await login(t, 'officer@skawina.demo');
  });
  afterAll(async () => {
    for (const w of workers ?? []) await w.close();
    await t?.close();
    await smtp?.close();
    process.env = previousEnv;
  });

  const outboxRows = () =>
    t.dataSource.query<{ id: string; dispatched_at: Date | null }[]>(
      `SELECT id, dispatched_at FROM outbox_jobs
        WHERE queue = 'reminders' AND payload->>'deadlineId' = ANY($1)`,
      [deadlineIds],
    );
  const allDispatched = async () => {
    const rows = await outboxRows();
    return rows.length === jobIds.length && rows.every((r) => r.dispatched_at !== null);
  };
  /** The reminder notifications of this suite's deadlines that must be e-mailed. */
  const toEmail = () =>
    t.dataSource.query<{ id: string }[]>(
      `SELECT n.id FROM notifications n JOIN users u ON u.id = n.user_id
        WHERE n.kind = 'deadline.reminder' AND n.entity_id = ANY($1)
          AND u.active AND NOT u.email_opt_out AND NOT ('deadline.reminder' = ANY(u.email_opt_out_kinds))`,
      [deadlineIds],
    );
  /** Messages the SMTP server received, per notification of this suite. */
  const received = (ids: string[]) => {
    const counts = new Map(ids.map((id) => [id, 0]));
    for (const m of smtp.messages) {
      const id = /^<notification\.([0-9a-f-]+)@/.exec(m.headers['message-id'] ?? '')?.[1];
      if (id && counts.has(id)) counts.set(id, (counts.get(id) ?? 0) + 1);
    }
    return counts;
  };
  /** Nothing of ours still on its way: outbox moved, our jobs finished, no e-mail job left. */
  const settled = async () => {
    if (!(await allDispatched())) return false;
    const [{ pending }] = await t.dataSource.query<{ pending: number }[]>(
      `SELECT count(*)::int AS pending FROM outbox_jobs
        WHERE dispatched_at IS NULL AND attempts < $1 AND queue = 'notifications'`,
      [OUTBOX_MAX_ATTEMPTS],
    );
    if (pending > 0) return false;
    for (const id of jobIds) {
      const state = await reminders.getJobState(id);
      if (state !== 'completed' && state !== 'failed') return false;
    }
    const counts = await emails.getJobCounts('waiting', 'active', 'delayed', 'prioritized');
    return counts.waiting + counts.active + counts.delayed + counts.prioritized === 0;
  };

  it('sends each reminder once, e-mails it once per recipient, with both workers taking part', async () => {
    const tender = await createTender(officer);
    const dueAt = inSeconds(45);
    const created: { id: string; upcomingReminders: { offsetMinutes: number }[] }[] = [];
    for (let i = 0; i < DEADLINES; i++) {
      const res = await officer
        .post(`/tenders/${tender.id}/deadlines`, {
          kind: 'CUSTOM',
          title: `Uzgodnienie opisu przedmiotu zamówienia, część ${i + 1}`,
          dueAt,
          reminderOffsets: OFFSETS,
        })
        .expect(201);
      created.push(res.body as (typeof created)[number]);
    }
    // Every reminder is still ahead (else the test would prove less than it claims).
    expect(created.every((d) => d.upcomingReminders.length === OFFSETS.length)).toBe(true);
    deadlineIds = created.map((d) => d.id);
    const stamp = new Date(dueAt).toISOString().replace(/[^0-9TZ]/g, '');
    jobIds = deadlineIds.flatMap((id) => OFFSETS.map((o) => `reminder.${id}.${stamp}.${o}`));

    // Both dispatchers claim rows (SKIP LOCKED); then a crash before the commit is simulated:
    // the rows are pending again although BullMQ has their jobs. Dispatched again, each job id is
    // still one delayed job.
    await waitFor(allDispatched, 20000, 'the outbox rows to be dispatched');
    await t.dataSource.query(`UPDATE outbox_jobs SET dispatched_at = NULL WHERE id = ANY($1)`, [
      (await outboxRows()).map((r) => r.id),
    ]);
    await waitFor(allDispatched, 20000, 'the outbox rows to be dispatched again');
    for (const id of jobIds) expect(await reminders.getJobState(id)).toBe('delayed');

    // Every reminder fires once (one record per offset) and every recipient gets one e-mail.
    await waitFor(
      async () => {
        const [{ n }] = await t.dataSource.query<{ n: number }[]>(
          'SELECT count(*)::int AS n FROM deadline_reminders WHERE deadline_id = ANY($1)',
          [deadlineIds],
        );
        return n === jobIds.length;
      },
      40000,
      'every reminder to be sent',
    );
    await waitFor(settled, 30000, 'the reminders and their e-mails to settle');
    const expected = (await toEmail()).map((n) => n.id);
    const [{ recipients }] = await t.dataSource.query<{ recipients: number }[]>(
      'SELECT sum(recipients)::int AS recipients FROM deadline_reminders WHERE deadline_id = ANY($1)',
      [deadlineIds],
    );
    expect(expected.length).toBeGreaterThanOrEqual(jobIds.length);
    expect(expected.length).toBeLessThanOrEqual(recipients);
    const counts = received(expected);
    expect([...counts.values()].filter((c) => c !== 1)).toEqual([]);

    // Each reminder job was completed by exactly one of the workers, and both did some.
    const done = jobIds.map((id) => handled.filter((h) => h.get(id) === 'done').length);
    expect(done.filter((n) => n !== 1)).toEqual([]);
    expect(handled[0].size).toBeGreaterThan(0);
    expect(handled[1].size).toBeGreaterThan(0);
  }, 120000);

  it('sends nothing again when the rows are dispatched a second time after the reminders went out', async () => {
    for (const h of handled) h.clear();
    // A dispatcher that crashed after BullMQ took the jobs but before its commit, once the jobs
    // have already run: BullMQ gets them again (replacing the completed ones), they fire at once.
    await t.dataSource.query(`UPDATE outbox_jobs SET dispatched_at = NULL WHERE id = ANY($1)`, [
      (await outboxRows()).map((r) => r.id),
    ]);
    await waitFor(
      async () => jobIds.every((id) => handled.some((h) => h.has(id))),
      30000,
      'the repeated jobs to run',
    );
    await waitFor(settled, 30000, 'the repeated jobs to settle');
    // The processor's unique record per (deadline, due time, offset) stops every second send.
    expect(
      jobIds.filter((id) => handled.some((h) => h.has(id) && h.get(id) !== 'skipped')),
    ).toEqual([]);
    const [{ n }] = await t.dataSource.query<{ n: number }[]>(
      'SELECT count(*)::int AS n FROM deadline_reminders WHERE deadline_id = ANY($1)',
      [deadlineIds],
    );
    expect(n).toBe(jobIds.length);
    const counts = received((await toEmail()).map((r) => r.id));
    expect([...counts.values()].filter((c) => c !== 1)).toEqual([]);
  }, 90000);
});
