import { TestApp, createTestApp, login, Session, unique } from './support/app';
import {
  nipWithCheckDigit,
  regon9WithCheckDigit,
} from '../src/common/identifiers/demo-identifiers';

/** A fresh checksum-valid NIP/REGON pair that no other test uses. */
function identifiers(seed: number): { nip: string; regon: string } {
  for (let bump = 0; bump < 20; bump += 1) {
    const prefix = `88${String(seed + bump).padStart(7, '0')}`;
    try {
      return { nip: nipWithCheckDigit(prefix), regon: regon9WithCheckDigit(prefix.slice(1)) };
    } catch {
      continue;
    }
  }
  throw new Error('no identifiers');
}

describe('Organisations: the JST registry with validated identifiers', () => {
  let t: TestApp;
  let admin: Session;
  const seed = Math.floor(Math.random() * 1_000_000);

  beforeAll(async () => {
    t = await createTestApp();
    admin = await login(t, 'admin@wspolnie.demo');
  });
  afterAll(async () => {
    await t.close();
  });

  const body = (over: object = {}) => ({
    kind: 'GMINA_WIEJSKA',
    name: `Gmina ${unique('Test')}`,
    ...identifiers(seed),
    teryt: '1206052',
    address: { street: 'Rynek 1', postalCode: '32-000', city: 'Testowo' },
    headTitle: 'Wójt Gminy Testowo',
    ...over,
  });

  it('registers an organisation and normalises a formatted NIP', async () => {
    const ids = identifiers(seed + 100);
    const formatted = `PL ${ids.nip.slice(0, 3)}-${ids.nip.slice(3, 6)}-${ids.nip.slice(6, 8)}-${ids.nip.slice(8)}`;
    const res = await admin.post('/organisations', body({ ...ids, nip: formatted })).expect(201);
    expect(res.body.nip).toBe(ids.nip);
    expect(res.body.address).toEqual({ street: 'Rynek 1', postalCode: '32-000', city: 'Testowo' });
    const events = await t.dataSource.query(
      "SELECT * FROM audit_events WHERE action = 'organisation.created' AND entity_id = $1",
      [res.body.id],
    );
    expect(events).toHaveLength(1);
  });

  it.each([
    ['nip', { nip: '8567346216' }, 'isNip'],
    ['regon', { regon: '12345678612342' }, 'isRegon'],
    ['teryt', { teryt: '1206057' }, 'isTeryt'],
    ['address.postalCode', { address: { street: 'x', postalCode: '32000', city: 'y' } }, 'matches'],
  ])('refuses an invalid %s with 400 naming the field and rule', async (field, over, rule) => {
    const res = await admin
      .post('/organisations', body({ ...identifiers(seed + 200), ...over }))
      .expect(400);
    expect(res.body.code).toBe('VALIDATION_FAILED');
    expect(res.body.errors).toEqual(
      expect.arrayContaining([expect.objectContaining({ field, rule })]),
    );
  });

  it('refuses a NIP or REGON that is already registered with 409', async () => {
    const ids = identifiers(seed + 300);
    await admin.post('/organisations', body(ids)).expect(201);
    const dupNip = await admin
      .post('/organisations', body({ ...identifiers(seed + 400), nip: ids.nip }))
      .expect(409);
    expect(dupNip.body.code).toBe('ORGANISATION_NIP_TAKEN');
    const dupRegon = await admin
      .post('/organisations', body({ ...identifiers(seed + 500), regon: ids.regon }))
      .expect(409);
    expect(dupRegon.body.code).toBe('ORGANISATION_REGON_TAKEN');
  });

  it('lets only administrators register organisations', async () => {
    const officer = await login(t, 'officer@skawina.demo');
    const res = await officer.post('/organisations', body(identifiers(seed + 600))).expect(403);
    expect(res.body.code).toBe('FORBIDDEN');
  });

  it("lets the organisation's officer edit it with the current version; a stale version is 409", async () => {
    const officer = await login(t, 'officer@liszki.demo');
    const list = await officer.get('/organisations?q=Liszki').expect(200);
    const liszki = list.body.items.find((o: { slug: string }) => o.slug === 'liszki');
    const ok = await officer
      .patch(`/organisations/${liszki.id}`, {
        version: liszki.version,
        email: 'zamowienia@liszki.demo',
      })
      .expect(200);
    expect(ok.body.version).toBe(liszki.version + 1);
    const stale = await officer
      .patch(`/organisations/${liszki.id}`, { version: liszki.version, email: 'x@liszki.demo' })
      .expect(409);
    expect(stale.body).toEqual(
      expect.objectContaining({
        code: 'ORGANISATION_VERSION_CONFLICT',
        currentVersion: liszki.version + 1,
      }),
    );
    const other = await login(t, 'officer@mogilany.demo');
    await other
      .patch(`/organisations/${liszki.id}`, { version: ok.body.version, email: 'y@liszki.demo' })
      .expect(403);
  });

  it('answers a malformed id with 400, an unknown one with 404', async () => {
    const bad = await admin.get('/organisations/not-a-uuid').expect(400);
    expect(bad.body.errors[0]).toEqual(expect.objectContaining({ field: 'id', rule: 'isUuid' }));
    await admin.get('/organisations/00000000-0000-4000-8000-000000000000').expect(404);
  });
});
