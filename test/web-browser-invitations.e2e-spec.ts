import type { AddressInfo } from 'node:net';
import type { Browser, Page } from 'playwright-core';
import { createTestApp, DEMO_PASSWORD, login, orgId, unique, type TestApp } from './support/app';
import { axeViolations, launchChromium, screenshot } from './support/browser';
import { onDay, PUBLICATION_DAY } from './support/dates';
import { createTender, proposeShare } from './support/tenders';

// A Chromium story clicks through many pages; on a loaded CI machine one takes well over a minute.
jest.setTimeout(180_000);

/**
 * In Chromium: the invited head answers an invitation from Moje zadania (the facts, the review
 * page, acceptance), and the officer moves a saved deadline on /terminy/:id after being told the
 * earliest lawful day. axe (WCAG 2.1 A/AA) on every page visited.
 */
describe('invitations and deadline changes in Chromium', () => {
  let t: TestApp;
  let browser: Browser;
  let base: string;
  const violations: string[] = [];

  const signIn = async (email: string): Promise<Page> => {
    const page = await (await browser.newContext()).newPage();
    await page.goto(`${base}/logowanie`);
    await page.getByLabel('Adres e-mail').fill(email);
    await page.getByLabel('Hasło').fill(DEMO_PASSWORD);
    await page.getByRole('button', { name: 'Zaloguj się' }).click();
    await page.waitForURL((u) => !u.pathname.startsWith('/logowanie'));
    return page;
  };
  const check = async (page: Page, name: string) => {
    violations.push(...(await axeViolations(page)).map((v) => `${name}: ${v}`));
    await screenshot(page, name);
  };

  beforeAll(async () => {
    t = await createTestApp();
    await t.app.listen(0, '127.0.0.1');
    base = `http://127.0.0.1:${(t.app.getHttpServer().address() as AddressInfo).port}`;
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
    await t?.close();
  });

  it('lets the invited head accept from Moje zadania after a review page', async () => {
    const officer = await login(t, 'officer@skawina.demo');
    const partnership = (
      await officer
        .post('/partnerships', {
          name: unique('Partnerstwo Dolina Wisły '),
          leaderOrganisationId: await orgId(t, 'skawina'),
        })
        .expect(201)
    ).body;
    await officer
      .post(`/partnerships/${partnership.id}/members`, {
        organisationId: await orgId(t, 'zabierzow'),
        joinedOn: onDay(0),
      })
      .expect(202);

    const page = await signIn('head@zabierzow.demo');
    await page.goto(`${base}/zadania`);
    const group = page.locator('section', {
      has: page.getByRole('heading', { name: /Zaproszenia do partnerstwa/ }),
    });
    await group
      .getByRole('link', { name: /Odpowiedz na zaproszenie/ })
      .first()
      .click();
    await page.getByRole('heading', { name: /^Zaproszenie do partnerstwa/ }).waitFor();
    await check(page, 'zaproszenie');
    await page.getByRole('link', { name: 'Przejdź do przyjęcia zaproszenia' }).click();
    await page.getByRole('heading', { name: 'Sprawdź przed przyjęciem zaproszenia' }).waitFor();
    await check(page, 'zaproszenie-przyjecie');
    await page.getByRole('button', { name: /^Przyjmuję zaproszenie/ }).click();
    await page.getByRole('status').filter({ hasText: 'Przyjęto zaproszenie' }).waitFor();
    await check(page, 'zaproszenie-przyjete');
    const members = (await officer.get(`/partnerships/${partnership.id}`).expect(200)).body
      .members as { organisation: { name: string } }[];
    expect(members.map((m) => m.organisation.name)).toContain('Gmina Zabierzów');
  });

  it('tells the officer the earliest lawful day before moving a deadline', async () => {
    const officer = await login(t, 'officer@skawina.demo');
    let tender = await createTender(officer);
    tender = await proposeShare(t, officer, tender, 1, 'liszki', '500000.00');
    await officer
      .post(`/tenders/${tender.id}/schedule/apply`, { publishedOn: PUBLICATION_DAY })
      .expect(200);
    const page = await signIn('officer@skawina.demo');
    await page.goto(`${base}/postepowania/${tender.id}/harmonogram`);
    const offers = (
      (await officer.get(`/tenders/${tender.id}/deadlines?limit=100`).expect(200)).body.items as {
        id: string;
        kind: string;
      }[]
    ).find((d) => d.kind === 'OFFERS');
    await page.locator(`a[href="/terminy/${offers?.id}"]`).click();
    await page.getByRole('heading', { name: 'Zmiana terminu' }).waitFor();
    await check(page, 'termin');
    await page.getByLabel('Dzień').fill(onDay(2));
    await page.getByLabel('Godzina').fill('10:00');
    await page.getByRole('button', { name: 'Zapisz nowy termin' }).click();
    const summary = page.getByRole('alert');
    await summary.getByText(/Najwcześniejszy zgodny z prawem dzień/).waitFor();
    await check(page, 'termin-blad');
    await page.getByLabel('Dzień').fill(onDay(21));
    await page.getByRole('button', { name: 'Zapisz nowy termin' }).click();
    await page.getByRole('status').filter({ hasText: 'Zmieniono termin' }).waitFor();
    expect(violations).toEqual([]);
  });
});
