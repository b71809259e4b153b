import type { TestingModule } from '@nestjs/testing';
import { addCalendarDays, toWarsawIso, warsawDate } from '../src/common/polish-calendar';
import { Clock, ScaledClock } from '../src/schedule/clock';
import { createTestApp, login, type Session, type TestApp } from './support/app';
import { renderAgreement } from './support/documents';
import { transition, type ProcedureBody } from './support/procedure';
import { confirmAll, createTender, proposeShare, type TenderBody } from './support/tenders';
import { textOf, titleOf, WebClient } from './support/web';
import { startWorker } from './support/worker';

/** A Warsaw day and hour of an instant, as the date and time inputs take them. */
const dayAndTime = (instant: Date) => {
  const iso = toWarsawIso(instant);
  return { date: iso.slice(0, 10), time: iso.slice(11, 16) };
};

/**
 * The leader's officer runs the whole procedure in the browser over HTTP: criteria, notice,
 * planned amounts, committee and art. 56 statements, offers (one rejected after a review page),
 * the ranking, the committee's recommendation and the head's approval, cancellation of a lot,
 * the offer validity extension and an appeal; every refusal a 422 with Polish sentences, never
 * a 500; partners read the pages and get 403 for a write; forms need CSRF; stale forms land on
 * the current state. Time moves with the schedule's injectable clock.
 */
