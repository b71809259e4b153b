import { TestApp, createTestApp, login, orgId, Session, unique } from './support/app';

describe('Partnerships: membership over time and who may see what', () => {
  let t: TestApp;
  let admin: Session;
  let officer: Session;
  let skawina: string;

  beforeAll(async () => {
    t = await createTestApp();
    admin = await login(t, 'admin@wspolnie.demo');
    officer = await login(t, 'officer@skawina.demo');
    skawina = await orgId(t, 'skawina');
  });
  afterAll(async () => {
    await t.close();
  });

  it('shows the demo officer the demo partnership with its members', async () => {
    const res = await officer.get('/partnerships').expect(200);
    const demo = res.body.items.find((p: { name: string }) => p.name === 'Razem Blisko Krakowa');
    expect(demo.leader.name).toBe('Gmina Skawina');
    expect(
      demo.members.map((m: { organisation: { name: string } }) => m.organisation.name),
    ).toEqual(
      expect.arrayContaining([
        'Gmina Skawina',
        'Gmina Czernichów',
        'Gmina Liszki',
        'Gmina Mogilany',
        'Gmina Świątniki Górne',
        'Powiat Krakowski',
      ]),
    );
    expect(
      demo.members.map((m: { organisation: { name: string } }) => m.organisation.name),
    ).not.toContain('Gmina Zabierzów');
  });

  it('keeps membership history: join, leave, rejoin, and members on a date', async () => {
    const created = await officer
      .post('/partnerships', {
        name: unique('Partnerstwo '),
        leaderOrganisationId: skawina,
        agreementSignedOn: '2026-01-01',
      })
      .expect(201);
    const id = created.body.id as string;
    const zabierzow = await orgId(t, 'zabierzow');
    await officer
      .post(`/partnerships/${id}/members`, { organisationId: zabierzow, joinedOn: '2026-02-01' })
      .expect(201);
    const dup = await officer
      .post(`/partnerships/${id}/members`, { organisationId: zabierzow, joinedOn: '2026-03-01' })
      .expect(409);
    expect(dup.body.code).toBe('PARTNERSHIP_ALREADY_MEMBER');
    const early = await officer
      .post(`/partnerships/${id}/members/${zabierzow}/leave`, { leftOn: '2026-01-15' })
      .expect(422);
    expect(early.body.code).toBe('PARTNERSHIP_LEAVE_BEFORE_JOIN');
    await officer
      .post(`/partnerships/${id}/members/${zabierzow}/leave`, { leftOn: '2026-06-30' })
      .expect(200);
    const overlap = await officer
      .post(`/partnerships/${id}/members`, { organisationId: zabierzow, joinedOn: '2026-06-30' })
      .expect(422);
    expect(overlap.body.code).toBe('PARTNERSHIP_MEMBERSHIP_OVERLAP');
    const rejoined = await officer
      .post(`/partnerships/${id}/members`, { organisationId: zabierzow, joinedOn: '2026-09-01' })
      .expect(201);
    const periods = rejoined.body.members.filter(
      (m: { organisation: { id: string } }) => m.organisation.id === zabierzow,
    );
    expect(periods).toEqual([
      expect.objectContaining({ joinedOn: '2026-02-01', leftOn: '2026-06-30' }),
      expect.objectContaining({ joinedOn: '2026-09-01', leftOn: null }),
    ]);
    const names = async (on: string) =>
      (
        (await officer.get(`/partnerships/${id}/members?on=${on}`).expect(200)).body as {
          organisation: { id: string };
        }[]
      ).map((m) => m.organisation.id);
    expect(await names('2026-01-20')).toEqual([skawina]);
    expect(await names('2026-06-30')).toEqual(expect.arrayContaining([skawina, zabierzow]));
    expect(await names('2026-07-01')).toEqual([skawina]);
    expect(await names('2026-09-01')).toEqual(expect.arrayContaining([skawina, zabierzow]));
    const events = await t.dataSource.query(
      'SELECT action FROM audit_events WHERE partnership_id = $1 ORDER BY id',
      [id],
    );
    expect(events.map((e: { action: string }) => e.action)).toEqual([
      'partnership.created',
      'partnership.member_joined',
      'partnership.member_left',
      'partnership.member_joined',
    ]);
  });

  it('refuses to let the leader leave', async () => {
    const created = await officer
      .post('/partnerships', { name: unique('P '), leaderOrganisationId: skawina })
      .expect(201);
    const res = await officer
      .post(`/partnerships/${created.body.id}/members/${skawina}/leave`, { leftOn: '2030-01-01' })
      .expect(422);
    expect(res.body.code).toBe('PARTNERSHIP_LEADER_CANNOT_LEAVE');
  });

  it('hides another partnership (404) and refuses a member without the officer role (403)', async () => {
    const zabierzow = await orgId(t, 'zabierzow');
    const foreign = await admin
      .post('/partnerships', { name: unique('Obce '), leaderOrganisationId: zabierzow })
      .expect(201);
    await officer.get(`/partnerships/${foreign.body.id}`).expect(404);
    const listed = await officer.get('/partnerships?limit=200').expect(200);
    expect(listed.body.items.map((p: { id: string }) => p.id)).not.toContain(foreign.body.id);

    const demo = (await officer.get('/partnerships?q=Razem').expect(200)).body.items[0];
    const coordinator = await login(t, 'coordinator@skawina.demo');
    const denied = await coordinator
      .post(`/partnerships/${demo.id}/members`, {
        organisationId: zabierzow,
        joinedOn: '2026-12-01',
      })
      .expect(403);
    expect(denied.body.message).toMatch(/leader's procurement officers/);
    const partnerOfficer = await login(t, 'officer@liszki.demo');
    await partnerOfficer.get(`/partnerships/${demo.id}`).expect(200);
    await partnerOfficer
      .post(`/partnerships/${demo.id}/members`, {
        organisationId: zabierzow,
        joinedOn: '2026-12-01',
      })
      .expect(403);
    const outsider = await login(t, 'officer@zabierzow.demo');
    await outsider.get(`/partnerships/${demo.id}`).expect(404);
  });

  it('refuses an officer creating a partnership for another leader', async () => {
    const liszki = await orgId(t, 'liszki');
    await officer
      .post('/partnerships', { name: unique('P '), leaderOrganisationId: liszki })
      .expect(403);
  });

  it('refuses a stale version with 409', async () => {
    const created = await officer
      .post('/partnerships', { name: unique('P '), leaderOrganisationId: skawina })
      .expect(201);
    await officer
      .patch(`/partnerships/${created.body.id}`, {
        version: created.body.version,
        agreementReference: 'ZP.1',
      })
      .expect(200);
    const stale = await officer
      .patch(`/partnerships/${created.body.id}`, {
        version: created.body.version,
        agreementReference: 'ZP.2',
      })
      .expect(409);
    expect(stale.body.code).toBe('PARTNERSHIP_VERSION_CONFLICT');
  });
});
