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
    // The administrator records memberships decided outside the system (council resolutions).
    await admin
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
    const rejoined = await admin
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

  describe('joining needs the invited organisation’s consent', () => {
    let id: string;
    const inDays = (n: number) => new Date(Date.now() + n * 86_400_000).toISOString().slice(0, 10);
    const memberIds = async () =>
      (
        (await officer.get(`/partnerships/${id}`).expect(200)).body.members as {
          organisation: { id: string };
          leftOn: string | null;
        }[]
      )
        .filter((m) => m.leftOn === null)
        .map((m) => m.organisation.id);

    beforeAll(async () => {
      id = (
        await officer
          .post('/partnerships', { name: unique('Zaproszenia '), leaderOrganisationId: skawina })
          .expect(201)
      ).body.id;
    });

    it('invites, and only the invited head’s acceptance makes a member from the proposed day', async () => {
      const zabierzow = await orgId(t, 'zabierzow');
      const joinedOn = inDays(10);
      const sent = await officer
        .post(`/partnerships/${id}/members`, { organisationId: zabierzow, joinedOn })
        .expect(202);
      const invitation = sent.body.invitation;
      expect(invitation).toMatchObject({
        status: 'PENDING',
        organisation: { id: zabierzow, name: 'Gmina Zabierzów' },
        joinedOn,
        acceptedBy: 'HEAD',
        mayDecide: false,
      });
      expect(await memberIds()).not.toContain(zabierzow);
      const again = await officer
        .post(`/partnerships/${id}/members`, { organisationId: zabierzow, joinedOn })
        .expect(409);
      expect(again.body.code).toBe('PARTNERSHIP_INVITATION_PENDING');

      // Zabierzów's officer may not answer for its head; another municipality does not see it.
      const zOfficer = await login(t, 'officer@zabierzow.demo');
      const refused = await zOfficer
        .post(`/invitations/${invitation.id}/accept`, { version: invitation.version })
        .expect(403);
      expect(refused.body.message).toMatch(/head of Gmina Zabierzów/);
      await (await login(t, 'head@liszki.demo')).get(`/invitations/${invitation.id}`).expect(404);

      const head = await login(t, 'head@zabierzow.demo');
      const mine = (await head.get('/invitations?status=PENDING').expect(200)).body;
      expect(mine).toEqual([expect.objectContaining({ id: invitation.id, mayDecide: true })]);
      await head
        .post(`/invitations/${invitation.id}/accept`, { version: invitation.version + 1 })
        .expect(409);
      const accepted = await head
        .post(`/invitations/${invitation.id}/accept`, { version: invitation.version })
        .expect(200);
      expect(accepted.body).toMatchObject({
        status: 'ACCEPTED',
        decidedByName: expect.any(String),
      });
      const p = (await officer.get(`/partnerships/${id}`).expect(200)).body;
      expect(p.members).toEqual(
        expect.arrayContaining([
          expect.objectContaining({
            organisation: expect.objectContaining({ id: zabierzow }),
            joinedOn,
          }),
        ]),
      );
      const twice = await head
        .post(`/invitations/${invitation.id}/accept`, { version: accepted.body.version })
        .expect(409);
      expect(twice.body.code).toBe('INVITATION_ALREADY_ANSWERED');
      const events = await t.dataSource.query(
        `SELECT action FROM audit_events WHERE partnership_id = $1 AND organisation_id = $2 ORDER BY id`,
        [id, zabierzow],
      );
      expect(events.map((e: { action: string }) => e.action)).toEqual([
        'partnership.member_invited',
        'partnership.member_joined',
        'partnership.invitation_accepted',
      ]);

      // Leaving records who decided it.
      await officer
        .post(`/partnerships/${id}/members/${zabierzow}/leave`, { leftOn: inDays(20) })
        .expect(200);
      const left = (await officer.get(`/partnerships/${id}`).expect(200)).body.members.find(
        (m: { organisation: { id: string } }) => m.organisation.id === zabierzow,
      );
      expect(left).toMatchObject({ leftOn: inDays(20), leftDecidedBy: expect.any(String) });
    });

    it('lets the invited head decline with a reason, and the leader withdraw', async () => {
      const liszki = await orgId(t, 'liszki');
      const mogilany = await orgId(t, 'mogilany');
      const toLiszki = (
        await officer
          .post(`/partnerships/${id}/members`, { organisationId: liszki, joinedOn: inDays(5) })
          .expect(202)
      ).body.invitation;
      const head = await login(t, 'head@liszki.demo');
      const short = await head
        .post(`/invitations/${toLiszki.id}/decline`, { version: toLiszki.version, reason: 'nie' })
        .expect(400);
      expect(short.body.errors[0]).toMatchObject({ field: 'reason' });
      const declined = await head
        .post(`/invitations/${toLiszki.id}/decline`, {
          version: toLiszki.version,
          reason: 'Rada Gminy nie wyraziła zgody na przystąpienie',
        })
        .expect(200);
      expect(declined.body).toMatchObject({
        status: 'DECLINED',
        reason: expect.stringMatching(/Rada Gminy/),
      });
      expect(await memberIds()).not.toContain(liszki);

      const toMogilany = (
        await officer
          .post(`/partnerships/${id}/members`, { organisationId: mogilany, joinedOn: inDays(5) })
          .expect(202)
      ).body.invitation;
      const mHead = await login(t, 'head@mogilany.demo');
      await mHead
        .post(`/invitations/${toMogilany.id}/withdraw`, {
          version: toMogilany.version,
          reason: 'Zaproszenie wysłane omyłkowo',
        })
        .expect(403);
      await officer
        .post(`/invitations/${toMogilany.id}/withdraw`, {
          version: toMogilany.version,
          reason: 'Zaproszenie wysłane omyłkowo',
        })
        .expect(200);
      const late = await mHead
        .post(`/invitations/${toMogilany.id}/accept`, { version: toMogilany.version + 1 })
        .expect(409);
      expect(late.body.code).toBe('INVITATION_ALREADY_ANSWERED');
      expect(await memberIds()).not.toContain(mogilany);
    });

    it('lets the invited officer answer where the partnership’s rules say so', async () => {
      const current = (await officer.get(`/partnerships/${id}`).expect(200)).body;
      const bad = await officer
        .patch(`/partnerships/${id}`, { version: current.version, invitationAcceptedBy: 'ANYONE' })
        .expect(400);
      expect(bad.body.errors[0]).toMatchObject({ field: 'invitationAcceptedBy' });
      await officer
        .patch(`/partnerships/${id}`, {
          version: current.version,
          invitationAcceptedBy: 'HEAD_OR_OFFICER',
        })
        .expect(200);
      const czernichow = await orgId(t, 'czernichow');
      const inv = (
        await officer
          .post(`/partnerships/${id}/members`, { organisationId: czernichow, joinedOn: inDays(3) })
          .expect(202)
      ).body.invitation;
      await (
        await login(t, 'officer@czernichow.demo')
      )
        .post(`/invitations/${inv.id}/accept`, { version: inv.version })
        .expect(200);
      expect(await memberIds()).toContain(czernichow);
    });
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
