import { getQueueToken } from '@nestjs/bullmq';
import type { TestingModule } from '@nestjs/testing';
import type { Queue } from 'bullmq';
import { QueueName } from '../src/common/jobs/job-catalogue';
import { Session, TestApp, createTestApp, login, waitFor } from './support/app';
import { startSmtpServer, type TestSmtpServer } from './support/smtp';
import { TenderBody, createTender, findShare, proposeShare, tenderAfter } from './support/tenders';
import { drainBacklog, startWorker } from './support/worker';

// Exact reminder offsets count seconds here ("3" = 3 s before the due time), in the API and the
// worker alike, so reminders fire within seconds and nobody waits for days.
const UNIT_ENV = { REMINDER_OFFSET_UNIT_MS: '1000', REMINDER_SWEEP_EVERY_MS: '300' };
// The overdue sweep waits below allow a minute each: on a loaded CI machine a sweep can queue
// behind the backlog other suites left (see drainBacklog); they return as soon as it has run.
jest.setTimeout(300_000);
const previousEnv = { ...process.env };
Object.assign(process.env, UNIT_ENV);

/** Whole seconds: the API shows due times to the second. */
const inSeconds = (s: number) =>
  new Date(Math.ceil((Date.now() + s * 1000) / 1000) * 1000).toISOString();

interface DeadlineBody {
  id: string;
  dueAt: string;
  status: string;
  version: number;
  upcomingReminders: { offsetMinutes: number; at: string }[];
}

/**
 * Reminders on BullMQ through the outbox, e-mail through a real SMTP server, and the overdue
 * sweep — with the real API and the real worker on the throwaway database and Redis prefix.
 */
