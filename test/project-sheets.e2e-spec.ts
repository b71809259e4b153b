import { Session, TestApp, createTestApp, login, orgId, unique } from './support/app';
import { todayInWarsaw } from '../src/common/dates/iso-date';
import { onDay } from './support/dates';
import { demoPartnershipId, findShare, type TenderBody } from './support/tenders';

interface SheetBody {
  id: string;
  status: string;
  interestedTotalNet: string;
  tender: { id: string; reference: string } | null;
  mayConvert: boolean;
  partners: {
    organisation: { id: string; name: string };
    status: string;
    amountNet: string | null;
    headConsentOn: string | null;
    headName: string | null;
    mayRecord: boolean;
    revisions: { version: number; action: string; amountNet: string | null; recordedBy: string }[];
  }[];
}

/** Issue #14: project sheets (fiszki projektów) before a tender. */
describe('Project sheets', () => {
  let t: TestApp;
  const sessions = new Map<string, Session>();
  const as = async (email: string) => {
    if (!sessions.has(email)) sessions.set(email, await login(t, email));
    return sessions.get(email) as Session;
  };
  let partnershipId: string;
  const org: Record<string, string> = {};
  const sheetBody = (over: Record<string, unknown> = {}) => ({
    partnershipId,
    title: 'Wspólny zakup energii elektrycznej',
    need: 'Umowy na dostawę energii wygasają; wspólny zakup obniży cenę.',
    subjectKind: 'SUPPLIES',
    cpvMain: '09310000-5',
    estimatedValueNet: '900000.00',
    partnerIds: [org.czernichow, org.liszki, org.mogilany],
    plannedAnnouncementMonth: onDay(20).slice(0, 7),
    ...over,
  });

  beforeAll(async () => {
    t = await createTestApp();
    for (const slug of ['czernichow', 'liszki', 'mogilany', 'zabierzow'])
      org[slug] = await orgId(t, slug);
    partnershipId = await demoPartnershipId(await as('officer@skawina.demo'));
  }, 120000);
  afterAll(async () => {
    await t?.close();
  });

  it('turns a sheet with three interested partners into a tender with pre-filled shares', async () => {
    const author = await as('coordinator@liszki.demo');
    let sheet = (await author.post('/project-sheets', sheetBody()).expect(201)).body as SheetBody;
    expect(sheet.status).toBe('OPEN');
    expect(sheet.partners.map((p) => p.status)).toEqual(['WAITING', 'WAITING', 'WAITING']);

    // A partner's coordinator records only that partner's interest.
    await author
      .post(`/project-sheets/${sheet.id}/interests/${org.czernichow}`, { amountNet: '1.00' })
      .expect(403);
    await (
      await as('coordinator@czernichow.demo')
    )
      .post(`/project-sheets/${sheet.id}/interests/${org.czernichow}`, {
        amountNet: '300000.00',
        headConsentOn: todayInWarsaw(),
        headName: 'Wójt Gminy Czernichów',
      })
      .expect(200);
    await author
      .post(`/project-sheets/${sheet.id}/interests/${org.liszki}`, { amountNet: '200000.00' })
      .expect(200);
    // A change is a new version; the first one stays in the trail.
    await author
      .post(`/project-sheets/${sheet.id}/interests/${org.liszki}`, { amountNet: '250000.00' })
      .expect(200);
    const mogilany = await as('coordinator@mogilany.demo');
    await mogilany
      .post(`/project-sheets/${sheet.id}/interests/${org.mogilany}`, { amountNet: '100000.00' })
      .expect(200);
    await mogilany
      .post(`/project-sheets/${sheet.id}/interests/${org.mogilany}/withdraw`, {
        note: 'Brak środków',
      })
      .expect(200);
    sheet = (
      await mogilany
        .post(`/project-sheets/${sheet.id}/interests/${org.mogilany}`, { amountNet: '150000.00' })
        .expect(200)
    ).body as SheetBody;
    const liszki = sheet.partners.find((p) => p.organisation.id === org.liszki);
    expect(liszki?.revisions.map((r) => [r.action, r.amountNet])).toEqual([
      ['DECLARED', '200000.00'],
      ['CHANGED', '250000.00'],
    ]);
    const mog = sheet.partners.find((p) => p.organisation.id === org.mogilany);
    expect(mog?.revisions.map((r) => r.action)).toEqual(['DECLARED', 'WITHDRAWN', 'CHANGED']);
    const cz = sheet.partners.find((p) => p.organisation.id === org.czernichow);
    expect(cz).toMatchObject({ headConsentOn: todayInWarsaw(), headName: 'Wójt Gminy Czernichów' });
    expect(sheet.interestedTotalNet).toBe('700000.00');

    // Only the leader's officer makes the tender.
    const reference = unique('ZP.271.F');
    const convert = { reference, procedure: 'BASIC', settlementModel: 'SEPARATE_CONTRACTS' };
    await author.post(`/project-sheets/${sheet.id}/tender`, convert).expect(403);
    const officer = await as('officer@skawina.demo');
    sheet = (await officer.post(`/project-sheets/${sheet.id}/tender`, convert).expect(201))
      .body as SheetBody;
    expect(sheet.status).toBe('CONVERTED');
    expect(sheet.tender?.reference).toBe(reference);
    await officer.post(`/project-sheets/${sheet.id}/tender`, convert).expect(409);
    await mogilany
      .post(`/project-sheets/${sheet.id}/interests/${org.mogilany}`, { amountNet: '1.00' })
      .expect(409);

    const tender = (await officer.get(`/tenders/${sheet.tender?.id}`).expect(200))
      .body as TenderBody & { status: string };
    expect(tender.status).toBe('DRAFT');
    expect(tender.lots).toHaveLength(1);
    expect(findShare(tender, 1, 'Gmina Czernichów').amountNet).toBe('300000.00');
    expect(findShare(tender, 1, 'Gmina Liszki').amountNet).toBe('250000.00');
    expect(findShare(tender, 1, 'Gmina Mogilany').amountNet).toBe('150000.00');
    // The sheet is in the tender's history, and found from the tender.
    const history = await t.dataSource.query<{ action: string }[]>(
      'SELECT action FROM audit_events WHERE tender_id = $1 ORDER BY id',
      [tender.id],
    );
    expect(history.map((h) => h.action)).toContain('project_sheet.converted');
    const found = (await officer.get(`/project-sheets?tenderId=${tender.id}`).expect(200)).body as {
      items: SheetBody[];
    };
    expect(found.items.map((s) => s.id)).toEqual([sheet.id]);
  });

  it('lets only those who see the partnership read a sheet', async () => {
    const sheet = (
      await (await as('officer@skawina.demo')).post('/project-sheets', sheetBody()).expect(201)
    ).body as SheetBody;
    await (await as('head@mogilany.demo')).get(`/project-sheets/${sheet.id}`).expect(200);
    const outsider = await as('coordinator@zabierzow.demo');
    await outsider.get(`/project-sheets/${sheet.id}`).expect(404);
    const list = (await outsider.get('/project-sheets').expect(200)).body as { items: SheetBody[] };
    expect(list.items.map((s) => s.id)).not.toContain(sheet.id);
    await outsider
      .post(`/project-sheets/${sheet.id}/interests/${org.zabierzow}`, { amountNet: '1.00' })
      .expect(404);
    await outsider.post('/project-sheets', sheetBody()).expect(404);
    // A treasurer of a member writes no sheet; a sheet needs enough interest to become a tender.
    await (await as('treasurer@liszki.demo')).post('/project-sheets', sheetBody()).expect(403);
    const res = await (
      await as('officer@skawina.demo')
    )
      .post(`/project-sheets/${sheet.id}/tender`, {
        reference: unique('ZP.271.G'),
        procedure: 'BASIC',
        settlementModel: 'SEPARATE_CONTRACTS',
      })
      .expect(409);
    expect(res.body).toMatchObject({ code: 'NOT_ENOUGH_INTEREST' });
  });

  it('rejects bad input naming the field and the rule', async () => {
    const officer = await as('officer@skawina.demo');
    const fieldsOf = (body: unknown) =>
      (body as { errors: { field: string }[] }).errors.map((e) => e.field);
    let res = await officer
      .post(
        '/project-sheets',
        sheetBody({
          cpvMain: '12345678-9',
          estimatedValueNet: '-5',
          plannedAnnouncementMonth: '2027-13',
        }),
      )
      .expect(400);
    expect(fieldsOf(res.body)).toEqual(
      expect.arrayContaining(['cpvMain', 'estimatedValueNet', 'plannedAnnouncementMonth']),
    );
    res = await officer
      .post('/project-sheets', sheetBody({ partnerIds: [org.zabierzow] }))
      .expect(422);
    expect(res.body.errors).toEqual([
      expect.objectContaining({ field: 'partnerIds', rule: 'activeMember' }),
    ]);
    const sheet = (await officer.post('/project-sheets', sheetBody()).expect(201))
      .body as SheetBody;
    const coordinator = await as('coordinator@liszki.demo');
    res = await coordinator
      .post(`/project-sheets/${sheet.id}/interests/${org.liszki}`, {
        amountNet: '10.00',
        headConsentOn: onDay(5),
      })
      .expect(422);
    expect(res.body.errors).toEqual([
      expect.objectContaining({ field: 'headConsentOn', rule: 'notInFuture' }),
    ]);
    res = await coordinator
      .post(`/project-sheets/${sheet.id}/interests/${org.liszki}`, { amountNet: '1,5' })
      .expect(400);
    expect(fieldsOf(res.body)).toEqual(['amountNet']);
    await coordinator
      .post(`/project-sheets/${sheet.id}/interests/${org.liszki}/withdraw`, {})
      .expect(409);
  });
});
