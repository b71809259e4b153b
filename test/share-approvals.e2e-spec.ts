import { Session, TestApp, createTestApp, login } from './support/app';
import { statementRecorder } from './support/statements';
import {
  ShareAnswer,
  TenderBody,
  createTender,
  findShare,
  proposeShare,
  tenderAfter,
} from './support/tenders';

/**
 * Issue 16: an approval answers the share with the tender's summary, sends at most 10 SQL
 * statements (BEGIN and COMMIT included), and locks the share — the tender only FOR SHARE — so
 * that several partners' approvals on one tender run side by side and all succeed.
 */
describe('Share approvals: slim answers, few statements, no queue on the tender', () => {
  let t: TestApp;
  let officer: Session;
  const sessions = new Map<string, Session>();
  const recorder = statementRecorder();
  const as = async (email: string) => {
    if (!sessions.has(email)) sessions.set(email, await login(t, email));
    return sessions.get(email) as Session;
  };
  const PARTNERS = [
    ['czernichow', 'Gmina Czernichów'],
    ['liszki', 'Gmina Liszki'],
    ['mogilany', 'Gmina Mogilany'],
  ] as const;

  beforeAll(async () => {
    t = await createTestApp();
    officer = await as('officer@skawina.demo');
    recorder.install();
  });
  afterAll(async () => {
    recorder.uninstall();
    await t.close();
  });

  /** A tender collecting shares of three partners in both lots (six shares). */
  async function collecting(): Promise<TenderBody> {
    let tender = await createTender(officer);
    for (const lot of [1, 2])
      for (const [slug] of PARTNERS)
        tender = await proposeShare(t, officer, tender, lot, slug, `${lot * 10000 + 1234}.00`);
    return (
      await officer
        .post(`/tenders/${tender.id}/transition`, {
          to: 'COLLECTING_SHARES',
          version: tender.version,
        })
        .expect(200)
    ).body as TenderBody;
  }

  it('answers the share and the tender summary with at most 10 statements per approval', async () => {
    const tender = await collecting();
    const counted: string[] = [];
    let share: { id: string; version: number; status: string } = findShare(
      tender,
      1,
      'Gmina Liszki',
    );
    for (const [role, extra] of [
      ['coordinator', {}],
      ['treasurer', { budgetClassification: '600/60016/4270' }],
      ['head', {}],
    ] as const) {
      const session = await as(`${role}@liszki.demo`);
      await session.get('/me/notifications').expect(200); // the caller is resolved (and cached) before counting
      const { result: res, statements } = await recorder.during(() =>
        session
          .post(`/shares/${share.id}/approve`, { version: share.version, ...extra })
          .expect(200),
      );
      // At most 10, BEGIN and COMMIT included (the list shows them when there are more).
      expect({ role, over: statements.length > 10 ? statements : [] }).toEqual({ role, over: [] });
      counted.push(`${role} ${statements.length}`);
      // No whole-tender read inside or after the approval.
      expect(statements.filter((s) => /jsonb_agg\(jsonb_build_object\('lot'/.test(s))).toEqual([]);
      const answer = res.body as ShareAnswer;
      expect(answer).toMatchObject({
        id: share.id,
        version: share.version + 1,
        tender: { id: tender.id, status: 'COLLECTING_SHARES', version: tender.version },
      });
      expect(answer).not.toHaveProperty('lots');
      await tenderAfter(session, res);
      share = answer;
    }
    expect(share.status).toBe('CONFIRMED');
    // The figure quoted in README (Performance): statements per approval, per step.
    expect(counted).toHaveLength(3);
  });

  it("runs several partners' approvals on one tender in parallel, all succeeding, versions consistent", async () => {
    const tender = await collecting();
    const shares = tender.lots.flatMap((l) => l.shares);
    expect(shares).toHaveLength(6);
    const slugOf = (name: string) => PARTNERS.find(([, n]) => n === name)?.[0] as string;
    let current = new Map(shares.map((s) => [s.id, s.version]));
    for (const [role, extra, status] of [
      ['coordinator', {}, 'COORDINATOR_ACCEPTED'],
      ['treasurer', { budgetClassification: '600/60016/4270' }, 'COUNTERSIGNED'],
      ['head', {}, 'CONFIRMED'],
    ] as const) {
      const results = await Promise.all(
        shares.map(async (s) =>
          (await as(`${role}@${slugOf(s.organisationName)}.demo`)).post(`/shares/${s.id}/approve`, {
            version: current.get(s.id),
            ...extra,
          }),
        ),
      );
      expect(results.map((r) => r.status)).toEqual(shares.map(() => 200));
      const answers = results.map((r) => r.body as ShareAnswer);
      for (const a of answers) {
        expect(a).toMatchObject({ status, version: (current.get(a.id) as number) + 1 });
        // An approval never moves the tender: its version and status stay as they were.
        expect(a.tender).toMatchObject({ status: 'COLLECTING_SHARES', version: tender.version });
      }
      current = new Map(answers.map((a) => [a.id, a.version]));
      // The final state equals the successful answers.
      const rows = await t.dataSource.query<{ id: string; status: string; version: number }[]>(
        'SELECT id, status, version FROM shares WHERE tender_id = $1',
        [tender.id],
      );
      expect(new Map(rows.map((r) => [r.id, r.version]))).toEqual(current);
      expect(rows.every((r) => r.status === status)).toBe(true);
    }
    const [{ n }] = await t.dataSource.query<{ n: number }[]>(
      `SELECT count(*)::int AS n FROM audit_events WHERE tender_id = $1 AND action = 'share.approved'`,
      [tender.id],
    );
    expect(n).toBe(18);
    const after = (await officer.get(`/tenders/${tender.id}`).expect(200)).body as TenderBody;
    expect(after.version).toBe(tender.version);
  });

  it('holds the tender only FOR SHARE: an approval passes while another holds the same lock', async () => {
    const tender = await collecting();
    const share = findShare(tender, 2, 'Gmina Mogilany');
    const runner = t.dataSource.createQueryRunner();
    await runner.connect();
    await runner.startTransaction();
    try {
      // What another partner's approval in flight holds on the tender.
      await runner.query('SELECT id FROM tenders WHERE id = $1 FOR SHARE', [tender.id]);
      const res = await (
        await as('coordinator@mogilany.demo')
      )
        .post(`/shares/${share.id}/approve`, { version: share.version })
        .expect(200);
      expect(res.body).toMatchObject({ status: 'COORDINATOR_ACCEPTED' });
    } finally {
      await runner.rollbackTransaction();
      await runner.release();
    }
  });
});
