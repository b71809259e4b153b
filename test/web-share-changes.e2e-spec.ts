import { createTestApp, login, orgId, type Session, type TestApp } from './support/app';
import { createTender, findShare, proposeShare, type TenderBody } from './support/tenders';
import { textOf, titleOf, WebClient } from './support/web';

/**
 * The leader's officer corrects the shares of an existing tender on its page over HTTP: proposes a
 * share in a lot, changes a share's amount with a reason, withdraws a share with a reason — each
 * through a review page with its consequences (value, regime crossing the national threshold,
 * void approvals), Polish errors (422), CSRF, 303, stale forms; a partner's coordinator declares
 * its own need on the same page and gets 403 for anything else.
 */
describe("web: the officer's share changes on an existing tender", () => {
  let t: TestApp;
  let officer: Session;
  let tender: TenderBody;

  const audit = async (action: string, entityId: string) =>
    (
      await t.dataSource.query<{ data: Record<string, unknown> }[]>(
        `SELECT data FROM audit_events WHERE action = $1 AND entity_id = $2 ORDER BY occurred_at`,
        [action, entityId],
      )
    ).map((r) => r.data);
  const current = async () =>
    (await officer.get(`/tenders/${tender.id}`).expect(200)).body as TenderBody;

  beforeAll(async () => {
    t = await createTestApp();
    officer = await login(t, 'officer@skawina.demo');
    tender = await createTender(officer);
    tender = await proposeShare(t, officer, tender, 1, 'liszki', '100000.00');
    tender = await proposeShare(t, officer, tender, 1, 'czernichow', '50000.00');
  });

  afterAll(() => t.close());

  it('proposes a share through a review that shows the regime crossing the national threshold', async () => {
    const web = new WebClient(t);
    await web.signIn('officer@skawina.demo');
    const page = textOf((await web.get(`/postepowania/${tender.id}`)).text);
    expect(page).toContain('Zaproponuj udział partnera');
    expect(page).toContain('Zmień kwotę udziału: Gmina Liszki');
    expect(page).toMatch(/Wycofaj udział ?: Gmina Liszki, część 1/);

    const form = await web.get(`/postepowania/${tender.id}/udzialy`);
    expect(form.status).toBe(200);
    expect(form.text).toContain('<html lang="pl"');
    expect(titleOf(form.text)).toBe(`Zaproponuj udział partnera – ${tender.reference} – Wspólnie`);
    expect(form.text).toContain('name="_csrf"');

    const empty = await web.post(`/postepowania/${tender.id}/udzialy/sprawdz`, {
      czesc: '',
      partner: '',
      kwota: '0',
    });
    expect(empty.status).toBe(422);
    const said = textOf(empty.text);
    expect(titleOf(empty.text)).toMatch(/^Błąd: /);
    expect(said).toContain('Wybierz część zamówienia z listy.');
    expect(said).toContain('Wybierz partnera, który jest dziś członkiem partnerstwa.');
    expect(said).toContain('Wpisz kwotę netto większą od zera');
    expect(empty.text).toContain('aria-describedby="kwota-wskazowka kwota-blad"');

    const lot2 = tender.lots.find((l) => l.number === 2)?.id ?? '';
    const mogilany = await orgId(t, 'mogilany');
    const answers = { czesc: lot2, partner: mogilany, kwota: '40 000,00' };
    const review = await web.post(`/postepowania/${tender.id}/udzialy/sprawdz`, answers);
    expect(review.status).toBe(200);
    const text = textOf(review.text);
    expect(text).toContain('Sprawdź przed zaproponowaniem udziału');
    expect(text).toContain('Partner Gmina Mogilany');
    expect(text).toContain('Wartość zamówienia: 150 000,00 zł netto → 190 000,00 zł netto');
    expect(text).toContain(
      'Zmieni się reżim zamówienia: poniżej progu stosowania ustawy (art. 2 ust. 1 pkt 1 Pzp) → poniżej progów unijnych (procedura krajowa) (próg 170 000,00 zł netto',
    );
    expect(text).toContain(
      'Żaden gotowy dokument postępowania nie przestanie odpowiadać udziałom.',
    );
    // The review writes nothing.
    expect((await current()).valueNet).toBe('150000.00');

    const saved = await web.post(`/postepowania/${tender.id}/udzialy`, answers);
    expect(saved.status).toBe(303);
    expect(saved.headers.location).toBe(`/postepowania/${tender.id}#czesci`);
    tender = await current();
    expect(tender.valueNet).toBe('190000.00');
    expect(tender.regime).toBe('NATIONAL');
    const share = findShare(tender, 2, 'Gmina Mogilany');
    expect(share).toMatchObject({ amountNet: '40000.00', status: 'PROPOSED' });
    expect(await audit('share.proposed', share.id)).toHaveLength(1);
    expect(textOf((await web.get(`/postepowania/${tender.id}`)).text)).toContain(
      'Zaproponowano udział w części 2.',
    );

    // The same answers again: the service's refusal on its field, nothing twice.
    const again = await web.post(`/postepowania/${tender.id}/udzialy`, answers);
    expect(again.status).toBe(422);
    expect(textOf(again.text)).toContain('Ten partner ma już udział w tej części.');
    expect(await audit('share.proposed', share.id)).toHaveLength(1);
  });

  it('changes an amount with a reason: errors in Polish, the void approval and regime named, stale forms land on the tender', async () => {
    await officer
      .post(`/tenders/${tender.id}/transition`, {
        to: 'COLLECTING_SHARES',
        version: tender.version,
      })
      .expect(200);
    tender = await current();
    const coordinator = await login(t, 'coordinator@liszki.demo');
    const liszki = findShare(tender, 1, 'Gmina Liszki');
    await coordinator.post(`/shares/${liszki.id}/approve`, { version: liszki.version }).expect(200);
    tender = await current();
    const share = findShare(tender, 1, 'Gmina Liszki');

    const web = new WebClient(t);
    await web.signIn('officer@skawina.demo');
    const form = await web.get(`/udzialy/${share.id}/kwota`);
    expect(form.status).toBe(200);
    expect(titleOf(form.text)).toContain('Zmień kwotę udziału');
    expect(form.text).toContain('value="100000,00"');

    const wrong = await web.post(`/udzialy/${share.id}/kwota/sprawdz`, {
      version: String(share.version),
      kwota: 'sto tysięcy',
      uzasadnienie: '',
    });
    expect(wrong.status).toBe(422);
    expect(textOf(wrong.text)).toContain('Wpisz kwotę netto większą od zera');
    expect(textOf(wrong.text)).toContain('Napisz, dlaczego (od 5 do 2000 znaków)');
    const same = await web.post(`/udzialy/${share.id}/kwota/sprawdz`, {
      version: String(share.version),
      kwota: '100 000,00',
      uzasadnienie: 'Korekta po uchwale rady',
    });
    expect(same.status).toBe(422);
    expect(textOf(same.text)).toContain('Wpisz kwotę inną niż obecna (100000,00 zł netto).');

    const answers = {
      version: String(share.version),
      kwota: '60 000,00',
      uzasadnienie: 'Uchwała Rady Gminy Liszki nr XII/123/2026 zmieniająca plan wydatków',
    };
    const review = await web.post(`/udzialy/${share.id}/kwota/sprawdz`, answers);
    expect(review.status).toBe(200);
    const text = textOf(review.text);
    expect(text).toContain('Sprawdź przed zmianą kwoty udziału');
    expect(text).toContain('Kwota netto teraz 100 000,00 zł');
    expect(text).toContain('Wartość zamówienia: 190 000,00 zł netto → 150 000,00 zł netto');
    expect(text).toContain(
      'Zmieni się reżim zamówienia: poniżej progów unijnych (procedura krajowa) → poniżej progu stosowania ustawy',
    );
    expect(text).toContain('dotychczasowe zatwierdzenia (1) staną się nieważne');

    const saved = await web.post(`/udzialy/${share.id}/kwota`, answers);
    expect(saved.status).toBe(303);
    tender = await current();
    const after = findShare(tender, 1, 'Gmina Liszki');
    expect(after).toMatchObject({ amountNet: '60000.00', status: 'PROPOSED' });
    expect(after.approvals.every((a) => a.void)).toBe(true);
    const events = await audit('share.amount_changed', share.id);
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({
      amountNet: { from: '100000.00', to: '60000.00' },
      reason: answers.uzasadnienie,
    });

    // The same confirmation again (an older version): the tender page with its state, nothing twice.
    const stale = await web.post(`/udzialy/${share.id}/kwota`, answers);
    expect(stale.status).toBe(303);
    expect(textOf((await web.get(`/postepowania/${tender.id}`)).text)).toContain(
      'Udział zmienił się w międzyczasie',
    );
    expect(await audit('share.amount_changed', share.id)).toHaveLength(1);
  });

  it('withdraws a share with a reason after the review; CSRF; a coordinator declares its own need only, 403 for the rest', async () => {
    const share = findShare(tender, 1, 'Gmina Czernichów');
    const web = new WebClient(t);
    await web.signIn('officer@skawina.demo');
    expect((await web.get(`/udzialy/${share.id}/wycofanie`)).status).toBe(200);
    const forged = await web.post(`/udzialy/${share.id}/wycofanie`, {
      _csrf: 'forged',
      version: String(share.version),
      uzasadnienie: 'Gmina rezygnuje z udziału',
    });
    expect(forged.status).toBe(403);
    const short = await web.post(`/udzialy/${share.id}/wycofanie/sprawdz`, {
      version: String(share.version),
      uzasadnienie: 'nie',
    });
    expect(short.status).toBe(422);
    expect(textOf(short.text)).toContain('Napisz, dlaczego (od 5 do 2000 znaków)');

    const answers = {
      version: String(share.version),
      uzasadnienie: 'Gmina rezygnuje z udziału w tej części (uchwała nr XIV/140/2026)',
    };
    const review = await web.post(`/udzialy/${share.id}/wycofanie/sprawdz`, answers);
    expect(review.status).toBe(200);
    const text = textOf(review.text);
    expect(text).toContain('Sprawdź przed wycofaniem udziału');
    expect(text).toContain('Wartość zamówienia: 150 000,00 zł netto → 100 000,00 zł netto');
    expect(text).toContain('Reżim zamówienia bez zmian');
    expect(findShare(await current(), 1, 'Gmina Czernichów').status).toBe('PROPOSED');

    const saved = await web.post(`/udzialy/${share.id}/wycofanie`, answers);
    expect(saved.status).toBe(303);
    tender = await current();
    const withdrawn = tender.lots[0].shares.find((s) => s.id === share.id);
    expect(withdrawn?.status).toBe('WITHDRAWN');
    expect(tender.valueNet).toBe('100000.00');
    expect(await audit('share.withdrawn', share.id)).toEqual([
      expect.objectContaining({ reason: answers.uzasadnienie }),
    ]);
    // A withdrawn share has no forms any more.
    expect((await web.get(`/udzialy/${share.id}/wycofanie`)).status).toBe(403);

    const partner = new WebClient(t);
    await partner.signIn('coordinator@liszki.demo');
    const liszki = findShare(tender, 1, 'Gmina Liszki');
    // A coordinator declares its own need (while shares are collected), for its own unit only.
    const declare = await partner.get(`/postepowania/${tender.id}/udzialy`);
    expect(declare.status).toBe(200);
    expect(titleOf(declare.text)).toContain('Zgłoś zapotrzebowanie jednostki');
    expect(textOf(declare.text)).not.toContain('Gmina Mogilany');
    const lot2 = tender.lots.find((l) => l.number === 2)?.id ?? '';
    const need = { czesc: lot2, partner: liszki.organisationId, kwota: '15 000,00' };
    const needReview = await partner.post(`/postepowania/${tender.id}/udzialy/sprawdz`, need);
    expect(needReview.status).toBe(200);
    expect(textOf(needReview.text)).toContain('Sprawdź przed zgłoszeniem zapotrzebowania');
    expect((await partner.post(`/postepowania/${tender.id}/udzialy`, need)).status).toBe(303);
    const declared = findShare(await current(), 2, 'Gmina Liszki');
    expect(await audit('share.declared', declared.id)).toHaveLength(1);
    const mogilany = await orgId(t, 'mogilany');
    const foreign = await partner.post(`/postepowania/${tender.id}/udzialy`, {
      ...need,
      partner: mogilany,
    });
    expect(foreign.status).toBe(403);
    expect((await partner.get(`/udzialy/${liszki.id}/nieznana`)).status).toBe(404);
    expect((await partner.get(`/udzialy/${liszki.id}/kwota`)).status).toBe(403);
    const refused = await partner.post(`/udzialy/${liszki.id}/kwota`, {
      version: String(liszki.version),
      kwota: '1,00',
      uzasadnienie: 'Próba zmiany przez partnera',
    });
    expect(refused.status).toBe(403);
    expect(textOf((await partner.get(`/postepowania/${tender.id}`)).text)).not.toContain(
      'Zmień kwotę',
    );
  });
});
