import type { TestingModule } from '@nestjs/testing';
import { warsawDate } from '../src/common/polish-calendar/calendar';
import { Clock, ScaledClock } from '../src/schedule/clock';
import { createTestApp, login, orgId, type Session, type TestApp } from './support/app';
import { awardedTender, DROGBUD } from './support/procedure';
import type { TenderBody } from './support/tenders';
import { textOf, titleOf, WebClient } from './support/web';
import { startWorker } from './support/worker';

const DAY = 86_400_000;

interface Part {
  organisationId: string;
  net: string;
  vat: string;
  gross: string;
}

/** The split the review page shows (its rows carry the exact amounts the service computed). */
function previewedSplit(html: string): Part[] {
  return [
    ...html.matchAll(
      /<tr data-organisation="([^"]+)" data-net="([^"]+)" data-vat="([^"]+)" data-gross="([^"]+)">/g,
    ),
  ].map((m) => ({ organisationId: m[1], net: m[2], vat: m[3], gross: m[4] }));
}

/** The texts of the error summary's links ("label: message"). */
function summaryOf(html: string): string[] {
  const start = html.indexOf('class="error-summary"');
  if (start < 0) return [];
  const block = html.slice(start, html.indexOf('</div>', start));
  return [...block.matchAll(/<a href="#([^"]+)">([^<]+)<\/a>/g)].map(
    (m) => `${m[1]} | ${textOf(m[2]).trim()}`,
  );
}

/**
 * The finance pages over HTTP: /postepowania/:id/finanse (contracts, invoices with the split
 * previewed before saving, advances, subsidies, refunds, payments and their corrections) and
 * /postepowania/:id/rozliczenie (table, chart, CSV, statement), with the API's access policy.
 */
