import type { AddressInfo } from 'node:net';
import type { Browser } from 'playwright-core';
import { createTestApp, DEMO_PASSWORD, login, orgId, type TestApp } from './support/app';
import { axeViolations, launchChromium } from './support/browser';
import { collectingTender } from './support/tenders';
import { WebClient } from './support/web';

/** Rows of the "Zadania z macierzy odpowiedzialności" table (links to the tender's #zadania). */
/** The page's HTML with `=` unescaped in attribute values (`?strona&#x3D;2`). */
const htmlOf = (res: { text: string }) => res.text.replace(/&#x3D;/g, '=');

const matrixRows = (html: string, tenderId: string) =>
  html.split(`href="/postepowania/${tenderId}#zadania"`).length - 1;

jest.setTimeout(240_000);

/**
 * Moje zadania when more waits than fits on a page: over HTTP (the pager's markup, every task on
 * exactly one page) and in Chromium (the pager as a named navigation, axe on both pages).
 */
describe('Moje zadania in pages (web)', () => {
  let t: TestApp;
  let browser: Browser | undefined;
  let tenderId: string;
  const TASKS = 57;

  beforeAll(async () => {
    t = await createTestApp();
    const officer = await login(t, 'officer@skawina.demo');
    const tender = await collectingTender(t, officer);
    tenderId = tender.id;
    // More open tasks of one person than fit on a page, due far ahead (after everything other
    // suites give this person, so their items stay on the first page).
    const [person] = await t.dataSource.query<{ id: string; display_name: string }[]>(
      `SELECT id, display_name FROM users WHERE email = 'treasurer@zabierzow.demo'`,
    );
    await t.dataSource.query(
      `INSERT INTO tender_tasks (task_id, version, action, tender_id, kind, scope, title,
                                 organisation_id, person_user_id, due_on, status, actor_name)
       SELECT gen_random_uuid(), 1, 'CREATED', $1, 'INPUT_DATA', 'EACH_PARTNER', 'Dane wejściowe ' || g,
              $2, $3, date '2099-12-31', 'OPEN', $4
         FROM generate_series(1, $5::int) g`,
      [tenderId, await orgId(t, 'zabierzow'), person.id, person.display_name, TASKS],
    );
  });
  afterAll(async () => {
    await browser?.close();
    await t.close();
  });

  it('pages the inbox with numbered links in a labelled nav, the current page marked', async () => {
    const web = new WebClient(t);
    await web.signIn('treasurer@zabierzow.demo');
    const total = (await (await login(t, 'treasurer@zabierzow.demo')).get('/me/tasks?limit=1')).body
      .total as number;
    expect(total).toBeGreaterThanOrEqual(TASKS);
    const pages = Math.ceil(total / 50);

    const firstRes = await web.get('/zadania');
    const first = { status: firstRes.status, text: htmlOf(firstRes) };
    expect(first.status).toBe(200);
    expect(first.text).toContain('<nav class="pager" aria-label="Strony zadań">');
    expect(first.text).toContain(`Strona 1 z ${pages}`);
    expect(first.text).toMatch(
      /<a href="\/zadania\?strona=1" aria-current="page"><span class="visually-hidden">Strona <\/span>1<\/a>/,
    );
    expect(first.text).toContain('<a href="/zadania?strona=2" rel="next">');
    expect(first.text).not.toContain('rel="prev"');

    const lastRes = await web.get(`/zadania?strona=${pages}`);
    const last = { status: lastRes.status, text: htmlOf(lastRes) };
    expect(last.status).toBe(200);
    expect(last.text).toMatch(
      new RegExp(`<a href="/zadania\\?strona=${pages}" aria-current="page">`),
    );
    expect(last.text).not.toContain('rel="next"');
    expect(last.text).toContain('rel="prev"');
    // Every task of this tender is on exactly one page.
    let seen = 0;
    for (let n = 1; n <= pages; n++)
      seen += matrixRows((await web.get(`/zadania?strona=${n}`)).text, tenderId);
    expect(seen).toBe(TASKS);
    expect(matrixRows(first.text, tenderId)).toBeLessThanOrEqual(50);
  });

  it('lets a keyboard user reach page 2 through the named pager nav; axe finds nothing', async () => {
    await t.app.listen(0, '127.0.0.1');
    const base = `http://127.0.0.1:${(t.app.getHttpServer().address() as AddressInfo).port}`;
    browser = await launchChromium();
    const page = await (await browser.newContext()).newPage();
    await page.goto(`${base}/logowanie?powrot=%2Fzadania`);
    await page.getByLabel('Adres e-mail').fill('treasurer@zabierzow.demo');
    await page.getByLabel('Hasło').fill(DEMO_PASSWORD);
    await page.getByRole('button', { name: 'Zaloguj się' }).click();
    await page.waitForURL((u) => u.pathname === '/zadania');
    const violations = await axeViolations(page);
    const pager = page.getByRole('navigation', { name: 'Strony zadań' });
    expect(await pager.getByRole('link', { name: 'Strona 1' }).getAttribute('aria-current')).toBe(
      'page',
    );
    await pager.getByRole('link', { name: 'Strona 2' }).focus();
    await page.keyboard.press('Enter');
    await page.waitForURL((u) => u.search === '?strona=2');
    expect(
      await page
        .getByRole('navigation', { name: 'Strony zadań' })
        .getByRole('link', { name: 'Strona 2' })
        .getAttribute('aria-current'),
    ).toBe('page');
    violations.push(...(await axeViolations(page)));
    expect(violations).toEqual([]);
  });
});
