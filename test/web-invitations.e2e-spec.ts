import { createTestApp, login, orgId, unique, type Session, type TestApp } from './support/app';
import { textOf, titleOf, WebClient } from './support/web';

/**
 * Invitations to a partnership in the web application: the invited head finds it in Moje zadania,
 * reviews and accepts it, or declines it with a reason (errors in Polish, never a 500); a stale
 * form records nothing twice; others get 404.
 */
describe('web pages: invitations to a partnership', () => {
  let t: TestApp;
  let officer: Session;
  let partnershipId: string;
  const inDays = (n: number) => new Date(Date.now() + n * 86_400_000).toISOString().slice(0, 10);

  const invite = async (slug: string) =>
    (
      await officer
        .post(`/partnerships/${partnershipId}/members`, {
          organisationId: await orgId(t, slug),
          joinedOn: inDays(7),
        })
        .expect(202)
    ).body.invitation as { id: string; version: number };

  beforeAll(async () => {
    t = await createTestApp();
    officer = await login(t, 'officer@skawina.demo');
    partnershipId = (
      await officer
        .post('/partnerships', {
          name: unique('Partnerstwo Wisły '),
          leaderOrganisationId: await orgId(t, 'skawina'),
        })
        .expect(201)
    ).body.id;
  });
  afterAll(() => t.close());

  it('shows the invitation in Moje zadania; the head reviews and accepts it once', async () => {
    const invitation = await invite('zabierzow');
    const head = new WebClient(t);
    await head.signIn('head@zabierzow.demo');
    const tasks = await head.get('/zadania');
    expect(textOf(tasks.text)).toContain('Zaproszenia do partnerstwa');
    expect(tasks.text).toContain(`href="/zaproszenia/${invitation.id}"`);

    const page = await head.get(`/zaproszenia/${invitation.id}`);
    expect(page.status).toBe(200);
    expect(page.text).toContain('lang="pl"');
    expect(titleOf(page.text)).toMatch(/^Zaproszenie do partnerstwa Partnerstwo Wisły/);
    expect(textOf(page.text)).toContain('czeka na odpowiedź');

    const review = await head.get(`/zaproszenia/${invitation.id}/przyjecie`);
    expect(textOf(review.text)).toContain(
      'Przyjmuję zaproszenie w imieniu jednostki Gmina Zabierzów',
    );
    const noCsrf = await head.post(`/zaproszenia/${invitation.id}/przyjmij`, {
      _csrf: 'zly',
      version: String(invitation.version),
    });
    expect(noCsrf.status).toBe(403);
    const done = await head.post(`/zaproszenia/${invitation.id}/przyjmij`, {
      version: String(invitation.version),
    });
    expect(done.status).toBe(303);
    const after = await head.get(`/zaproszenia/${invitation.id}`);
    expect(textOf(after.text)).toContain('Gmina Zabierzów jest członkiem partnerstwa');
    expect(textOf(after.text)).toContain('przyjęte');

    // The same form sent again records nothing and lands on the current state.
    const again = await head.post(`/zaproszenia/${invitation.id}/przyjmij`, {
      version: String(invitation.version),
    });
    expect(again.status).toBe(303);
    const members = await t.dataSource.query(
      `SELECT count(*)::int AS n FROM partnership_members WHERE partnership_id = $1 AND organisation_id = $2`,
      [partnershipId, await orgId(t, 'zabierzow')],
    );
    expect(members[0].n).toBe(1);
  });

  it('declines with a reason; a short reason comes back in Polish; strangers get 404', async () => {
    const invitation = await invite('liszki');
    const head = new WebClient(t);
    await head.signIn('head@liszki.demo');
    await head.get(`/zaproszenia/${invitation.id}`);
    const short = await head.post(`/zaproszenia/${invitation.id}/odrzuc`, {
      version: String(invitation.version),
      reason: 'nie',
    });
    expect(short.status).toBe(422);
    expect(textOf(short.text)).toContain(
      'Powód odrzucenia: Napisz, dlaczego jednostka odrzuca zaproszenie (co najmniej 5 znaków).',
    );
    const declined = await head.post(`/zaproszenia/${invitation.id}/odrzuc`, {
      version: String(invitation.version),
      reason: 'Rada Gminy nie wyraziła zgody',
    });
    expect(declined.status).toBe(303);
    expect(textOf((await head.get(`/zaproszenia/${invitation.id}`)).text)).toContain('odrzucone');

    const stranger = new WebClient(t);
    await stranger.signIn('head@mogilany.demo');
    expect((await stranger.get(`/zaproszenia/${invitation.id}`)).status).toBe(404);
    // The invited organisation's officer sees it but may not answer for its head.
    const other = await invite('czernichow');
    const czOfficer = new WebClient(t);
    await czOfficer.signIn('officer@czernichow.demo');
    const view = await czOfficer.get(`/zaproszenia/${other.id}`);
    expect(view.status).toBe(200);
    expect(view.text).not.toContain('/przyjecie"');
  });
});
