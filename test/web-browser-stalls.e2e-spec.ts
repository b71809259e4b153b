import type { AddressInfo } from 'node:net';
import type { Browser, Page } from 'playwright-core';
import { createTestApp, DEMO_PASSWORD, login, type TestApp } from './support/app';
import { axeViolations, launchChromium, screenshot } from './support/browser';
import { collectingTender, demoPartnershipId } from './support/tenders';

// A Chromium story clicks through many pages; on a loaded CI machine one takes well over a minute.
jest.setTimeout(180_000);

/**
 * In Chromium: the leader's officer opens "Gdzie czekają decyzje" from the demo tender that
 * collects shares, follows the link to the partnership's report and submits the escalation
 * threshold wrong, then right. axe (WCAG 2.1 A/AA) on every page visited.
 */
describe('where decisions stall, in Chromium', () => {
  let t: TestApp;
  let browser: Browser;
  let base: string;
  const violations: string[] = [];

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

  it('shows what waits, per step and partner, and keeps the threshold form accessible', async () => {
    const officer = await login(t, 'officer@skawina.demo');
    const list = (await officer.get('/tenders?q=ZP.271.2.2026').expect(200)).body as {
      items: { id: string; reference: string }[];
    };
    const demo = list.items.find((i) => i.reference === 'ZP.271.2.2026');
    expect(demo).toBeDefined();
    const partnershipId = await demoPartnershipId(officer);
    const before = (await officer.get(`/partnerships/${partnershipId}`).expect(200)).body as {
      stallEscalationWorkingDays: number;
      version: number;
    };

    const page = await (await browser.newContext()).newPage();
    await page.goto(`${base}/logowanie`);
    await page.getByLabel('Adres e-mail').fill('officer@skawina.demo');
    await page.getByLabel('Hasło').fill(DEMO_PASSWORD);
    await page.getByRole('button', { name: 'Zaloguj się' }).click();
    await page.waitForURL((u) => !u.pathname.startsWith('/logowanie'));

    await page.goto(`${base}/postepowania/${demo?.id}`);
    await page.getByRole('link', { name: /Gdzie czekają decyzje partnerów/ }).click();
    await page.waitForURL(`**/postepowania/${demo?.id}/zastoje`);
    await expect(page.getByRole('heading', { level: 1 }).textContent()).resolves.toBe(
      'Gdzie czekają decyzje: ZP.271.2.2026',
    );
    // Every partner that waits now is listed, and the chart names the same partners.
    const rows = page.locator('#czeka-teraz-lista tbody tr');
    expect(await rows.count()).toBeGreaterThanOrEqual(1);
    const chart = await page.locator('#wykres-partnerzy-opis').textContent();
    for (const name of await page.locator('#czeka-teraz-lista tbody th').allTextContents())
      expect(chart).toContain(name.trim());
    await check(page, 'zastoje-postepowanie');

    await page.getByRole('link', { name: /Wszystkie postępowania partnerstwa/ }).click();
    await page.waitForURL(`**/partnerstwa/${partnershipId}/zastoje`);
    await check(page, 'zastoje-partnerstwo');

    const field = page.getByLabel('Po ilu dniach roboczych powiadomić kierownika');
    await field.fill('61');
    await page.getByRole('button', { name: 'Zapisz próg' }).click();
    await page.waitForLoadState('load');
    await expect(page.locator('#bledy').textContent()).resolves.toContain(
      'Podaj liczbę dni roboczych od 1 do 60.',
    );
    await expect(field.getAttribute('aria-invalid')).resolves.toBe('true');
    await check(page, 'zastoje-partnerstwo-blad');

    await field.fill(String(before.stallEscalationWorkingDays));
    await page.getByRole('button', { name: 'Zapisz próg' }).click();
    await page.waitForURL(`**/partnerstwa/${partnershipId}/zastoje`);
    await expect(page.getByRole('status').first().textContent()).resolves.toContain(
      'Zapisano próg eskalacji',
    );
    expect(violations).toEqual([]);
  });

  it('lists the matrix’s waiting tasks beside the shares, linked to each task, and stays accessible', async () => {
    const officer = await login(t, 'officer@skawina.demo');
    const tender = await collectingTender(t, officer);
    await officer.post(`/tenders/${tender.id}/tasks/apply-set`, {}).expect(200);
    const partnershipId = await demoPartnershipId(officer);

    const page = await (await browser.newContext()).newPage();
    await page.goto(`${base}/logowanie`);
    await page.getByLabel('Adres e-mail').fill('officer@skawina.demo');
    await page.getByLabel('Hasło').fill(DEMO_PASSWORD);
    await page.getByRole('button', { name: 'Zaloguj się' }).click();
    await page.waitForURL((u) => !u.pathname.startsWith('/logowanie'));

    await page.goto(`${base}/postepowania/${tender.id}/zastoje`);
    const tasks = page.locator('#czeka-teraz-lista tbody tr[data-task]');
    expect(await tasks.count()).toBeGreaterThanOrEqual(3);
    await expect(tasks.first().locator('td').first().textContent()).resolves.toMatch(/^Zadanie: /);
    const chart = await page.locator('#wykres-partnerzy-opis').textContent();
    for (const name of await tasks.locator('th').allTextContents())
      expect(chart).toContain(name.trim());
    await expect(
      page.getByRole('row', { name: /Zadanie z podziału zadań i odpowiedzialności/ }).count(),
    ).resolves.toBe(1);
    await check(page, 'zastoje-zadania');
    await tasks.first().getByRole('link').click();
    await page.waitForURL(/\/zadania-postepowania\/[0-9a-f-]{36}$/);
    await check(page, 'zastoje-zadanie');

    await page.goto(`${base}/partnerstwa/${partnershipId}/zastoje`);
    expect(
      await page.locator('#czeka-teraz-lista tbody tr[data-task]').count(),
    ).toBeGreaterThanOrEqual(3);
    await check(page, 'zastoje-partnerstwo-zadania');
    expect(violations).toEqual([]);
  });
});
