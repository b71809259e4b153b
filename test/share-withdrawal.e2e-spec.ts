import { Session, TestApp, createTestApp, login } from './support/app';
import { TenderBody, createTender, findShare, proposeShare, tenderAfter } from './support/tenders';

/**
 * POST /shares/:id/withdraw (ShareWithdrawalService): the leader's officer takes one partner's share
 * out of a tender in preparation, with a reason. The share stays listed as WITHDRAWN (the row kept),
 * the value is recomputed, one audit event records it; a partner gets 404 on a DRAFT it cannot see, the leader's treasurer 403, a stale version 409,
 * a reason too short 400, a second withdrawal 409; the partner may be proposed again.
 */
describe('Share withdrawal by the leader’s officer', () => {
  let t: TestApp;
  let officer: Session;

  beforeAll(async () => {
    t = await createTestApp();
    officer = await login(t, 'officer@skawina.demo');
  });

  afterAll(() => t.close());

  const withTwoShares = async (): Promise<TenderBody> => {
    let tender = await createTender(officer);
    tender = await proposeShare(t, officer, tender, 1, 'liszki', '40000.00');
    return proposeShare(t, officer, tender, 1, 'mogilany', '25000.00');
  };

  it('withdraws with a reason: listed as WITHDRAWN, value recomputed, one audit event', async () => {
    const tender = await withTwoShares();
    expect(tender.valueNet).toBe('65000.00');
    const share = findShare(tender, 1, 'Gmina Liszki');
    const reason = 'Gmina rezygnuje z udziału w tej części (uchwała nr XIV/140/2026)';
    const res = await officer
      .post(`/shares/${share.id}/withdraw`, { version: share.version, reason })
      .expect(200);
    // The answer is the withdrawn share with the tender's summary, not the whole tender.
    expect(res.body).toMatchObject({
      id: share.id,
      status: 'WITHDRAWN',
      tender: { id: tender.id, valueNet: '25000.00' },
    });
    const after = await tenderAfter(officer, res);
    expect(after.valueNet).toBe('25000.00');
    const listed = after.lots[0].shares.find((s) => s.id === share.id);
    expect(listed).toMatchObject({ status: 'WITHDRAWN', amountNet: '40000.00' });
    const audit = await t.dataSource.query<{ data: { reason: string; amountNet: string } }[]>(
      `SELECT data FROM audit_events WHERE action = 'share.withdrawn' AND entity_id = $1`,
      [share.id],
    );
    expect(audit).toHaveLength(1);
    expect(audit[0].data).toMatchObject({ reason, amountNet: '40000.00' });
    // A correction, never a deletion: the row stays; the partner may be proposed again.
    const rows = await t.dataSource.query<{ status: string }[]>(
      'SELECT status FROM shares WHERE id = $1',
      [share.id],
    );
    expect(rows).toEqual([{ status: 'WITHDRAWN' }]);
    const again = await proposeShare(t, officer, after, 1, 'liszki', '30000.00');
    expect(again.valueNet).toBe('55000.00');
    // Withdrawn once: a second withdrawal is refused.
    const twice = await officer
      .post(`/shares/${share.id}/withdraw`, { version: share.version + 1, reason })
      .expect(409);
    expect(twice.body).toMatchObject({ code: 'SHARE_ILLEGAL_TRANSITION' });
  });

  it('refuses a partner (404 on a DRAFT), the leader’s treasurer (403), a stale version (409) and a reason too short (400, naming it)', async () => {
    const tender = await withTwoShares();
    const share = findShare(tender, 1, 'Gmina Mogilany');
    // The partner does not see a DRAFT at all (404); the leader's treasurer sees it but may not act.
    const partner = await login(t, 'coordinator@mogilany.demo');
    const body = { version: share.version, reason: 'Rezygnujemy z udziału' };
    await partner.post(`/shares/${share.id}/withdraw`, body).expect(404);
    const treasurer = await login(t, 'treasurer@skawina.demo');
    await treasurer.post(`/shares/${share.id}/withdraw`, body).expect(403);
    const stale = await officer
      .post(`/shares/${share.id}/withdraw`, {
        version: share.version + 5,
        reason: 'Gmina rezygnuje z udziału',
      })
      .expect(409);
    expect(stale.body).toMatchObject({ currentVersion: share.version });
    const bad = await officer
      .post(`/shares/${share.id}/withdraw`, { version: share.version, reason: 'x' })
      .expect(400);
    expect(JSON.stringify(bad.body)).toContain('reason');
    const still = await officer.get(`/tenders/${tender.id}`).expect(200);
    expect(findShare(still.body as TenderBody, 1, 'Gmina Mogilany').status).toBe('PROPOSED');
  });
});
