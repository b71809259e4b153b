import { createTestApp, login, orgId, unique, type Session, type TestApp } from './support/app';
import { onDay, PUBLICATION_DAY } from './support/dates';
import { demoPartnershipId, type TenderBody } from './support/tenders';
import { textOf, titleOf, WebClient } from './support/web';

/**
 * Nowe postępowanie over HTTP: the officer's wizard (basics with the CPV search, lots, shares with
 * totals and the regime, the check page), the draft kept between steps, errors in Polish (422,
 * never 500), CSRF, 403 for others, and the created tender equal to the answers.
 */
describe('web: the officer’s Nowe postępowanie wizard', () => {
  let t: TestApp;
  let officer: Session;
  let partnershipId: string;

  beforeAll(async () => {
    t = await createTestApp();
    officer = await login(t, 'officer@skawina.demo');
    // Skawina leads other partnerships too (the suites share the database): name the demo one.
    partnershipId = await demoPartnershipId(officer);
  });

  afterAll(() => t.close());

  const basics = (reference: string) => ({
    partnershipId,
    reference,
    title: 'Zakup samochodów elektrycznych dla gmin partnerstwa',
    subjectKind: 'SUPPLIES',
    procedure: 'BASIC',
    settlementModel: 'SEPARATE_CONTRACTS',
    cpvMain: '34144900-7',
    cpvMainName: 'Pojazdy elektryczne',
    cpvAdditional: '',
    shareDeadlineDay: onDay(-3),
    shareDeadlineTime: '15:00',
    plannedStartOn: PUBLICATION_DAY,
    akcja: 'dalej',
  });

  it('is a page of the leader’s officers only, with lang, title and CSRF', async () => {
    const web = new WebClient(t);
    await web.signIn('officer@skawina.demo');
    const page = await web.get('/postepowania/nowe');
    expect(page.status).toBe(200);
    expect(page.text).toContain('<html lang="pl"');
    expect(titleOf(page.text)).toContain('Nowe postępowanie – krok 1 z 4: Dane podstawowe');
    expect(page.text).toContain('name="_csrf"');
    expect(page.text).toContain('aria-current="step"');

    const forged = await web.post('/postepowania/nowe', { ...basics('ZP.1'), _csrf: 'zly' });
    expect(forged.status).toBe(403);

    for (const who of ['coordinator@liszki.demo', 'lawyer@czernichow.demo']) {
      const other = new WebClient(t);
      await other.signIn(who);
      const denied = await other.get('/postepowania/nowe');
      expect(denied.status).toBe(403);
      expect(textOf(denied.text)).toContain('Brak dostępu');
    }
  });

  it('says each wrong answer in Polish on its field (422, never 500)', async () => {
    const web = new WebClient(t);
    await web.signIn('officer@skawina.demo');
    await web.get('/postepowania/nowe');
    const bad = await web.post('/postepowania/nowe', {
      ...basics('?'),
      title: 'abc',
      cpvMain: '12345678-9',
      cpvMainName: '',
      cpvAdditional: 'x',
      plannedStartOn: '2027-13-45',
    });
    expect(bad.status).toBe(422);
    const text = textOf(bad.text);
    expect(titleOf(bad.text)).toMatch(/^Błąd: /);
    expect(text).toContain('Popraw błędy w formularzu');
    expect(text).toContain('Znak sprawy: Wpisz znak sprawy (od 3 do 60 znaków');
    expect(text).toContain('Nazwa zamówienia: Wpisz nazwę zamówienia (od 5 do 500 znaków).');
    expect(text).toContain('Główny kod CPV: Wpisz kod ze Wspólnego Słownika Zamówień');
    expect(text).toContain('Dodatkowe kody CPV: Każdy dodatkowy kod musi być kodem CPV 2008');
    expect(text).toContain(
      'Nazwa głównego kodu CPV w języku polskim: Podaj nazwę kodu 12345678-9 w języku polskim',
    );
    expect(bad.text).toContain('href="#cpvMainName"');
    expect(text).toContain('Planowane wszczęcie: Wpisz datę w postaci RRRR-MM-DD');
    expect(bad.text).toContain('href="#cpvMain"');
    // Later steps stay closed until the basics are accepted.
    expect((await web.get('/postepowania/nowe/udzialy')).headers.location).toBe(
      '/postepowania/nowe',
    );
  });

  it('searches the shipped CPV list without JavaScript and keeps the draft between steps', async () => {
    const web = new WebClient(t);
    await web.signIn('officer@skawina.demo');
    await web.get('/postepowania/nowe');
    const reference = unique('ZP.271.W.');
    const found = await web.post('/postepowania/nowe', {
      ...basics(reference),
      cpvMain: '',
      akcja: 'szukaj',
      cpvSzukaj: '3414490',
    });
    expect(found.status).toBe(200);
    expect(textOf(found.text)).toContain('34144900-7 Electric vehicles');
    const picked = await web.post('/postepowania/nowe', {
      ...basics(reference),
      cpvMain: '',
      wybierzGlowny: '34144900-7',
    });
    expect(picked.text).toContain('id="cpvMain" name="cpvMain" type="text" value="34144900-7"');
    const extra = await web.post('/postepowania/nowe', {
      ...basics(reference),
      wybierzDodatkowy: '34144910-0',
    });
    expect(extra.text).toContain('value="34144910-0"');
    // The draft is kept with the session: a new page load shows the answers.
    const again = await web.get('/postepowania/nowe');
    expect(again.text).toContain(`value="${reference}"`);
    expect(again.text).toContain('value="34144910-0"');
  });

  it('creates the tender the answers describe, with the shares proposed, once', async () => {
    const web = new WebClient(t);
    await web.signIn('officer@skawina.demo');
    await web.get('/postepowania/nowe');
    await web.post('/postepowania/nowe/porzuc');
    await web.get('/postepowania/nowe');
    const reference = unique('ZP.271.W.');
    // A new additional code asks for its Polish name; the English label is only the hint.
    const unnamed = await web.post('/postepowania/nowe', {
      ...basics(reference),
      cpvAdditional: '34144910-0',
    });
    expect(unnamed.status).toBe(422);
    expect(textOf(unnamed.text)).toContain(
      'Nazwa kodu CPV w języku polskim: 34144910-0: Podaj nazwę kodu 34144910-0 w języku polskim',
    );
    expect(unnamed.text).toContain('href="#cpvNazwa-34144910-0"');
    expect(unnamed.text).toContain(
      'aria-describedby="cpvNazwa-34144910-0-wskazowka cpvNazwa-34144910-0-blad"',
    );
    expect(textOf(unnamed.text)).toContain('Electric buses');
    const saved = await web.post('/postepowania/nowe', {
      ...basics(reference),
      cpvAdditional: '34144910-0',
      'cpvNazwa-34144910-0': 'Autobusy elektryczne',
    });
    expect(saved.status).toBe(303);
    expect(saved.headers.location).toBe('/postepowania/nowe/czesci');

    await web.get('/postepowania/nowe/czesci');
    const added = await web.post('/postepowania/nowe/czesci', {
      'numer-0': '1',
      'tytul-0': 'Samochody osobowe',
      'vat-0': '23',
      akcja: 'dodaj',
    });
    expect(added.status).toBe(200);
    expect(added.text).toContain('name="numer-1"');
    const badLots = await web.post('/postepowania/nowe/czesci', {
      'numer-0': '1',
      'tytul-0': 'Samochody osobowe',
      'vat-0': '23',
      'numer-1': '1',
      'tytul-1': 'B',
      'vat-1': '7',
      akcja: 'dalej',
    });
    expect(badLots.status).toBe(422);
    const lotText = textOf(badLots.text);
    expect(lotText).toContain('Część w wierszu 2: numer: Numery części nie mogą się powtarzać');
    expect(lotText).toContain('Część w wierszu 2: nazwa: Wpisz nazwę części (od 3 do 300 znaków).');
    expect(lotText).toContain(
      'Część w wierszu 2: stawka VAT: Wybierz stawkę VAT: 0, 5, 8 albo 23%.',
    );
    const lots = await web.post('/postepowania/nowe/czesci', {
      'numer-0': '1',
      'tytul-0': 'Samochody osobowe',
      'vat-0': '23',
      'numer-1': '2',
      'tytul-1': 'Samochody dostawcze',
      'vat-1': '8',
      akcja: 'dalej',
    });
    expect(lots.status).toBe(303);

    const liszki = await orgId(t, 'liszki');
    const mogilany = await orgId(t, 'mogilany');
    const czernichow = await orgId(t, 'czernichow');
    const step = await web.get('/postepowania/nowe/udzialy');
    expect(step.status).toBe(200);
    expect(textOf(step.text)).toContain('Gmina Liszki: kwota netto w zł');
    const amounts = {
      [`kwota-0-${liszki}`]: '60 000,00',
      [`kwota-0-${mogilany}`]: '50 000,00',
      [`kwota-1-${czernichow}`]: '10 000,00',
    };
    const below = await web.post('/postepowania/nowe/udzialy', { ...amounts, akcja: 'przelicz' });
    expect(below.status).toBe(200);
    expect(textOf(below.text)).toContain('Razem: 120 000,00 zł netto, 146 100,00 zł brutto.');
    expect(textOf(below.text)).toContain('Reżim: poniżej progu stosowania ustawy');
    const crossed = await web.post('/postepowania/nowe/udzialy', {
      ...amounts,
      [`kwota-1-${czernichow}`]: '70 000,00',
      akcja: 'przelicz',
    });
    expect(textOf(crossed.text)).toContain('Reżim: poniżej progów unijnych (procedura krajowa)');
    expect(textOf(crossed.text)).toContain('Podstawa: Wartość zamówienia 180 000,00 zł netto');
    const badAmount = await web.post('/postepowania/nowe/udzialy', {
      ...amounts,
      [`kwota-1-${czernichow}`]: '-5',
      akcja: 'dalej',
    });
    expect(badAmount.status).toBe(422);
    expect(textOf(badAmount.text)).toContain('Część 2: Wpisz kwotę netto większą od zera');
    const shares = await web.post('/postepowania/nowe/udzialy', {
      ...amounts,
      [`kwota-1-${czernichow}`]: '70 000,00',
      akcja: 'dalej',
    });
    expect(shares.status).toBe(303);
    expect(shares.headers.location).toBe('/postepowania/nowe/sprawdz');

    const check = await web.get('/postepowania/nowe/sprawdz');
    expect(check.status).toBe(200);
    const checkText = textOf(check.text);
    expect(titleOf(check.text)).toContain('krok 4 z 4: Sprawdź i utwórz');
    expect(checkText).toContain(`Znak sprawy ${reference}`);
    expect(checkText).toContain('Gmina Liszki: 60 000,00 zł netto');
    expect(checkText).toContain('Gmina Czernichów: 70 000,00 zł netto');
    expect(checkText).toContain('Razem: 180 000,00 zł netto');
    for (const href of [
      '/postepowania/nowe',
      '/postepowania/nowe/czesci',
      '/postepowania/nowe/udzialy',
    ])
      expect(check.text).toContain(`href="${href}"`);

    const created = await web.post('/postepowania/nowe/utworz');
    expect(created.status).toBe(303);
    const id = /\/postepowania\/([0-9a-f-]{36})$/.exec(created.headers.location ?? '')?.[1];
    expect(id).toBeDefined();
    const tender = (await officer.get(`/tenders/${id}`).expect(200)).body as Omit<
      TenderBody,
      'lots'
    > & {
      reference: string;
      title: string;
      subjectKind: string;
      cpvMain: string;
      cpvMainName: string;
      cpvAdditional: string[];
      cpvAdditionalNames: string[];
      plannedStartOn: string;
      valueNet: string;
      lots: {
        number: number;
        title: string;
        vatRate: number;
        shares: { organisationId: string; amountNet: string; status: string }[];
      }[];
    };
    expect(tender).toMatchObject({
      reference,
      title: 'Zakup samochodów elektrycznych dla gmin partnerstwa',
      subjectKind: 'SUPPLIES',
      cpvMain: '34144900-7',
      cpvMainName: 'Pojazdy elektryczne',
      cpvAdditional: ['34144910-0'],
      cpvAdditionalNames: ['Autobusy elektryczne'],
      plannedStartOn: PUBLICATION_DAY,
      status: 'DRAFT',
      regime: 'NATIONAL',
      valueNet: '180000.00',
    });
    expect(
      tender.lots.map((l) => ({
        number: l.number,
        title: l.title,
        vatRate: l.vatRate,
        shares: l.shares.map((s) => [s.organisationId, s.amountNet, s.status]).sort(),
      })),
    ).toEqual([
      {
        number: 1,
        title: 'Samochody osobowe',
        vatRate: 23,
        shares: [
          [liszki, '60000.00', 'PROPOSED'],
          [mogilany, '50000.00', 'PROPOSED'],
        ].sort(),
      },
      {
        number: 2,
        title: 'Samochody dostawcze',
        vatRate: 8,
        shares: [[czernichow, '70000.00', 'PROPOSED']],
      },
    ]);
    const page = await web.get(created.headers.location);
    expect(textOf(page.text)).toContain(`Utworzono postępowanie ${reference}`);

    // Sent again: the draft ended with the tender, nothing is created twice.
    const twice = await web.post('/postepowania/nowe/utworz');
    expect(twice.status).toBe(303);
    expect(twice.headers.location).toBe('/postepowania/nowe');
    const rows = await t.dataSource.query('SELECT id FROM tenders WHERE reference = $1', [
      reference,
    ]);
    expect(rows).toHaveLength(1);
  });

  it('brings a reference already used back to the check page, naming the field', async () => {
    const web = new WebClient(t);
    await web.signIn('officer@skawina.demo');
    await web.get('/postepowania/nowe');
    const taken = (
      await t.dataSource.query<{ reference: string }[]>(
        `SELECT t.reference FROM tenders t JOIN organisations o ON o.id = t.leader_organisation_id
        WHERE o.slug = 'skawina' LIMIT 1`,
      )
    )[0].reference;
    expect((await web.post('/postepowania/nowe', basics(taken))).status).toBe(303);
    await web.get('/postepowania/nowe/czesci');
    await web.post('/postepowania/nowe/czesci', {
      'numer-0': '1',
      'tytul-0': 'Część jedyna',
      'vat-0': '23',
      akcja: 'dalej',
    });
    await web.get('/postepowania/nowe/udzialy');
    expect((await web.post('/postepowania/nowe/udzialy', { akcja: 'dalej' })).status).toBe(303);
    await web.get('/postepowania/nowe/sprawdz');
    const refused = await web.post('/postepowania/nowe/utworz');
    expect(refused.status).toBe(422);
    expect(textOf(refused.text)).toContain(
      'Znak sprawy: Ten znak sprawy jest już użyty w innym postępowaniu lidera; wpisz inny.',
    );
  });

  it('writes nothing when a share is refused: tender, lots and shares are one transaction', async () => {
    const web = new WebClient(t);
    await web.signIn('officer@skawina.demo');
    await web.get('/postepowania/nowe');
    const reference = unique('ZP.TX');
    expect((await web.post('/postepowania/nowe', basics(reference))).status).toBe(303);
    await web.get('/postepowania/nowe/czesci');
    await web.post('/postepowania/nowe/czesci', {
      'numer-0': '1',
      'tytul-0': 'Część jedyna',
      'vat-0': '23',
      akcja: 'dalej',
    });
    await web.get('/postepowania/nowe/udzialy');
    // The first share is lawful; the second names an organisation outside the partnership, which
    // only the service can know (its rule runs when the share is written, after the tender).
    const outsider = '00000000-0000-4000-8000-000000000013';
    const shares = await web.post('/postepowania/nowe/udzialy', {
      [`kwota-0-${await orgId(t, 'liszki')}`]: '10 000,00',
      [`kwota-0-${outsider}`]: '5 000,00',
      akcja: 'dalej',
    });
    expect(shares.status).toBe(303);
    await web.get('/postepowania/nowe/sprawdz');
    const refused = await web.post('/postepowania/nowe/utworz');
    expect(refused.status).toBe(422);
    expect(textOf(refused.text)).toContain('Nie można zaproponować udziałów');
    const rows = await t.dataSource.query<{ id: string }[]>(
      'SELECT id FROM tenders WHERE reference = $1',
      [reference],
    );
    expect(rows).toHaveLength(0);
    const audit = await t.dataSource.query<{ n: number }[]>(
      `SELECT count(*)::int AS n FROM audit_events WHERE action = 'tender.created' AND data->>'reference' = $1`,
      [reference],
    );
    expect(audit[0].n).toBe(0);
    // The draft is kept: the officer corrects the shares and creates the tender.
    expect((await web.get('/postepowania/nowe/sprawdz')).status).toBe(200);
  });
});