describe('web pages of finance (Finanse, Rozliczenie)', () => {
  let t: TestApp;
  let worker: TestingModule;
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
  let tender: TenderBody;
  let officer: Session;
  let web: WebClient;
  const org: Record<string, string> = {};
  const day = (offset: number) => warsawDate(new Date(clock.now().getTime() + offset * DAY));

  beforeAll(async () => {
    t = await createTestApp((b) => b.overrideProvider(Clock).useValue(clock));
    worker = await startWorker();
    officer = await as('officer@skawina.demo');
    for (const slug of ['skawina', 'czernichow', 'liszki']) org[slug] = await orgId(t, slug);
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
    web = new WebClient(t);
    await web.signIn('officer@skawina.demo');
  }, 180000);

  afterAll(async () => {
    await worker?.close();
    await t?.close();
  });

  const base = () => `/postepowania/${tender.id}/finanse`;

  /** Opens the form, sends it for review (200), then confirms it (303 back to Finanse). */
  async function record(akcja: string, form: Record<string, string>, rekord = ''): Promise<string> {
    const page = await web.get(`${base()}/${akcja}${rekord ? `?rekord=${rekord}` : ''}`);
    expect(page.status).toBe(200);
    const version = /name="version" value="([^"]*)"/.exec(page.text)?.[1] ?? '';
    const review = await web.post(`${base()}/${akcja}`, {
      ...form,
      rekord,
      version,
      krok: 'sprawdz',
    });
    expect(review.status).toBe(200);
    expect(titleOf(review.text)).toMatch(/^Sprawdź: /);
    const saved = await web.post(`${base()}/${akcja}`, {
      ...form,
      rekord,
      version,
      krok: 'zapisz',
    });
    if (saved.status !== 303)
      throw new Error(`${akcja}: ${saved.status} ${summaryOf(saved.text).join('; ')}`);
    expect(saved.headers.location).toBe(base());
    return review.text;
  }

  it('links Finanse and Rozliczenie from the tender page and shows the pages in Polish', async () => {
    const page = await web.get(`/postepowania/${tender.id}`);
    expect(page.text).toContain(`href="${base()}"`);
    expect(page.text).toContain(`href="/postepowania/${tender.id}/rozliczenie"`);
    for (const path of [base(), `${base()}/umowa`, `/postepowania/${tender.id}/rozliczenie`]) {
      const res = await web.get(path);
      expect(res.status).toBe(200);
      expect(res.text).toContain('<html lang="pl"');
      expect(titleOf(res.text)).toContain('ZP.271.');
    }
    expect(titleOf((await web.get(base())).text)).toMatch(/^Finanse – ZP\.271\./);
    expect((await web.get(`${base()}/nie-ma-takiej`)).status).toBe(404);
    expect((await web.get(`${base()}/aneks?rekord=${tender.id}`)).status).toBe(404);
  });

  it('refuses bad contract input with the fields named in Polish (422), never 500, and a form without CSRF (403)', async () => {
    await web.get(`${base()}/umowa`);
    const bad = await web.post(`${base()}/umowa`, {
      lotId: tender.lots[0].id,
      contractorName: DROGBUD.contractorName,
      contractorNip: '8567346216',
      amountNet: 'dużo',
      amountGross: '',
      signedOn: '2027-02-30',
      krok: 'sprawdz',
    });
    expect(bad.status).toBe(422);
    expect(summaryOf(bad.text)).toEqual([
      'contractorNip | NIP wykonawcy: Wpisz NIP: 10 cyfr z poprawną cyfrą kontrolną, np. 8567346215.',
      'amountNet | Kwota netto: Wpisz kwotę w złotych z groszami, np. 1234,56.',
      'amountGross | Kwota brutto: Uzupełnij to pole.',
      'signedOn | Data zawarcia: Wpisz prawdziwą datę w postaci RRRR-MM-DD, np. 2027-03-15.',
    ]);
    expect(bad.text).toContain('aria-invalid="true"');
    // The service's own rule: more than the award, refused when saving, on the form again.
    const over = await web.post(`${base()}/umowa`, {
      lotId: tender.lots[0].id,
      ...DROGBUD,
      amountNet: '1 950 000,01',
      amountGross: '2398500,01',
      signedOn: day(0),
      krok: 'zapisz',
    });
    expect(over.status).toBe(422);
    expect(summaryOf(over.text)).toEqual([
      'amountNet | Kwota netto: Umowy tej części przekroczyłyby kwotę netto wybranej oferty.',
    ]);
    const noCsrf = await web.post(`${base()}/umowa`, { _csrf: '', krok: 'zapisz' });
    expect(noCsrf.status).toBe(403);
    expect((await officer.get(`/tenders/${tender.id}/contracts`).expect(200)).body).toEqual([]);
  });

  it("records the leader's contract after a review page", async () => {
    const review = await record('umowa', {
      lotId: tender.lots[0].id,
      ...DROGBUD,
      amountNet: '1 950 000,00',
      amountGross: '2398500.00',
      signedOn: day(0),
    });
    expect(textOf(review)).toContain('Kwota netto 1 950 000,00 zł');
    const [contract] = (await officer.get(`/tenders/${tender.id}/contracts`).expect(200)).body;
    expect(contract).toEqual(
      expect.objectContaining({ organisationId: org.skawina, amountNet: '1950000.00' }),
    );
    const page = textOf((await web.get(base())).text);
    expect(page).toContain('Zapisano umowę.');
    expect(page).toContain('Drogbud Sp. z o.o.');
    expect(page).toContain('1 950 000,00 zł');
  });

  it('previews the exact split of an invoice and saves the same split', async () => {
    const form = {
      lotId: tender.lots[0].id,
      number: `FV/2027/04/${tender.id.slice(0, 8)}`,
      contractorNip: DROGBUD.contractorNip,
      issuedOn: day(0),
      dueOn: day(30),
      net: '100000,00',
      vat: '23000,00',
      gross: '123000,00',
    };
    const wrongGross = await web.post(`${base()}/faktura`, {
      ...form,
      gross: '123000,01',
      krok: 'sprawdz',
    });
    expect(wrongGross.status).toBe(422);
    expect(summaryOf(wrongGross.text)).toEqual([
      'gross | Kwota brutto: Kwota brutto musi być równa sumie kwoty netto i VAT.',
    ]);
    const review = await record('faktura', form);
    const previewed = previewedSplit(review);
    expect(previewed).toEqual([
      { organisationId: org.czernichow, net: '22113.02', vat: '5086.00', gross: '27199.02' },
      { organisationId: org.liszki, net: '18918.92', vat: '4351.35', gross: '23270.27' },
      { organisationId: org.skawina, net: '58968.06', vat: '13562.65', gross: '72530.71' },
    ]);
    expect(textOf(review)).toContain(
      'Gmina Czernichów 450 000,00 zł 22 113,02 zł 5 086,00 zł 27 199,02 zł',
    );
    const [invoice] = (await officer.get(`/tenders/${tender.id}/invoices`).expect(200)).body;
    const saved = (invoice.allocations as Part[]).map(({ organisationId, net, vat, gross }) => ({
      organisationId,
      net,
      vat,
      gross,
    }));
    expect(saved).toEqual(previewed);
    const duplicate = await web.post(`${base()}/faktura`, { ...form, krok: 'sprawdz' });
    expect(duplicate.status).toBe(422);
    expect(summaryOf(duplicate.text)).toEqual([
      'number | Numer faktury: Faktura o tym numerze od tego wykonawcy jest już zapisana.',
    ]);
  });

  it('schedules an advance, marks it paid with the bank reference, reverses it and pays again', async () => {
    await record('zaliczka', {
      organisationId: org.czernichow,
      amount: '27199,02',
      dueOn: day(10),
    });
    const payments = async () =>
      (await officer.get(`/tenders/${tender.id}/payments`).expect(200)).body as {
        id: string;
        kind: string;
        status: string;
        reference: string | null;
        reversal: unknown;
        returnDueOn: string | null;
        settledOn: string | null;
        amount: string;
      }[];
    const advance = (await payments()).find((p) => p.kind === 'ADVANCE');
    if (!advance) throw new Error('no advance');
    const future = await web.post(`${base()}/zaplacono`, {
      rekord: advance.id,
      paidOn: day(3),
      reference: 'WB/1',
      krok: 'zapisz',
    });
    expect(future.status).toBe(422);
    expect(summaryOf(future.text)).toEqual([
      'paidOn | Data zapłaty: Data nie może być późniejsza niż dzisiaj.',
    ]);
    await record('zaplacono', { paidOn: day(0), reference: 'WB/2027/05/0042' }, advance.id);
    expect((await payments()).find((p) => p.id === advance.id)).toEqual(
      expect.objectContaining({ status: 'PAID', reference: 'WB/2027/05/0042' }),
    );
    const short = await web.post(`${base()}/storno`, {
      rekord: advance.id,
      reason: 'złe',
      krok: 'sprawdz',
    });
    expect(short.status).toBe(422);
    expect(summaryOf(short.text)).toEqual([
      'reason | Uzasadnienie: Wpisz co najmniej 5 znaków: napisz, dlaczego.',
    ]);
    await record('storno', { reason: 'Przelew zaksięgowany na innym rachunku' }, advance.id);
    const reversed = (await payments()).find((p) => p.id === advance.id);
    expect(reversed).toEqual(
      expect.objectContaining({ status: 'DUE', reversal: expect.anything() }),
    );
    const page = textOf((await web.get(base())).text);
    expect(page).toContain('Storno: zapłatę z');
    expect(page).toContain('Przelew zaksięgowany na innym rachunku');
    await record('zaplacono', { paidOn: day(0), reference: 'WB/2027/05/0043' }, advance.id);
  });

  it('records a subsidy with its return deadline, settles it and shows the refund', async () => {
    await web.get(`${base()}/dotacja`);
    const farYear = await web.post(`${base()}/dotacja`, {
      organisationId: org.liszki,
      amount: '25000,00',
      dueOn: day(5),
      resolutionNumber: 'XV/123/2999',
      agreementSignedOn: day(0),
      useUntil: day(60),
      settlementDueOn: day(90),
      krok: 'zapisz',
    });
    expect(farYear.status).toBe(422);
    expect(summaryOf(farYear.text)).toEqual([
      'resolutionNumber | Numer uchwały rady: Rok uchwały nie może być późniejszy niż bieżący ani wcześniejszy niż 1990.',
    ]);
    await record('dotacja', {
      organisationId: org.liszki,
      amount: '25000,00',
      dueOn: day(5),
      resolutionNumber: `XV/123/${day(0).slice(0, 4)}`,
      agreementSignedOn: day(0),
      useUntil: day(60),
      settlementDueOn: day(90),
    });
    const list = async () =>
      (await officer.get(`/tenders/${tender.id}/payments`).expect(200)).body as {
        id: string;
        kind: string;
        amount: string;
        returnDueOn: string | null;
        settledOn: string | null;
      }[];
    const subsidy = (await list()).find((p) => p.kind === 'SUBSIDY');
    if (!subsidy?.returnDueOn) throw new Error('no subsidy with a return deadline');
    const { dateLong } = await import('../src/web/web-format');
    expect(textOf((await web.get(base())).text)).toContain(
      `Zwrot niewykorzystanej części do ${dateLong(subsidy.returnDueOn)}`,
    );
    await record('zaplacono', { paidOn: day(0), reference: 'WB/2027/05/0050' }, subsidy.id);
    const settleForm = await web.get(`${base()}/rozlicz-dotacje?rekord=${subsidy.id}`);
    const tooMuch = await web.post(`${base()}/rozlicz-dotacje`, {
      rekord: subsidy.id,
      usedAmount: '25000,01',
      settledOn: day(0),
      krok: 'zapisz',
      version: /name="version" value="([^"]*)"/.exec(settleForm.text)?.[1] ?? '',
    });
    expect(tooMuch.status).toBe(422);
    expect(summaryOf(tooMuch.text)[0]).toMatch(/^usedAmount \| Kwota wykorzystana: /);
    await record('rozlicz-dotacje', { usedAmount: '23270,27', settledOn: day(0) }, subsidy.id);
    const refund = (await list()).find((p) => p.kind === 'REFUND');
    expect(refund?.amount).toBe('1729.73');
  });

  it('keeps corrected records visible as corrected: an amendment, a cancelled invoice and a cancelled payment', async () => {
    const [contract] = (await officer.get(`/tenders/${tender.id}/contracts`).expect(200)).body as {
      id: string;
    }[];
    await record(
      'aneks',
      {
        signedOn: day(0),
        amountNet: '1949000,00',
        amountGross: '2397270,00',
        reason: 'Aneks nr 1: rezygnacja z odcinka ul. Polnej',
      },
      contract.id,
    );
    const number = `FV/2027/05/${tender.id.slice(0, 8)}`;
    await record('faktura', {
      lotId: tender.lots[0].id,
      number,
      contractorNip: DROGBUD.contractorNip,
      issuedOn: day(0),
      dueOn: day(30),
      net: '1000,00',
      vat: '230,00',
      gross: '1230,00',
    });
    const invoices = (await officer.get(`/tenders/${tender.id}/invoices`).expect(200)).body as {
      id: string;
      number: string;
    }[];
    const second = invoices.find((i) => i.number === number);
    if (!second) throw new Error('no second invoice');
    await record('anuluj-fakture', { reason: 'Faktura wprowadzona dwukrotnie' }, second.id);
    await record('zaliczka', { organisationId: org.liszki, amount: '100,00', dueOn: day(3) });
    const payments = (await officer.get(`/tenders/${tender.id}/payments`).expect(200)).body as {
      id: string;
      amount: string;
      status: string;
    }[];
    const mistaken = payments.find((p) => p.amount === '100.00');
    if (!mistaken) throw new Error('no mistaken advance');
    await record('anuluj-platnosc', { reason: 'Zaliczka zaplanowana omyłkowo' }, mistaken.id);
    const page = textOf((await web.get(base())).text);
    expect(page).toContain(
      'netto 1 950 000,00 zł → 1 949 000,00 zł, brutto 2 398 500,00 zł → 2 397 270,00 zł. Aneks nr 1: rezygnacja z odcinka ul. Polnej',
    );
    expect(page).toContain(`Faktura ${number} (część 1) ✕ anulowana`);
    expect(page).toContain('Powód anulowania: Faktura wprowadzona dwukrotnie');
    expect(page).toContain('✕ anulowana Powód: Zaliczka zaplanowana omyłkowo');
  });

  it('shows the settlement per partner and in total, as a chart and a table, with the CSV', async () => {
    const res = await web.get(`/postepowania/${tender.id}/rozliczenie`);
    expect(res.status).toBe(200);
    expect(titleOf(res.text)).toMatch(/^Rozliczenie – ZP\.271\./);
    expect(res.text).toMatch(/<svg role="img" aria-labelledby="wykres-tytul wykres-opis"/);
    expect(res.text).toContain('<title id="wykres-tytul">');
    const api = (await officer.get(`/tenders/${tender.id}/settlement`).expect(200)).body as {
      partners: {
        organisationId: string;
        organisationName: string;
        balance: string;
        paid: string;
      }[];
      totals: { balance: string } | null;
    };
    for (const p of api.partners)
      expect(res.text).toContain(
        `data-organisation="${p.organisationId}" data-balance="${p.balance}"`,
      );
    const desc = /<desc id="wykres-opis">([^<]+)<\/desc>/.exec(res.text)?.[1] ?? '';
    expect(textOf(desc)).toContain(
      'Gmina Czernichów: przypisano 27 199,02 zł brutto, wpłacono 27 199,02 zł',
    );
    expect(textOf(res.text)).toContain('Razem');
    const csv = await web.get(`/postepowania/${tender.id}/rozliczenie.csv`);
    expect(csv.status).toBe(200);
    expect(csv.headers['content-type']).toBe('text/csv; charset=utf-8');
    expect(csv.headers['content-disposition']).toMatch(
      /^attachment; filename="rozliczenie-ZP\.271\./,
    );
    const body = csv.text;
    expect(body.startsWith('\uFEFFOrganizacja;NIP;')).toBe(true);
    expect(body).toContain('RAZEM');
    expect(body).toContain('Gmina Liszki');
  });

  it("requests a partner's settlement statement from Rozliczenie through the documents flow", async () => {
    await web.get(`/postepowania/${tender.id}/rozliczenie`);
    const none = await web.post(`/postepowania/${tender.id}/rozliczenie`, { organisationId: '' });
    expect(none.status).toBe(422);
    expect(summaryOf(none.text)).toEqual([
      'organisationId | Partner: Wybierz partnera, którego zestawienie przygotować.',
    ]);
    const asked = await web.post(`/postepowania/${tender.id}/rozliczenie`, {
      organisationId: org.liszki,
    });
    expect(asked.status).toBe(303);
    expect(asked.headers.location).toMatch(/^\/dokumenty\/[0-9a-f-]{36}$/);
    expect((await web.get(asked.headers.location)).status).toBe(200);
  });

  it("shows a partner's coordinator its own finance only, read-only; a lawyer 403; an outsider 404", async () => {
    const coordinator = new WebClient(t, '10.9.3.1');
    await coordinator.signIn('coordinator@czernichow.demo');
    const page = await coordinator.get(base());
    expect(page.status).toBe(200);
    expect(page.text).not.toContain(`${base()}/umowa`);
    expect(page.text).not.toContain('/zaplacono?rekord=');
    expect(textOf(page.text)).not.toContain('Gmina Liszki');
    expect((await coordinator.get(`${base()}/umowa`)).status).toBe(403);
    const refused = await coordinator.post(`${base()}/faktura`, {
      lotId: tender.lots[0].id,
      number: 'FV/X/1',
      contractorNip: DROGBUD.contractorNip,
      issuedOn: day(0),
      dueOn: day(1),
      net: '1,00',
      vat: '0,23',
      gross: '1,23',
      krok: 'sprawdz',
    });
    expect(refused.status).toBe(403);
    const settlement = textOf(
      (await coordinator.get(`/postepowania/${tender.id}/rozliczenie`)).text,
    );
    expect(settlement).toContain('Gmina Czernichów');
    expect(settlement).not.toContain('Gmina Liszki');

    // A partner's treasurer records its own transfers to the leader, not the leader's contract.
    const treasurer = new WebClient(t, '10.9.3.4');
    await treasurer.signIn('treasurer@czernichow.demo');
    const own = (await treasurer.get(base())).text;
    expect(own).toContain(`href="${base()}/zaliczka"`);
    expect(own).not.toContain(`href="${base()}/umowa"`);
    const form = await treasurer.get(`${base()}/zaliczka`);
    expect(form.status).toBe(200);
    expect([...form.text.matchAll(/<option value="([^"]+)"/g)].map((m) => m[1])).toEqual([
      org.czernichow,
    ]);

    const lawyer = new WebClient(t, '10.9.3.2');
    await lawyer.signIn('lawyer@czernichow.demo');
    expect((await lawyer.get(`/postepowania/${tender.id}`)).text).not.toContain(`href="${base()}"`);
    for (const path of [
      base(),
      `${base()}/umowa`,
      `/postepowania/${tender.id}/rozliczenie`,
      `/postepowania/${tender.id}/rozliczenie.csv`,
    ])
      expect((await lawyer.get(path)).status).toBe(403);

    const outsider = new WebClient(t, '10.9.3.3');
    await outsider.signIn('treasurer@zabierzow.demo');
    for (const path of [base(), `/postepowania/${tender.id}/rozliczenie`])
      expect((await outsider.get(path)).status).toBe(404);
  });

  it('records a correcting invoice through its form: Polish errors (422), the split difference previewed, the original marked', async () => {
    const number = `FV/2027/04/${tender.id.slice(0, 8)}`;
    const listed = async () =>
      (await officer.get(`/tenders/${tender.id}/invoices`).expect(200)).body as {
        id: string;
        number: string;
        inForce: boolean;
        correction: { allocations: Part[]; difference: { gross: string } } | null;
      }[];
    const invoice = (await listed()).find((i) => i.number === number);
    if (!invoice) throw new Error('no invoice');
    expect((await web.get(base())).text).toContain(`${base()}/korekta?rekord&#x3D;${invoice.id}`);
    const form = await web.get(`${base()}/korekta?rekord=${invoice.id}`);
    expect(form.status).toBe(200);
    expect(titleOf(form.text)).toMatch(/^Zapisz fakturę korygującą – ZP\.271\./);
    const version = /name="version" value="([^"]*)"/.exec(form.text)?.[1] ?? '';
    expect(version).toBe('1');
    const correction = {
      number: `FK/2027/06/${tender.id.slice(0, 8)}`,
      issuedOn: day(0),
      net: '90 000,00',
      vat: '20700,00',
      gross: '110700,00',
      reason: 'Obniżenie ceny po odbiorze robót',
    };
    const bad = await web.post(`${base()}/korekta`, {
      ...correction,
      rekord: invoice.id,
      version,
      reason: '',
      gross: '-110700,00',
      krok: 'sprawdz',
    });
    expect(bad.status).toBe(422);
    expect(summaryOf(bad.text)).toEqual([
      'gross | Kwota brutto: Wpisz kwotę w złotych z groszami, np. 1234,56.',
      'reason | Uzasadnienie: Uzupełnij to pole.',
    ]);
    expect(bad.text).toContain('aria-describedby=');
    const early = await web.post(`${base()}/korekta`, {
      ...correction,
      rekord: invoice.id,
      version,
      issuedOn: day(-1),
      krok: 'sprawdz',
    });
    expect(early.status).toBe(422);
    expect(summaryOf(early.text)).toEqual([
      'issuedOn | Data wystawienia: Faktura korygująca nie może być wystawiona przed fakturą, którą koryguje.',
    ]);
    const offRate = await web.post(`${base()}/korekta`, {
      ...correction,
      rekord: invoice.id,
      version,
      vat: '0,00',
      gross: '90000,00',
      krok: 'sprawdz',
    });
    expect(offRate.status).toBe(422);
    expect(summaryOf(offRate.text)[0]).toMatch(/^vat \| Kwota VAT: Kwota VAT nie odpowiada stawce/);

    const review = await record('korekta', correction, invoice.id);
    const previewed = previewedSplit(review);
    expect(previewed.map((p) => p.organisationId).sort()).toEqual(
      [org.czernichow, org.liszki, org.skawina].sort(),
    );
    const total = previewed.reduce((s, p) => s + Math.round(Number(p.gross) * 100), 0);
    expect(total).toBe(-1230000);
    expect(textOf(review)).toContain('różnica -12 300,00 zł');
    const after = await listed();
    const saved = after.find((i) => i.number === correction.number);
    expect(saved?.correction?.difference.gross).toBe('-12300.00');
    expect(
      saved?.correction?.allocations.map(({ organisationId, net, vat, gross }) => ({
        organisationId,
        net,
        vat,
        gross,
      })),
    ).toEqual(previewed);
    expect(after.find((i) => i.id === invoice.id)?.inForce).toBe(false);
    const page = textOf((await web.get(base())).text);
    expect(page).toContain('Zapisano fakturę korygującą');
    expect(page).toContain(`Skorygowana fakturą nr ${correction.number}.`);
    expect(page).toContain(
      `Faktura korygująca do faktury nr ${number}: różnica -10 000,00 zł netto`,
    );
    // The corrected invoice is not corrected a second time from its own stale form.
    const stale = await web.post(`${base()}/korekta`, {
      ...correction,
      number: `FK/2027/07/${tender.id.slice(0, 8)}`,
      rekord: invoice.id,
      version,
      krok: 'zapisz',
    });
    expect(stale.status).toBe(422);
    expect(textOf(stale.text)).toContain('W międzyczasie ktoś zmienił tę fakturę.');
  });
});
