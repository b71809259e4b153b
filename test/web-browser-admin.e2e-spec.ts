import type { AddressInfo } from 'node:net';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { createTestApp, DEMO_PASSWORD, login, unique, type TestApp } from './support/app';
import { axeViolations, launchChromium, screenshot } from './support/browser';
import { createTender, proposeShare, type TenderBody } from './support/tenders';

/**
 * The administrator's story by clicking, in headless Chromium against the real app: a new
 * account, a role granted in one organisation, that person signing in and seeing only what the
 * role allows, the role taken away after a review page, and each change in the audit trail.
 * axe checks every page the story visits.
 */
jest.setTimeout(180_000);

describe('web application in Chromium: an administrator adds a user and grants a role', () => {
  let t: TestApp;
  let browser: Browser;
  let base: string;
  let tender: TenderBody;
  const violations: string[] = [];
  const checked = new Set<string>();
  const email = `${unique('koordynatorka')}@liszki.test`;
  const password = 'zielony rower nad Wisłą';

  /** axe on every distinct page (path without ids, and which form it shows) the story visits. */
  const check = async (page: Page) => {
    const key = new URL(page.url()).pathname.replace(/[0-9a-f-]{36}/g, ':id');
    const state = await page.locator('h1').innerText();
    if (checked.has(`${key}#${state}`)) return;
    checked.add(`${key}#${state}`);
    violations.push(...(await axeViolations(page)));
  };

  const signIn = async (context: BrowserContext, who: string, secret = DEMO_PASSWORD) => {
    const page = await context.newPage();
    await page.goto(`${base}/zadania`);
    await page.waitForURL(/\/logowanie/);
    await check(page);
    await page.getByLabel('Adres e-mail').fill(who);
    await page.getByLabel('Hasło').fill(secret);
    await page.getByRole('button', { name: 'Zaloguj się' }).click();
    await page.waitForURL((u) => !u.pathname.startsWith('/logowanie'));
    return page;
  };

  const nav = (page: Page) => page.getByRole('navigation', { name: 'Menu główne' });

  beforeAll(async () => {
    t = await createTestApp();
    await t.app.listen(0, '127.0.0.1');
    base = `http://127.0.0.1:${(t.app.getHttpServer().address() as AddressInfo).port}`;
    browser = await launchChromium();
    const officer = await login(t, 'officer@skawina.demo');
    let created: TenderBody = await createTender(officer);
    for (const [slug, amount] of [
      ['liszki', '250000.00'],
      ['mogilany', '180000.00'],
    ] as const)
      created = await proposeShare(t, officer, created, 1, slug, amount);
    await officer
      .post(`/tenders/${created.id}/transition`, {
        to: 'COLLECTING_SHARES',
        version: created.version,
      })
      .expect(200);
    tender = created;
  });

  afterAll(async () => {
    await browser?.close();
    await t?.close();
  });

  it('adds the account, grants the role, the person sees only that role, and the trail shows it', async () => {
    const adminContext = await browser.newContext({ locale: 'pl-PL' });
    const admin = await signIn(adminContext, 'admin@wspolnie.demo');
    await nav(admin).getByRole('link', { name: 'Administracja' }).click();
    await admin.waitForURL(/\/administracja\/uzytkownicy$/);
    await check(admin);
    await admin.getByRole('link', { name: 'Dodaj użytkownika' }).click();
    await admin.waitForURL(/\/administracja\/uzytkownicy\/nowy$/);
    await check(admin);

    // A wrong e-mail and a short password come back in Polish, linked from the summary.
    await admin.getByLabel('Adres e-mail').fill('zofia.liszki.test');
    await admin.getByLabel('Imię i nazwisko').fill('Zofia Nowakowska');
    await admin.getByLabel('Hasło startowe').fill('krótkie');
    await admin.getByRole('button', { name: 'Utwórz konto' }).click();
    await admin.getByRole('heading', { name: 'Popraw błędy w formularzu' }).waitFor();
    await check(admin);
    await admin
      .getByRole('link', { name: /^Hasło startowe: Hasło musi mieć co najmniej 12/ })
      .click();
    await expect(
      admin
        .getByLabel('Hasło startowe')
        .evaluate(
          (el) =>
            el ===
            (globalThis as unknown as { document: { activeElement: unknown } }).document
              .activeElement,
        ),
    ).resolves.toBe(true);

    await admin.getByLabel('Adres e-mail').fill(email);
    await admin.getByLabel('Hasło startowe').fill(password);
    await admin.getByRole('button', { name: 'Utwórz konto' }).click();
    await admin.getByRole('heading', { name: 'Konto: Zofia Nowakowska' }).waitFor();
    await expect(admin.getByRole('status').first().innerText()).resolves.toContain(
      `Utworzono konto ${email}.`,
    );
    await check(admin);

    // The role: Gmina Liszki's coordinator.
    await admin.getByLabel('Jednostka', { exact: true }).selectOption({ label: 'Gmina Liszki' });
    await admin.getByLabel('Rola', { exact: true }).selectOption({ label: 'koordynator gminny' });
    await admin.getByRole('button', { name: 'Nadaj rolę' }).click();
    await expect(admin.getByRole('status').first().innerText()).resolves.toContain(
      'Nadano rolę: Gmina Liszki – koordynator gminny.',
    );
    await screenshot(admin, 'administracja-uzytkownik');

    // She signs in and sees Liszki's share waiting for the coordinator, nothing of administration.
    const personContext = await browser.newContext({ locale: 'pl-PL' });
    const person = await signIn(personContext, email, password);
    await person.waitForURL(/\/zadania$/);
    await check(person);
    const toAccept = person.locator('section', {
      has: person.getByRole('heading', { name: 'Do akceptacji' }),
    });
    await expect(toAccept.locator('tr', { hasText: tender.reference }).count()).resolves.toBe(1);
    await expect(nav(person).getByRole('link', { name: 'Administracja' }).count()).resolves.toBe(0);
    await expect(nav(person).getByRole('link', { name: 'Rejestr zdarzeń' }).count()).resolves.toBe(
      0,
    );
    await person.goto(`${base}/administracja/uzytkownicy`);
    await person.getByRole('heading', { name: 'Brak dostępu' }).waitFor();
    await check(person);
    await person.goto(`${base}/audyt`);
    await person.getByRole('heading', { name: 'Brak dostępu' }).waitFor();

    // The administrator takes the role away after the review page; her task list empties.
    await admin
      .getByRole('button', { name: /^Odbierz rolę\W+Gmina Liszki – koordynator gminny$/ })
      .click();
    await admin.getByRole('heading', { name: /Sprawdź przed odebraniem roli/ }).waitFor();
    await check(admin);
    await admin.getByRole('button', { name: 'Odbieram rolę' }).click();
    await expect(admin.getByRole('status').first().innerText()).resolves.toContain(
      'Odebrano rolę: koordynator gminny.',
    );
    await person.goto(`${base}/zadania`);
    await expect(person.locator('tr', { hasText: tender.reference }).count()).resolves.toBe(0);

    // Both changes are in the audit trail, found with the filters.
    await nav(admin).getByRole('link', { name: 'Rejestr zdarzeń' }).click();
    await admin.waitForURL(/\/audyt$/);
    await check(admin);
    await admin.getByLabel('Kto').selectOption({ label: 'Administrator (demo)' });
    await admin.getByLabel('Zdarzenie').selectOption({ label: 'Nadano rolę w jednostce' });
    await admin.getByRole('button', { name: 'Pokaż' }).click();
    await admin.waitForURL(/zdarzenie=user\.role_granted/);
    const granted = admin.locator('tbody tr', { hasText: 'rola: koordynator gminny' });
    await expect(granted.first().innerText()).resolves.toContain('Gmina Liszki');
    await check(admin);
    await admin.getByLabel('Zdarzenie').selectOption({ label: 'Odebrano rolę w jednostce' });
    await admin.getByRole('button', { name: 'Pokaż' }).click();
    await admin.waitForURL(/zdarzenie=user\.role_revoked/);
    await expect(
      admin.locator('tbody tr', { hasText: 'rola: koordynator gminny' }).count(),
    ).resolves.toBeGreaterThan(0);
    await admin.setViewportSize({ width: 1100, height: 700 });
    await screenshot(admin, 'audyt');

    await personContext.close();
    await adminContext.close();
    expect(violations).toEqual([]);
  });

  it('refuses a wrong NIP on the registration form and reviews a partner’s leaving, by clicking; axe on each page', async () => {
    const context = await browser.newContext({ locale: 'pl-PL' });
    const admin = await signIn(context, 'admin@wspolnie.demo');
    await admin.goto(`${base}/administracja/organizacje`);
    await check(admin);
    await admin.getByRole('link', { name: 'Zarejestruj jednostkę' }).click();
    await admin.waitForURL(/\/organizacje\/nowa$/);
    await check(admin);
    await admin.getByLabel('Rodzaj jednostki').selectOption({ label: 'gmina wiejska' });
    await admin.getByLabel('Nazwa', { exact: true }).fill('Gmina Próbna');
    await admin.getByLabel('NIP').fill('123-456-78-90');
    await admin.getByLabel('REGON').fill('123456789');
    await admin.getByRole('button', { name: 'Zarejestruj jednostkę' }).click();
    await admin.getByRole('heading', { name: 'Popraw błędy w formularzu' }).waitFor();
    await expect(admin.locator('.error-summary').innerText()).resolves.toContain(
      'NIP: NIP ma 10 cyfr',
    );
    await check(admin);

    await admin.goto(`${base}/administracja/partnerstwa`);
    await check(admin);
    await admin.getByRole('link', { name: 'Razem Blisko Krakowa' }).first().click();
    await admin.waitForURL(/\/partnerstwa\/[0-9a-f-]{36}$/);
    await check(admin);
    await admin
      .getByRole('button', { name: /^Wystąpienie/ })
      .first()
      .click();
    await admin
      .getByRole('heading', { name: /Sprawdź przed wystąpieniem z partnerstwa/ })
      .waitFor();
    await check(admin);
    await admin.getByRole('link', { name: 'Wróć bez zmian' }).click();
    await admin.waitForURL(/\/partnerstwa\/[0-9a-f-]{36}$/);
    await context.close();
    expect(violations).toEqual([]);
  });
});
