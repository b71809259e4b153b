import { createTestApp, login, orgId, unique, type TestApp } from './support/app';
import { onDay } from './support/dates';
import { collectingTender } from './support/tenders';
import { textOf, titleOf, WebClient } from './support/web';

/**
 * Fiszki projektów in the web application: a coordinator writes a sheet (errors in Polish with
 * 422), partners' coordinators find it in Moje zadania and record their interest, the leader's
 * officer makes the tender; every form carries the CSRF token and answers 303 on success.
 */
describe('web pages: project sheets', () => {
  let t: TestApp;
  const org: Record<string, string> = {};
  const signedIn = async (email: string) => {
    const c = new WebClient(t);
    await c.signIn(email);
    return c;
  };

  /** A menu link's text as a screen reader reads it (the count and its hidden words). */
  const menuLink = (html: string, href: string): string => {
    const nav = html.slice(html.indexOf('<nav class="nav"'));
    const at = nav.indexOf(`<a href="${href}"`);
    return nav
      .slice(nav.indexOf('>', at) + 1, nav.indexOf('</a>', at))
      .replace(/<[^>]+>/g, '')
      .replace(/\s+/g, ' ')
      .trim();
  };
  const answerLinks = (html: string): number =>
    (html.match(/href="\/fiszki\/[0-9a-f-]{36}\/zainteresowanie\/[0-9a-f-]{36}"/g) ?? []).length;
  /** The menu counts the sheets waiting for this coordinator's answer, as Moje zadania lists them. */
  const expectSheetCount = (html: string): void => {
    const n = answerLinks(html);
    const words =
      n === 1
        ? 'czeka'
        : n % 10 >= 2 && n % 10 <= 4 && (n % 100 < 12 || n % 100 > 14)
          ? 'czekają'
          : 'czeka';
    expect(menuLink(html, '/fiszki')).toBe(
      n === 0 ? 'Fiszki projektów' : `Fiszki projektów (${n} ${words} na Twoją odpowiedź)`,
    );
  };

  beforeAll(async () => {
    t = await createTestApp();
    for (const slug of ['czernichow', 'liszki', 'mogilany']) org[slug] = await orgId(t, slug);
  }, 120000);
  afterAll(() => t.close());

  it('writes a sheet, collects interest through Moje zadania and makes the tender', async () => {
    const author = await signedIn('coordinator@liszki.demo');
    expect((await author.get('/fiszki')).text).toContain('href="/fiszki/nowa"');
    const blank = await author.get('/fiszki/nowa');
    expect(blank.status).toBe(200);
    expect(titleOf(blank.text)).toMatch(/^Nowa fiszka projektu/);
    expect(blank.text).toContain('name="_csrf"');
    // The demo partnership by name: other suites enrol Liszki in partnerships of their own, and
    // with more than one visible the form preselects none.
    const partnershipId =
      /<option value="([0-9a-f-]{36})"(?: selected)?>[^<]*Razem/.exec(blank.text)?.[1] ?? '';
    expect(partnershipId).not.toBe('');

    const refused = await author.post('/fiszki', {
      partnershipId,
      title: 'Energia',
      need: 'krótko',
      subjectKind: 'SUPPLIES',
      cpvMain: '12345678-9',
      estimatedValueNet: '0',
      plannedAnnouncementMonth: '2027-13',
    });
    expect(refused.status).toBe(422);
    const text = textOf(refused.text);
    expect(text).toContain('Popraw błędy w formularzu');
    expect(text).toContain('Uzasadnienie potrzeby: Opisz potrzebę');
    expect(text).toContain('Główny kod CPV: Wpisz kod ze Wspólnego Słownika Zamówień');
    expect(text).toContain('Partnerzy, których dotyczy: Zaznacz co najmniej jednego partnera');
    expect(refused.text).toContain('aria-describedby="cpvMain-wskazowka cpvMain-blad"');
    expect(refused.text).toContain('value="Energia"');

    const title = unique('Wspólny zakup energii ');
    const created = await author.post('/fiszki', {
      partnershipId,
      title,
      need: 'Umowy na dostawę energii wygasają; wspólny zakup obniży cenę.',
      subjectKind: 'SUPPLIES',
      cpvMain: '09310000-5',
      estimatedValueNet: '900 000,00',
      partnerIds: [org.czernichow, org.liszki, org.mogilany],
      plannedAnnouncementMonth: onDay(20).slice(0, 7),
    });
    expect(created.status).toBe(303);
    const sheetPath = created.headers.location;
    expect(sheetPath).toMatch(/^\/fiszki\/[0-9a-f-]{36}$/);
    // Without the CSRF token nothing is recorded.
    const forged = await author.post(`${sheetPath}/zainteresowanie/${org.liszki}`, {
      _csrf: 'zly-token',
      amountNet: '1,00',
    });
    expect(forged.status).toBe(403);

    for (const [slug, amount] of [
      ['czernichow', '300 000,00'],
      ['liszki', '250 000,00'],
      ['mogilany', '150 000,00'],
    ]) {
      const c = slug === 'liszki' ? author : await signedIn(`coordinator@${slug}.demo`);
      const tasks = await c.get('/zadania');
      expect(textOf(tasks.text)).toContain('Fiszki projektów');
      const form = `${sheetPath}/zainteresowanie/${org[slug]}`;
      expect(tasks.text).toContain(`href="${form}"`);
      expectSheetCount(tasks.text);
      expect(answerLinks(tasks.text)).toBeGreaterThanOrEqual(1);
      await c.get(form);
      const bad = await c.post(form, { amountNet: 'dużo' });
      expect(bad.status).toBe(422);
      expect(textOf(bad.text)).toContain('Szacunkowa kwota netto partnera: Wpisz kwotę');
      const future = await c.post(form, { amountNet: amount, headConsentOn: onDay(5) });
      expect(future.status).toBe(422);
      expect(textOf(future.text)).toContain('Dzień wstępnej zgody kierownika: Zgoda nie mogła');
      expect(future.text).toContain('aria-invalid="true"');
      const ok = await c.post(form, { amountNet: amount, headName: '', headConsentOn: '' });
      expect([ok.status, ok.headers.location]).toEqual([303, sheetPath]);
      const after = await c.get('/zadania');
      expect(after.text).not.toContain(`href="${form}"`);
      expectSheetCount(after.text);
    }
    const page = textOf((await author.get(sheetPath)).text);
    expect(page).toContain('Gmina Czernichów');
    expect(page).toContain('300 000,00 zł');
    expect(page).toContain('zainteresowany');

    // The coordinator does not make the tender; the leader's officer does.
    expect((await author.get(sheetPath)).text).not.toContain(`href="${sheetPath}/postepowanie"`);
    const officer = await signedIn('officer@skawina.demo');
    expect((await officer.get(sheetPath)).text).toContain(`href="${sheetPath}/postepowanie"`);
    await officer.get(`${sheetPath}/postepowanie`);
    const noRef = await officer.post(`${sheetPath}/postepowanie`, {
      reference: '!',
      procedure: 'BASIC',
      settlementModel: 'SEPARATE_CONTRACTS',
      lots: 'SINGLE',
    });
    expect(noRef.status).toBe(422);
    expect(textOf(noRef.text)).toContain('Znak sprawy: Znak sprawy ma od 3 do 60 znaków');
    const made = await officer.post(`${sheetPath}/postepowanie`, {
      reference: unique('ZP.271.W'),
      procedure: 'BASIC',
      settlementModel: 'SEPARATE_CONTRACTS',
      lots: 'PER_PARTNER',
    });
    expect(made.status).toBe(303);
    expect(made.headers.location).toMatch(/^\/postepowania\/[0-9a-f-]{36}$/);
    const tender = textOf((await officer.get(made.headers.location)).text);
    expect(tender).toContain(title);
    expect(tender).toContain('Utworzono postępowanie z fiszki projektu');
    expect(textOf((await officer.get(sheetPath)).text)).toContain('utworzono postępowanie');
  });

  it('hides a sheet from an outsider (404)', async () => {
    const list = await (await signedIn('coordinator@liszki.demo')).get('/fiszki');
    const first = /href="(\/fiszki\/[0-9a-f-]{36})"/.exec(list.text)?.[1] ?? '';
    expect(first).not.toBe('');
    const outsider = await signedIn('coordinator@zabierzow.demo');
    expect((await outsider.get(first)).status).toBe(404);
  });

  it('counts in the menu what waits in Moje zadania, the matrix’s open tasks included', async () => {
    const api = await login(t, 'coordinator@liszki.demo');
    const web = await signedIn('coordinator@liszki.demo');
    const mine = async () =>
      ((await api.get('/me/tasks').expect(200)).body as { total: number }).total;
    const before = await mine();
    const page = await web.get('/postepowania');
    expect(menuLink(page.text, '/zadania')).toBe(
      before === 0 ? 'Moje zadania' : `Moje zadania (${before} do załatwienia)`,
    );
    // A task set applied by the leader's officer: Liszki's open tasks join the count.
    const officer = await login(t, 'officer@skawina.demo');
    const tender = await collectingTender(t, officer, [
      [1, 'liszki', '80000.00'],
      [2, 'czernichow', '60000.00'],
    ]);
    await officer.post(`/tenders/${tender.id}/tasks/apply-set`, {}).expect(200);
    const now = await mine();
    const ofTender = (
      (await api.get('/me/tasks?limit=200').expect(200)).body as {
        items: { kind: string; tenderId: string }[];
      }
    ).items.filter((i) => i.kind === 'RESPONSIBILITY_TASK' && i.tenderId === tender.id);
    expect(ofTender.length).toBeGreaterThanOrEqual(3);
    expect(now).toBeGreaterThanOrEqual(before + ofTender.length);
    expect(menuLink((await web.get('/postepowania')).text, '/zadania')).toBe(
      `Moje zadania (${now} do załatwienia)`,
    );
    // The leader's officer answers no sheet: no count beside Fiszki projektów.
    const officerWeb = await signedIn('officer@skawina.demo');
    expect(menuLink((await officerWeb.get('/fiszki')).text, '/fiszki')).toBe('Fiszki projektów');
  });
});
