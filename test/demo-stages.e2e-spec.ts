import { Client } from 'pg';
import { runMigrations } from '../src/database/migrate';
import { seedDemo } from '../src/database/seed/seed';
import { addCalendarDays, warsawDate } from '../src/common/polish-calendar';
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

  it('dates the acts lawfully in the past and leaves no open deadline overdue (nothing escalates on start)', async () => {
    const overdue = await q<{ reference: string; kind: string }>(
      `SELECT t.reference, d.kind FROM deadlines d JOIN tenders t ON t.id = d.tender_id
        WHERE d.status IN ('OPEN', 'MISSED') AND d.due_at < now() AND d.kind <> 'PAYMENT'`,
    );
    expect(overdue).toEqual([]);
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
});
