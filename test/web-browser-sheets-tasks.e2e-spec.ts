import { readFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import type { Browser, Page } from 'playwright-core';
import { todayInWarsaw } from '../src/common/dates/iso-date';
import { createTestApp, DEMO_PASSWORD, login, orgId, unique, type TestApp } from './support/app';
import { axeViolations, launchChromium, screenshot } from './support/browser';
import { onDay } from './support/dates';
import { createTender, proposeShare, type TenderBody } from './support/tenders';

// A Chromium story clicks through many pages; on a loaded CI machine one takes well over a minute.
jest.setTimeout(180_000);

const PDF = Buffer.from('%PDF-1.4\n% protokół odbioru części 1\n1 0 obj <<>> endobj\n%%EOF\n');

/**
 * In Chromium (issue #14): a project sheet written by a partner's coordinator, the interest of
 * another partner recorded by its coordinator, the sheet turned into a tender draft by the
 * leader's officer; a task of the matrix marked done with an attached file by the partner (a
 * refused file first) and the file downloaded; a comment with an @mention on a task, followed from
 * the mentioned person's notifications. axe (WCAG 2.1 A/AA) on every page visited: 0 violations.
 */
describe('project sheets, task files and task comments, in Chromium', () => {
  let t: TestApp;
  let browser: Browser;
  let base: string;
  const violations: string[] = [];

  const check = async (page: Page, name: string) => {
    violations.push(...(await axeViolations(page)).map((v) => `${name}: ${v}`));
    await screenshot(page, name);
  };
  const signIn = async (email: string): Promise<Page> => {
    const page = await (await browser.newContext({ acceptDownloads: true })).newPage();
    await page.goto(`${base}/logowanie`);
    await page.getByLabel('Adres e-mail').fill(email);
    await page.getByLabel('Hasło').fill(DEMO_PASSWORD);
    await page.getByRole('button', { name: 'Zaloguj się' }).click();
    await page.waitForURL((u) => !u.pathname.startsWith('/logowanie'));
    return page;
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

  it('writes a sheet, records a partner’s interest and turns it into a tender draft', async () => {
    const author = await signIn('coordinator@liszki.demo');
    await author.goto(`${base}/fiszki`);
    await check(author, 'fiszki');
    await author.getByRole('link', { name: 'Nowa fiszka' }).first().click();
    await author.waitForURL('**/fiszki/nowa');
    const partnership = author.getByLabel('Partnerstwo');
    const demo = await partnership
      .locator('option', { hasText: 'Razem' })
      .first()
      .getAttribute('value');
    await partnership.selectOption(demo ?? '');
    const title = unique('Wspólna dostawa pelletu do szkół ');
    await author.getByLabel('Tytuł projektu').fill(title);
    await author
      .getByLabel('Uzasadnienie potrzeby')
      .fill('Szkoły ogrzewane pelletem kupują go osobno, drożej i bez zapasu na zimę.');
    await author.getByLabel('Rodzaj zamówienia').selectOption('SUPPLIES');
    await author.getByLabel('Główny kod CPV').fill('09111400-4');
    await author.getByLabel('Szacunkowa wartość netto (zł)').fill('480 000,00');
    await author.getByLabel('Gmina Czernichów').first().check();
    await author.getByLabel('Gmina Liszki').first().check();
    await author.getByLabel('Planowany miesiąc ogłoszenia').fill(onDay(20).slice(0, 7));
    await check(author, 'fiszka-nowa');
    await author.getByRole('button', { name: 'Zapisz fiszkę' }).click();
    await author.waitForURL(/\/fiszki\/[0-9a-f-]{36}$/);
    const sheetUrl = author.url();
    await expect(author.getByRole('heading', { level: 1 }).textContent()).resolves.toContain(title);
    await check(author, 'fiszka');

    // Czernichów's coordinator answers from Moje zadania.
    const partner = await signIn('coordinator@czernichow.demo');
    await partner.goto(`${base}/zadania`);
    const answer = partner.locator(`a[href="${new URL(sheetUrl).pathname}/zainteresowanie/${await orgId(t, 'czernichow')}"]`);
    await answer.first().click();
    await partner.waitForURL('**/zainteresowanie/**');
    await partner.getByLabel('Szacunkowa kwota netto (zł)').fill('dużo');
    await partner.getByRole('button', { name: 'Zapisz zainteresowanie' }).click();
    await partner.waitForLoadState('load');
    await expect(partner.locator('#bledy').textContent()).resolves.toContain(
      'Szacunkowa kwota netto partnera',
    );
    await check(partner, 'fiszka-zainteresowanie-blad');
    await partner.getByLabel('Szacunkowa kwota netto (zł)').fill('280 000,00');
    await partner
      .getByLabel('Dzień wstępnej (ustnej) zgody kierownika jednostki')
      .fill(todayInWarsaw());
    await partner.getByLabel('Kto udzielił zgody').fill('Wójt Gminy Czernichów');
    await partner.getByRole('button', { name: 'Zapisz zainteresowanie' }).click();
    await partner.waitForURL(sheetUrl);
    await expect(partner.locator('main').textContent()).resolves.toContain('280 000,00 zł');

    // Liszki's interest through the API; the leader's officer makes the tender draft.
    const sheetId = new URL(sheetUrl).pathname.split('/').pop() as string;
    await (await login(t, 'coordinator@liszki.demo'))
      .post(`/project-sheets/${sheetId}/interests/${await orgId(t, 'liszki')}`, {
        amountNet: '200000.00',
      })
      .expect(200);
    const officer = await signIn('officer@skawina.demo');
    await officer.goto(sheetUrl);
    await officer.getByRole('link', { name: 'Utwórz postępowanie' }).click();
    await officer.waitForURL('**/postepowanie');
    await check(officer, 'fiszka-postepowanie');
    await officer.getByLabel('Znak sprawy').fill(unique('ZP.271.P'));
    await officer.getByLabel('Osobna część dla każdego partnera').check();
    await officer.getByRole('button', { name: 'Utwórz postępowanie' }).click();
    await officer.waitForURL(/\/postepowania\/[0-9a-f-]{36}$/);
    const tenderPage = (await officer.locator('main').textContent()) ?? '';
    expect(tenderPage).toContain(title);
    expect(tenderPage).toContain('Gmina Czernichów');
    expect(tenderPage).toContain('280 000,00 zł');
    await check(officer, 'fiszka-postepowanie-projekt');
    expect(violations).toEqual([]);
  });

  it('marks a task done with a file as the partner, downloads it, and comments with a mention', async () => {
    const api = await login(t, 'officer@skawina.demo');
    let tender: TenderBody = await createTender(api);
    tender = await proposeShare(t, api, tender, 1, 'czernichow', '100000.00');
    tender = await proposeShare(t, api, tender, 2, 'liszki', '50000.00');
    tender = (
      await api
        .post(`/tenders/${tender.id}/transition`, { to: 'COLLECTING_SHARES', version: tender.version })
        .expect(200)
    ).body as TenderBody;
    const tasks = (
      await api.post(`/tenders/${tender.id}/tasks/apply-set`, { set: 'WORKS' }).expect(200)
    ).body.tasks as { id: string; kind: string; organisationName: string }[];
    const acceptance = tasks.find(
      (x) => x.kind === 'ACCEPTANCE' && x.organisationName === 'Gmina Czernichów',
    );
    expect(acceptance).toBeDefined();

    const partner = await signIn('coordinator@czernichow.demo');
    await partner.goto(`${base}/postepowania/${tender.id}`);
    await partner
      .locator(`section[aria-labelledby="zadania"] a[href="/zadania-postepowania/${acceptance?.id}"]`)
      .first()
      .click();
    await partner.waitForURL(`**/zadania-postepowania/${acceptance?.id}`);
    await check(partner, 'zadanie');
    // A file of another kind is refused in Polish; the task stays open.
    await partner.getByLabel('Plik').setInputFiles({
      name: 'protokol.html',
      mimeType: 'text/html',
      buffer: Buffer.from('<html></html>'),
    });
    await partner.getByRole('button', { name: 'Oznacz jako wykonane' }).click();
    await partner.waitForLoadState('load');
    await expect(partner.locator('#bledy').textContent()).resolves.toContain(
      'Dołącz plik jednego z rodzajów',
    );
    await expect(partner.getByLabel('Plik').getAttribute('aria-invalid')).resolves.toBe('true');
    await check(partner, 'zadanie-plik-blad');
    await partner.locator('#bledy a[href="#plik"]').click();
    await partner.getByLabel('Plik').setInputFiles({
      name: 'protokół odbioru.pdf',
      mimeType: 'application/pdf',
      buffer: PDF,
    });
    await partner
      .getByLabel('Notatka o wykonaniu')
      .fill('Protokół odbioru części 1 podpisany bez zastrzeżeń.');
    await partner.getByRole('button', { name: 'Oznacz jako wykonane' }).click();
    await partner.waitForURL(`**/postepowania/${tender.id}#zadania`);
    await expect(partner.getByRole('status').first().textContent()).resolves.toContain('wykonane');

    await partner.goto(`${base}/zadania-postepowania/${acceptance?.id}`);
    const [download] = await Promise.all([
      partner.waitForEvent('download'),
      partner.getByRole('link', { name: /Pobierz plik protokół odbioru\.pdf/ }).click(),
    ]);
    expect(download.suggestedFilename()).toBe('protokół odbioru.pdf');
    expect(readFileSync(await download.path()).equals(PDF)).toBe(true);

    // A comment with an @mention on the task; the officer follows the notification to it.
    await partner
      .getByLabel('Treść komentarza')
      .fill('@officer@skawina.demo protokół jest w załączniku; oryginał wysłaliśmy pocztą.');
    await partner.getByRole('button', { name: 'Dodaj komentarz' }).click();
    await partner.waitForURL(`**/zadania-postepowania/${acceptance?.id}#komentarze`);
    await expect(partner.locator('#komentarze-sekcja').textContent()).resolves.toContain(
      'oryginał wysłaliśmy pocztą',
    );
    await check(partner, 'zadanie-komentarz');

    const officer = await signIn('officer@skawina.demo');
    await officer.goto(`${base}/powiadomienia`);
    const notification = officer
      .locator('li.notification')
      .filter({ hasText: 'wspomina o Tobie w komentarzu' })
      .filter({ hasText: tender.reference })
      .first();
    await notification.getByRole('button', { name: /Przejdź do sprawy/ }).click();
    await officer.waitForURL(`**/zadania-postepowania/${acceptance?.id}#komentarze`);
    await expect(officer.locator('#komentarze-sekcja').textContent()).resolves.toContain(
      'oryginał wysłaliśmy pocztą',
    );
    await check(officer, 'zadanie-komentarz-lider');
    expect(violations).toEqual([]);
  });
});

