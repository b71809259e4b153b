import ICAL from 'ical.js';
import request from 'supertest';
import type { TestingModule } from '@nestjs/testing';
import { Session, TestApp, createTestApp, login, waitFor } from './support/app';
import { icalProblems } from './support/ical';
import { startSmtpServer, type TestSmtpServer } from './support/smtp';
import { TenderBody, createTender, findShare, proposeShare, tenderAfter } from './support/tenders';
import { RemindersService } from '../src/schedule/reminders.service';
import { drainBacklog, startWorker } from './support/worker';
import { atWarsaw, onDay, PUBLICATION_DAY } from './support/dates';

// Exact reminder offsets count seconds in this story (API and worker alike).
const UNIT_ENV = { REMINDER_OFFSET_UNIT_MS: '1000', REMINDER_SWEEP_EVERY_MS: '300' };
const previousEnv = { ...process.env };
Object.assign(process.env, UNIT_ENV);

const inSeconds = (s: number) =>
  new Date(Math.ceil((Date.now() + s * 1000) / 1000) * 1000).toISOString();

interface DeadlineBody {
  id: string;
  kind: string;
  dueAt: string;
  status: string;
  version: number;
  minimum: { on: string; basis: string } | null;
}

/**
 * The tenders story, continued with its schedule: the officer proposes and applies a lawful
 * schedule, an unlawful offer deadline is refused, the treasurer a share waits for is reminded by
 * e-mail, the overdue sweep escalates to the partner's head, and the calendar feed lists the
 * deadlines; the chain then completes and the tender is READY.
 */
