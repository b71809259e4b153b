import { todayInWarsaw } from '../src/common/dates';
import { nipWithCheckDigit, regon9WithCheckDigit } from '../src/common/identifiers';
import { plural } from '../src/web/web-format';
import { ADMIN_FORMS } from '../src/web/web-words-admin';
import { createTestApp, login, orgId, unique, type TestApp } from './support/app';
import { textOf, titleOf, WebClient } from './support/web';

/** A checksum-valid NIP/REGON pair of its own for each organisation a test registers. */
function identifiers(seed: number): { nip: string; regon: string } {
  for (let bump = 0; bump < 20; bump += 1) {
    const prefix = `87${String(seed + bump).padStart(7, '0')}`;
    try {
      return { nip: nipWithCheckDigit(prefix), regon: regon9WithCheckDigit(prefix.slice(1)) };
    } catch {
      continue;
    }
  }
  throw new Error('no identifiers');
}

const idFrom = (location: string | undefined): string =>
  /([0-9a-f-]{36})$/.exec(location ?? '')?.[1] ?? '';

/**
 * The administration pages and /audyt over HTTP: pages in Polish for administrators only, forms
 * with the API's rules said in Polish (422 with the error summary, never a 500), review pages
 * before deactivation and revocation, CSRF, and every change readable in the audit trail with
 * its filters — by administrators and the partnership's lawyers, as `GET /audit`.
 */
