import { createTestApp, login, type Session, type TestApp } from './support/app';
import { confirmAll, createTender, proposeShare, type TenderBody } from './support/tenders';
import { onDay, PUBLICATION_DAY } from './support/dates';
import { textOf, titleOf, WebClient } from './support/web';

/**
 * The leader's officer on /postepowania/:id over HTTP: the lifecycle's next steps with the
 * conditions that block them (the API's own, in Polish), the review step, cancellation with a
 * reason, stale forms, CSRF, and nothing of it for a partner.
 */
describe("web pages of the leader's officers (tender lifecycle)", () => {
  let t: TestApp;
  let officer: Session;

  beforeAll(async () => {
    t = await createTestApp();
    officer = await login(t, 'officer@skawina.demo');
  });

  afterAll(() => t.close());

  const section = (html: string): string => {
    const start = html.indexOf('id="etap"');
    return start < 0 ? '' : textOf(html.slice(start, html.indexOf('id="czesci"')));
  };

  it('lists what blocks each step in Polish (the API’s conditions), reviews, then moves the tender', async () => {
    let tender: TenderBody = await createTender(officer);
    tender = await proposeShare(t, officer, tender, 1, 'liszki', '250000.00');
    const api = await officer.get(`/tenders/${tender.id}/transitions`).expect(200);
    expect(api.body).toEqual([
      {
        to: 'COLLECTING_SHARES',
        allowed: false,
        needsReason: false,
        missing: [expect.stringMatching(/at least 2 organisations/)],
      },
      { to: 'CANCELLED', allowed: true, needsReason: true, missing: [] },
    ]);

    const web = new WebClient(t);
    await web.signIn('officer@skawina.demo');
    const blocked = section((await web.get(`/postepowania/${tender.id}`)).text);
    expect(blocked).toContain('Prowadzenie postępowania');
    expect(blocked).toContain('Rozpocznij zbieranie udziałów');
    expect(blocked).toContain('Ten krok będzie możliwy, gdy:');
    expect(blocked).toContain(
      'Udziały muszą pochodzić od co najmniej dwóch jednostek (zamówienie wspólne, art. 38 Pzp); teraz jednostek: 1.',
    );
    // A blocked step has no button; forcing it gives the conditions back, never a 500.
    const forced = await web.post(`/postepowania/${tender.id}/etap/sprawdz`, {
      to: 'COLLECTING_SHARES',
      version: String(tender.version),
    });
    expect(forced.status).toBe(422);
    expect(textOf(forced.text)).toContain(
      'Rozpocznij zbieranie udziałów: Udziały muszą pochodzić od co najmniej dwóch jednostek',
    );
    expect(titleOf(forced.text)).toMatch(/^Błąd: /);

    tender = await proposeShare(t, officer, tender, 1, 'mogilany', '180000.00');
    const open = await web.get(`/postepowania/${tender.id}`);
    expect(section(open.text)).toContain('Warunki są spełnione.');
    const review = await web.post(`/postepowania/${tender.id}/etap/sprawdz`, {
      to: 'COLLECTING_SHARES',
      version: String(tender.version),
    });
    expect(review.status).toBe(200);
    expect(textOf(review.text)).toContain(
      'Sprawdź przed zmianą etapu: Rozpocznij zbieranie udziałów',
    );
    expect(textOf(review.text)).toContain('Etap po zmianie Zbieranie udziałów');
    const done = await web.post(`/postepowania/${tender.id}/etap`, {
      to: 'COLLECTING_SHARES',
      version: String(tender.version),
    });
    expect(done.status).toBe(303);
    const after = await web.get(`/postepowania/${tender.id}`);
    expect(textOf(after.text)).toContain('Postępowanie jest teraz na etapie: Zbieranie udziałów.');
    expect(section(after.text)).toContain('Niepotwierdzone udziały: 2.');
    expect(textOf(after.text)).toContain('Zmieniono etap: Projekt → Zbieranie udziałów');

    // The same form again (an old version): the current state, not an error page, nothing twice.
    const again = await web.post(`/postepowania/${tender.id}/etap`, {
      to: 'COLLECTING_SHARES',
      version: String(tender.version),
    });
    expect(again.status).toBe(303);
    expect(textOf((await web.get(`/postepowania/${tender.id}`)).text)).toContain(
      'Postępowanie zmieniło się w międzyczasie',
    );
    const moves = await t.dataSource.query<{ n: number }[]>(
      `SELECT count(*)::int AS n FROM audit_events WHERE action = 'tender.transitioned' AND entity_id = $1`,
      [tender.id],
    );
    expect(moves[0].n).toBe(1);
  });

  it('explains the publication guard: the agreement from the current shares, the notice, the schedule, the criteria', async () => {
    let tender: TenderBody = await createTender(officer);
    tender = await proposeShare(t, officer, tender, 1, 'liszki', '120000.00');
    tender = await proposeShare(t, officer, tender, 1, 'czernichow', '90000.00');
    tender = await proposeShare(t, officer, tender, 2, 'liszki', '50000.00');
    await officer
      .post(`/tenders/${tender.id}/transition`, {
        to: 'COLLECTING_SHARES',
        version: tender.version,
      })
      .expect(200);
    tender = (await officer.get(`/tenders/${tender.id}`).expect(200)).body as TenderBody;
    tender = await confirmAll(t, tender, (email) => login(t, email));
    await officer
      .post(`/tenders/${tender.id}/transition`, { to: 'READY', version: tender.version })
      .expect(200);
    const web = new WebClient(t);
    await web.signIn('officer@skawina.demo');
    const html = (await web.get(`/postepowania/${tender.id}`)).text;
    const officerView = section(html);
    expect(officerView).toContain('Ogłoś postępowanie');
    expect(officerView).toContain(
      'Przed ogłoszeniem musi być gotowe porozumienie partnerstwa o wspólnym udzieleniu zamówienia.',
    );
    expect(officerView).toContain('Najpierw zapisz ogłoszenie o zamówieniu');
    expect(officerView).toContain('Zastosuj harmonogram liczony od dnia publikacji ogłoszenia');
    expect(officerView).toContain('Część 1 nie ma kryteriów oceny ofert');
    expect(officerView).toContain('Wróć do zbierania udziałów');
    // Every condition has its Polish sentence: no text marked as the service's English.
    expect(html).not.toContain('lang="en"');
    const api = await officer.get(`/tenders/${tender.id}/transitions`).expect(200);
    const published = (api.body as { to: string; missing: string[] }[]).find(
      (c) => c.to === 'PUBLISHED',
    );
    expect(published?.missing.length).toBeGreaterThanOrEqual(4);
    expect((officerView.match(/✕/g) ?? []).length).toBe(published?.missing.length);
    const documents = textOf((await web.get(`/postepowania/${tender.id}/dokumenty`)).text);
    expect(documents).toContain('Porozumienie a ogłoszenie postępowania');
    expect(documents).toContain(
      '✕ Przed ogłoszeniem musi być gotowe porozumienie partnerstwa o wspólnym udzieleniu zamówienia.',
    );
    expect(documents).toContain('Pełnomocnictwo (dla jednego partnera)');
  });

  it('cancels with a reason after the review step; a short reason comes back with an error summary', async () => {
    const tender: TenderBody = await createTender(officer);
    const web = new WebClient(t);
    await web.signIn('officer@skawina.demo');
    await web.get(`/postepowania/${tender.id}`);
    const short = await web.post(`/postepowania/${tender.id}/etap/sprawdz`, {
      to: 'CANCELLED',
      version: String(tender.version),
      reason: 'brak',
    });
    expect(short.status).toBe(422);
    expect(textOf(short.text)).toContain('Powód unieważnienia: Podaj powód unieważnienia');
    expect(short.text).toContain('href="#reason"');
    expect(short.text).toContain('aria-invalid="true"');
    const reason =
      'Art. 255 pkt 3 Pzp: cena najkorzystniejszej oferty przewyższa kwotę na sfinansowanie';
    const review = await web.post(`/postepowania/${tender.id}/etap/sprawdz`, {
      to: 'CANCELLED',
      version: String(tender.version),
      reason,
    });
    expect(review.status).toBe(200);
    expect(textOf(review.text)).toContain('Tego nie można cofnąć.');
    expect(textOf(review.text)).toContain(reason);
    const done = await web.post(`/postepowania/${tender.id}/etap`, {
      to: 'CANCELLED',
      version: String(tender.version),
      reason,
    });
    expect(done.status).toBe(303);
    const page = textOf((await web.get(`/postepowania/${tender.id}`)).text);
    expect(page).toContain('Postępowanie jest teraz na etapie: Unieważnione.');
    expect(page).toContain(`Powód unieważnienia: ${reason}`);
    expect(page).toContain('To etap końcowy');
    const [row] = await t.dataSource.query<{ status: string; cancel_reason: string }[]>(
      'SELECT status, cancel_reason FROM tenders WHERE id = $1',
      [tender.id],
    );
    expect(row).toEqual({ status: 'CANCELLED', cancel_reason: reason });
  });

  it('shows none of it to a partner, refuses the forms without CSRF, and answers 403 in the API', async () => {
    const tender: TenderBody = await createTender(officer);
    const treasurer = await login(t, 'treasurer@skawina.demo');
    await treasurer.get(`/tenders/${tender.id}/transitions`).expect(403);
    const web = new WebClient(t);
    await web.signIn('coordinator@skawina.demo');
    const page = await web.get(`/postepowania/${tender.id}`);
    expect(page.status).toBe(200);
    expect(section(page.text)).toBe('');
    const refused = await web.post(`/postepowania/${tender.id}/etap/sprawdz`, {
      to: 'CANCELLED',
      version: String(tender.version),
      reason: 'Nie mam do tego prawa',
    });
    expect(refused.status).toBe(403);
    expect(titleOf(refused.text)).toContain('Brak dostępu');
    const officerWeb = new WebClient(t);
    await officerWeb.signIn('officer@skawina.demo');
    await officerWeb.get(`/postepowania/${tender.id}`);
    const forged = await officerWeb.post(`/postepowania/${tender.id}/etap`, {
      _csrf: 'forged',
      to: 'CANCELLED',
      version: String(tender.version),
      reason: 'Próba bez tokenu CSRF',
    });
    expect(forged.status).toBe(403);
    expect(textOf(forged.text)).toContain('Formularz wygasł');
  });

  it('shows the schedule from a publication day as a timeline with articles and lawful days, and applies it', async () => {
    let tender: TenderBody = await createTender(officer);
    tender = await proposeShare(t, officer, tender, 1, 'liszki', '300000.00');
    // After the fixtures' share deadline (the Friday before PUBLICATION_DAY), whatever today is.
    const on = PUBLICATION_DAY;
    const web = new WebClient(t);
    await web.signIn('officer@skawina.demo');
    const bad = await web.get(`/postepowania/${tender.id}/harmonogram?publikacja=2027-13-45`);
    expect(bad.status).toBe(422);
    expect(textOf(bad.text)).toContain('Dzień publikacji ogłoszenia: Wpisz prawdziwą datę');
    expect(bad.text).toContain('href="#publikacja"');

    const page = await web.get(`/postepowania/${tender.id}/harmonogram?publikacja=${on}`);
    expect(page.status).toBe(200);
    const text = textOf(page.text);
    const api = await officer
      .get(`/tenders/${tender.id}/schedule/proposal?publishedOn=${on}`)
      .expect(200);
    const items = (api.body as { items: { title: string; basis: string }[] }).items;
    expect(items.length).toBeGreaterThan(2);
    for (const item of items) {
      expect(text).toContain(item.title);
      expect(text).toContain(`Podstawa: ${item.basis}`);
    }
    expect(text).toMatch(/Najwcześniej zgodnie z prawem: \d{1,2} [a-ząćęłńóśźż]+ \d{4} r\./);
    expect(page.text).toContain('Zastosuj harmonogram od');

    const applied = await web.post(`/postepowania/${tender.id}/harmonogram`, { publikacja: on });
    expect(applied.status).toBe(303);
    const after = textOf((await web.get(applied.headers.location)).text);
    expect(after).toMatch(/Zastosowano harmonogram od .*: \d+ termin(y|ów)? z przypomnieniami\./);
    const saved = await officer.get(`/tenders/${tender.id}/deadlines`).expect(200);
    const deadlines = (saved.body as { items: { title: string }[] }).items;
    expect(deadlines.length).toBeGreaterThan(0);
    for (const d of deadlines) expect(after).toContain(d.title);
    expect(after).toMatch(/Odpowiada/);
    expect(after).toMatch(/przed|w chwili terminu|bez przypomnień/);

    const past = await web.post(`/postepowania/${tender.id}/harmonogram`, {
      publikacja: '2020-01-02',
    });
    expect(past.status).toBe(422);
    expect(textOf(past.text)).toContain(
      'Dzień publikacji ogłoszenia: Dzień publikacji nie może być wcześniejszy niż dzisiaj',
    );

    // Someone of the leader who is not an officer reads the schedule but cannot apply it.
    const partner = new WebClient(t);
    await partner.signIn('coordinator@skawina.demo');
    const read = await partner.get(`/postepowania/${tender.id}/harmonogram?publikacja=${on}`);
    expect(read.status).toBe(200);
    expect(read.text).not.toContain('Zastosuj harmonogram od');
    const refused = await partner.post(`/postepowania/${tender.id}/harmonogram`, {
      publikacja: on,
    });
    expect(refused.status).toBe(403);
  });
  it('moves one saved deadline, naming the earliest lawful day when the new one is too early', async () => {
    let tender: TenderBody = await createTender(officer);
    tender = await proposeShare(t, officer, tender, 1, 'liszki', '500000.00');
    await officer
      .post(`/tenders/${tender.id}/schedule/apply`, { publishedOn: PUBLICATION_DAY })
      .expect(200);
    const list = await officer.get(`/tenders/${tender.id}/deadlines?limit=100`).expect(200);
    const offers = (
      list.body.items as { id: string; kind: string; version: number; minimum: { on: string } }[]
    ).find((d) => d.kind === 'OFFERS');
    if (!offers) throw new Error('no OFFERS deadline');

    const web = new WebClient(t);
    await web.signIn('officer@skawina.demo');
    const schedule = await web.get(`/postepowania/${tender.id}/harmonogram`);
    expect(schedule.text).toContain(`href="/terminy/${offers.id}"`);
    const page = await web.get(`/terminy/${offers.id}`);
    expect(page.status).toBe(200);
    expect(titleOf(page.text)).toMatch(/^Termin: /);
    expect(textOf(page.text)).toContain('Najwcześniej zgodnie z prawem:');

    const early = await web.post(`/terminy/${offers.id}`, {
      version: String(offers.version),
      dzien: onDay(3),
      godzina: '10:00',
    });
    expect(early.status).toBe(422);
    expect(textOf(early.text)).toMatch(
      /Dzień: Najwcześniejszy zgodny z prawem dzień to \d{1,2} [a-ząćęłńóśźż]+ \d{4} r\. \(art\./,
    );
    const garbled = await web.post(`/terminy/${offers.id}`, {
      version: String(offers.version),
      dzien: '2027-02-30x',
      godzina: '25:00',
    });
    expect(garbled.status).toBe(422);
    expect(textOf(garbled.text)).toContain('Godzina: Wpisz godzinę w postaci GG:MM');

    const later = onDay(21);
    const saved = await web.post(`/terminy/${offers.id}`, {
      version: String(offers.version),
      dzien: later,
      godzina: '11:30',
    });
    expect(saved.status).toBe(303);
    const moved = (await officer.get(`/deadlines/${offers.id}`).expect(200)).body;
    expect(moved.dueAt.slice(0, 16)).toBe(`${later}T11:30`);
    // The same form again is stale: nothing saved twice, the current state shown.
    const stale = await web.post(`/terminy/${offers.id}`, {
      version: String(offers.version),
      dzien: onDay(28),
      godzina: '10:00',
    });
    expect(stale.status).toBe(303);
    expect((await officer.get(`/deadlines/${offers.id}`).expect(200)).body.version).toBe(
      moved.version,
    );

    const partner = new WebClient(t);
    await partner.signIn('coordinator@skawina.demo');
    const read = await partner.get(`/terminy/${offers.id}`);
    expect(read.status).toBe(200);
    expect(read.text).not.toContain('Zapisz nowy termin');
    const refused = await partner.post(`/terminy/${offers.id}`, {
      version: String(moved.version),
      dzien: onDay(28),
      godzina: '10:00',
    });
    expect([403, 404]).toContain(refused.status);
  });

  it('adds a lot on Dodaj część: 200 with lang and title, 422 naming the field, 403 for others, CSRF', async () => {
    const tender: TenderBody = await createTender(officer);
    const web = new WebClient(t);
    await web.signIn('officer@skawina.demo');
    const page = await web.get(`/postepowania/${tender.id}`);
    expect(page.text).toContain(`href="/postepowania/${tender.id}/czesci"`);
    const form = await web.get(`/postepowania/${tender.id}/czesci`);
    expect(form.status).toBe(200);
    expect(form.text).toContain('<html lang="pl"');
    expect(titleOf(form.text)).toContain('Dodaj część – ZP.271.');
    expect(form.text).toContain('value="3"');
    const bad = await web.post(`/postepowania/${tender.id}/czesci`, {
      numer: 'trzy',
      tytul: 'x',
      vat: '23',
    });
    expect(bad.status).toBe(422);
    expect(titleOf(bad.text)).toMatch(/^Błąd: /);
    expect(textOf(bad.text)).toContain(
      'Numer części: Wpisz numer części: liczbę całkowitą od 1 do 999.',
    );
    expect(textOf(bad.text)).toContain('Nazwa części: Wpisz nazwę części (od 3 do 300 znaków).');
    const taken = await web.post(`/postepowania/${tender.id}/czesci`, {
      numer: '1',
      tytul: 'Część 3: chodniki',
      vat: '23',
    });
    expect(taken.status).toBe(422);
    expect(textOf(taken.text)).toContain(
      'Numer części: Część o numerze 1 już istnieje w tym postępowaniu; wpisz inny numer.',
    );
    const forged = await web.post(`/postepowania/${tender.id}/czesci`, {
      _csrf: 'forged',
      numer: '3',
      tytul: 'Część 3: chodniki',
      vat: '8',
    });
    expect(forged.status).toBe(403);
    const added = await web.post(`/postepowania/${tender.id}/czesci`, {
      numer: '3',
      tytul: 'Część 3: chodniki',
      vat: '8',
    });
    expect(added.status).toBe(303);
    expect(added.headers.location).toBe(`/postepowania/${tender.id}`);
    const api = (await officer.get(`/tenders/${tender.id}`).expect(200)).body as TenderBody;
    expect(api.lots.map((l) => l.number)).toEqual([1, 2, 3]);
    const audit = await t.dataSource.query<{ n: number }[]>(
      `SELECT count(*)::int AS n FROM audit_events WHERE tender_id = $1 AND action LIKE 'lot.%'`,
      [tender.id],
    );
    expect(audit[0].n).toBe(1);
    const other = new WebClient(t);
    await other.signIn('coordinator@skawina.demo');
    expect((await other.get(`/postepowania/${tender.id}`)).text).not.toContain('/czesci"');
    expect((await other.get(`/postepowania/${tender.id}/czesci`)).status).toBe(403);
  });

  it('names the CPV codes in Polish on Nazwy kodów CPV: English label as the hint, 422 naming the input, 303, 403 for others', async () => {
    const tender: TenderBody = await createTender(officer, {
      cpvMainName: undefined,
      cpvAdditionalNames: undefined,
    });
    // An API client adds a code without its name; the tender page links the names page.
    await officer
      .patch(`/tenders/${tender.id}`, { version: tender.version, cpvAdditional: ['45233120-6'] })
      .expect(200);
    const web = new WebClient(t);
    await web.signIn('officer@skawina.demo');
    const page = await web.get(`/postepowania/${tender.id}`);
    expect(page.text).toContain(`href="/postepowania/${tender.id}/kody-cpv"`);
    const form = await web.get(`/postepowania/${tender.id}/kody-cpv`);
    expect(form.status).toBe(200);
    expect(form.text).toContain('<html lang="pl"');
    expect(titleOf(form.text)).toContain('Kody CPV – ZP.271.');
    expect(form.text).toContain('value="Roboty drogowe"');
    expect(textOf(form.text)).toContain('„Road construction works”');
    const bad = await web.post(`/postepowania/${tender.id}/kody-cpv`, {
      version: String(tender.version + 1),
      cpvMainName: 'Roboty drogowe',
      'cpvNazwa-45233120-6': '',
    });
    expect(bad.status).toBe(422);
    expect(titleOf(bad.text)).toMatch(/^Błąd: /);
    expect(textOf(bad.text)).toContain(
      'Nazwa kodu CPV w języku polskim: 45233120-6: Podaj nazwę kodu 45233120-6 w języku polskim',
    );
    expect(bad.text).toContain('href="#cpvNazwa-45233120-6"');
    const forged = await web.post(`/postepowania/${tender.id}/kody-cpv`, {
      _csrf: 'forged',
      version: String(tender.version + 1),
      cpvMainName: 'Roboty drogowe',
      'cpvNazwa-45233120-6': 'Roboty w zakresie budowy dróg',
    });
    expect(forged.status).toBe(403);
    const saved = await web.post(`/postepowania/${tender.id}/kody-cpv`, {
      version: String(tender.version + 1),
      cpvMainName: 'Roboty drogowe',
      'cpvNazwa-45233120-6': 'Roboty w zakresie budowy dróg',
    });
    expect(saved.status).toBe(303);
    expect(saved.headers.location).toBe(`/postepowania/${tender.id}`);
    const api = (await officer.get(`/tenders/${tender.id}`).expect(200)).body as {
      cpvMainName: string;
      cpvAdditionalNames: string[];
    };
    expect(api.cpvMainName).toBe('Roboty drogowe');
    expect(api.cpvAdditionalNames).toEqual(['Roboty w zakresie budowy dróg']);
    const other = new WebClient(t);
    await other.signIn('coordinator@skawina.demo');
    expect((await other.get(`/postepowania/${tender.id}`)).text).not.toContain('/kody-cpv"');
    expect((await other.get(`/postepowania/${tender.id}/kody-cpv`)).status).toBe(403);
  });
});