describe('Joint tender story, continued: the statutory schedule and its reminders', () => {
  let t: TestApp;
  let worker: TestingModule;
  let smtp: TestSmtpServer;
  const sessions = new Map<string, Session>();
  const as = async (email: string) => {
    if (!sessions.has(email)) sessions.set(email, await login(t, email));
    return sessions.get(email) as Session;
  };

  beforeAll(async () => {
    t = await createTestApp();
    smtp = await startSmtpServer();
    worker = await startWorker({ ...UNIT_ENV, SMTP_URL: smtp.url });
    await drainBacklog(worker);
  });
  afterAll(async () => {
    await worker?.close();
    await t?.close();
    await smtp?.close();
    process.env = previousEnv;
  });

  it('plays the story', async () => {
    const officer = await as('officer@skawina.demo');
    let tender = await createTender(officer);
    tender = await proposeShare(t, officer, tender, 1, 'skawina', '400000.00');
    tender = await proposeShare(t, officer, tender, 1, 'czernichow', '150000.10');
    tender = await proposeShare(t, officer, tender, 2, 'liszki', '250000.00');
    tender = await proposeShare(t, officer, tender, 2, 'mogilany', '199999.95');
    expect(tender.regime).toBe('NATIONAL');
    tender = (
      await officer
        .post(`/tenders/${tender.id}/transition`, {
          to: 'COLLECTING_SHARES',
          version: tender.version,
        })
        .expect(200)
    ).body as TenderBody;

    // 1. A lawful schedule is proposed from the Pzp rules and applied.
    const proposal = await officer
      .get(`/tenders/${tender.id}/schedule/proposal?publishedOn=${PUBLICATION_DAY}`)
      .expect(200);
    const proposedOffers = (
      proposal.body.items as { kind: string; minimum: string; basis: string }[]
    ).find((i) => i.kind === 'OFFERS');
    expect(proposedOffers).toMatchObject({ minimum: onDay(14) });
    expect(proposedOffers?.basis).toMatch(/art\. 283/);
    const applied = await officer
      .post(`/tenders/${tender.id}/schedule/apply`, { publishedOn: PUBLICATION_DAY })
      .expect(200);
    const schedule = applied.body.items as DeadlineBody[];
    const byKind = (kind: string) => schedule.find((d) => d.kind === kind) as DeadlineBody;
    expect(schedule.map((d) => d.kind)).toEqual(
      expect.arrayContaining([
        'SHARE_CONFIRMATION',
        'QUESTIONS_CUTOFF',
        'ANSWERS_DUE',
        'OFFERS',
        'OPENING',
      ]),
    );

    // 2. An unlawful one is refused: offers a week after publication break art. 283 Pzp.
    const offers = byKind('OFFERS');
    const refused = await officer
      .patch(`/deadlines/${offers.id}`, {
        version: offers.version,
        dueAt: atWarsaw(7, '10:00'),
      })
      .expect(422);
    expect(refused.body).toMatchObject({
      code: 'DEADLINE_BEFORE_STATUTORY_MINIMUM',
      earliest: onDay(14),
    });
    expect(refused.body.basis).toMatch(/art\. 283/);

    // 3. Three partners confirm; Liszki's share stops at its treasurer.
    for (const [lot, name, slug] of [
      [1, 'Gmina Skawina', 'skawina'],
      [1, 'Gmina Czernichów', 'czernichow'],
      [2, 'Gmina Liszki', 'liszki'],
      [2, 'Gmina Mogilany', 'mogilany'],
    ] as const) {
      const steps =
        slug === 'liszki'
          ? (['coordinator'] as const)
          : (['coordinator', 'treasurer', 'head'] as const);
      for (const role of steps) {
        const share = findShare(tender, lot, name);
        const actor = await as(`${role}@${slug}.demo`);
        tender = await tenderAfter(
          actor,
          await actor
            .post(`/shares/${share.id}/approve`, {
              version: share.version,
              ...(role === 'treasurer' ? { budgetClassification: '600/60016/4270' } : {}),
            })
            .expect(200),
        );
      }
    }
    expect(findShare(tender, 2, 'Gmina Liszki').status).not.toBe('CONFIRMED');

    // The leader moves the share deadline close (seconds, in this test's time unit) with a
    // reminder 3 units before it.
    const shareDeadline = byKind('SHARE_CONFIRMATION');
    const moved = await officer
      .patch(`/deadlines/${shareDeadline.id}`, {
        version: shareDeadline.version,
        dueAt: inSeconds(6),
        reminderOffsets: [3],
      })
      .expect(200);
    expect((moved.body as DeadlineBody).status).toBe('OPEN');

    // 4. Liszki's treasurer gets the reminder e-mail, in Polish, with a link to the tender.
    const [reminder] = await waitFor(
      async () => {
        const m = smtp
          .to('treasurer@liszki.demo')
          .filter((x) => x.subject.startsWith('Przypomnienie') && x.text.includes(tender.id));
        return m.length > 0 ? m : null;
      },
      30000,
      "the treasurer's reminder",
    );
    expect(reminder.subject).toMatch(/Potwierdzenie udziałów partnerów – ZP\.271\./);
    expect(reminder.text).toContain('Czeka na: Gmina Liszki – skarbnik.');
    expect(reminder.text).toContain(`${t.config.publicUrl}/postepowania/${tender.id}`);
    // Partners who already confirmed are not reminded.
    expect(
      smtp
        .to('treasurer@mogilany.demo')
        .filter((x) => x.subject.startsWith('Przypomnienie') && x.text.includes(tender.id)),
    ).toHaveLength(0);

    // 5. Nobody acted in time: the sweep marks it MISSED and escalates to Liszki's head and the
    // leader's officers. The worker's scheduled sweep runs every 300 ms here; once the deadline is
    // past due the story also runs one itself, so it does not hang on when the scheduler's next
    // tick falls after the earlier suites' workers came and went.
    const dueAt = Date.parse((moved.body as DeadlineBody).dueAt);
    await waitFor(async () => Date.now() > dueAt, 30000, 'the share deadline to pass');
    await worker.get(RemindersService).sweep();
    const escalation = await waitFor(
      async () =>
        smtp
          .to('head@liszki.demo')
          .find((x) => x.subject.startsWith('Termin przekroczony') && x.text.includes(tender.id)),
      30000,
      "the head's escalation",
    );
    expect(escalation.text).toContain('Nie wykonali: Gmina Liszki – skarbnik.');
    await waitFor(
      async () =>
        smtp
          .to('officer@skawina.demo')
          .some((x) => x.subject.startsWith('Termin przekroczony') && x.text.includes(tender.id)),
      30000,
      "the officer's escalation",
    );
    const missed = (await officer.get(`/deadlines/${shareDeadline.id}`).expect(200))
      .body as DeadlineBody;
    expect(missed.status).toBe('MISSED');

    // 6. The treasurer's calendar feed lists the tender's deadlines.
    const treasurer = await as('treasurer@liszki.demo');
    const url = (await treasurer.post('/me/calendar-token').expect(201)).body.url as string;
    const feed = await request(t.http)
      .get(url.slice(t.config.publicUrl.length))
      .buffer(true)
      .expect(200);
    expect(icalProblems(feed.text)).toEqual([]);
    const events = new ICAL.Component(ICAL.parse(feed.text) as unknown[])
      .getAllSubcomponents('vevent')
      .map((c) => new ICAL.Event(c));
    const host = new URL(t.config.publicUrl).hostname;
    for (const d of schedule) {
      expect(events.map((e) => e.uid)).toContain(`deadline-${d.id}@${host}`);
    }
    const shareEvent = events.find(
      (e) => e.uid === `deadline-${shareDeadline.id}@${host}`,
    ) as ICAL.Event;
    expect(shareEvent.summary).toMatch(/^\[PRZEKROCZONY\] Potwierdzenie udziałów partnerów/);

    // 7. Late but done: the chain completes, the officer records it, the tender is READY.
    for (const role of ['treasurer', 'head'] as const) {
      const share = findShare(tender, 2, 'Gmina Liszki');
      const actor = await as(`${role}@liszki.demo`);
      tender = await tenderAfter(
        actor,
        await actor
          .post(`/shares/${share.id}/approve`, {
            version: share.version,
            ...(role === 'treasurer' ? { budgetClassification: '600/60016/4270' } : {}),
          })
          .expect(200),
      );
    }
    const done = await officer.post(`/deadlines/${shareDeadline.id}/done`, {}).expect(200);
    expect((done.body as DeadlineBody).status).toBe('DONE');
    const ready = await officer
      .post(`/tenders/${tender.id}/transition`, { to: 'READY', version: tender.version })
      .expect(200);
    expect(ready.body.status).toBe('READY');
    const history = await t.dataSource.query<{ action: string }[]>(
      "SELECT action FROM audit_events WHERE tender_id = $1 AND action LIKE 'deadline.%' OR (tender_id = $1 AND action = 'schedule.applied')",
      [tender.id],
    );
    expect(history.map((h) => h.action)).toEqual(
      expect.arrayContaining([
        'schedule.applied',
        'deadline.created',
        'deadline.moved',
        'deadline.missed',
        'deadline.done',
      ]),
    );
  });
});