describe('Reminders, e-mail and the overdue sweep', () => {
  let t: TestApp;
  let worker: TestingModule;
  let smtp: TestSmtpServer;
  let officer: Session;
  let queue: Queue;

  const remindersOf = (deadlineId: string) =>
    t.dataSource.query<{ due_at: Date; offset_minutes: number; recipients: number }[]>(
      'SELECT due_at, offset_minutes, recipients FROM deadline_reminders WHERE deadline_id = $1 ORDER BY offset_minutes DESC',
      [deadlineId],
    );
  const notificationsOf = (email: string, deadlineId: string, kind: string) =>
    t.dataSource.query<{ title: string; body: string; link: string; emailed_at: Date | null }[]>(
      `SELECT n.title, n.body, n.link, n.emailed_at FROM notifications n JOIN users u ON u.id = n.user_id
        WHERE u.email = $1 AND n.entity_id = $2 AND n.kind = $3 ORDER BY n.created_at`,
      [email, deadlineId, kind],
    );
  const custom = async (tender: TenderBody, dueInSeconds: number, offsets: number[]) =>
    (
      await officer
        .post(`/tenders/${tender.id}/deadlines`, {
          kind: 'CUSTOM',
          title: 'Uzgodnienie opisu przedmiotu zamówienia',
          dueAt: inSeconds(dueInSeconds),
          reminderOffsets: offsets,
        })
        .expect(201)
    ).body as DeadlineBody;

  beforeAll(async () => {
    t = await createTestApp();
    smtp = await startSmtpServer();
    worker = await startWorker({ ...UNIT_ENV, SMTP_URL: smtp.url });
    await drainBacklog(worker);
    queue = worker.get<Queue>(getQueueToken(QueueName.Reminders));
    officer = await login(t, 'officer@skawina.demo');
  });
  afterAll(async () => {
    await worker?.close();
    await t?.close();
    await smtp?.close();
    process.env = previousEnv;
  });

  it('sends one reminder per offset, replaces the jobs of a moved deadline and none after DONE', async () => {
    const tender = await createTender(officer);
    const plain = await custom(tender, 6, [4, 2]);
    expect(plain.upcomingReminders.map((r) => r.offsetMinutes)).toEqual([4, 2]);
    const moved = await custom(tender, 5, [3]);
    const done = await custom(tender, 5, [3]);
    // A later reminder: once it has fired, the moved and done deadlines' old times have passed.
    const sentinel = await custom(tender, 9, [1]);

    const reschedule = await officer
      .patch(`/deadlines/${moved.id}`, { version: moved.version, dueAt: inSeconds(8) })
      .expect(200);
    const newDue = new Date((reschedule.body as DeadlineBody).dueAt);
    await officer.post(`/deadlines/${done.id}/done`, {}).expect(200);

    await waitFor(async () => (await remindersOf(sentinel.id)).length === 1, 30000, 'sentinel');
    await waitFor(async () => (await remindersOf(plain.id)).length === 2, 30000, 'two reminders');

    // One row per offset; the in-app reminders name the deadline in Polish.
    expect((await remindersOf(plain.id)).map((r) => r.offset_minutes)).toEqual([4, 2]);
    const titles = (
      await notificationsOf('officer@skawina.demo', plain.id, 'deadline.reminder')
    ).map((n) => n.title);
    expect(titles).toHaveLength(2);
    expect(titles[0]).toMatch(/^Przypomnienie \(za 4 min\): Termin – ZP\.271\./);

    // The moved deadline reminded once, for its new due time only; its old job is gone.
    const movedRows = await remindersOf(moved.id);
    expect(movedRows).toHaveLength(1);
    expect(new Date(movedRows[0].due_at).toISOString()).toBe(newDue.toISOString());
    const oldJobId = `reminder.${moved.id}.${new Date(moved.dueAt).toISOString().replace(/[^0-9TZ]/g, '')}.3`;
    expect(await queue.getJob(oldJobId)).toBeUndefined();

    // Done before its time: no reminder at all, and its job was removed.
    expect(await remindersOf(done.id)).toHaveLength(0);
    const doneJobId = `reminder.${done.id}.${new Date(done.dueAt).toISOString().replace(/[^0-9TZ]/g, '')}.3`;
    expect(await queue.getJob(doneJobId)).toBeUndefined();

    // A duplicate delivery (a second job for the same offset) sends nothing more.
    const dup = await queue.add(
      'deadline.reminder',
      { deadlineId: plain.id, dueAt: new Date(plain.dueAt).toISOString(), offsetMinutes: 4 },
      { jobId: `dup.${plain.id}` },
    );
    const dupResult = await waitFor(
      async () =>
        (await dup.isCompleted())
          ? ((await queue.getJob(dup.id as string))?.returnvalue as string)
          : null,
      10000,
      'duplicate job',
    );
    expect(dupResult).toBe('skipped');
    // A stale job (the moved deadline's old due time) is skipped too.
    const stale = await queue.add(
      'deadline.reminder',
      { deadlineId: moved.id, dueAt: new Date(moved.dueAt).toISOString(), offsetMinutes: 3 },
      { jobId: `stale.${moved.id}` },
    );
    const staleResult = await waitFor(
      async () =>
        (await stale.isCompleted())
          ? ((await queue.getJob(stale.id as string))?.returnvalue as string)
          : null,
      10000,
      'stale job',
    );
    expect(staleResult).toBe('skipped');
    expect(await remindersOf(plain.id)).toHaveLength(2);
    expect(await remindersOf(moved.id)).toHaveLength(1);
  });

  it("e-mails the partner's treasurer a Polish reminder, escalates when missed, and respects opt-out", async () => {
    // Two partners' shares wait for their treasurers; Mogilany's treasurer has opted out of e-mail.
    const mogilanyTreasurer = await login(t, 'treasurer@mogilany.demo');
    await mogilanyTreasurer.patch('/me/preferences', { emailOptOut: true }).expect(200);

    let tender = await createTender(officer);
    tender = await proposeShare(t, officer, tender, 1, 'liszki', '250000.00');
    tender = await proposeShare(t, officer, tender, 2, 'mogilany', '150000.00');
    tender = (
      await officer
        .post(`/tenders/${tender.id}/transition`, {
          to: 'COLLECTING_SHARES',
          version: tender.version,
        })
        .expect(200)
    ).body as TenderBody;
    for (const [lot, name, slug] of [
      [1, 'Gmina Liszki', 'liszki'],
      [2, 'Gmina Mogilany', 'mogilany'],
    ] as const) {
      const share = findShare(tender, lot, name);
      tender = await tenderAfter(
        officer,
        await (
          await login(t, `coordinator@${slug}.demo`)
        )
          .post(`/shares/${share.id}/approve`, { version: share.version })
          .expect(200),
        false,
      );
    }

    const deadline = (
      await officer
        .post(`/tenders/${tender.id}/deadlines`, {
          kind: 'SHARE_CONFIRMATION',
          dueAt: inSeconds(5),
          reminderOffsets: [3],
        })
        .expect(201)
    ).body as DeadlineBody;

    // The treasurer the share waits for gets the reminder by e-mail, in Polish, with a link.
    const [mail] = await waitFor(
      async () => {
        const m = smtp
          .to('treasurer@liszki.demo')
          .filter((x) => x.subject.startsWith('Przypomnienie') && x.text.includes(tender.id));
        return m.length > 0 ? m : null;
      },
      30000,
      "the treasurer's e-mail",
    );
    expect(mail.subject).toMatch(
      /^Przypomnienie \(za 3 min\): Potwierdzenie udziałów partnerów – ZP\.271\./,
    );
    expect(mail.text).toContain('Dzień dobry,');
    expect(mail.text).toContain('Gmina Liszki – skarbnik');
    expect(mail.text).toContain(`Szczegóły: ${t.config.publicUrl}/postepowania/${tender.id}`);
    expect(mail.headers['auto-submitted']).toBe('auto-generated');
    // The leader's officer hears too; the coordinator who already acted does not.
    await waitFor(
      async () =>
        smtp
          .to('officer@skawina.demo')
          .some((m) => m.subject.startsWith('Przypomnienie') && m.text.includes(tender.id)),
      30000,
      "the officer's e-mail",
    );
    expect(
      await notificationsOf('coordinator@liszki.demo', deadline.id, 'deadline.reminder'),
    ).toHaveLength(0);

    // Opt-out: the treasurer of Mogilany has the in-app reminder, and no e-mail was queued or sent.
    const inApp = await notificationsOf(
      'treasurer@mogilany.demo',
      deadline.id,
      'deadline.reminder',
    );
    expect(inApp).toHaveLength(1);
    expect(inApp[0].body).toContain('Gmina Mogilany – skarbnik');
    // Only this deadline's notifications count: other suites share the database.
    const emailJobs = await t.dataSource.query<{ n: number }[]>(
      `SELECT count(*)::int AS n FROM outbox_jobs o JOIN notifications n ON o.payload->>'notificationId' = n.id::text
        JOIN users u ON u.id = n.user_id WHERE u.email = 'treasurer@mogilany.demo' AND n.entity_id = $1`,
      [deadline.id],
    );
    expect(emailJobs[0].n).toBe(0);
    expect(inApp[0].emailed_at).toBeNull();

    // Past due and nobody confirmed: the sweep marks it MISSED and escalates to the heads of the
    // partners who had to act and to the leader's officers.
    await waitFor(
      async () =>
        ((await officer.get(`/deadlines/${deadline.id}`)).body as DeadlineBody).status === 'MISSED',
      60000,
      'MISSED',
    );
    const [escalation] = await waitFor(
      async () => {
        const m = smtp
          .to('head@liszki.demo')
          .filter((x) => x.subject.startsWith('Termin przekroczony') && x.text.includes(tender.id));
        return m.length > 0 ? m : null;
      },
      60000,
      "the head's escalation e-mail",
    );
    expect(escalation.subject).toMatch(/^Termin przekroczony: Potwierdzenie udziałów partnerów/);
    expect(escalation.text).toContain('Nie wykonali: Gmina Liszki – skarbnik');
    expect(
      await notificationsOf('head@mogilany.demo', deadline.id, 'deadline.missed'),
    ).toHaveLength(1);
    expect(
      await notificationsOf('officer@skawina.demo', deadline.id, 'deadline.missed'),
    ).toHaveLength(1);
    // Escalated once, however many sweeps ran since.
    expect(await notificationsOf('head@liszki.demo', deadline.id, 'deadline.missed')).toHaveLength(
      1,
    );
    const audit = await t.dataSource.query<{ n: number }[]>(
      "SELECT count(*)::int AS n FROM audit_events WHERE action = 'deadline.missed' AND entity_id = $1",
      [deadline.id],
    );
    expect(audit[0].n).toBe(1);

    // Nothing ever reached the opted-out treasurer.
    expect(smtp.to('treasurer@mogilany.demo')).toHaveLength(0);
    await mogilanyTreasurer.patch('/me/preferences', { emailOptOut: false }).expect(200);
  });
  it('keeps sweeping past a deadline it cannot process, and retries that one later', async () => {
    const tender = await createTender(officer);
    const poison = await custom(tender, 1, []);
    const healthy = await custom(tender, 2, []);
    // Fault injection in the real database: escalating the first deadline fails until the
    // trigger is dropped. It falls due first, so a sweep that stopped at it would miss the second.
    await t.dataSource.query(`
      CREATE FUNCTION test_refuse_missed() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF NEW.action = 'deadline.missed' AND NEW.entity_id::text = '${poison.id}' THEN
          RAISE EXCEPTION 'injected failure for deadline %', NEW.entity_id;
        END IF;
        RETURN NEW;
      END $$`);
    await t.dataSource.query(
      'CREATE TRIGGER test_refuse_missed BEFORE INSERT ON audit_events FOR EACH ROW EXECUTE FUNCTION test_refuse_missed()',
    );
    try {
      const statusOf = async (id: string) =>
        ((await officer.get(`/deadlines/${id}`).expect(200)).body as DeadlineBody).status;
      await waitFor(
        async () => (await statusOf(healthy.id)) === 'MISSED',
        60000,
        'the healthy one',
      );
      expect(await statusOf(poison.id)).toBe('OPEN');
      const audit = await t.dataSource.query<{ n: number }[]>(
        "SELECT count(*)::int AS n FROM audit_events WHERE action = 'deadline.missed' AND entity_id::text = $1",
        [poison.id],
      );
      expect(audit[0].n).toBe(0);
    } finally {
      await t.dataSource.query('DROP TRIGGER test_refuse_missed ON audit_events');
      await t.dataSource.query('DROP FUNCTION test_refuse_missed()');
    }
    // Once the cause is gone, the next sweep escalates it like any other.
    await waitFor(
      async () =>
        ((await officer.get(`/deadlines/${poison.id}`)).body as DeadlineBody).status === 'MISSED',
      60000,
      'the retried one',
    );
  });
});
