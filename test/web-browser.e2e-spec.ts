import type { TestingModule } from '@nestjs/testing';
import type { AddressInfo } from 'node:net';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { createTestApp, DEMO_PASSWORD, login, waitFor, type TestApp } from './support/app';
import {
  axeViolations,
  launchChromium,
  screenshot,
  tabTo,
  type BrowserGlobals,
} from './support/browser';
import { startSmtpServer, type TestSmtpServer } from './support/smtp';
import { PUBLICATION_DAY } from './support/dates';
import { createTender, findShare, proposeShare, type TenderBody } from './support/tenders';
import { drainBacklog, startWorker } from './support/worker';

/**
 * The partners' story by clicking, in real headless Chromium against the real app, worker,
 * PostgreSQL, Redis and a test SMTP server: three partners confirm their shares from
 * "Moje zadania" (coordinator → treasurer → head), one treasurer asks for a change, the link in
 * an e-mail opens the review page after sign-in, one confirmation is made by keyboard only, and
 * the lawyer downloads the agreement and the bundle. axe checks every page the story visits.
 */
jest.setTimeout(240_000);

describe('web application in Chromium: the partners confirm their shares', () => {
  let t: TestApp;
  let worker: TestingModule;
  let smtp: TestSmtpServer;
  let browser: Browser;
  let base: string;
  let tender: TenderBody;
  const violations: string[] = [];
  const checked = new Set<string>();

  /** axe on every distinct page (path without ids) the story visits. */
  const check = async (page: Page) => {
    const key = new URL(page.url()).pathname.replace(/[0-9a-f-]{36}/g, ':id');
    const state = await page
      .locator('form[action$="/sprawdz"], form[action$="/potwierdz"]')
      .count();
    if (checked.has(`${key}#${state}`)) return;
    checked.add(`${key}#${state}`);
    violations.push(...(await axeViolations(page)));
  };

  const signIn = async (context: BrowserContext, email: string, path = '/zadania') => {
    const page = await context.newPage();
    await page.goto(`${base}${path}`);
    await page.waitForURL(/\/logowanie/);
    await check(page);
    await page.getByLabel('Adres e-mail').fill(email);
    await page.getByLabel('Hasło').fill(DEMO_PASSWORD);
    await page.getByRole('button', { name: 'Zaloguj się' }).click();
    await page.waitForURL((u) => !u.pathname.startsWith('/logowanie'));
    return page;
  };

  /** From Moje zadania: opens this tender's task in the group, reviews and confirms it. */
  const confirmFromTasks = async (
    page: Page,
    group: string,
    button: string,
    fill?: (page: Page) => Promise<void>,
  ) => {
    await page.goto(`${base}/zadania`);
    await check(page);
    const section = page.locator('section', { has: page.getByRole('heading', { name: group }) });
    const row = section.locator('tr', { hasText: tenderReference() });
    await row.getByRole('link', { name: 'Otwórz udział' }).click();
    await page.waitForURL(/\/udzialy\//);
    await check(page);
    if (fill) await fill(page);
    await page.getByRole('button', { name: 'Sprawdź i potwierdź' }).click();
    await page.getByRole('heading', { name: /Sprawdź przed potwierdzeniem/ }).waitFor();
    await check(page);
    await page.getByRole('button', { name: button }).click();
    await page.getByRole('status').first().waitFor();
    await check(page);
  };

  const tenderReference = () => (tender as TenderBody & { reference: string }).reference;

  beforeAll(async () => {
    t = await createTestApp();
    await t.app.listen(0, '127.0.0.1');
    base = `http://127.0.0.1:${(t.app.getHttpServer().address() as AddressInfo).port}`;
    smtp = await startSmtpServer();
    worker = await startWorker({
      SMTP_URL: smtp.url,
      PUBLIC_URL: base,
      REMINDER_SWEEP_EVERY_MS: '300',
    });
    await drainBacklog(worker);
    browser = await launchChromium();
    const officer = await login(t, 'officer@skawina.demo');
    tender = await createTender(officer);
    for (const [slug, amount] of [
      ['liszki', '250000.00'],
      ['mogilany', '180000.00'],
      ['czernichow', '320000.50'],
      ['skawina', '400000.00'],
    ] as const)
      tender = await proposeShare(t, officer, tender, 1, slug, amount);
    await officer
      .post(`/tenders/${tender.id}/transition`, {
        to: 'COLLECTING_SHARES',
        version: tender.version,
      })
      .expect(200);
  });

  afterAll(async () => {
    await browser?.close();
    await worker?.close();
    await t?.close();
    await smtp?.close();
  });

  it('lets each partner confirm by clicking, one treasurer ask for a change, the e-mail link open the share', async () => {
    // Coordinators accept from Moje zadania.
    for (const slug of ['liszki', 'mogilany', 'czernichow', 'skawina']) {
      const context = await browser.newContext();
      const page = await signIn(context, `coordinator@${slug}.demo`);
      await confirmFromTasks(page, 'Do akceptacji', 'Akceptuję udział');
      await expect(page.getByRole('status').first().innerText()).resolves.toContain(
        'Zaakceptowano udział',
      );
      if (slug === 'liszki') await screenshot(page, 'udzial-po-akceptacji');
      await context.close();
    }

    // Liszki's treasurer follows the link in the e-mail: sign-in first, then the review page.
    const liszki = findShare(tender, 1, 'Gmina Liszki');
    const mail = await waitFor(
      async () =>
        smtp
          .to('treasurer@liszki.demo')
          .find(
            (m) => m.subject.includes('kontrasygnatę') && m.text.includes(`/udzialy/${liszki.id}`),
          ),
      30000,
      "the treasurer's e-mail",
    );
    const link = /(http:\/\/\S+\/udzialy\/[0-9a-f-]{36})/.exec(mail.text)?.[1] ?? '';
    expect(link).toBe(`${base}/udzialy/${liszki.id}`);
    expect(mail.text).toContain(`${base}/ustawienia`);
    {
      const context = await browser.newContext();
      const page = await signIn(context, 'treasurer@liszki.demo', new URL(link).pathname);
      expect(page.url()).toBe(link);
      await check(page);
      await screenshot(page, 'udzial-skarbnik');
      // A wrong classification comes back with the error summary linked to the field.
      await page.getByLabel('Klasyfikacja budżetowa').fill('600/70016/4270');
      await page.getByRole('button', { name: 'Sprawdź i potwierdź' }).click();
      await page.getByRole('alert').filter({ hasText: 'Popraw błąd' }).waitFor();
      await check(page);
      await page.getByRole('link', { name: /Klasyfikacja budżetowa: Rozdział 70016/ }).click();
      await expect(
        page.evaluate(() => (globalThis as unknown as BrowserGlobals).document.activeElement?.id),
      ).resolves.toBe('budgetClassification');
      await page.getByLabel('Klasyfikacja budżetowa').fill('600/60016/4270');
      await page
        .getByLabel('Pozycja w wieloletniej prognozie finansowej')
        .fill('WPF 2026–2028, poz. 1.3.2.4');
      await page.getByRole('button', { name: 'Sprawdź i potwierdź' }).click();
      await page.getByRole('button', { name: 'Składam kontrasygnatę' }).click();
      await expect(page.getByRole('status').first().innerText()).resolves.toContain(
        'Złożono kontrasygnatę',
      );
      await context.close();
    }

    // Mogilany's and Czernichów's treasurers countersign from Moje zadania.
    for (const slug of ['mogilany', 'czernichow']) {
      const context = await browser.newContext();
      const page = await signIn(context, `treasurer@${slug}.demo`);
      await confirmFromTasks(page, 'Do kontrasygnaty', 'Składam kontrasygnatę', (p) =>
        p.getByLabel('Klasyfikacja budżetowa').fill('600/60016/4270'),
      );
      await context.close();
    }

    // Skawina's treasurer asks for a change instead.
    {
      const context = await browser.newContext();
      const page = await signIn(context, 'treasurer@skawina.demo');
      await page.goto(`${base}/zadania`);
      const section = page.locator('section', {
        has: page.getByRole('heading', { name: 'Do kontrasygnaty' }),
      });
      await section
        .locator('tr', { hasText: tenderReference() })
        .getByRole('link', { name: 'Otwórz udział' })
        .click();
      await page
        .getByLabel('Uzasadnienie prośby o zmianę')
        .fill('Kwota przekracza plan wydatków na 2027 r.');
      await page.getByRole('button', { name: 'Poproś o zmianę' }).click();
      await expect(page.getByRole('status').first().innerText()).resolves.toContain(
        'prośbę o zmianę',
      );
      await expect(page.locator('.chain__step--stopped').innerText()).resolves.toContain(
        'poproszono o zmianę',
      );
      await check(page);
      await context.close();
    }

    // Heads sign; Mogilany's head by keyboard only.
    for (const slug of ['liszki', 'czernichow']) {
      const context = await browser.newContext();
      const page = await signIn(context, `head@${slug}.demo`);
      await confirmFromTasks(page, 'Do podpisu', 'Podpisuję potwierdzenie udziału');
      await expect(page.getByRole('status').first().innerText()).resolves.toContain(
        'Udział jest potwierdzony',
      );
      await context.close();
    }
    {
      const context = await browser.newContext();
      const page = await context.newPage();
      await page.goto(`${base}/logowanie`);
      await tabTo(page, /Przejdź do treści/);
      await page.keyboard.press('Enter');
      await tabTo(page, /^$/); // the e-mail field (empty)
      await page.keyboard.type('head@mogilany.demo');
      await page.keyboard.press('Tab');
      await page.keyboard.type(DEMO_PASSWORD);
      await page.keyboard.press('Enter');
      await page.waitForURL(/\/zadania/);
      await tabTo(page, /Otwórz udział/);
      await page.keyboard.press('Enter');
      await page.waitForURL(/\/udzialy\//);
      await tabTo(page, /Sprawdź i potwierdź/);
      await page.keyboard.press('Enter');
      await page.getByRole('heading', { name: /Sprawdź przed potwierdzeniem/ }).waitFor();
      await tabTo(page, /Podpisuję potwierdzenie udziału/);
      await page.keyboard.press('Enter');
      await expect(page.getByRole('status').first().innerText()).resolves.toContain(
        'Udział jest potwierdzony',
      );
      await context.close();
    }

    const shares = await t.dataSource.query<{ name: string; status: string }[]>(
      `SELECT o.name, s.status FROM shares s JOIN organisations o ON o.id = s.organisation_id
        WHERE s.tender_id = $1 ORDER BY o.name`,
      [tender.id],
    );
    expect(shares).toEqual([
      { name: 'Gmina Czernichów', status: 'CONFIRMED' },
      { name: 'Gmina Liszki', status: 'CONFIRMED' },
      { name: 'Gmina Mogilany', status: 'CONFIRMED' },
      { name: 'Gmina Skawina', status: 'CHANGE_REQUESTED' },
    ]);
  });

  it('lets the lawyer request the agreement, see it become ready without reloading, and download it and the bundle', async () => {
    const context = await browser.newContext({ acceptDownloads: true });
    const page = await signIn(context, 'lawyer@skawina.demo');
    await check(page);
    await page.goto(`${base}/postepowania/${tender.id}`);
    await check(page);
    await screenshot(page, 'postepowanie');
    await page.getByRole('link', { name: 'Wszystkie dokumenty postępowania' }).click();
    await page.getByLabel('Rodzaj dokumentu').selectOption('AGREEMENT');
    await page.getByRole('button', { name: 'Zleć przygotowanie' }).click();
    await page.getByRole('status').filter({ hasText: 'Zlecono przygotowanie' }).waitFor();
    // The page's script polls the status: the download link appears without a reload.
    const download = page.getByRole('link', { name: /Pobierz PDF\s*: Porozumienie/ }).first();
    await download.waitFor({ state: 'visible', timeout: 30000 });
    await check(page);
    await screenshot(page, 'dokumenty');
    const [pdf] = await Promise.all([page.waitForEvent('download'), download.click()]);
    expect(pdf.suggestedFilename()).toMatch(/^Porozumienie.*\.pdf$/);
    const pdfBytes = await streamHead(await pdf.createReadStream());
    expect(pdfBytes.subarray(0, 5).toString()).toBe('%PDF-');
    const [zip] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('link', { name: /Pobierz paczkę ZIP/ }).click(),
    ]);
    expect(zip.suggestedFilename()).toMatch(/\.zip$/);
    expect((await streamHead(await zip.createReadStream())).subarray(0, 2).toString()).toBe('PK');
    for (const path of [
      '/powiadomienia',
      '/ustawienia',
      '/postepowania',
      '/deklaracja-dostepnosci',
    ]) {
      await page.goto(`${base}${path}`);
      await check(page);
      await screenshot(page, path.slice(1));
    }
    // Ustawienia with its error summary (a wrong current password, a mismatched repetition).
    await page.goto(`${base}/ustawienia`);
    await page.getByLabel('Obecne hasło').fill('to-nie-jest-hasło');
    await page.getByLabel('Nowe hasło', { exact: true }).fill('zielony rower nad Wisłą');
    await page.getByLabel('Nowe hasło (powtórz)').fill('zielony rower nad Odrą');
    await page.getByRole('button', { name: 'Zmień hasło' }).click();
    await page.getByRole('alert').filter({ hasText: 'Popraw błąd' }).waitFor();
    violations.push(...(await axeViolations(page)));
    await screenshot(page, 'ustawienia-bledy');
    await page.goto(`${base}/zadania`);
    await screenshot(page, 'zadania');
    // Reflow at 320 CSS pixels (WCAG 1.4.10): the share page on a narrow screen.
    await page.setViewportSize({ width: 320, height: 640 });
    await page.goto(`${base}/udzialy/${findShare(tender, 1, 'Gmina Liszki').id}`);
    await screenshot(page, 'udzial-320px');
    await context.close();
  });

  it("shows the leader's officer the next steps with what blocks them, and the cancellation review", async () => {
    const context = await browser.newContext();
    const page = await signIn(context, 'officer@skawina.demo');
    await page.goto(`${base}/postepowania/${tender.id}`);
    await page.getByRole('heading', { name: 'Prowadzenie postępowania' }).waitFor();
    await check(page);
    await screenshot(page, 'postepowanie-prowadzacy');
    // Skawina asked for a change: the step to READY lists it in Polish, with no button.
    const ready = page.locator('section.step-check', {
      has: page.getByRole('heading', { name: 'Zamknij zbieranie udziałów' }),
    });
    await expect(ready.innerText()).resolves.toContain('Niepotwierdzone udziały: 1.');
    await expect(ready.getByRole('button').count()).resolves.toBe(0);
    await page.getByLabel('Powód unieważnienia').fill('za krótki'.slice(0, 3));
    await page.getByRole('button', { name: 'Unieważnij postępowanie…' }).click();
    await page.getByRole('alert').filter({ hasText: 'Popraw błąd' }).waitFor();
    await check(page);
    await page
      .getByLabel('Powód unieważnienia')
      .fill('Art. 255 pkt 3 Pzp: cena oferty przewyższa kwotę przeznaczoną na sfinansowanie');
    await page.getByRole('button', { name: 'Unieważnij postępowanie…' }).click();
    await page.getByRole('heading', { name: /Sprawdź przed zmianą etapu/ }).waitFor();
    await check(page);
    await page.getByRole('link', { name: 'Wróć bez zmian' }).click();
    await page.waitForURL(/\/postepowania\/[0-9a-f-]{36}#etap$/);
    await page.goto(`${base}/postepowania/${tender.id}/dokumenty`);
    await check(page);
    // After the fixtures' share deadline (the Friday before PUBLICATION_DAY), whatever today is.
    const on = PUBLICATION_DAY;
    await page.goto(`${base}/postepowania/${tender.id}/harmonogram?publikacja=${on}`);
    await page.getByRole('button', { name: /Zastosuj harmonogram od/ }).waitFor();
    await check(page);
    await screenshot(page, 'harmonogram');
    await context.close();
  });

  it('finds no WCAG 2.1 A/AA violations on any page the story visited', () => {
    expect(checked.size).toBeGreaterThanOrEqual(10);
    expect(violations).toEqual([]);
  });
});

async function streamHead(stream: NodeJS.ReadableStream): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(Buffer.from(chunk as Buffer));
  return Buffer.concat(chunks);
}
