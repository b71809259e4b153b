import type { TestingModule } from '@nestjs/testing';
import { RemindersService } from '../src/schedule/reminders.service';
import { Session, TestApp, createTestApp, login } from './support/app';
import { statementRecorder } from './support/statements';
import { collectingTender } from './support/tenders';
import { startWorker } from './support/worker';

/**
 * Issue 16: one reminder is one transaction of at most 9 statements, however many partners it
 * tells (13 before, with three texts): the recipients come with their e-mail preferences (no
 * second read of `users`), and every text's notifications go in one insert, their e-mail jobs in
 * one more. The worker's own dispatcher is held back (OUTBOX_POLL_MS of a minute) and the job
 * would fire in an hour, so the reminder is sent only by the direct call that is counted.
 */
describe('One reminder, few statements', () => {
  let t: TestApp;
  let worker: TestingModule;
  let officer: Session;
  const statements = statementRecorder();

  beforeAll(async () => {
    t = await createTestApp();
    worker = await startWorker({ OUTBOX_POLL_MS: '60000' });
    officer = await login(t, 'officer@skawina.demo');
    statements.install();
  });
  afterAll(async () => {
    statements.uninstall();
    await worker?.close();
    await t?.close();
  });

  it('sends a share-confirmation reminder to the partner and the officers in at most 9 statements, whatever the number of texts', async () => {
    const tender = await collectingTender(t, officer, [
      [1, 'liszki', '120000.00'],
      [2, 'mogilany', '80000.00'],
    ]);
    const deadline = (
      await officer
        .post(`/tenders/${tender.id}/deadlines`, {
          kind: 'SHARE_CONFIRMATION',
          // Whole seconds: the API shows due times to the second.
          dueAt: new Date(Math.ceil(Date.now() / 1000) * 1000 + 2 * 3600_000).toISOString(),
          reminderOffsets: [60],
        })
        .expect(201)
    ).body as { id: string; dueAt: string };

    const { result: outcome, statements: sent } = await statements.during(() =>
      worker.get(RemindersService).fire({
        deadlineId: deadline.id,
        dueAt: new Date(deadline.dueAt).toISOString(),
        offsetMinutes: 60,
      }),
    );
    expect(outcome).toBe('done');

    // The partner's coordinator and the leader's officers were told, in-app and by e-mail jobs.
    const [{ notes, mails }] = await t.dataSource.query<{ notes: number; mails: number }[]>(
      `SELECT count(*)::int AS notes,
              (SELECT count(*)::int FROM outbox_jobs o
                WHERE o.name = 'notification.email'
                  AND o.payload->>'notificationId' = ANY(array_agg(n.id::text))) AS mails
         FROM notifications n WHERE n.entity_id = $1 AND n.kind = 'deadline.reminder'`,
      [deadline.id],
    );
    expect(notes).toBeGreaterThanOrEqual(2);
    expect(mails).toBe(notes);
    // No separate read of the recipients' preferences, and a bounded transaction.
    expect(sent.filter((s) => /FROM users WHERE id = ANY/.test(s))).toEqual([]);
    expect({ count: sent.length, over: sent.length > 9 ? sent : [] }).toEqual({
      count: sent.length,
      over: [],
    });
  });
});
