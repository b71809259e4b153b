import { createTestApp, login, type Session, type TestApp } from './support/app';
import { createTender, findShare, proposeShare, type TenderBody } from './support/tenders';
import { textOf, titleOf, WebClient } from './support/web';

describe('web pages over HTTP (sessions, CSRF, access, forms)', () => {
  let t: TestApp;
  let officer: Session;
  let tender: TenderBody;
  let liszkiShareId: string;

  beforeAll(async () => {
    t = await createTestApp();
    officer = await login(t, 'officer@skawina.demo');
    tender = await createTender(officer);
    tender = await proposeShare(t, officer, tender, 1, 'liszki', '1234567.89');
    tender = await proposeShare(t, officer, tender, 1, 'mogilany', '200000.00');
    await officer
      .post(`/tenders/${tender.id}/transition`, {
        to: 'COLLECTING_SHARES',
        version: tender.version,
      })
      .expect(200);
    liszkiShareId = findShare(tender, 1, 'Gmina Liszki').id;
  });

  afterAll(() => t.close());

  it('sends an address opened without a session to sign-in, and back to it afterwards', async () => {
    const web = new WebClient(t);
    const res = await web.get(`/udzialy/${liszkiShareId}`);
    expect(res.status).toBe(303);
    expect(res.headers.location).toBe(
      `/logowanie?powrot=${encodeURIComponent(`/udzialy/${liszkiShareId}`)}`,
    );
    const signedIn = await web.signIn(
      'coordinator@liszki.demo',
      undefined,
      `/udzialy/${liszkiShareId}`,
    );
    expect(signedIn.headers.location).toBe(`/udzialy/${liszkiShareId}`);
    const cookie = String(signedIn.headers['set-cookie']);
    expect(cookie).toMatch(/wspolnie_sesja=[^;]+;.*HttpOnly/i);
    expect(cookie).toMatch(/SameSite=Lax/i);
    expect((await web.get('/')).headers.location).toBe('/zadania');
  });

  it('answers every page with 200, lang="pl" and a title', async () => {
    const web = new WebClient(t);
    await web.signIn('treasurer@liszki.demo');
    // No document is requested here: this suite runs no worker, and suites share the database.
    for (const [path, title] of [
      ['/zadania', 'Moje zadania'],
      ['/postepowania', 'Postępowania'],
      [`/postepowania/${tender.id}`, tender.lots[0] ? 'Przebudowa dróg' : ''],
      [`/postepowania/${tender.id}/dokumenty`, 'Dokumenty'],
      [`/udzialy/${liszkiShareId}`, 'Udział: Gmina Liszki'],
      ['/powiadomienia', 'Powiadomienia'],
      ['/ustawienia', 'Ustawienia'],
      ['/deklaracja-dostepnosci', 'Deklaracja dostępności'],
      ['/wyloguj', 'Wylogowanie'],
    ] as const) {
      const res = await web.get(path);
      expect({ path, status: res.status }).toEqual({ path, status: 200 });
      expect(res.text).toContain('<html lang="pl">');
      expect(titleOf(res.text)).toContain(title);
      expect(titleOf(res.text)).toMatch(/– Wspólnie$/);
    }
    const anonymous = new WebClient(t);
    for (const path of ['/logowanie', '/deklaracja-dostepnosci'])
      expect((await anonymous.get(path)).status).toBe(200);
  });

  it('shows the treasurer what is confirmed: amounts in figures and words, the legal basis', async () => {
    const web = new WebClient(t);
    await web.signIn('treasurer@liszki.demo');
    const page = textOf((await web.get(`/udzialy/${liszkiShareId}`)).text);
    expect(page).toContain('1 234 567,89 zł');
    expect(page).toContain(
      '(słownie: milion dwieście trzydzieści cztery tysiące pięćset sześćdziesiąt siedem złotych 89/100)',
    );
    expect(page).toContain('1 518 518,50 zł');
    expect(page).toContain('art. 38 ust. 1 i 2 ustawy z dnia 11 września 2019 r.');
    expect(page).toContain('Czeka na akceptację koordynatora');
    // The treasurer cannot act before the coordinator: no decision form.
    expect(page).toContain('Ten udział nie czeka teraz na Twoją decyzję.');
  });

  it('refuses a form without a valid CSRF token', async () => {
    const web = new WebClient(t);
    await web.signIn('coordinator@liszki.demo');
    await web.get(`/udzialy/${liszkiShareId}`);
    const res = await web.post(`/udzialy/${liszkiShareId}/zmiana`, {
      _csrf: 'forged',
      version: '1',
      reason: 'Kwota przekracza plan wydatków',
    });
    expect(res.status).toBe(403);
    expect(textOf(res.text)).toContain('Formularz wygasł');
    const anonymous = new WebClient(t);
    expect((await anonymous.post('/logowanie', { email: 'x@y.pl', password: 'x' })).status).toBe(
      403,
    );
  });

  it("shows 403 for another organisation's share and 404 for another partnership's tender", async () => {
    const web = new WebClient(t);
    await web.signIn('treasurer@mogilany.demo');
    const other = await web.get(`/udzialy/${liszkiShareId}`);
    expect(other.status).toBe(403);
    expect(titleOf(other.text)).toContain('Brak dostępu');
    expect(other.text).toContain('lang="pl"');
    // Zabierzów is not a member of the partnership: the tender does not exist for it.
    const outsider = new WebClient(t);
    await outsider.signIn('treasurer@zabierzow.demo');
    for (const path of [`/postepowania/${tender.id}`, `/udzialy/${liszkiShareId}`]) {
      const res = await outsider.get(path);
      expect(res.status).toBe(404);
      expect(titleOf(res.text)).toContain('Nie znaleziono strony');
    }
    expect((await outsider.get('/udzialy/nie-ma-takiego')).status).toBe(404);
  });

  it('gives bad form input back with an error summary linked to the fields, never a 500', async () => {
    const web = new WebClient(t);
    const empty = await web.post('/logowanie', {});
    expect(empty.status).toBe(403); // no CSRF secret yet: the form must come from the page
    await web.get('/logowanie');
    const res = await web.post('/logowanie', { email: 'nie-email', password: '' });
    expect(res.status).toBe(422);
    expect(res.text).toContain('class="error-summary"');
    expect(res.text).toContain('href="#email"');
    expect(res.text).toContain('href="#password"');
    expect(titleOf(res.text)).toMatch(/^Błąd: Logowanie/);

    await web.signIn('coordinator@liszki.demo');
    await web.get(`/udzialy/${liszkiShareId}`);
    const short = await web.post(`/udzialy/${liszkiShareId}/zmiana`, { version: '1', reason: 'x' });
    expect(short.status).toBe(422);
    expect(textOf(short.text)).toContain(
      'Uzasadnienie prośby o zmianę: Napisz, co i dlaczego należy zmienić (co najmniej 5 znaków).',
    );
    expect(short.text).toContain('aria-invalid="true"');
    const filter = await web.get('/postepowania?status=NIEZNANY');
    expect(filter.status).toBe(422);
    expect(textOf(filter.text)).toContain('Etap: Wybierz etap z listy.');
  });

  it('shows a wrong password as a sentence, and the limiter as the wait time (429)', async () => {
    const web = new WebClient(t, '10.9.9.9');
    await web.get('/logowanie');
    const wrong = await web.post('/logowanie', {
      email: 'head@liszki.demo',
      password: 'złe-hasło',
    });
    expect(wrong.status).toBe(401);
    expect(textOf(wrong.text)).toContain('Nieprawidłowy adres e-mail lub hasło.');
    let last = wrong;
    for (let i = 0; i < t.config.loginMaxFailures; i++)
      last = await web.post('/logowanie', { email: 'head@liszki.demo', password: 'złe-hasło' });
    expect(last.status).toBe(429);
    expect(textOf(last.text)).toMatch(/Spróbuj ponownie za \d+ minut/);
    expect(last.headers['retry-after']).toMatch(/^\d+$/);
  });

  it('records a confirmation once: a repeated submission lands on the page with its state', async () => {
    const web = new WebClient(t);
    await web.signIn('coordinator@mogilany.demo');
    const share = findShare(tender, 1, 'Gmina Mogilany');
    await web.get(`/udzialy/${share.id}`);
    const review = await web.post(`/udzialy/${share.id}/sprawdz`, {
      version: String(share.version),
    });
    expect(review.status).toBe(200);
    expect(textOf(review.text)).toContain('Sprawdź przed potwierdzeniem');
    const first = await web.post(`/udzialy/${share.id}/potwierdz`, {
      version: String(share.version),
    });
    expect(first.status).toBe(303);
    const again = await web.post(`/udzialy/${share.id}/potwierdz`, {
      version: String(share.version),
    });
    expect(again.status).toBe(303);
    const page = textOf((await web.get(`/udzialy/${share.id}`)).text);
    expect(page).toMatch(/już zapisana|zmienił ten udział/);
    const approvals = await t.dataSource.query<{ n: number }[]>(
      `SELECT count(*)::int AS n FROM share_approvals WHERE share_id = $1 AND NOT void`,
      [share.id],
    );
    expect(approvals[0].n).toBe(1);
  });

  it('ends every session of a user whose password changes', async () => {
    const web = new WebClient(t);
    await web.signIn('lawyer@czernichow.demo');
    expect((await web.get('/zadania')).status).toBe(200);
    const admin = await login(t, 'admin@wspolnie.demo');
    const users = await admin.get('/admin/users?q=lawyer@czernichow.demo').expect(200);
    const id = (users.body as { items: { id: string }[] }).items[0].id;
    await admin.patch(`/admin/users/${id}`, { password: 'wspolnie-demo' }).expect(200);
    const after = await web.get('/zadania');
    expect(after.status).toBe(303);
    expect(after.headers.location).toContain('/logowanie');
  });

  it('signs out with a POST and the session cookie stops working', async () => {
    const web = new WebClient(t);
    await web.signIn('head@mogilany.demo');
    await web.get('/zadania');
    const out = await web.post('/wyloguj');
    expect(out.headers.location).toBe('/logowanie?wylogowano=1');
    expect((await web.get('/zadania')).status).toBe(303);
  });
});