describe('web pages of the procedure (officer’s view of a tender)', () => {
  let t: TestApp;
  let worker: TestingModule;
  let officer: Session;
  const clock = new ScaledClock(new Date(), 1);
  const sessions = new Map<string, Session>();
  const as = async (email: string) => {
    if (!sessions.has(email)) sessions.set(email, await login(t, email));
    return sessions.get(email) as Session;
  };

  beforeAll(async () => {
    t = await createTestApp((b) => b.overrideProvider(Clock).useValue(clock));
    worker = await startWorker();
    officer = await as('officer@skawina.demo');
  });
  afterAll(async () => {
    clock.travel(new Date());
    await worker?.close();
    await t?.close();
  });

  const procedureOf = async (id: string) =>
    (await officer.get(`/tenders/${id}/procedure`).expect(200)).body as ProcedureBody;

  it('runs the procedure through the pages: criteria, notice, committee, offers, ranking, award of lot 1, cancellation of lot 2', async () => {
    let tender: TenderBody = await createTender(officer);
    tender = await proposeShare(t, officer, tender, 1, 'skawina', '700000.00');
    tender = await proposeShare(t, officer, tender, 1, 'czernichow', '300000.00');
    tender = await proposeShare(t, officer, tender, 2, 'liszki', '300000.00');
    tender = await proposeShare(t, officer, tender, 2, 'mogilany', '150000.00');
    tender = await transition(officer, tender.id, 'COLLECTING_SHARES');
    tender = await confirmAll(t, tender, as);
    tender = await transition(officer, tender.id, 'READY');
    await renderAgreement(officer, tender.id);
    const [lot1, lot2] = tender.lots;
    const base = `/postepowania/${tender.id}/procedura`;
    const lot1Page = `${base}/czesci/${lot1.id}`;
    const lot2Page = `${base}/czesci/${lot2.id}`;

    const web = new WebClient(t);
    await web.signIn('officer@skawina.demo');
    const tenderPage = await web.get(`/postepowania/${tender.id}`);
    expect(tenderPage.text).toContain(`href="${base}"`);
    expect(textOf(tenderPage.text)).toContain('Uzupełnij to na stronie Procedura');
    const overview = await web.get(base);
    expect(overview.status).toBe(200);
    expect(overview.text).toContain('<html lang="pl"');
    expect(titleOf(overview.text)).toMatch(/^Procedura – .+ – Wspólnie$/);
    expect(textOf(overview.text)).toContain('Zapisz ogłoszenie o zamówieniu');

    // CSRF: a form without the page's token is refused.
    const forged = await web.post(`${base}/ogloszenie`, { _csrf: 'forged', number: 'x' });
    expect(forged.status).toBe(403);
    expect(textOf(forged.text)).toContain('Formularz wygasł');

    // Criteria: weights not summing to 100 and price above 60 points without quality standards.
    const lotView = await web.get(lot1Page);
    expect(lotView.status).toBe(200);
    expect(lotView.text).toContain('<html lang="pl"');
    expect(titleOf(lotView.text)).toMatch(/^Część 1 – procedura – .+ – Wspólnie$/);
    const badWeights = await web.post(`${lot1Page}/kryteria`, {
      c0Name: 'Cena',
      c0Weight: '70',
      c1Name: 'Okres gwarancji jakości (miesiące)',
      c1Weight: '40',
      c1Direction: 'HIGHER_BETTER',
    });
    expect(badWeights.status).toBe(422);
    expect(titleOf(badWeights.text)).toMatch(/^Błąd: /);
    expect(textOf(badWeights.text)).toContain('Wagi kryteriów muszą sumować się do 100 punktów.');
    expect(textOf(badWeights.text)).toContain(
      'Cena może ważyć więcej niż 60 punktów tylko wtedy, gdy SWZ opisuje standardy jakościowe',
    );
    expect(badWeights.text).toContain('href="#c0Weight"');
    const criteria = await web.post(`${lot1Page}/kryteria`, {
      c0Name: 'Cena',
      c0Weight: '60',
      c1Name: 'Okres gwarancji jakości (miesiące)',
      c1Weight: '40',
      c1Direction: 'HIGHER_BETTER',
    });
    expect(criteria.status).toBe(303);
    await web.get(lot2Page);
    expect(
      (await web.post(`${lot2Page}/kryteria`, { c0Name: 'Cena', c0Weight: '100', quality: 'tak' }))
        .status,
    ).toBe(303);
    const lot1Criteria = (await procedureOf(tender.id)).lots[0] as unknown as {
      criteria: { key: string; weight: number; kind: string }[];
    };
    expect(lot1Criteria.criteria.map((c) => [c.kind, c.weight])).toEqual([
      ['PRICE', 60],
      ['OTHER', 40],
    ]);
    const warrantyKey = lot1Criteria.criteria[1].key;

    // The notice: a wrong ocid, then the notice published a minute ago.
    const published = dayAndTime(new Date(clock.now().getTime() - 120_000));
    await web.get(base);
    const notice = {
      medium: 'BZP',
      number: '2027/BZP 00054321/01',
      publishedDate: published.date,
      publishedTime: published.time,
    };
    const badOcid = await web.post(`${base}/ogloszenie`, { ...notice, ocid: 'ocds-xyz-1' });
    expect(badOcid.status).toBe(422);
    expect(textOf(badOcid.text)).toContain('Identyfikator zaczyna się od „ocds-148610-”');
    const ocid = 'ocds-148610-6b3f1c2e-7a4d-11ef-9f1a-aa1c3d5e0002';
    expect((await web.post(`${base}/ogloszenie`, { ...notice, ocid })).status).toBe(303);
    expect((await procedureOf(tender.id)).ocid).toBe(ocid);
    expect(textOf((await web.get(base)).text)).toContain(
      'Ogłoszenie o zamówieniu nr 2027/BZP 00054321/01',
    );
    await web.get(`/postepowania/${tender.id}/harmonogram`);
    expect(
      (await web.post(`/postepowania/${tender.id}/harmonogram`, { publikacja: published.date }))
        .status,
    ).toBe(303);
    await transition(officer, tender.id, 'PUBLISHED');

    // The planned amount: another figure needs a reason; without a figure, the shares' sum.
    await web.get(lot1Page);
    const noReason = await web.post(`${lot1Page}/kwota`, { plannedAmount: '1 000 000,00' });
    expect(noReason.status).toBe(422);
    expect(textOf(noReason.text)).toContain(
      'Kwota różni się od sumy potwierdzonych udziałów brutto partnerów: podaj uzasadnienie',
    );
    expect((await web.post(`${lot1Page}/kwota`, {})).status).toBe(303);
    expect(textOf((await web.get(lot1Page)).text)).toContain(
      '(suma potwierdzonych udziałów partnerów)',
    );
    await web.get(lot2Page);
    expect((await web.post(`${lot2Page}/kwota`, {})).status).toBe(303);

    // The committee: too few members, then the head, the chair, the secretary and a member.
    const today = warsawDate(clock.now());
    await web.get(base);
    const tooFew = await web.post(`${base}/komisja`, {
      orderNumber: '0050.12.2027',
      orderDate: today,
      member0Name: 'Jan Kowalski',
      member0Function: 'HEAD',
      member1Name: 'Anna Nowak',
      member1Function: 'CHAIR',
    });
    expect(tooFew.status).toBe(422);
    expect(textOf(tooFew.text)).toContain('Komisja liczy co najmniej trzech członków');
    const appointed = await web.post(`${base}/komisja`, {
      orderNumber: '0050.12.2027',
      orderDate: today,
      member0Name: 'Jan Kowalski',
      member0Function: 'HEAD',
      member1Name: 'Anna Nowak',
      member1Function: 'CHAIR',
      member2Name: 'Piotr Wiśniewski',
      member2Function: 'SECRETARY',
      member3Name: 'Katarzyna Wójcik',
      member3Function: 'MEMBER',
    });
    expect(appointed.status).toBe(303);
    const members = (await procedureOf(tender.id)).committee?.members ?? [];
    expect(members).toHaveLength(4);

    // A partner reads the procedure but records nothing (403); a lawyer of the partnership reads it.
    const partner = new WebClient(t, '10.9.0.2');
    await partner.signIn('coordinator@liszki.demo');
    const partnerView = await partner.get(base);
    expect(partnerView.status).toBe(200);
    expect(textOf(partnerView.text)).toContain('zarządzeniem nr 0050.12.2027');
    expect(partnerView.text).not.toContain('/oswiadczenie"');
    const partnerWrite = await partner.post(`${base}/komisja/${members[0].id}/oswiadczenie`, {
      [`s-${members[0].id}-on`]: today,
      [`s-${members[0].id}-conflict`]: 'nie',
    });
    expect(partnerWrite.status).toBe(403);
    const lawyer = new WebClient(t, '10.9.0.3');
    await lawyer.signIn('lawyer@liszki.demo');
    expect((await lawyer.get(lot2Page)).status).toBe(200);

    // Statements: a missing answer is a Polish error on the field, then each member's statement.
    await web.get(base);
    const noAnswer = await web.post(`${base}/komisja/${members[0].id}/oswiadczenie`, {
      [`s-${members[0].id}-on`]: today,
    });
    expect(noAnswer.status).toBe(422);
    expect(textOf(noAnswer.text)).toContain('Zaznacz, czy osoba oświadczyła brak konfliktu');
    for (const m of members) {
      await web.get(base);
      const res = await web.post(`${base}/komisja/${m.id}/oswiadczenie`, {
        [`s-${m.id}-on`]: today,
        [`s-${m.id}-conflict`]: 'nie',
      });
      expect(res.status).toBe(303);
    }
    expect(textOf((await web.get(base)).text)).toContain('brak konfliktu interesów');

    // The clock moves past the offers deadline (never a wall-clock wait); the offers are opened.
    const deadlines = (await officer.get(`/tenders/${tender.id}/deadlines?limit=100`).expect(200))
      .body.items as { kind: string; dueAt: string }[];
    const due = new Date(deadlines.find((d) => d.kind === 'OFFERS')?.dueAt ?? 0);
    clock.travel(new Date(due.getTime() + 600_000));
    await transition(officer, tender.id, 'OFFERS_OPENED');
    const received = dayAndTime(new Date(due.getTime() - 3_600_000));

    // Offers: a wrong NIP and a late one come back in Polish; three in lot 1, two in lot 2.
    const offer = (name: string, nip: string, net: string, gross: string, extra = {}) => ({
      contractorName: name,
      contractorNip: nip,
      contractorAddress: 'ul. Krakowska 12, 32-050 Skawina',
      priceNet: net,
      priceGross: gross,
      receivedDate: received.date,
      receivedTime: received.time,
      ...extra,
    });
    await web.get(lot1Page);
    const badNip = await web.post(
      `${lot1Page}/oferty`,
      offer('Drogbud Sp. z o.o.', '1234567890', '1 000 000,00', '1 230 000,00', {
        [`value-${warrantyKey}`]: '36',
      }),
    );
    expect(badNip.status).toBe(422);
    expect(textOf(badNip.text)).toContain('NIP wykonawcy: Wpisz prawidłowy NIP');
    const late = dayAndTime(new Date(due.getTime() + 300_000));
    const lateOffer = await web.post(
      `${lot1Page}/oferty`,
      offer('Drogbud Sp. z o.o.', '8567346215', '1 000 000,00', '1 230 000,00', {
        [`value-${warrantyKey}`]: '36',
        receivedDate: late.date,
        receivedTime: late.time,
      }),
    );
    expect(lateOffer.status).toBe(422);
    expect(textOf(lateOffer.text)).toContain('Oferta wpłynęła po terminie składania ofert');
    for (const o of [
      offer('Drogbud Sp. z o.o.', '8567346215', '1 000 000,00', '1 230 000,00', {
        [`value-${warrantyKey}`]: '36',
      }),
      offer('Asfalt-Pol S.A.', '7770020640', '1100000.00', '1353000.00', {
        [`value-${warrantyKey}`]: '60',
      }),
      offer('Budrex Sp. z o.o.', '6762468957', '900 000,00', '1 107 000,00', {
        [`value-${warrantyKey}`]: '60',
      }),
    ]) {
      await web.get(lot1Page);
      expect((await web.post(`${lot1Page}/oferty`, o)).status).toBe(303);
    }
    for (const o of [
      offer('Drogbud Sp. z o.o.', '8567346215', '500 000,00', '615 000,00'),
      offer('Asfalt-Pol S.A.', '7770020640', '520 000,00', '639 600,00'),
    ]) {
      await web.get(lot2Page);
      expect((await web.post(`${lot2Page}/oferty`, o)).status).toBe(303);
    }
    let procedure = await procedureOf(tender.id);
    expect(procedure.lots.map((l) => l.offers.length)).toEqual([3, 2]);
    const [drogbud, asfalt, budrex] = procedure.lots[0].offers;

    // Rejection of Budrex: the form, a missing basis (422), the review page, then recorded once.
    const rejectPage = `${lot1Page}/oferty/${budrex.id}/odrzucenie`;
    const rejectForm = await web.get(rejectPage);
    expect(rejectForm.status).toBe(200);
    expect(rejectForm.text).toContain('<html lang="pl"');
    expect(titleOf(rejectForm.text)).toBe('Odrzucenie oferty nr 3 w części 1 – Wspólnie');
    expect(textOf(rejectForm.text)).toContain('Podstawa odrzucenia: art. 226 ust. 1 Pzp');
    const reason =
      'Treść oferty jest niezgodna z warunkami zamówienia: brak kosztorysu ofertowego.';
    const noBasis = await web.post(`${rejectPage}/sprawdz`, {
      version: String(budrex.version),
      reason,
    });
    expect(noBasis.status).toBe(422);
    expect(textOf(noBasis.text)).toContain('Wybierz podstawę z art. 226 ust. 1 Pzp.');
    const review = await web.post(`${rejectPage}/sprawdz`, {
      version: String(budrex.version),
      point: '5',
      reason,
    });
    expect(review.status).toBe(200);
    expect(textOf(review.text)).toContain('Sprawdź przed zapisaniem: Odrzucenie oferty nr 3');
    expect(textOf(review.text)).toContain('pkt 5: jej treść jest niezgodna z warunkami zamówienia');
    expect(
      await t.dataSource.query(`SELECT status FROM offers WHERE id = $1`, [budrex.id]),
    ).toEqual([{ status: 'VALID' }]);
    const form = { version: String(budrex.version), point: '5', reason };
    expect((await web.post(rejectPage, form)).status).toBe(303);
    const twice = await web.post(rejectPage, form);
    expect(twice.status).toBe(303);
    expect(textOf((await web.get(lot1Page)).text)).toContain('W międzyczasie ktoś inny zmienił');
    const rejections = await t.dataSource.query<{ n: number }[]>(
      `SELECT count(*)::int AS n FROM audit_events WHERE action = 'procedure.offer_rejected' AND entity_id = $1`,
      [budrex.id],
    );
    expect(rejections[0].n).toBe(1);

    // The ranking the service computes: Asfalt-Pol 54,55 + 40,00 beats Drogbud 60,00 + 24,00.
    const ranking = textOf((await web.get(lot1Page)).text);
    expect(ranking).toContain(
      '1 ★ najkorzystniejsza nr 2, Asfalt-Pol S.A. 54,55 40,00 94,55 2 nr 1, Drogbud Sp. z o.o. 60,00 24,00 84,00',
    );
    expect(ranking).toContain('art. 226 ust. 1 pkt 5 Pzp');

    // The committee recommends the best offer; only the head approves, after a review page.
    procedure = await procedureOf(tender.id);
    expect(
      (
        await web.post(`${lot1Page}/rekomendacja`, {
          offerId: asfalt.id,
          version: String(procedure.lots[0].version),
          recommendation: 'Komisja rekomenduje wybór oferty nr 2 jako najkorzystniejszej.',
        })
      ).status,
    ).toBe(303);
    const afterRecommendation = await web.get(lot1Page);
    expect(textOf(afterRecommendation.text)).toContain(
      'Wybór zatwierdza kierownik zamawiającego na tej stronie.',
    );
    expect(afterRecommendation.text).not.toContain('/zatwierdzenie/sprawdz');
    procedure = await procedureOf(tender.id);
    const notHead = await web.post(`${lot1Page}/zatwierdzenie/sprawdz`, {
      version: String(procedure.lots[0].version),
    });
    expect(notHead.status).toBe(403);
    expect(titleOf(notHead.text)).toContain('Brak dostępu');
    expect((await partner.get(`${lot1Page}/oferty/${drogbud.id}/odrzucenie`)).status).toBe(403);
    expect((await web.get(`${base}/czesci/${tender.id}`)).status).toBe(404);
    const stranger = new WebClient(t, '10.9.0.5');
    await stranger.signIn('officer@zabierzow.demo');
    expect((await stranger.get(base)).status).toBe(404);
    procedure = await procedureOf(tender.id);
    const head = new WebClient(t, '10.9.0.4');
    await head.signIn('head@skawina.demo');
    expect((await head.get(lot1Page)).text).toContain('Zatwierdź wybór oferty…');
    const approval = await head.post(`${lot1Page}/zatwierdzenie/sprawdz`, {
      version: String(procedure.lots[0].version),
    });
    expect(approval.status).toBe(200);
    expect(textOf(approval.text)).toContain('Wybrana oferta nr 2, Asfalt-Pol S.A.');
    expect(textOf(approval.text)).toContain('Cena netto 1 100 000,00 zł');
    expect(
      (
        await head.post(`${lot1Page}/zatwierdzenie`, {
          version: String(procedure.lots[0].version),
        })
      ).status,
    ).toBe(303);
    expect((await procedureOf(tender.id)).lots[0].outcome).toBe('AWARDED');
    expect(textOf((await head.get(lot1Page)).text)).toContain(
      'Wybrano ofertę najkorzystniejszą: oferta nr 2, Asfalt-Pol S.A.',
    );
    expect(drogbud.contractorName).toBe('Drogbud Sp. z o.o.');

    // Lot 2 is cancelled (art. 255 pkt 3) after its review page; a short reason comes back.
    const cancelPage = `${lot2Page}/uniewaznienie`;
    const cancelForm = await web.get(cancelPage);
    expect(cancelForm.status).toBe(200);
    const lot2Version = String(procedure.lots[1].version);
    const short = await web.post(`${cancelPage}/sprawdz`, {
      version: lot2Version,
      point: '3',
      reason: 'za drogo',
    });
    expect(short.status).toBe(422);
    expect(textOf(short.text)).toContain(
      'Uzasadnienie: Podaj uzasadnienie faktyczne unieważnienia',
    );
    const cancelReason =
      'Cena najkorzystniejszej oferty przewyższa kwotę, którą zamawiający zamierzają przeznaczyć na sfinansowanie części 2.';
    const cancelReview = await web.post(`${cancelPage}/sprawdz`, {
      version: lot2Version,
      point: '3',
      reason: cancelReason,
    });
    expect(cancelReview.status).toBe(200);
    expect(textOf(cancelReview.text)).toContain('Tego nie można cofnąć.');
    expect(textOf(cancelReview.text)).toContain(cancelReason);
    expect(
      (await web.post(cancelPage, { version: lot2Version, point: '3', reason: cancelReason }))
        .status,
    ).toBe(303);
    expect((await procedureOf(tender.id)).lots[1].outcome).toBe('CANCELLED');
    await transition(officer, tender.id, 'AWARDED');
    const resultOn = dayAndTime(new Date(clock.now().getTime() - 60_000));
    const resultForm = await web.get(base);
    expect(textOf(resultForm.text)).toContain('Zapisz ogłoszenie o wyniku postępowania');
    expect(
      (
        await web.post(`${base}/ogloszenie`, {
          type: 'RESULT_NOTICE',
          medium: 'BZP',
          number: '2027/BZP 00067890/01',
          publishedDate: resultOn.date,
          publishedTime: resultOn.time,
        })
      ).status,
    ).toBe(303);
    expect(textOf((await web.get(base)).text)).toContain(
      'Ogłoszenie o wyniku postępowania nr 2027/BZP 00067890/01',
    );

    // The offer validity: extended once within the statute's limit (a longer one is refused).
    const validity = (await procedureOf(tender.id)) as ProcedureBody & {
      offerValidity: { until: string };
    };
    const until = validity.offerValidity.until;
    await web.get(base);
    const tooLong = await web.post(`${base}/zwiazanie-oferta`, {
      requestedOn: warsawDate(clock.now()),
      validUntil: addCalendarDays(until, 61),
      extensionReason: 'Badanie rażąco niskiej ceny potrwa dłużej.',
    });
    expect(tooLong.status).toBe(422);
    expect(textOf(tooLong.text)).toContain('Termin można przedłużyć jednorazowo o najwyżej');
    expect(
      (
        await web.post(`${base}/zwiazanie-oferta`, {
          requestedOn: warsawDate(clock.now()),
          validUntil: addCalendarDays(until, 20),
          extensionReason: 'Badanie rażąco niskiej ceny potrwa dłużej.',
        })
      ).status,
    ).toBe(303);

    // An appeal in lot 1 and its outcome.
    await web.get(lot1Page);
    const noSubject = await web.post(`${lot1Page}/odwolania`, {
      appellant: 'Drogbud Sp. z o.o.',
      filedOn: warsawDate(clock.now()),
    });
    expect(noSubject.status).toBe(422);
    expect(textOf(noSubject.text)).toContain('Przedmiot odwołania: Opisz, czego dotyczy odwołanie');
    expect(
      (
        await web.post(`${lot1Page}/odwolania`, {
          appellant: 'Drogbud Sp. z o.o.',
          filedOn: warsawDate(clock.now()),
          kioReference: 'KIO 312/27',
          subject: 'Odwołanie od wyboru oferty najkorzystniejszej w części 1',
        })
      ).status,
    ).toBe(303);
    const appeal = (
      (await officer.get(`/tenders/${tender.id}/procedure`).expect(200)).body as {
        lots: { appeals: { id: string; version: number }[] }[];
      }
    ).lots[0].appeals[0];
    await web.get(lot1Page);
    expect(
      (
        await web.post(`${lot1Page}/odwolania/${appeal.id}`, {
          version: String(appeal.version),
          [`d-${appeal.id}-status`]: 'DISMISSED',
          [`d-${appeal.id}-on`]: warsawDate(clock.now()),
        })
      ).status,
    ).toBe(303);

    // The overview sums it up per lot.
    const summary = textOf((await web.get(base)).text);
    expect(summary).toContain('Wybrano ofertę najkorzystniejszą: oferta nr 2, Asfalt-Pol S.A.');
    expect(summary).toContain('Część unieważniona: art. 255 pkt 3 Pzp');
    expect(summary).toContain('ważne: 2, odrzucone: 1');
    expect(summary).toContain('Przedłużono z');
    const history = textOf((await web.get(`/postepowania/${tender.id}`)).text);
    expect(history).toContain('Odrzucono ofertę');
    expect(history).toContain('Kierownik zamawiającego zatwierdził wybór oferty');
    expect(history).not.toContain('Zdarzenie w postępowaniu');
  });
});