describe('web pages of administrators (users, organisations, partnerships, audit trail)', () => {
  let t: TestApp;
  let admin: WebClient;
  const seed = Math.floor(Math.random() * 1_000_000);

  beforeAll(async () => {
    t = await createTestApp();
    admin = new WebClient(t, '10.13.0.1');
    await admin.signIn('admin@wspolnie.demo');
  });

  afterAll(() => t.close());

  it('shows each administration page in Polish with its title, and links it only for administrators', async () => {
    for (const [path, title] of [
      ['/administracja/uzytkownicy', 'Użytkownicy – Wspólnie'],
      ['/administracja/uzytkownicy/nowy', 'Nowe konto użytkownika – Wspólnie'],
      ['/administracja/organizacje', 'Organizacje – Wspólnie'],
      ['/administracja/organizacje/nowa', 'Rejestracja jednostki – Wspólnie'],
      ['/administracja/partnerstwa', 'Partnerstwa – Wspólnie'],
      ['/audyt', 'Rejestr zdarzeń – Wspólnie'],
    ]) {
      const res = await admin.get(path);
      expect([path, res.status]).toEqual([path, 200]);
      expect(res.text).toContain('<html lang="pl">');
      expect(titleOf(res.text)).toBe(title);
    }
    expect(admin.lastHtml).toContain('href="/administracja/uzytkownicy">Administracja</a>');

    const officer = new WebClient(t, '10.13.0.2');
    await officer.signIn('officer@skawina.demo');
    const tasks = await officer.get('/zadania');
    expect(tasks.text).not.toContain('Administracja');
    expect(tasks.text).not.toContain('href="/audyt"');
    for (const path of [
      '/administracja/uzytkownicy',
      '/administracja/organizacje',
      '/administracja/partnerstwa',
      '/audyt',
    ]) {
      const res = await officer.get(path);
      expect([path, res.status]).toEqual([path, 403]);
      expect(textOf(res.text)).toContain('Brak dostępu');
    }
    const forced = await officer.post('/administracja/organizacje', { name: 'Gmina Podszyta' });
    expect(forced.status).toBe(403);
  });

  it('refuses an administration form without a valid CSRF token', async () => {
    await admin.get('/administracja/uzytkownicy/nowy');
    const res = await admin.post('/administracja/uzytkownicy', {
      _csrf: 'forged',
      email: `${unique('csrf')}@gmina.test`,
      displayName: 'Nie Powinno Powstać',
      password: 'długie-hasło-startowe',
    });
    expect(res.status).toBe(403);
    expect(textOf(res.text)).toContain('Formularz wygasł');
  });

  it('creates an account, grants a role, revokes it after a review, resets the password and blocks the account after a review', async () => {
    const email = `${unique('adm')}@liszki.test`;
    await admin.get('/administracja/uzytkownicy/nowy');
    const bad = await admin.post('/administracja/uzytkownicy', {
      email: 'nie-adres',
      displayName: 'A',
      password: 'krótkie',
    });
    expect(bad.status).toBe(422);
    expect(titleOf(bad.text)).toMatch(/^Błąd: /);
    const badText = textOf(bad.text);
    expect(badText).toContain('Popraw błędy w formularzu');
    expect(badText).toContain('Adres e-mail: Wpisz adres e-mail w postaci nazwa@urzad.pl');
    expect(badText).toContain('Imię i nazwisko: Imię i nazwisko musi mieć od 2 do 200 znaków.');
    expect(badText).toContain('Hasło startowe: Hasło musi mieć co najmniej 12 znaków');
    expect(bad.text).toContain('href="#email"');
    expect(bad.text).toMatch(/<option value="[0-9a-f-]{36}">Gmina Liszki<\/option>/);

    const liszki = await orgId(t, 'liszki');
    const created = await admin.post('/administracja/uzytkownicy', {
      email,
      displayName: 'Zofia Próbna',
      password: 'długie-hasło-startowe',
      organisationId: liszki,
      role: 'COORDINATOR',
    });
    expect(created.status).toBe(303);
    const userId = idFrom(created.headers.location);
    expect(userId).not.toBe('');
    const page = await admin.get(`/administracja/uzytkownicy/${userId}`);
    expect(textOf(page.text)).toContain(`Utworzono konto ${email}.`);
    expect(textOf(page.text)).toContain('Gmina Liszki koordynator gminny');

    const again = await admin.post('/administracja/uzytkownicy', {
      email,
      displayName: 'Zofia Próbna',
      password: 'długie-hasło-startowe',
    });
    expect(again.status).toBe(422);
    expect(textOf(again.text)).toContain('Adres e-mail: Konto z tym adresem e-mail już istnieje.');

    const granted = await admin.post(`/administracja/uzytkownicy/${userId}/role`, {
      organisationId: liszki,
      role: 'LAWYER',
    });
    expect(granted.status).toBe(303);
    const twice = await admin.post(`/administracja/uzytkownicy/${userId}/role`, {
      organisationId: liszki,
      role: 'LAWYER',
    });
    expect(twice.status).toBe(422);
    expect(textOf(twice.text)).toContain('Ta osoba ma już tę rolę w tej jednostce.');
    const noRole = await admin.post(`/administracja/uzytkownicy/${userId}/role`, {
      organisationId: liszki,
    });
    expect(noRole.status).toBe(422);
    expect(textOf(noRole.text)).toContain('Rola: Wybierz rolę z listy.');

    const review = await admin.post(`/administracja/uzytkownicy/${userId}/role/odbierz/sprawdz`, {
      organisationId: liszki,
      role: 'LAWYER',
    });
    expect(review.status).toBe(200);
    expect(textOf(review.text)).toContain('Sprawdź przed odebraniem roli: Zofia Próbna');
    expect(textOf(review.text)).toContain('Rola radca prawny');
    const api = await login(t, 'admin@wspolnie.demo');
    const before = await api.get(`/admin/users/${userId}`).expect(200);
    expect(before.body.memberships).toHaveLength(2); // the review changed nothing
    const revoked = await admin.post(`/administracja/uzytkownicy/${userId}/role/odbierz`, {
      organisationId: liszki,
      role: 'LAWYER',
    });
    expect(revoked.status).toBe(303);
    const repeated = await admin.post(`/administracja/uzytkownicy/${userId}/role/odbierz`, {
      organisationId: liszki,
      role: 'LAWYER',
    });
    expect(repeated.status).toBe(303);
    expect(textOf((await admin.get(`/administracja/uzytkownicy/${userId}`)).text)).toContain(
      'Ta osoba nie ma tej roli; nic nie zmieniono.',
    );

    const shortPassword = await admin.post(`/administracja/uzytkownicy/${userId}/haslo`, {
      password: 'za-krótkie',
    });
    expect(shortPassword.status).toBe(422);
    expect(textOf(shortPassword.text)).toContain('Hasło startowe: Hasło musi mieć co najmniej 12');
    expect(
      (
        await admin.post(`/administracja/uzytkownicy/${userId}/haslo`, {
          password: 'nowe-długie-hasło-2026',
        })
      ).status,
    ).toBe(303);
    const person = new WebClient(t, '10.13.0.3');
    await person.signIn(email, 'nowe-długie-hasło-2026');

    const block = await admin.post(`/administracja/uzytkownicy/${userId}/dezaktywuj/sprawdz`);
    expect(block.status).toBe(200);
    expect(textOf(block.text)).toContain('Sprawdź przed zablokowaniem konta: Zofia Próbna');
    expect((await api.get(`/admin/users/${userId}`).expect(200)).body.active).toBe(true);
    expect((await admin.post(`/administracja/uzytkownicy/${userId}/dezaktywuj`)).status).toBe(303);
    expect((await api.get(`/admin/users/${userId}`).expect(200)).body.active).toBe(false);
    // The blocked person's session has ended: the next page is the sign-in form.
    const after = await person.get('/zadania');
    expect(after.status).toBe(303);
    expect(after.headers.location).toMatch(/^\/logowanie/);
    expect((await admin.post(`/administracja/uzytkownicy/${userId}/aktywuj`)).status).toBe(303);
    expect((await api.get(`/admin/users/${userId}`).expect(200)).body.active).toBe(true);

    const list = await admin.get(`/administracja/uzytkownicy?q=${encodeURIComponent(email)}`);
    expect(textOf(list.text)).toContain('Znaleziono 1 użytkownika.');
    expect(textOf(list.text)).toContain('Zofia Próbna');

    // Every change above is in the trail, filtered by the person and the event.
    const trail = await admin.get(`/audyt?jednostka=${liszki}&zdarzenie=user.role_revoked`);
    expect(trail.status).toBe(200);
    expect(textOf(trail.text)).toContain('Odebrano rolę w jednostce');
    expect(textOf(trail.text)).toContain('rola: radca prawny');
    const mine = await admin.get(`/audyt?zdarzenie=user.updated`);
    expect(textOf(mine.text)).toContain('konto zablokowane');
    expect(textOf(mine.text)).toContain('konto odblokowane');
    expect(textOf(mine.text)).toContain('ustawiono nowe hasło');
  });

  it('registers and edits an organisation, saying the NIP, REGON and TERYT rules in Polish', async () => {
    const ids = identifiers(seed);
    await admin.get('/administracja/organizacje/nowa');
    const wrong = await admin.post('/administracja/organizacje', {
      kind: 'GMINA_WIEJSKA',
      name: 'Gmina Próbna',
      nip: '1234567890',
      regon: '123456786',
      teryt: '12',
    });
    expect(wrong.status).toBe(422);
    const text = textOf(wrong.text);
    expect(text).toContain(
      'NIP: NIP ma 10 cyfr (można wpisać z kreskami lub z przedrostkiem PL), a ostatnia cyfra musi być zgodna z sumą kontrolną',
    );
    expect(text).toContain('REGON: REGON ma 9 lub 14 cyfr');
    expect(text).toContain('Kod TERYT: Kod TERYT (TERC) ma 7 cyfr dla gminy');
    expect(wrong.text).toContain('value="Gmina Próbna"'); // what was typed comes back

    const badTeryt = await admin.post('/administracja/organizacje', {
      kind: 'GMINA_WIEJSKA',
      name: 'Gmina Próbna',
      ...ids,
      teryt: '1206116',
    });
    expect(badTeryt.status).toBe(422); // well-formed, but the service's TERC rule refuses it
    expect(textOf(badTeryt.text)).toContain('Kod TERYT: Kod TERYT (TERC) ma 7 cyfr');

    const name = `Gmina ${unique('Próbna')}`;
    const ok = await admin.post('/administracja/organizacje', {
      kind: 'GMINA_WIEJSKA',
      name,
      nip: `PL ${ids.nip.slice(0, 3)}-${ids.nip.slice(3, 6)}-${ids.nip.slice(6, 8)}-${ids.nip.slice(8)}`,
      regon: ids.regon,
      teryt: '1206062',
      postalCode: '32-060',
      street: 'Rynek 1',
      city: 'Próbna Wieś',
    });
    expect(ok.status).toBe(303);
    const listed = await admin.get(`/administracja/organizacje?q=${ids.nip}`);
    expect(textOf(listed.text)).toContain(`Zarejestrowano jednostkę: ${name} (NIP ${ids.nip}).`);
    const href = new RegExp('href="(/administracja/organizacje/[0-9a-f-]{36})"').exec(
      listed.text,
    )?.[1];
    expect(href).toBeDefined();

    const taken = await admin.post('/administracja/organizacje', {
      kind: 'GMINA_WIEJSKA',
      name: `${name} druga`,
      nip: ids.nip,
      regon: identifiers(seed + 50).regon,
    });
    expect(taken.status).toBe(422);
    expect(textOf(taken.text)).toContain(
      'NIP: Ten NIP jest już zarejestrowany dla innej jednostki',
    );

    const edit = await admin.get(href!);
    expect(edit.status).toBe(200);
    const version = /name="version" value="(\d+)"/.exec(edit.text)?.[1] ?? '';
    const form = { kind: 'GMINA_WIEJSKA', name, nip: ids.nip, regon: ids.regon, version };
    const badPostal = await admin.post(href!, {
      ...form,
      postalCode: '32060',
      street: 'Rynek 1',
      city: 'X',
    });
    expect(badPostal.status).toBe(422);
    expect(textOf(badPostal.text)).toContain('Kod pocztowy: Kod pocztowy ma postać NN-NNN');
    expect((await admin.post(href!, { ...form, headName: 'Jan Próbny' })).status).toBe(303);
    const stale = await admin.post(href!, { ...form, headName: 'Ktoś Inny' });
    expect(stale.status).toBe(409);
    expect(textOf(stale.text)).toContain('W międzyczasie ktoś inny zmienił dane tej jednostki');

    const trail = await admin.get('/audyt?zdarzenie=organisation.updated');
    expect(textOf(trail.text)).toContain('Zmieniono dane jednostki');
    expect(textOf(trail.text)).toContain(name);
  });

  it('creates a partnership, records a partner joining and, after a review, leaving on a date', async () => {
    const skawina = await orgId(t, 'skawina');
    const zabierzow = await orgId(t, 'zabierzow');
    await admin.get('/administracja/partnerstwa');
    const empty = await admin.post('/administracja/partnerstwa', { name: 'X' });
    expect(empty.status).toBe(422);
    expect(textOf(empty.text)).toContain('Nazwa partnerstwa: Nazwa musi mieć od 3 do 200 znaków.');
    expect(textOf(empty.text)).toContain(
      'Lider partnerstwa: Wybierz jednostkę, która będzie liderem.',
    );
    const name = `Partnerstwo ${unique('Próbne')}`;
    const created = await admin.post('/administracja/partnerstwa', {
      name,
      leaderOrganisationId: skawina,
      agreementReference: 'RBK.031.9.2026',
    });
    expect(created.status).toBe(303);
    const id = idFrom(created.headers.location);
    const base = `/administracja/partnerstwa/${id}`;

    const first = await admin.get(base);
    expect(first.status).toBe(200);
    const version = /name="version" value="(\d+)"/.exec(first.text)?.[1] ?? '';
    const renamed = `${name} (nowa nazwa)`;
    const tooShort = await admin.post(base, { version, name: 'Ab' });
    expect(tooShort.status).toBe(422);
    expect(textOf(tooShort.text)).toContain(
      'Nazwa partnerstwa: Nazwa musi mieć od 3 do 200 znaków.',
    );
    const saved = await admin.post(base, {
      version,
      name: renamed,
      agreementSignedOn: '2026-01-10',
      invitationAcceptedBy: 'HEAD_OR_OFFICER',
    });
    expect(saved.status).toBe(303);
    const api = await login(t, 'admin@wspolnie.demo');
    const after = (await api.get(`/partnerships/${id}`).expect(200)).body;
    expect([after.name, after.agreementSignedOn, after.invitationAcceptedBy]).toEqual([
      renamed,
      '2026-01-10',
      'HEAD_OR_OFFICER',
    ]);
    const stale = await admin.post(base, { version, name: `${name} raz jeszcze` });
    expect(stale.status).toBe(422);
    expect(textOf(stale.text)).toContain('W międzyczasie ktoś inny zmienił dane tego partnerstwa');
    expect((await api.get(`/partnerships/${id}`).expect(200)).body.name).toBe(renamed);
    const badDate = await admin.post(`${base}/czlonkowie`, {
      organisationId: zabierzow,
      joinedOn: '2026-02-30',
    });
    expect(badDate.status).toBe(422);
    expect(textOf(badDate.text)).toContain('Data przystąpienia: Wpisz datę w postaci RRRR-MM-DD');
    const joined = await admin.post(`${base}/czlonkowie`, {
      organisationId: zabierzow,
      joinedOn: '2026-01-15',
    });
    expect(joined.status).toBe(303);
    const page = await admin.get(base);
    expect(textOf(page.text)).toContain(
      'Gmina Zabierzów jest członkiem partnerstwa od 15 stycznia 2026 r.',
    );

    const early = await admin.post(`${base}/czlonkowie/${zabierzow}/wystap/sprawdz`, {
      leftOn: '2025-12-31',
    });
    expect(early.status).toBe(200); // the review shows it; the service decides on commit
    const refused = await admin.post(`${base}/czlonkowie/${zabierzow}/wystap`, {
      leftOn: '2025-12-31',
    });
    expect(refused.status).toBe(422);
    expect(textOf(refused.text)).toContain(
      'Ostatni dzień członkostwa: Jednostka nie może wystąpić przed dniem, w którym przystąpiła.',
    );
    const leader = await admin.post(`${base}/czlonkowie/${skawina}/wystap`, {
      leftOn: todayInWarsaw(),
    });
    expect(leader.status).toBe(422);
    expect(textOf(leader.text)).toContain('Lider nie może wystąpić z partnerstwa');

    const review = await admin.post(`${base}/czlonkowie/${zabierzow}/wystap/sprawdz`, {
      [`leftOn-${zabierzow}`]: '2026-06-30', // the member's own field on the page
    });
    expect(review.status).toBe(200);
    expect(textOf(review.text)).toContain(
      'Sprawdź przed wystąpieniem z partnerstwa: Gmina Zabierzów',
    );
    expect(textOf(review.text)).toContain('Ostatni dzień członkostwa 30 czerwca 2026 r.');
    const left = await admin.post(`${base}/czlonkowie/${zabierzow}/wystap`, {
      leftOn: '2026-06-30',
    });
    expect(left.status).toBe(303);
    const history = textOf((await admin.get(base)).text);
    expect(history).toContain(
      'Zapisano wystąpienie z partnerstwa; ostatni dzień członkostwa: 30 czerwca 2026 r.',
    );
    expect(history).toContain('Gmina Zabierzów 15 stycznia 2026 r. 30 czerwca 2026 r.');

    // The leader's officer invites Mogilany: the page lists the invitation, not a membership.
    const officer = await login(t, 'officer@skawina.demo');
    const invited = await officer
      .post(`/partnerships/${id}/members`, {
        organisationId: await orgId(t, 'mogilany'),
        joinedOn: todayInWarsaw(),
      })
      .expect(202);
    expect(invited.body.invitation.status).toBe('PENDING');
    const withInvitation = await admin.get(base);
    expect(textOf(withInvitation.text)).toContain('Zaproszenia do partnerstwa');
    expect(withInvitation.text).toContain(`href="/zaproszenia/${invited.body.invitation.id}"`);
    expect(textOf(withInvitation.text)).toContain('czeka na odpowiedź');

    const trail = textOf((await admin.get(`/audyt?partnerstwo=${id}`)).text);
    expect(trail).toContain('Utworzono partnerstwo');
    expect(trail).toContain('Jednostka przystąpiła do partnerstwa');
    expect(trail).toContain('Jednostka wystąpiła z partnerstwa');
    expect(trail).toContain('Zaproszono jednostkę do partnerstwa');
  });

  it('filters the audit trail, refuses bad filters in Polish, and shows lawyers only their partnerships', async () => {
    const bad = await admin.get('/audyt?od=2026-13-01&postepowanie=nie-uuid');
    expect(bad.status).toBe(422);
    const badText = textOf(bad.text);
    expect(badText).toContain('Postępowanie: Wybierz postępowanie z listy.');
    expect(badText).toContain('Od dnia: Wpisz datę w postaci RRRR-MM-DD');
    expect(bad.text).toContain('href="#postepowanie"');
    const reversed = await admin.get('/audyt?od=2026-12-02&do=2026-12-01');
    expect(reversed.status).toBe(422);
    expect(textOf(reversed.text)).toContain(
      'Do dnia: Dzień końcowy nie może być wcześniejszy niż początkowy.',
    );

    // Days are Warsaw days: nothing recorded before the seed's first event, today's events today.
    const api = await login(t, 'admin@wspolnie.demo');
    const all = await api.get('/audit?limit=1&order=desc').expect(200);
    const newest = all.body.items[0] as { occurredAt: string };
    const day = new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Warsaw' }).format(
      new Date(newest.occurredAt),
    );
    const today = await api.get(`/audit?from=${day}&to=${day}&limit=1`).expect(200);
    expect(today.body.total).toBeGreaterThan(0);
    const before = await api.get('/audit?to=2000-01-01').expect(200);
    expect(before.body.total).toBe(0);

    // An event code without a Polish name is shown as it is, marked as English.
    await t.dataSource.query(
      `INSERT INTO audit_events (action, entity_type, data) VALUES ('probe.unnamed_event', 'probe', '{}')`,
    );
    const unnamed = await admin.get('/audyt?zdarzenie=probe.unnamed_event');
    expect(unnamed.status).toBe(200);
    expect(unnamed.text).toContain('<code lang="en">probe.unnamed_event</code>');

    // A lawyer reads the trail of the partnership (no account events); a coordinator may not.
    const lawyer = new WebClient(t, '10.13.0.4');
    await lawyer.signIn('lawyer@skawina.demo');
    expect((await lawyer.get('/zadania')).text).toContain('href="/audyt"');
    const seen = await lawyer.get('/audyt');
    expect(seen.status).toBe(200);
    const lawyerApi = await login(t, 'lawyer@skawina.demo');
    const scoped = await lawyerApi.get('/audit?limit=1').expect(200);
    expect(scoped.body.total).toBeGreaterThan(0);
    expect(textOf(seen.text)).toContain(
      `Znaleziono ${plural(scoped.body.total as number, ADMIN_FORMS.event)}, od najnowszych.`,
    );
    const accounts = await lawyer.get('/audyt?zdarzenie=user.created');
    expect(textOf(accounts.text)).toContain('Nie znaleziono zdarzeń.');
    expect((await lawyer.get('/administracja/uzytkownicy')).status).toBe(403);
  });
});
