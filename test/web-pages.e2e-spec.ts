import request from 'supertest';
import type { ComposedEmail } from '../src/notifications/email-composer';
import { EmailService } from '../src/notifications/email.service';
import type { MailTransport } from '../src/notifications/mail-transport';
import { NotificationsService } from '../src/notifications';
import {
  createTestApp,
  DEMO_PASSWORD,
  login,
  orgId,
  unique,
  type Session,
  type TestApp,
} from './support/app';
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

  it('switches e-mail off per kind of notification on the page and in the API (one rule), and the sender honours it', async () => {
    const email = 'coordinator@czernichow.demo';
    const api = await login(t, email);
    const bad = await api.patch('/me/preferences', { emailOptOutKinds: ['nie.ma.takiego'] });
    expect(bad.status).toBe(400);
    expect((bad.body as { errors: { field: string }[] }).errors[0].field).toMatch(
      /^emailOptOutKinds/,
    );
    const set = await api
      .patch('/me/preferences', { emailOptOutKinds: ['deadline.reminder'] })
      .expect(200);
    expect(set.body).toMatchObject({ emailOptOut: false, emailOptOutKinds: ['deadline.reminder'] });
    expect(set.body.kinds).toContainEqual({ kind: 'deadline.reminder', email: false });
    expect(set.body.kinds).toContainEqual({ kind: 'share.confirmed', email: true });

    // The page shows the API's choice and saves its own through the same service.
    const web = new WebClient(t);
    await web.signIn(email);
    const page = await web.get('/ustawienia');
    expect(page.text).toMatch(/value="share\.confirmed" checked>/);
    expect(page.text).toMatch(/value="deadline\.reminder">/);
    expect(textOf(page.text)).toContain('Przypomnienie o zbliżającym się terminie');
    const kept = (JSON.parse(JSON.stringify(set.body.kinds)) as { kind: string }[])
      .map((k) => k.kind)
      .filter((k) => k !== 'deadline.reminder' && k !== 'share.awaiting_step');
    const saved = await web.post('/ustawienia/e-mail', { email: 'tak', rodzaj: kept });
    expect(saved.status).toBe(303);
    expect(textOf((await web.get('/ustawienia')).text)).toContain(
      'Rodzaje powiadomień wysyłane tylko w systemie, bez e-maila: 2.',
    );
    const after = await api.get('/me/preferences').expect(200);
    expect(after.body.emailOptOutKinds).toEqual(['share.awaiting_step', 'deadline.reminder']);
    const wrong = await web.post('/ustawienia/e-mail', {
      email: 'tak',
      rodzaj: ['nie.ma.takiego'],
    });
    expect(wrong.status).toBe(422);
    expect(textOf(wrong.text)).toContain(
      'Rodzaje powiadomień: Zaznacz rodzaje powiadomień z listy.',
    );
    expect(wrong.text).toContain('href="#rodzaj-1"');

    // Queued only for the kinds still e-mailed…
    const czernichow = await orgId(t, 'czernichow');
    const notifications = t.app.get(NotificationsService);
    const queued = async (kind: 'share.awaiting_step' | 'share.confirmed') => {
      const title = `Kontrola rodzaju ${kind} ${Date.now()}`;
      await t.dataSource.transaction((m) =>
        notifications.notifyRole(m, czernichow, ['COORDINATOR'], {
          kind,
          title,
          body: 'Sprawdzenie preferencji e-mail.',
          link: '/zadania',
        }),
      );
      const [n] = await t.dataSource.query<{ id: string }[]>(
        `SELECT n.id FROM notifications n JOIN users u ON u.id = n.user_id
          WHERE u.email = $1 AND n.title = $2`,
        [email, title],
      );
      const jobs = await t.dataSource.query<{ n: number }[]>(
        `SELECT count(*)::int AS n FROM outbox_jobs WHERE name = 'notification.email'
            AND payload->>'notificationId' = $1`,
        [n.id],
      );
      return { id: n.id, queued: jobs[0].n };
    };
    const off = await queued('share.awaiting_step');
    const on = await queued('share.confirmed');
    expect([off.queued, on.queued]).toEqual([0, 1]);
    // …and the sender asks the rule again: a kind switched off after queueing is not sent.
    const sent: ComposedEmail[] = [];
    const sender = new EmailService(t.dataSource, t.config, {
      send: (mail: ComposedEmail) => Promise.resolve(void sent.push(mail)),
    } as unknown as MailTransport);
    await api
      .patch('/me/preferences', { emailOptOutKinds: ['share.awaiting_step', 'share.confirmed'] })
      .expect(200);
    expect(await sender.sendNotification(on.id)).toBe('skipped');
    await api.patch('/me/preferences', { emailOptOutKinds: [] }).expect(200);
    expect(await sender.sendNotification(on.id)).toBe('done');
    expect(sent).toHaveLength(1);
    const audit = await t.dataSource.query<{ n: number }[]>(
      `SELECT count(*)::int AS n FROM audit_events WHERE action = 'user.preferences_changed'
          AND entity_id = $1 AND data ? 'emailOptOutKinds'`,
      [api.userId],
    );
    expect(audit[0].n).toBeGreaterThanOrEqual(4);
  });

  it('changes the own password on Ustawienia: signed out everywhere else, this browser stays signed in', async () => {
    const email = 'head@czernichow.demo';
    const fresh = 'zielony rower nad Wisłą';
    const here = new WebClient(t, '10.9.1.1');
    await here.signIn(email);
    const elsewhere = new WebClient(t, '10.9.1.2');
    await elsewhere.signIn(email);
    const api = await login(t, email);
    await here.get('/ustawienia');

    const wrong = await here.post('/ustawienia/haslo', {
      currentPassword: 'to-nie-to-hasło',
      newPassword: fresh,
      newPasswordAgain: fresh,
    });
    expect(wrong.status).toBe(422);
    expect(textOf(wrong.text)).toContain('Obecne hasło: To nie jest Twoje obecne hasło.');
    const short = await here.post('/ustawienia/haslo', {
      currentPassword: DEMO_PASSWORD,
      newPassword: 'krótkie',
      newPasswordAgain: 'inne',
    });
    expect(short.status).toBe(422);
    expect(textOf(short.text)).toContain('Nowe hasło: Nowe hasło musi mieć co najmniej 12 znaków');
    expect(textOf(short.text)).toContain(
      'Nowe hasło (powtórz): Wpisz nowe hasło drugi raz dokładnie tak samo.',
    );
    expect(short.text).toContain('href="#newPasswordAgain"');
    const same = await here.post('/ustawienia/haslo', {
      currentPassword: DEMO_PASSWORD,
      newPassword: DEMO_PASSWORD,
      newPasswordAgain: DEMO_PASSWORD,
    });
    expect(textOf(same.text)).toContain('Nowe hasło: Nowe hasło musi być inne niż obecne.');

    const changed = await here.post('/ustawienia/haslo', {
      currentPassword: DEMO_PASSWORD,
      newPassword: fresh,
      newPasswordAgain: fresh,
    });
    expect(changed.status).toBe(303);
    expect(changed.headers.location).toBe('/ustawienia');
    const page = await here.get('/ustawienia');
    expect(page.status).toBe(200);
    expect(textOf(page.text)).toContain('Hasło zostało zmienione.');
    expect((await elsewhere.get('/zadania')).headers.location).toContain('/logowanie');
    await request(t.http)
      .post('/api/v1/auth/refresh')
      .send({ refreshToken: api.refreshToken })
      .expect(401);
    const audit = await t.dataSource.query<{ data: Record<string, unknown> }[]>(
      `SELECT data FROM audit_events WHERE action = 'auth.password_changed' AND entity_id = $1`,
      [api.userId],
    );
    expect(audit).toHaveLength(1);
    expect(audit[0].data).toMatchObject({ by: 'self' });
    // At least the two browsers here (suites before this one may have left sessions of this user).
    expect(Number(audit[0].data.webSessionsEnded)).toBeGreaterThanOrEqual(2);

    // The API's own endpoint: same rules, then the demo password back for other suites.
    const again = await login(t, email, fresh);
    const tooShort = await again.post('/auth/password', {
      currentPassword: fresh,
      newPassword: 'krótkie',
    });
    expect(tooShort.status).toBe(400);
    expect((tooShort.body as { errors: { field: string }[] }).errors[0].field).toBe('newPassword');
    await again
      .post('/auth/password', { currentPassword: 'złe-hasło', newPassword: DEMO_PASSWORD })
      .expect(400);
    await again
      .post('/auth/password', { currentPassword: fresh, newPassword: DEMO_PASSWORD })
      .expect(204);
    await request(t.http)
      .post('/api/v1/auth/refresh')
      .send({ refreshToken: again.refreshToken })
      .expect(401);
  });

  it('lets a person with several roles switch the working context; Moje zadania shows only groups with items', async () => {
    const admin = await login(t, 'admin@wspolnie.demo');
    const liszki = await orgId(t, 'liszki');
    const email = `${unique('dwie-role')}@liszki.demo`;
    const password = 'dwie-role-w-gminie-liszki';
    await admin
      .post('/admin/users', {
        email,
        displayName: 'Ewa Dwurolowa',
        password,
        memberships: [
          { organisationId: liszki, role: 'COORDINATOR' },
          { organisationId: liszki, role: 'LAWYER' },
        ],
      })
      .expect(201);
    const web = new WebClient(t);
    await web.signIn(email, password);
    const all = await web.get('/zadania');
    expect(all.text).toContain('<select id="kontekst" name="kontekst">');
    expect(textOf(all.text)).toContain('Do akceptacji');
    expect(textOf(all.text)).not.toContain('Do kontrasygnaty');
    expect(textOf(all.text)).not.toContain('Brak zadań');

    const lawyer = await web.post('/kontekst', {
      kontekst: `${liszki}:LAWYER`,
      powrot: '/zadania',
    });
    expect(lawyer.headers.location).toBe('/zadania');
    const asLawyer = textOf((await web.get('/zadania')).text);
    expect(asLawyer).toContain('Zmieniono kontekst pracy.');
    expect(asLawyer).not.toContain('Do akceptacji');
    expect(asLawyer).toMatch(/Nic nie czeka/);

    await web.post('/kontekst', { kontekst: `${liszki}:COORDINATOR`, powrot: '/zadania' });
    const asCoordinator = await web.get('/zadania');
    expect(textOf(asCoordinator.text)).toContain('Do akceptacji');
    expect(asCoordinator.text).toMatch(/<option value="[^"]+:COORDINATOR" selected>/);
    // A context not held falls back to all roles, never to more rights.
    await web.post('/kontekst', { kontekst: `${liszki}:TREASURER`, powrot: '/zadania' });
    expect(textOf((await web.get('/zadania')).text)).toContain(
      'Pokazuję zadania ze wszystkich Twoich ról.',
    );
  });

  it('names each lot once on the tender and share pages', async () => {
    const web = new WebClient(t);
    await web.signIn('coordinator@liszki.demo');
    for (const path of [`/postepowania/${tender.id}`, `/udzialy/${liszkiShareId}`]) {
      const page = textOf((await web.get(path)).text);
      expect(page).toMatch(/[Cc]zęść 1: drogi w gminach zachodnich/);
      expect(page).not.toMatch(/[Cc]zęść 1: Część 1/);
    }
  });
});
