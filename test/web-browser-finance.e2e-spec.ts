import type { TestingModule } from '@nestjs/testing';
import { readFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import type { Browser, Page } from 'playwright-core';
import { warsawDate } from '../src/common/polish-calendar/calendar';
import { Clock, ScaledClock } from '../src/schedule/clock';
import { createTestApp, DEMO_PASSWORD, login, type Session, type TestApp } from './support/app';
import { join } from 'node:path';
import { axeViolations, launchChromium, SCREENSHOT_DIR, screenshot } from './support/browser';
import { awardedTender, DROGBUD } from './support/procedure';
import type { TenderBody } from './support/tenders';
import { startWorker } from './support/worker';

jest.setTimeout(300_000);

const DAY = 86_400_000;

/**
 * The finance half of the leader's story by clicking, in headless Chromium against the real app,
 * worker, PostgreSQL and Redis: from an awarded tender under the leader's contract, the treasurer
 * records the contract, an invoice (the split previewed on the review page is the one saved), an
 * advance paid with its bank reference, a subsidy settled with its refund; then reads the
 * settlement (chart and table) and downloads the CSV. axe checks every page visited.
 */
describe('web application in Chromium: the leader records the finance of a tender', () => {
  let t: TestApp;
  let worker: TestingModule;
  let browser: Browser;
  let base: string;
  let tender: TenderBody;
  let officer: Session;
  const clock = new ScaledClock(new Date(), 1);
  const sessions = new Map<string, Session>();
  const as = async (email: string): Promise<Session> => {
    let s = sessions.get(email);
    if (!s) {
      s = await login(t, email);
      sessions.set(email, s);
    }
    return s;
  };
  const violations: string[] = [];
  const checked = new Set<string>();
  const day = (offset: number) => warsawDate(new Date(clock.now().getTime() + offset * DAY));

  /** axe on every distinct page (path without ids, and whether it is a review page). */
  const check = async (page: Page) => {
    const url = new URL(page.url());
    const review = await page.getByRole('heading', { name: /^Sprawdź przed zapisaniem/ }).count();
    const key = `${url.pathname.replace(/[0-9a-f-]{36}/g, ':id')}#${review}`;
    if (checked.has(key)) return;
    checked.add(key);
    violations.push(...(await axeViolations(page)));
  };

  beforeAll(async () => {
    t = await createTestApp((b) => b.overrideProvider(Clock).useValue(clock));
    await t.app.listen(0, '127.0.0.1');
    base = `http://127.0.0.1:${(t.app.getHttpServer().address() as AddressInfo).port}`;
    worker = await startWorker({ PUBLIC_URL: base });
    officer = await as('officer@skawina.demo');
    tender = await awardedTender(t, as, clock, {
      settlementModel: 'LEADER_CONTRACT',
      lots: [
        { number: 1, title: 'Część 1: drogi w Skawinie, Czernichowie i Liszkach', vatRate: 23 },
      ],
      shares: [
        [1, 'skawina', '1200000.00'],
        [1, 'czernichow', '450000.00'],
        [1, 'liszki', '385000.00'],
      ],
      awards: [{ ...DROGBUD, amountNet: '1950000.00' }],
    });
    browser = await launchChromium();
  }, 240_000);

  afterAll(async () => {
    await browser?.close();
    await worker?.close();
    await t?.close();
  });

  /** From Finanse: opens a form by its link, fills it, reviews (checked by axe), confirms. */
  async function recordThrough(
    page: Page,
    open: (page: Page) => Promise<void>,
    fill: (page: Page) => Promise<void>,
    confirm: string,
    onReview?: (page: Page) => Promise<void>,
  ): Promise<void> {
    await page.goto(`${base}/postepowania/${tender.id}/finanse`);
    await check(page);
    await open(page);
    await page.getByRole('button', { name: 'Sprawdź przed zapisaniem' }).waitFor();
    await check(page);
    await fill(page);
    await page.getByRole('button', { name: 'Sprawdź przed zapisaniem' }).click();
    await page.getByRole('heading', { name: /^Sprawdź przed zapisaniem/ }).waitFor();
    await check(page);
    if (onReview) await onReview(page);
    await page.getByRole('button', { name: confirm }).click();
    await page.waitForURL(/\/finanse$/);
    await page.locator('.flash--success').waitFor();
    await check(page);
  }

  const link = (name: string) => async (page: Page) =>
    page.getByRole('link', { name, exact: true }).click();
  const rowLink = (kind: string, organisation: string, name: string) => async (page: Page) =>
    page
      .locator('section[aria-labelledby="platnosci"] tbody tr')
      .filter({ hasText: kind })
      .filter({ hasText: organisation })
      .filter({ has: page.getByRole('link', { name, exact: true }) })
      .first()
      .getByRole('link', { name, exact: true })
      .click();
  const markPaid = (reference: string) => async (page: Page) => {
    await page.getByLabel('Data zapłaty').fill(day(0));
    await page.getByLabel('Numer referencyjny przelewu').fill(reference);
  };

  it('records a contract, an invoice with its previewed split, an advance and a subsidy with its refund, then reads the settlement', async () => {
    const context = await browser.newContext({ acceptDownloads: true });
    const page = await context.newPage();
    await page.goto(`${base}/postepowania/${tender.id}`);
    await page.waitForURL(/\/logowanie/);
    await page.getByLabel('Adres e-mail').fill('treasurer@skawina.demo');
    await page.getByLabel('Hasło').fill(DEMO_PASSWORD);
    await page.getByRole('button', { name: 'Zaloguj się' }).click();
    await page.waitForURL(new RegExp(`/postepowania/${tender.id}$`));
    await check(page);
    await page.getByRole('link', { name: /^Finanse: umowy, faktury/ }).click();
    await page.waitForURL(/\/finanse$/);

    // The leader's contract of lot 1.
    await recordThrough(
      page,
      link('Zapisz umowę z wykonawcą'),
      async (p) => {
        await p.getByLabel('Część zamówienia').selectOption({ index: 1 });
        await p.getByLabel('Wykonawca (nazwa)').fill(DROGBUD.contractorName);
        await p.getByLabel('NIP wykonawcy').fill(DROGBUD.contractorNip);
        await p.getByLabel('Kwota netto').fill('1 950 000,00');
        await p.getByLabel('Kwota brutto').fill('2 398 500,00');
        await p.getByLabel('Data zawarcia').fill(day(0));
      },
      'Zapisuję umowę',
    );

    // An invoice: the review page shows the split; the same split is saved.
    let previewed: { organisationId: string; net: string; vat: string; gross: string }[] = [];
    const number = `FV/2027/04/${tender.id.slice(0, 8)}`;
    await recordThrough(
      page,
      link('Zapisz fakturę wykonawcy'),
      async (p) => {
        await p.getByLabel('Część zamówienia').selectOption({ index: 1 });
        await p.getByLabel('Numer faktury').fill(number);
        await p.getByLabel('NIP wykonawcy').fill(DROGBUD.contractorNip);
        await p.getByLabel('Data wystawienia').fill(day(0));
        await p.getByLabel('Termin płatności').fill(day(30));
        await p.getByLabel('Kwota netto').fill('100000,00');
        await p.getByLabel('Kwota VAT').fill('23000,00');
        await p.getByLabel('Kwota brutto').fill('123000,00');
      },
      'Zapisuję fakturę z tym podziałem',
      async (p) => {
        const rows = p.locator('#podzial-faktury tbody tr');
        previewed = await rows.evaluateAll((trs) =>
          trs.map((tr) => {
            const d = (tr as unknown as { dataset: Record<string, string> }).dataset;
            return { organisationId: d.organisation, net: d.net, vat: d.vat, gross: d.gross };
          }),
        );
        await p.getByRole('cell', { name: '27 199,02 zł' }).waitFor();
      },
    );
    expect(previewed.map((r) => r.gross)).toEqual(['27199.02', '23270.27', '72530.71']);
    const [invoice] = (await officer.get(`/tenders/${tender.id}/invoices`).expect(200)).body as {
      allocations: { organisationId: string; net: string; vat: string; gross: string }[];
    }[];
    expect(
      invoice.allocations.map(({ organisationId, net, vat, gross }) => ({
        organisationId,
        net,
        vat,
        gross,
      })),
    ).toEqual(previewed);
    await page.getByRole('table', { name: new RegExp(`Podział faktury ${number}`) }).waitFor();

    // Czernichów's advance, scheduled and marked paid with the bank reference.
    await recordThrough(
      page,
      link('Zaplanuj zaliczkę partnera'),
      async (p) => {
        await p.getByLabel('Partner', { exact: true }).selectOption({ label: 'Gmina Czernichów' });
        await p.getByLabel('Kwota', { exact: true }).fill('27199,02');
        await p.getByLabel('Termin płatności').fill(day(10));
      },
      'Planuję zaliczkę',
    );
    await recordThrough(
      page,
      rowLink('zaliczka', 'Gmina Czernichów', 'Zapisz zapłatę'),
      markPaid('WB/2027/05/0042'),
      'Potwierdzam zapłatę',
    );

    // Liszki's subsidy with its return deadline; received, settled, the refund of the rest paid.
    await recordThrough(
      page,
      link('Zaplanuj dotację celową partnera'),
      async (p) => {
        await p.getByLabel('Partner', { exact: true }).selectOption({ label: 'Gmina Liszki' });
        await p.getByLabel('Kwota', { exact: true }).fill('25000,00');
        await p.getByLabel('Termin płatności').fill(day(5));
        await p.getByLabel('Numer uchwały rady').fill(`XV/123/${day(0).slice(0, 4)}`);
        await p.getByLabel('Data zawarcia umowy o dotację').fill(day(0));
        await p.getByLabel('Termin wykorzystania dotacji').fill(day(60));
        await p.getByLabel('Termin rozliczenia dotacji').fill(day(90));
      },
      'Planuję dotację',
    );
    await page.getByText(/Zwrot niewykorzystanej części do \d+ \S+ \d{4} r\./).waitFor();
    await recordThrough(
      page,
      rowLink('dotacja', 'Gmina Liszki', 'Zapisz zapłatę'),
      markPaid('WB/2027/05/0050'),
      'Potwierdzam zapłatę',
    );
    await recordThrough(
      page,
      rowLink('dotacja', 'Gmina Liszki', 'Rozlicz dotację celową'),
      async (p) => {
        await p.getByLabel('Kwota wykorzystana').fill('23270,27');
        await p.getByLabel('Data rozliczenia').fill(day(0));
      },
      'Rozliczam dotację',
    );
    await recordThrough(
      page,
      rowLink('zwrot', 'Gmina Liszki', 'Zapisz zapłatę'),
      markPaid('WB/2027/05/0061'),
      'Potwierdzam zapłatę',
    );

    // The leader pays the contractor's invoice.
    await recordThrough(
      page,
      link('Zaplanuj zapłatę faktury'),
      async (p) => {
        await p.getByLabel('Faktura').selectOption({ index: 1 });
        await p.getByLabel('Partner', { exact: true }).selectOption({ label: 'Gmina Skawina' });
        await p.getByLabel('Kwota', { exact: true }).fill('123 000,00');
        await p.getByLabel('Termin płatności').fill(day(30));
      },
      'Planuję zapłatę faktury',
    );
    await recordThrough(
      page,
      rowLink('zapłata faktury', 'Gmina Skawina', 'Zapisz zapłatę'),
      markPaid('WB/2027/05/0070'),
      'Potwierdzam zapłatę',
    );

    // The settlement: chart and table say the same; the CSV downloads.
    await page.getByRole('link', { name: /^Rozliczenie partnerów/ }).click();
    await page.waitForURL(/\/rozliczenie$/);
    await check(page);
    const chart = page.getByRole('img', { name: /^Rozliczenie partnerów postępowania/ });
    await chart.waitFor();
    const balances = page.getByRole('table', { name: 'Salda partnerów: przypisano i wpłacono' });
    await expectRow(balances, 'Gmina Skawina', [
      '72 530,71 zł',
      '123 000,00 zł',
      '0,00 złrozliczony',
    ]);
    await expectRow(balances, 'Gmina Liszki', [
      '23 270,27 zł',
      '25 000,00 zł',
      '0,00 złrozliczony',
    ]);
    await expectRow(balances, 'Gmina Czernichów', [
      '27 199,02 zł',
      '27 199,02 zł',
      '0,00 złrozliczony',
    ]);
    expect(await chart.locator('text').allTextContents()).toEqual(
      expect.arrayContaining([
        'Gmina Liszki',
        'przypisano: 23 270,27 zł',
        'wpłacono: 25 000,00 zł',
      ]),
    );
    await page.setViewportSize({ width: 1200, height: 720 });
    await page.locator('section[aria-labelledby="salda"]').screenshot({
      path: join(SCREENSHOT_DIR, 'readme-rozliczenie.png'),
    });
    await screenshot(page, 'finance-rozliczenie');
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('link', { name: /^Pobierz rozliczenie jako plik CSV/ }).click(),
    ]);
    expect(download.suggestedFilename()).toMatch(/^rozliczenie-ZP\.271\..*\.csv$/);
    const csv = readFileSync(await download.path(), 'utf8');
    expect(csv.startsWith('\uFEFFOrganizacja;NIP;Rola;')).toBe(true);
    expect(csv).toContain('Gmina Liszki;');
    expect(csv).toContain('RAZEM;');
    await context.close();

    expect(checked.size).toBeGreaterThanOrEqual(6);
    expect(violations).toEqual([]);
  });
});

async function expectRow(
  table: ReturnType<Page['getByRole']>,
  header: string,
  cells: string[],
): Promise<void> {
  const row = table.locator('tr', { has: table.page().getByRole('rowheader', { name: header }) });
  expect(await row.locator('td').allTextContents()).toEqual(cells);
}
