import request from 'supertest';
import { Session, TestApp, createTestApp, login } from './support/app';
import { createTender, proposeShare } from './support/tenders';
import { atWarsaw, onDay, PUBLICATION_DAY, SHARE_DEADLINE } from './support/dates';

interface DeadlineBody {
  id: string;
  kind: string;
  dueAt: string;
  status: string;
  version: number;
  minimum: { on: string; constraint: string; basis: string; enforced: boolean } | null;
  reminderOffsets: number[];
}

/**
 * The legal calendar endpoint, the lawful schedule (proposal and apply) and the statutory check on
 * single deadlines, through the real HTTP API.
 */
describe('Schedule and the legal calendar', () => {
  let t: TestApp;
  let officer: Session;

  beforeAll(async () => {
    t = await createTestApp();
    officer = await login(t, 'officer@skawina.demo');
  });
  afterAll(async () => {
    await t.close();
  });

  describe('GET /legal/time-limit', () => {
    it('computes the worked example: Mon 21.12.2026 + 5 days ends on Mon 28.12.2026', async () => {
      const res = await request(t.http)
        .get('/api/v1/legal/time-limit?from=2026-12-21&days=5')
        .expect(200);
      expect(res.body).toMatchObject({
        from: '2026-12-21',
        days: 5,
        nominalEnd: '2026-12-26',
        end: '2026-12-28',
        shifted: true,
      });
      expect(res.body.basis).toMatch(/art\. 111/);
      expect(res.body.basis).toMatch(/art\. 115/);
    });

    it('needs no login and answers 400 naming the field for bad input', async () => {
      const res = await request(t.http)
        .get('/api/v1/legal/time-limit?from=2026-02-30&days=5')
        .expect(400);
      expect(JSON.stringify(res.body)).toMatch(/from/);
      const neg = await request(t.http)
        .get('/api/v1/legal/time-limit?from=2026-12-21&days=-1')
        .expect(400);
      expect(JSON.stringify(neg.body)).toMatch(/days/);
    });
  });

  describe('proposal and apply', () => {
    it('proposes a complete lawful schedule and applies it idempotently', async () => {
      let tender = await createTender(officer, { shareDeadline: SHARE_DEADLINE });
      tender = await proposeShare(t, officer, tender, 1, 'skawina', '300000.00');
      tender = await proposeShare(t, officer, tender, 2, 'liszki', '200000.00');

      const proposal = await officer
        .get(`/tenders/${tender.id}/schedule/proposal?publishedOn=${PUBLICATION_DAY}`)
        .expect(200);
      const items = proposal.body.items as {
        kind: string;
        dueAt: string;
        minimum: string | null;
        basis: string;
      }[];
      const kinds = items.map((i) => i.kind);
      expect(kinds).toEqual(
        expect.arrayContaining([
          'SHARE_CONFIRMATION',
          'QUESTIONS_CUTOFF',
          'ANSWERS_DUE',
          'OFFERS',
          'OPENING',
        ]),
      );
      const offers = items.find((i) => i.kind === 'OFFERS');
      if (!offers) throw new Error('no OFFERS item');
      // Works in tryb podstawowy: at least 14 days from publication (art. 283 Pzp), never earlier.
      expect(offers.basis).toMatch(/art\. 283/);
      expect(offers.minimum).toBe(onDay(14));
      expect(offers.dueAt.slice(0, 10) >= onDay(14)).toBe(true);
      // Every item carries its legal basis.
      for (const i of items) expect(typeof i.basis).toBe('string');

      const applied = await officer
        .post(`/tenders/${tender.id}/schedule/apply`, { publishedOn: PUBLICATION_DAY })
        .expect(200);
      const deadlines = applied.body.items as DeadlineBody[];
      expect(deadlines.map((d) => d.kind).sort()).toEqual([...kinds].sort());
      expect(deadlines.every((d) => d.status === 'OPEN')).toBe(true);

      // Applying again moves nothing and duplicates nothing.
      await officer
        .post(`/tenders/${tender.id}/schedule/apply`, { publishedOn: PUBLICATION_DAY })
        .expect(200);
      const list = await officer.get(`/tenders/${tender.id}/deadlines?limit=100`).expect(200);
      expect(list.body.total).toBe(deadlines.length);

      // The officer's partner sees the schedule; a stranger (admin aside) does not.
      const coordinator = await login(t, 'coordinator@zabierzow.demo');
      await coordinator.get(`/tenders/${tender.id}/deadlines`).expect(404);
    });

    it('answers 400 naming publishedOn when it is not a date', async () => {
      const tender = await createTender(officer);
      const res = await officer
        .get(`/tenders/${tender.id}/schedule/proposal?publishedOn=not-a-date`)
        .expect(400);
      expect(JSON.stringify(res.body)).toMatch(/publishedOn/);
    });
  });

  describe('statutory minimum on single deadlines', () => {
    it('refuses an offer deadline before the minimum with 422 naming the earliest day and article', async () => {
      // 500 000 zł of works: above the national threshold, below the EU one (tryb podstawowy).
      let tender = await createTender(officer);
      tender = await proposeShare(t, officer, tender, 1, 'skawina', '500000.00');
      expect(tender.regime).toBe('NATIONAL');
      const res = await officer
        .post(`/tenders/${tender.id}/deadlines`, {
          kind: 'OFFERS',
          dueAt: atWarsaw(4, '10:00'),
          countedFrom: PUBLICATION_DAY,
        })
        .expect(422);
      expect(res.body.code).toBe('DEADLINE_BEFORE_STATUTORY_MINIMUM');
      expect(res.body.earliest).toBe(onDay(14));
      expect(res.body.basis).toMatch(/art\. 283/);
      expect(res.body.message).toContain(onDay(14));
      expect(res.body.errors).toEqual([
        expect.objectContaining({ field: 'dueAt', rule: 'statutoryMinimum' }),
      ]);

      // On the earliest day it is lawful; moving it earlier again is refused the same way.
      const ok = await officer
        .post(`/tenders/${tender.id}/deadlines`, {
          kind: 'OFFERS',
          dueAt: atWarsaw(14, '10:00'),
          countedFrom: PUBLICATION_DAY,
        })
        .expect(201);
      const d = ok.body as DeadlineBody;
      expect(d.minimum).toMatchObject({
        on: onDay(14),
        constraint: 'NOT_BEFORE',
        enforced: true,
      });
      const moved = await officer
        .patch(`/deadlines/${d.id}`, { version: d.version, dueAt: atWarsaw(11, '10:00') })
        .expect(422);
      expect(moved.body.earliest).toBe(onDay(14));
      // Stale version: 409, not a silent overwrite.
      await officer
        .patch(`/deadlines/${d.id}`, { version: d.version + 5, dueAt: atWarsaw(18, '10:00') })
        .expect(409);
    });

    it('lets only the leader’s officers manage deadlines', async () => {
      const tender = await createTender(officer);
      const lawyer = await login(t, 'treasurer@skawina.demo');
      const res = await lawyer.post(`/tenders/${tender.id}/deadlines`, {
        kind: 'CUSTOM',
        title: 'Narada partnerów',
        dueAt: atWarsaw(9, '10:00'),
      });
      expect([403, 404]).toContain(res.status);
      await officer
        .post(`/tenders/${tender.id}/deadlines`, {
          kind: 'CUSTOM',
          dueAt: atWarsaw(9, '10:00'),
        })
        .expect(400);
    });
  });
});
