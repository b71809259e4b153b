import type { AddressInfo } from 'node:net';
import type { TestingModule } from '@nestjs/testing';
import type { Browser, Page } from 'playwright-core';
import { toWarsawIso } from '../src/common/polish-calendar';
import { Clock, ScaledClock } from '../src/schedule/clock';
import { createTestApp, DEMO_PASSWORD, login, type TestApp } from './support/app';
import { axeViolations, launchChromium, screenshot } from './support/browser';
import { renderAgreement } from './support/documents';
import { openOffers, publishLawfully, transition } from './support/procedure';
import { confirmAll, createTender, proposeShare, type TenderBody } from './support/tenders';
import { startWorker } from './support/worker';

// A Chromium story clicks through many pages; on a loaded CI machine one takes well over a minute.
jest.setTimeout(180_000);

/**
 * The officer in Chromium: from the tender to its procedure, enters two offers in lot 1 (the
 * first with a wrong NIP, corrected from the error summary), sees the ranking the service
 * computes, opens the rejection and cancellation forms up to their review page. axe (WCAG 2.1
 * A/AA) on every procedure page visited.
 */
describe('procedure pages in Chromium: an offer entered, the ranking shown', () => {
  let t: TestApp;
  let worker: TestingModule;
  let browser: Browser;
  let base: string;
  let tender: TenderBody;
  let receivedAt: { date: string; time: string };
  const clock = new ScaledClock(new Date(), 1);
  const violations: string[] = [];
  const visited = new Set<string>();

  const check = async (page: Page, state: string) => {
    visited.add(`${new URL(page.url()).pathname.replace(/[0-9a-f-]{36}/g, ':id')}#${state}`);
    violations.push(...(await axeViolations(page)));
  };

  beforeAll(async () => {
    t = await createTestApp((b) => b.overrideProvider(Clock).useValue(clock));
    await t.app.listen(0, '127.0.0.1');
    base = `http://127.0.0.1:${(t.app.getHttpServer().address() as AddressInfo).port}`;
    worker = await startWorker();
    browser = await launchChromium();
    const officer = await login(t, 'officer@skawina.demo');
    tender = await createTender(officer);
    tender = await proposeShare(t, officer, tender, 1, 'skawina', '700000.00');
    tender = await proposeShare(t, officer, tender, 1, 'czernichow', '300000.00');
    tender = await proposeShare(t, officer, tender, 2, 'liszki', '300000.00');
    tender = await transition(officer, tender.id, 'COLLECTING_SHARES');
    tender = await confirmAll(t, tender, (email) => login(t, email));
    tender = await transition(officer, tender.id, 'READY');
    await renderAgreement(officer, tender.id);
    // Published in the clock's past, so the offers deadline is behind when the clock comes back.
    await publishLawfully(officer, tender, { clock, daysAgo: 90 });
    await openOffers(officer, tender, clock);
    const deadlines = (await officer.get(`/tenders/${tender.id}/deadlines?limit=100`).expect(200))
      .body.items as { kind: string; dueAt: string }[];
    const due = new Date(deadlines.find((d) => d.kind === 'OFFERS')?.dueAt ?? 0);
    const iso = toWarsawIso(new Date(due.getTime() - 2 * 3_600_000));
    receivedAt = { date: iso.slice(0, 10), time: iso.slice(11, 16) };
  });

  afterAll(async () => {
    clock.travel(new Date());
    await browser?.close();
    await worker?.close();
    await t?.close();
  });

  const enterOffer = async (page: Page, o: Record<string, string>) => {
    const form = page.locator('form[action$="/oferty"]');
    await form.getByLabel('Wykonawca (nazwa)').fill(o.name);
    await form.getByLabel('NIP wykonawcy').fill(o.nip);
    await form.getByLabel('Adres wykonawcy').fill('ul. Krakowska 12, 32-050 Skawina');
    await form.getByLabel('Cena netto (zł)').fill(o.net);
    await form.getByLabel('Cena brutto (zł)').fill(o.gross);
    await form.getByLabel(/Okres gwarancji jakości/).fill(o.warranty);
    await form.getByLabel('Dzień złożenia').fill(receivedAt.date);
    await form.getByLabel('Godzina złożenia').fill(receivedAt.time);
    await form.getByRole('button', { name: 'Zapisz ofertę' }).click();
  };

  it('enters offers in lot 1 and shows the ranking; the legal acts have their review pages', async () => {
    const context = await browser.newContext();
    const page = await context.newPage();
    await page.goto(`${base}/logowanie`);
    await page.getByLabel('Adres e-mail').fill('officer@skawina.demo');
    await page.getByLabel('Hasło').fill(DEMO_PASSWORD);
    await page.getByRole('button', { name: 'Zaloguj się' }).click();
    await page.waitForURL((u) => !u.pathname.startsWith('/logowanie'));

    await page.goto(`${base}/postepowania/${tender.id}`);
    await page.getByRole('link', { name: /^Procedura: ogłoszenie, komisja/ }).click();
    await page.getByRole('heading', { name: /^Procedura: / }).waitFor();
    await check(page, 'overview');
    await page.getByRole('link', { name: /^Część 1/ }).click();
    await page.getByRole('heading', { name: 'Zapisz ofertę złożoną na platformie' }).waitFor();
    await check(page, 'lot');

    // A wrong NIP: the error summary links to the field; corrected, the offer is recorded.
    await enterOffer(page, {
      name: 'Drogbud Sp. z o.o.',
      nip: '1234567890',
      net: '1 000 000,00',
      gross: '1 230 000,00',
      warranty: '36',
    });
    const summary = page.getByRole('alert').filter({ hasText: 'Popraw błąd' });
    await summary.waitFor();
    await check(page, 'offer-error');
    await summary.getByRole('link', { name: /NIP wykonawcy/ }).click();
    await page.locator('form[action$="/oferty"]').getByLabel('NIP wykonawcy').fill('856-734-62-15');
    await page.locator('form[action$="/oferty"]').getByRole('button').click();
    await page.getByText('Zapisano ofertę: Drogbud Sp. z o.o.').waitFor();
    const ranking = page.locator('section', {
      has: page.getByRole('heading', { name: 'Ocena ofert' }),
    });
    await expect(ranking.locator('tbody tr').count()).resolves.toBe(1);
    await check(page, 'one-offer');

    await enterOffer(page, {
      name: 'Asfalt-Pol S.A.',
      nip: '7770020640',
      net: '1 100 000,00',
      gross: '1 353 000,00',
      warranty: '60',
    });
    await page.getByText('Zapisano ofertę: Asfalt-Pol S.A.').waitFor();
    const rows = await ranking.locator('tbody tr').allInnerTexts();
    expect(rows.map((r) => r.replace(/\s+/g, ' ').trim())).toEqual([
      '1 ★ najkorzystniejsza nr 2, Asfalt-Pol S.A. 54,55 40,00 94,55',
      '2 nr 1, Drogbud Sp. z o.o. 60,00 24,00 84,00',
    ]);
    await check(page, 'ranking');
    await screenshot(page, 'procedura-czesc');

    // Rejection: the form, then the review page says what will be recorded; back without it.
    await page.getByRole('link', { name: 'Odrzuć ofertę nr 1…' }).click();
    await page.getByLabel('Podstawa odrzucenia: art. 226 ust. 1 Pzp').selectOption('10');
    await page
      .getByLabel('Uzasadnienie faktyczne')
      .fill('Błąd w obliczeniu ceny w pozycji 12 kosztorysu.');
    await check(page, 'reject-form');
    await page.getByRole('button', { name: 'Dalej: sprawdź' }).click();
    await page
      .getByRole('heading', { name: /^Sprawdź przed zapisaniem: Odrzucenie oferty nr 1/ })
      .waitFor();
    await check(page, 'reject-review');
    await page.getByRole('link', { name: 'Wróć bez zmian' }).click();
    await page.getByRole('link', { name: 'Unieważnij postępowanie w tej części…' }).click();
    await page.getByRole('heading', { name: /^Unieważnienie postępowania w części 1/ }).waitFor();
    await check(page, 'cancel-form');
    await page.goto(`${base}/postepowania/${tender.id}/procedura`);
    await screenshot(page, 'procedura');
    await context.close();
  });

  it('finds no WCAG 2.1 A/AA violations on any procedure page visited', () => {
    expect(visited.size).toBe(8);
    expect(violations).toEqual([]);
  });
});
