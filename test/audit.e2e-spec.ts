import { TestApp, createTestApp, login, orgId } from './support/app';
import { createTender } from './support/tenders';

describe('Audit trail: append-only, readable by admins and the partnership lawyers', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(async () => {
    await t.close();
  });

  it('rejects UPDATE, DELETE and TRUNCATE in the database itself', async () => {
    const [row] = await t.dataSource.query('SELECT id FROM audit_events ORDER BY id LIMIT 1');
    expect(row).toBeDefined();
    await expect(
      t.dataSource.query("UPDATE audit_events SET action = 'tampered' WHERE id = $1", [row.id]),
    ).rejects.toThrow(/append-only/);
    await expect(
      t.dataSource.query('DELETE FROM audit_events WHERE id = $1', [row.id]),
    ).rejects.toThrow(/append-only/);
    await expect(t.dataSource.query('TRUNCATE audit_events')).rejects.toThrow(/append-only/);
    const [still] = await t.dataSource.query('SELECT action FROM audit_events WHERE id = $1', [
      row.id,
    ]);
    expect(still.action).not.toBe('tampered');
  });

  it("shows a partnership's events to its lawyer, not to a coordinator or an outside lawyer", async () => {
    const officer = await login(t, 'officer@skawina.demo');
    const demo = (await officer.get('/partnerships?q=Razem').expect(200)).body.items[0];
    await officer
      .patch(`/partnerships/${demo.id}`, {
        version: demo.version,
        agreementReference: `RBK.031.1.2026/${demo.version}`,
      })
      .expect(200);

    const lawyer = await login(t, 'lawyer@liszki.demo');
    const res = await lawyer.get(`/audit?entityType=partnership&entityId=${demo.id}`).expect(200);
    expect(res.body.items.map((e: { action: string }) => e.action)).toEqual(
      expect.arrayContaining(['partnership.updated']),
    );
    const updated = res.body.items.find(
      // Other suites update the shared demo partnership too: this test's own change is the one.
      (e: { action: string; data: { agreementReference?: { to: string } } }) =>
        e.action === 'partnership.updated' &&
        e.data.agreementReference?.to === `RBK.031.1.2026/${demo.version}`,
    );
    expect(updated).toEqual(
      expect.objectContaining({
        actorName: expect.any(String),
        requestId: expect.any(String),
        partnershipId: demo.id,
      }),
    );
    expect(updated.data.agreementReference).toEqual({
      from: expect.any(String),
      to: `RBK.031.1.2026/${demo.version}`,
    });

    await (await login(t, 'coordinator@liszki.demo')).get('/audit').expect(403);
    // A lawyer of another partnership sees nothing of this one.
    const admin = await login(t, 'admin@wspolnie.demo');
    const zabierzow = (await admin.get('/organisations?q=Zabierz').expect(200)).body.items[0];
    const other = await admin
      .post('/partnerships', { name: `Inne ${Date.now()}`, leaderOrganisationId: zabierzow.id })
      .expect(201);
    const outsider = await login(t, 'lawyer@zabierzow.demo');
    const foreign = await outsider
      .get(`/audit?entityType=partnership&entityId=${demo.id}`)
      .expect(200);
    expect(foreign.body.items).toEqual([]);
    const own = await outsider.get(`/audit?partnershipId=${other.body.id}`).expect(200);
    expect(own.body.items.map((e: { action: string }) => e.action)).toEqual([
      'partnership.created',
    ]);
    const all = await admin.get('/audit?entityType=user').expect(200);
    expect(all.body.total).toBeGreaterThan(0);
  });

  it('filters by tender, organisation, person, event and Warsaw days, newest first on request', async () => {
    const officer = await login(t, 'officer@skawina.demo');
    const tender = await createTender(officer);
    const admin = await login(t, 'admin@wspolnie.demo');
    const mine = await admin.get(`/audit?tenderId=${tender.id}`).expect(200);
    expect(mine.body.total).toBeGreaterThan(0);
    expect(new Set(mine.body.items.map((e: { tenderId: string }) => e.tenderId))).toEqual(
      new Set([tender.id]),
    );
    const created = await admin
      .get(`/audit?tenderId=${tender.id}&action=tender.created&actorUserId=${officer.userId}`)
      .expect(200);
    expect(created.body.items).toHaveLength(1);
    const nobody = await admin
      .get(`/audit?tenderId=${tender.id}&actorUserId=${admin.userId}`)
      .expect(200);
    expect(nobody.body.total).toBe(0);
    const skawina = await orgId(t, 'skawina');
    const byOrg = await admin.get(`/audit?organisationId=${skawina}&limit=200`).expect(200);
    expect(
      byOrg.body.items.every((e: { organisationId: string }) => e.organisationId === skawina),
    ).toBe(true);

    // The event's Warsaw day includes it; the day before excludes it.
    const at = new Date(created.body.items[0].occurredAt as string);
    const day = (d: Date) =>
      new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Warsaw' }).format(d);
    const q = `/audit?tenderId=${tender.id}&action=tender.created`;
    expect((await admin.get(`${q}&from=${day(at)}&to=${day(at)}`).expect(200)).body.total).toBe(1);
    const before = day(new Date(at.getTime() - 86_400_000));
    expect((await admin.get(`${q}&to=${before}`).expect(200)).body.total).toBe(0);

    const desc = await admin.get(`/audit?tenderId=${tender.id}&order=desc`).expect(200);
    const ids = desc.body.items.map((e: { id: string }) => Number(e.id));
    expect(ids).toEqual([...ids].sort((a, b) => b - a));
    const bad = await admin.get('/audit?from=2026-02-30&action=Nie%20kod').expect(400);
    expect(bad.body.errors.map((e: { field: string }) => e.field).sort()).toEqual([
      'action',
      'from',
    ]);
  });
});
