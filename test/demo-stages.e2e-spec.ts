import { Client } from 'pg';
import { runMigrations } from '../src/database/migrate';
import { seedDemo } from '../src/database/seed/seed';
import { addCalendarDays, warsawDate } from '../src/common/polish-calendar';
import { shareWaits, waitingNow } from '../src/insights';
import { COOPERATION_DEMO } from '../src/tooling/demo-cooperation';
import { DEMO_STAGES, seedDemoStages } from '../src/tooling/demo-stages';
import { createDatabase, databaseUrlFor, dropDatabase } from '../src/tooling/services';

/**
 * `npm run demo` holds one tender at every stage, built through the API with lawful dates in the
 * past. The stages are seeded into a database of their own (the demo's, not the suites' one).
 */
describe('Demo data: one tender at every stage of the procedure', () => {
  const admin = process.env.TEST_POSTGRES_ADMIN_URL as string;
  const name = `${new URL(process.env.DATABASE_URL as string).pathname.slice(1)}_stages`;
  const url = databaseUrlFor(admin, name);
  let db: Client;

  beforeAll(async () => {
    await createDatabase(admin, name);
    await runMigrations(url);
    await seedDemo(url, () => undefined, 'test');
    const suites = process.env.DATABASE_URL;
    process.env.DATABASE_URL = url;
    try {
      await seedDemoStages(() => undefined);
      // Idempotent: a second run adds nothing.
      await seedDemoStages(() => undefined);
    } finally {
      process.env.DATABASE_URL = suites;
    }
    db = new Client({ connectionString: url });
    await db.connect();
  }, 300000);

  afterAll(async () => {
    await db?.end();
    await dropDatabase(admin, name);
  });

  const q = async <T>(sql: string, params: unknown[] = []) =>
    (await db.query(sql, params)).rows as T[];

  it('holds READY, PUBLISHED, OFFERS_OPENED, AWARDED and CONTRACTED tenders, once each', async () => {
    const rows = await q<{ reference: string; status: string; published_on: string | null }>(
      `SELECT reference, status, published_on::text FROM tenders ORDER BY reference`,
    );
    expect(rows.map((r) => [r.reference, r.status])).toEqual([
      ['ZP.271.1.2026', 'READY'],
      ['ZP.271.2.2026', 'COLLECTING_SHARES'],
      ...DEMO_STAGES.map((s) => [s.reference, s.until]),
      [COOPERATION_DEMO.reference, COOPERATION_DEMO.status],
    ]);
    const today = warsawDate(new Date());
    for (const s of DEMO_STAGES)
      expect(rows.find((r) => r.reference === s.reference)?.published_on).toBe(
        addCalendarDays(today, -s.publishedDaysAgo),
      );
  });

  it('records each stage’s acts: offers, evaluation pending, lot 1 awarded and lot 2 cancelled, contracts and money', async () => {
    const outcomes = await q<{
      reference: string;
      number: number;
      outcome: string;
      offers: number;
    }>(
      `SELECT t.reference, l.number, COALESCE(p.outcome, 'PENDING') AS outcome,
              (SELECT count(*)::int FROM offers o WHERE o.lot_id = l.id) AS offers
         FROM lots l JOIN tenders t ON t.id = l.tender_id LEFT JOIN lot_procedures p ON p.lot_id = l.id
        WHERE t.reference IN ('ZP.271.3.2026', 'ZP.271.4.2026', 'ZP.271.5.2026', 'ZP.271.6.2026')
        ORDER BY t.reference, l.number`,
    );
    expect(outcomes.map((o) => [o.reference, o.number, o.outcome, o.offers])).toEqual([
      ['ZP.271.3.2026', 1, 'PENDING', 0],
      ['ZP.271.3.2026', 2, 'PENDING', 0],
      ['ZP.271.4.2026', 1, 'PENDING', 3],
      ['ZP.271.4.2026', 2, 'PENDING', 2],
      ['ZP.271.5.2026', 1, 'AWARDED', 3],
      ['ZP.271.5.2026', 2, 'CANCELLED', 2],
      ['ZP.271.6.2026', 1, 'AWARDED', 3],
      ['ZP.271.6.2026', 2, 'CANCELLED', 2],
    ]);
    const money = await q<{ contracts: number; invoices: number; kinds: string[] }>(
      `SELECT (SELECT count(*)::int FROM contracts c WHERE c.tender_id = t.id) AS contracts,
              (SELECT count(*)::int FROM invoices i WHERE i.tender_id = t.id) AS invoices,
              (SELECT array_agg(DISTINCT kind ORDER BY kind) FROM payments p WHERE p.tender_id = t.id) AS kinds
         FROM tenders t WHERE t.reference = 'ZP.271.6.2026'`,
    );
    expect(money[0]).toEqual(
      expect.objectContaining({
        contracts: 1,
        invoices: 2,
        kinds: expect.arrayContaining(['ADVANCE', 'SUBSIDY']),
      }),
    );
  });

  it('dates the acts lawfully in the past and leaves no open deadline overdue but the one task meant to be', async () => {
    const overdue = await q<{ reference: string; kind: string; origin: string; slug: string }>(
      `SELECT t.reference, d.kind, d.origin, o.slug FROM deadlines d JOIN tenders t ON t.id = d.tender_id
         LEFT JOIN organisations o ON o.id = d.responsible_organisation_id
        WHERE d.status IN ('OPEN', 'MISSED') AND d.due_at < now() AND d.kind <> 'PAYMENT'`,
    );
    expect(overdue).toEqual([
      {
        reference: COOPERATION_DEMO.reference,
        kind: 'CUSTOM',
        origin: 'TASKS',
        slug: COOPERATION_DEMO.overduePartner,
      },
    ]);
    const [opened] = await q<{ at: string; offers_due: Date }>(
      `SELECT e.data->>'at' AS at,
              (SELECT d.due_at FROM deadlines d WHERE d.tender_id = t.id AND d.kind = 'OFFERS') AS offers_due
         FROM audit_events e JOIN tenders t ON t.id = e.tender_id
        WHERE t.reference = 'ZP.271.4.2026' AND e.action = 'tender.transitioned' AND e.data->>'to' = 'OFFERS_OPENED'`,
    );
    // Opened after the offers deadline, both in the past.
    expect(Date.parse(opened.at)).toBeGreaterThan(new Date(opened.offers_due).getTime());
    expect(Date.parse(opened.at)).toBeLessThan(Date.now());
    const [published] = await q<{ offers_due: Date }>(
      `SELECT d.due_at AS offers_due FROM deadlines d JOIN tenders t ON t.id = d.tender_id
        WHERE t.reference = 'ZP.271.3.2026' AND d.kind = 'OFFERS'`,
    );
    // PUBLISHED waits for offers: its deadline is ahead.
    expect(new Date(published.offers_due).getTime()).toBeGreaterThan(Date.now());
  });

  it('shows issue #14 to a newcomer: a project sheet with interests, a task matrix, a stalled share', async () => {
    // The project sheet (fiszka) with the partners' declared interests.
    const sheets = await q<{ title: string; interests: number }>(
      `SELECT s.title,
              (SELECT count(DISTINCT i.organisation_id)::int FROM project_sheet_interests i
                WHERE i.sheet_id = s.id AND i.action = 'DECLARED') AS interests
         FROM project_sheets s`,
    );
    expect(sheets).toHaveLength(1);
    expect(sheets[0].interests).toBeGreaterThanOrEqual(2);

    // The task matrix: tasks done, open, and exactly one overdue (Mogilany's input data).
    const today = warsawDate(new Date());
    const tasks = await q<{
      kind: string;
      status: string;
      due_on: string;
      slug: string;
      note: string | null;
      first_on: string;
    }>(
      `SELECT DISTINCT ON (k.task_id) k.kind, k.status, to_char(k.due_on, 'YYYY-MM-DD') AS due_on,
              o.slug, k.note,
              (SELECT to_char(f.created_at AT TIME ZONE 'Europe/Warsaw', 'YYYY-MM-DD') FROM tender_tasks f
                WHERE f.task_id = k.task_id AND f.version = 1) AS first_on
         FROM tender_tasks k JOIN tenders t ON t.id = k.tender_id
         JOIN organisations o ON o.id = k.organisation_id
        WHERE t.reference = $1 ORDER BY k.task_id, k.version DESC`,
      [COOPERATION_DEMO.reference],
    );
    const done = tasks.filter((x) => x.status === 'DONE');
    expect(done.map((x) => `${x.kind} ${x.slug}`).sort()).toEqual([
      'INPUT_DATA czernichow',
      'INPUT_DATA liszki',
      'INPUT_DATA skawina',
      'OPZ czernichow',
    ]);
    expect(done.every((x) => (x.note ?? '').length > 10)).toBe(true);
    const open = tasks.filter((x) => x.status === 'OPEN');
    expect(open.length).toBeGreaterThan(10);
    expect(open.filter((x) => x.due_on < today).map((x) => `${x.kind} ${x.slug}`)).toEqual([
      `INPUT_DATA ${COOPERATION_DEMO.overduePartner}`,
    ]);
    expect(tasks.some((x) => x.kind === 'SWZ_REVIEW' && x.slug === 'skawina')).toBe(true);
    // Recorded at the act's time like every other act: the set was applied ten days ago, so the
    // open tasks wait since then, not since the day the demo was built.
    expect(new Set(tasks.map((x) => x.first_on)).size).toBe(1);
    expect(tasks[0].first_on < today).toBe(true);
    // The agreement's draft prints the matrix in its annex.
    const [agreement] = await q<{ status: string; tasks: number }>(
      `SELECT d.status, jsonb_array_length(d.snapshot->'tasks') AS tasks
         FROM documents d JOIN tenders t ON t.id = d.tender_id
        WHERE t.reference = $1 AND d.kind = 'AGREEMENT'`,
      [COOPERATION_DEMO.reference],
    );
    expect(agreement).toEqual({ status: 'READY', tasks: tasks.length });

    // The stalled share: the stall report's waits, measured as the report measures them.
    const approvals = await q<{
      share_id: string;
      partner_id: string;
      slug: string;
      status: string;
      created_at: Date;
      step: 'COORDINATOR' | 'TREASURER' | 'HEAD' | null;
      decision: 'APPROVED' | 'CHANGE_REQUESTED' | null;
      decided_at: Date | null;
      voided_at: Date | null;
    }>(
      `SELECT s.id AS share_id, s.organisation_id AS partner_id, o.slug, s.status, s.created_at,
              a.step, a.decision, a.decided_at, a.voided_at
         FROM shares s JOIN tenders t ON t.id = s.tender_id
         JOIN organisations o ON o.id = s.organisation_id
         LEFT JOIN share_approvals a ON a.share_id = s.id
        WHERE t.reference = $1`,
      [COOPERATION_DEMO.reference],
    );
    const shares = new Map<string, Parameters<typeof shareWaits>[0]>();
    for (const r of approvals) {
      const share = shares.get(r.share_id) ?? {
        id: r.share_id,
        partnerId: r.partner_id,
        partnerName: r.slug,
        status: r.status as Parameters<typeof shareWaits>[0]['status'],
        createdAt: new Date(r.created_at),
        approvals: [],
      };
      if (r.step && r.decision && r.decided_at)
        share.approvals = [
          ...share.approvals,
          {
            step: r.step,
            decision: r.decision,
            decidedAt: new Date(r.decided_at),
            voidedAt: r.voided_at ? new Date(r.voided_at) : null,
          },
        ];
      shares.set(r.share_id, share);
    }
    const waiting = waitingNow([...shares.values()].flatMap(shareWaits), new Date());
    expect(waiting[0]).toMatchObject({
      partnerName: COOPERATION_DEMO.stalledPartner,
      step: 'TREASURER',
    });
    expect(waiting[0].workingDays).toBeGreaterThanOrEqual(7);
    expect(waiting.slice(1).every((w) => w.workingDays < 7)).toBe(true);
  });
});
