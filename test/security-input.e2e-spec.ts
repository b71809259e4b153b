/**
 * Input at the edge (issue "no input gives a 500"): nested and oversized bodies, `null` for
 * fields, NUL bytes, huge offsets — each answers 400/413 naming the field and rule, and the
 * service keeps answering. Regression tests for failures 3 and 5 of the security review.
 */
import request from 'supertest';
import { Session, TestApp, createTestApp, login, orgId } from './support/app';
import { createTender, proposeShare, type TenderBody } from './support/tenders';

interface ErrorBody {
  statusCode: number;
  code: string;
  errors?: { field: string; rule: string; message: string }[];
}

describe('Input limits: no input gives a 500', () => {
  let t: TestApp;
  let admin: Session;
  let officer: Session;
  let tenderId: string;
  let userId: string;
  let organisationId: string;
  let partnershipId: string;

  beforeAll(async () => {
    t = await createTestApp();
    admin = await login(t, 'admin@wspolnie.demo');
    officer = await login(t, 'officer@skawina.demo');
    const tenders = (await officer.get('/tenders?limit=1').expect(200)).body as {
      items: { id: string; partnershipId: string }[];
    };
    tenderId = tenders.items[0].id;
    partnershipId = tenders.items[0].partnershipId;
    userId = officer.userId;
    const orgs = (await admin.get('/organisations?limit=1').expect(200)).body as {
      items: { id: string }[];
    };
    organisationId = orgs.items[0].id;
  });
  afterAll(async () => {
    await t?.close();
  });

  const rules = (body: ErrorBody) => (body.errors ?? []).map((e) => [e.field, e.rule]);

  it('refuses a body nested 5 000 levels deep before validation: 400 maxDepth, on every route with a body', async () => {
    const nested = '['.repeat(5000) + ']'.repeat(5000);
    for (const path of ['/api/v1/auth/login', '/api/v1/tenders', `/api/v1/tenders/${tenderId}`]) {
      const res = await request(t.http)
        .post(path)
        .set('content-type', 'application/json')
        .set('authorization', `Bearer ${officer.token}`)
        .send(nested);
      expect([path, res.status]).toEqual([path, 400]);
      expect(rules(res.body as ErrorBody)).toEqual([['body', 'maxDepth']]);
    }
    // A megabyte of nesting is refused by the same linear scan; the service answers right after.
    const big = '{"a":'.repeat(200_000) + '1' + '}'.repeat(200_000);
    const res = await request(t.http)
      .post('/api/v1/auth/login')
      .set('content-type', 'application/json')
      .send(big.slice(0, 1_000_000));
    expect(res.status).toBe(400);
    await request(t.http).get('/health').expect(200);
  });

  it('refuses a body over the size limit with 413', async () => {
    const res = await request(t.http)
      .post('/api/v1/auth/login')
      .set('content-type', 'application/json')
      .send(JSON.stringify({ email: 'x'.repeat(1_100_000), password: 'x' }));
    expect(res.status).toBe(413);
    expect((res.body as ErrorBody).code).toBe('PAYLOAD_TOO_LARGE');
  });

  it('refuses null for a field (leave it out instead) with 400 naming the field', async () => {
    const cases: [Session, string, object, string][] = [
      [admin, `/admin/users/${userId}`, { displayName: null }, 'displayName'],
      [officer, `/tenders/${tenderId}`, { title: null, version: 1 }, 'title'],
      [admin, `/organisations/${organisationId}`, { name: null }, 'name'],
      [admin, `/partnerships/${partnershipId}`, { name: null }, 'name'],
      [officer, '/me/preferences', { emailOptOut: null }, 'emailOptOut'],
    ];
    for (const [session, path, body, field] of cases) {
      const res = await session.patch(path, body);
      expect([path, res.status]).toEqual([path, 400]);
      expect(rules(res.body as ErrorBody)).toContainEqual([field, 'notNull']);
    }
  });

  it('refuses NUL characters in any text, query or path: 400 naming the field', async () => {
    const res = await officer.patch(`/tenders/${tenderId}`, { title: 'Drogi\u0000', version: 1 });
    expect(res.status).toBe(400);
    expect(rules(res.body as ErrorBody)).toContainEqual(['title', 'noNulCharacter']);
    const q = await officer.get('/tenders?q=%00');
    expect(q.status).toBe(400);
    expect(rules(q.body as ErrorBody)).toContainEqual(['q', 'noNulCharacter']);
    const audit = await admin.get('/audit?entityId=%00');
    expect(audit.status).toBe(400);
    expect(rules(audit.body as ErrorBody)).toContainEqual(['entityId', 'noNulCharacter']);
    const login = await request(t.http)
      .post('/api/v1/auth/login')
      .send({ email: 'officer@skawina.demo\u0000', password: 'x' });
    expect(login.status).toBe(400);
  });

  it('refuses text longer than the limit and arrays larger than the limit', async () => {
    const res = await officer.patch(`/tenders/${tenderId}`, {
      title: 'x'.repeat(20_001),
      version: 1,
    });
    expect(res.status).toBe(400);
    expect(rules(res.body as ErrorBody)).toContainEqual(['title', 'maxLength']);
    const many = await officer.post('/tenders', {
      cpvAdditional: Array.from({ length: 1001 }, () => 'x'),
    });
    expect(many.status).toBe(400);
    expect(rules(many.body as ErrorBody)).toContainEqual(['cpvAdditional', 'maxItems']);
  });

  it('keeps the tender list working when coordinators declare huge shares: refused before anything is saved', async () => {
    const tender = await createTender(officer);
    const lotId = tender.lots[0].id;
    const declare = async (slug: string, amountNet: string) =>
      officer.post(`/tenders/${tender.id}/shares`, {
        lotId,
        organisationId: await orgId(t, slug),
        amountNet,
      });
    // Two shares of 45 000 000 000 000.00 broke GET /tenders for the whole partnership.
    const huge = await declare('czernichow', '45000000000000.00');
    expect(huge.status).toBe(400);
    expect(rules(huge.body as ErrorBody)).toContainEqual(['amountNet', 'amountMax']);
    // Two shares within the amount rule whose total is not: the second one commits nothing.
    await proposeShare(t, officer, tender, 1, 'czernichow', '999999999999.99');
    const second = await declare('liszki', '999999999999.99');
    expect(second.status).toBe(422);
    expect(rules(second.body as ErrorBody)).toContainEqual(['amountNet', 'tenderTotalMax']);
    const after = (await officer.get(`/tenders/${tender.id}`).expect(200)).body as TenderBody;
    expect(after.lots[0].shares.map((x) => x.amountNet)).toEqual(['999999999999.99']);
    await officer.get('/tenders?limit=200').expect(200);
    const trail = (await officer.get(`/tenders/${tender.id}/history?limit=200`).expect(200))
      .body as { items: { action: string }[] };
    expect(trail.items.filter((e) => e.action === 'share.proposed')).toHaveLength(1);
  });

  it('answers GET /legal/regime with 99999999999999.99 (no login) with 400, not 500', async () => {
    const res = await request(t.http).get(
      '/api/v1/legal/regime?valueNet=99999999999999.99&subjectKind=SUPPLIES',
    );
    expect(res.status).toBe(400);
  });

  it('bounds offsets on every list: ?offset=99999999999999999999 is a 400, not a bigint error', async () => {
    const lists: [Session, string][] = [
      [officer, '/tenders'],
      [admin, '/organisations'],
      [officer, '/partnerships'],
      [admin, '/admin/users'],
      [admin, '/audit'],
      [officer, '/me/notifications'],
      [officer, `/tenders/${tenderId}/deadlines`],
      [officer, `/tenders/${tenderId}/history`],
    ];
    for (const [session, path] of lists) {
      const res = await session.get(`${path}?offset=99999999999999999999`);
      expect([path, res.status]).toEqual([path, 400]);
      expect(rules(res.body as ErrorBody)).toContainEqual(['offset', 'max']);
    }
  });
});
