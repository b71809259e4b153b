import type { AddressInfo } from 'node:net';
import type { TestingModule } from '@nestjs/testing';
import type { Browser, Page } from 'playwright-core';
import { todayInWarsaw } from '../src/common/dates/iso-date';
import {
  createTestApp,
  DEMO_PASSWORD,
  login,
  unique,
  type Session,
  type TestApp,
} from './support/app';
import { axeViolations, launchChromium, screenshot } from './support/browser';
import { onDay, PUBLICATION_DAY } from './support/dates';
import { CRITERIA } from './support/procedure';
import { confirmAll, demoPartnershipId, type TenderBody } from './support/tenders';
import { drainBacklog, startWorker } from './support/worker';

/**
 * The leader's officer's story by clicking, in headless Chromium against the real app and worker:
 * Nowe postępowanie with two lots and the shares of three partners (the regime moves to the
 * national procedure when a share crosses the threshold, on Przelicz), the created tender's next
 * step reviewed and taken, the partners' chains (through the API: they are the partners' story),
 * the shares closed, the schedule applied from today, the agreement requested and READY without a
 * reload, a share's amount change reviewed (the READY agreement named as outdated) and left, and
 * the tender published. axe (WCAG 2.1 A/AA) on every page visited: 0 violations.
 */
describe("the leader's officer's story, in Chromium", () => {
  let t: TestApp;
  let worker: TestingModule;
  let browser: Browser;
  let base: string;
  const violations: string[] = [];
  const visited = new Set<string>();
  let page: Page;
  let officer: Session;
  let tenderId = '';

  const check = async (page: Page, name: string) => {
    visited.add(name);
    violations.push(...(await axeViolations(page)).map((v) => `${name}: ${v}`));
    await screenshot(page, `officer-${name}`);
  };

  beforeAll(async () => {
    t = await createTestApp();
    await t.app.listen(0, '127.0.0.1');
    base = `http://127.0.0.1:${(t.app.getHttpServer().address() as AddressInfo).port}`;
    worker = await startWorker({ REMINDER_SWEEP_EVERY_MS: '300' });
    await drainBacklog(worker);
    browser = await launchChromium();
  });

  afterAll(async () => {
    await browser?.close();
    await worker?.close();
    await t?.close();
  });

  /** The next step of the tender, reviewed before it is taken. */
  const step = async (action: string, name: string) => {
    await page.getByRole('button', { name: `${action}…` }).click();
    await page.getByRole('heading', { name: `Sprawdź przed zmianą etapu: ${action}` }).waitFor();
    await check(page, name);
    await page.getByRole('button', { name: action, exact: true }).click();
    await page.waitForURL(/\/postepowania\/[0-9a-f-]{36}$/);
    await page
      .getByRole('status')
      .filter({ hasText: 'Postępowanie jest teraz na etapie' })
      .waitFor();
  };

  it('creates a tender with two lots and three partners in Nowe postępowanie, the regime following the value', async () => {
    officer = await login(t, 'officer@skawina.demo');
    const partnershipId = await demoPartnershipId(officer);
    const reference = unique('ZP.271.');
    page = await (await browser.newContext()).newPage();
    await page.goto(`${base}/logowanie`);
    await page.getByLabel('Adres e-mail').fill('officer@skawina.demo');
    await page.getByLabel('Hasło').fill(DEMO_PASSWORD);
    await page.getByRole('button', { name: 'Zaloguj się' }).click();
    await page.waitForURL((u) => !u.pathname.startsWith('/logowanie'));

    // Nowe postępowanie, step 1: the basics, the main CPV code picked from the search.
    await page.getByRole('link', { name: 'Postępowania', exact: true }).first().click();
    await page.getByRole('link', { name: /Nowe postępowanie/ }).click();
    await page.waitForURL('**/postepowania/nowe');
    await check(page, 'nowe-podstawy');
    await page.getByLabel('Partnerstwo').selectOption(partnershipId);
    await page.getByLabel('Znak sprawy').fill(reference);
    await page.getByLabel('Nazwa zamówienia').fill('Przebudowa dróg gminnych w trzech gminach');
    await page.getByLabel('Rodzaj zamówienia').selectOption('WORKS');
    await page.getByLabel('Tryb udzielenia zamówienia').selectOption('BASIC');
    await page
      .getByLabel('Sposób rozliczenia między partnerami')
      .selectOption('SEPARATE_CONTRACTS');
    await page.getByLabel('Szukaj w słowniku CPV').fill('45233140');
    await page.getByRole('button', { name: 'Szukaj kodu CPV' }).click();
    await page.getByRole('button', { name: 'Jako główny 45233140-2' }).click();
    await expect(page.getByLabel('Główny kod CPV').inputValue()).resolves.toBe('45233140-2');
    await page.getByLabel('Nazwa kodu CPV w języku polskim').fill('Roboty drogowe');
    await page.getByLabel('Termin potwierdzenia udziałów: dzień').fill(onDay(-3));
    await page.getByLabel('Termin potwierdzenia udziałów: godzina').fill('15:00');
    await page.getByLabel('Planowane wszczęcie postępowania').fill(PUBLICATION_DAY);
    await page.getByRole('button', { name: 'Zapisz i przejdź do części' }).click();

    // Step 2: two lots.
    await page.waitForURL('**/postepowania/nowe/czesci');
    await page.locator('#tytul-0').fill('Drogi w gminach zachodnich');
    await page.getByRole('button', { name: 'Dodaj część' }).click();
    await page.locator('#tytul-1').waitFor();
    await page.locator('#numer-1').fill('2');
    await page.locator('#tytul-1').fill('Drogi w gminach południowych');
    await check(page, 'nowe-czesci');
    await page.getByRole('button', { name: 'Zapisz i przejdź do udziałów' }).click();

    // Step 3: the shares of three partners; the regime follows the value on Przelicz.
    await page.waitForURL('**/postepowania/nowe/udzialy');
    const lot = (n: number) => page.getByRole('group', { name: new RegExp(`^Część ${n}`) });
    const amount = (n: number, partner: string) =>
      lot(n).getByLabel(`${partner}: kwota netto w zł`);
    await amount(1, 'Gmina Liszki').fill('60 000,00');
    await amount(1, 'Gmina Czernichów').fill('50 000,00');
    await amount(2, 'Gmina Mogilany').fill('40 000,00');
    await page.getByRole('button', { name: 'Przelicz' }).click();
    await expect(page.locator('#rezim').textContent()).resolves.toBe(
      'poniżej progu stosowania ustawy (art. 2 ust. 1 pkt 1 Pzp)',
    );
    await check(page, 'nowe-udzialy-ponizej-progu');
    await amount(2, 'Gmina Mogilany').fill('70 000,00');
    await page.getByRole('button', { name: 'Przelicz' }).click();
    await expect(page.locator('#rezim').textContent()).resolves.toBe(
      'poniżej progów unijnych (procedura krajowa)',
    );
    await expect(page.getByRole('status').first().textContent()).resolves.toContain(
      'Razem: 180 000,00 zł netto',
    );
    await check(page, 'nowe-udzialy-prog-krajowy');
    await page.getByRole('button', { name: 'Zapisz i sprawdź odpowiedzi' }).click();

    // Step 4: check the answers, create.
    await page.waitForURL('**/postepowania/nowe/sprawdz');
    await check(page, 'nowe-sprawdz');
    await page.getByRole('button', { name: 'Utwórz postępowanie' }).click();
    await page.waitForURL(/\/postepowania\/[0-9a-f-]{36}$/);
    tenderId = new URL(page.url()).pathname.split('/').pop() ?? '';
    const tender = (await officer.get(`/tenders/${tenderId}`).expect(200)).body as TenderBody;
    expect(tender).toMatchObject({ reference, status: 'DRAFT', regime: 'NATIONAL' });
    expect(tender.valueNet).toBe('180000.00');
    expect(tender.lots.map((l) => l.shares.length)).toEqual([2, 1]);
    await check(page, 'postepowanie-projekt');
  }, 180_000);

  it('collects and closes the shares, and applies the schedule from today', async () => {
    await step('Rozpocznij zbieranie udziałów', 'etap-zbieranie');

    // The partners' coordinators, treasurers and heads confirm (their own story, web-browser).
    let tender = (await officer.get(`/tenders/${tenderId}`).expect(200)).body as TenderBody;
    await confirmAll(t, tender, (email) => login(t, email));
    await page.reload();
    await check(page, 'postepowanie-udzialy-potwierdzone');
    await step('Zamknij zbieranie udziałów', 'etap-gotowe');

    // The procedure's data publication needs (its own pages are web-procedure-browser's).
    tender = (await officer.get(`/tenders/${tenderId}`).expect(200)).body as TenderBody;
    for (const l of tender.lots)
      await officer.put(`/lots/${l.id}/criteria`, { criteria: CRITERIA }).expect(200);
    const now = new Date();
    await officer
      .post(`/tenders/${tenderId}/notices`, {
        type: 'CONTRACT_NOTICE',
        medium: 'BZP',
        number: `2027/BZP 00${String(now.getTime()).slice(-6)}/01`,
        publishedAt: new Date(now.getTime() - 60_000).toISOString(),
      })
      .expect(200);

    // Harmonogram from today's publication, applied.
    await page.getByRole('link', { name: /^Harmonogram: terminy ustawowe/ }).click();
    await page.waitForURL(`**/postepowania/${tenderId}/harmonogram**`);
    await page.getByLabel('Dzień publikacji ogłoszenia').fill(todayInWarsaw());
    await page.getByRole('button', { name: 'Pokaż terminy od tego dnia' }).click();
    await page.getByRole('button', { name: /Zastosuj harmonogram od/ }).waitFor();
    await check(page, 'harmonogram');
    await page.getByRole('button', { name: /Zastosuj harmonogram od/ }).click();
    await page.getByRole('status').first().waitFor();
    await check(page, 'harmonogram-zastosowany');
  }, 180_000);

  it('requests the agreement, sees it ready, reviews what a share change would outdate, and publishes', async () => {
    // The agreement: requested, READY without a reload (the page polls the status).
    await page.goto(`${base}/postepowania/${tenderId}`);
    await page.getByRole('link', { name: 'Wszystkie dokumenty postępowania' }).click();
    await page.getByLabel('Rodzaj dokumentu').selectOption('AGREEMENT');
    await page.getByRole('button', { name: 'Zleć przygotowanie' }).click();
    await page.getByRole('status').filter({ hasText: 'Zlecono przygotowanie' }).waitFor();
    await page
      .getByRole('link', { name: /Pobierz PDF\s*: Porozumienie/ })
      .first()
      .waitFor({ state: 'visible', timeout: 60000 });
    await check(page, 'dokumenty-porozumienie-gotowe');

    // A change of a share now would outdate the agreement: the review says so; leave it.
    await page.goto(`${base}/postepowania/${tenderId}`);
    await page.getByRole('link', { name: /Zmień kwotę udziału: Gmina Mogilany/ }).click();
    await check(page, 'udzial-kwota');
    await page.getByLabel('Kwota netto (zł)').fill('200 000,00');
    await page.getByLabel('Uzasadnienie').fill('Uchwała Rady Gminy Mogilany zwiększająca wydatki');
    await page.getByRole('button', { name: 'Dalej: sprawdź skutki' }).click();
    await page.getByRole('heading', { name: 'Sprawdź przed zmianą kwoty udziału' }).waitFor();
    const effects = (await page.locator('#skutki').locator('..').textContent()) ?? '';
    expect(effects).toContain('Porozumienie, wersja 1');
    expect(effects).toContain(
      'Postępowanie wróci z etapu „Gotowe do ogłoszenia” do zbierania udziałów.',
    );
    await check(page, 'udzial-kwota-sprawdz');
    await page.getByRole('link', { name: 'Wróć bez zmian' }).click();
    await page.waitForURL(/\/postepowania\/[0-9a-f-]{36}#czesci$/);

    await step('Ogłoś postępowanie', 'etap-ogloszenie');
    const tender = (await officer.get(`/tenders/${tenderId}`).expect(200)).body as TenderBody;
    expect(tender.status).toBe('PUBLISHED');
    expect(tender.valueNet).toBe('180000.00');
    await check(page, 'postepowanie-ogloszone');
  }, 180_000);

  it('finds no WCAG 2.1 A/AA violations on any page the story visited', () => {
    expect(visited.size).toBeGreaterThanOrEqual(16);
    expect(violations).toEqual([]);
  });
});
