import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TestingModule } from '@nestjs/testing';
import request from 'supertest';
import { addCalendarDays, warsawDate } from '../src/common/polish-calendar/calendar';
import { Clock, ScaledClock } from '../src/schedule/clock';
import { Session, TestApp, createTestApp, login } from './support/app';
import { renderAgreement, renderDocument } from './support/documents';
import {
  CRITERIA,
  ProcedureBody,
  prepareOpening,
  recordOffers,
  transition,
} from './support/procedure';
import { TenderBody, confirmAll, createTender, proposeShare } from './support/tenders';
import { startWorker } from './support/worker';

interface DeadlineBody {
  id: string;
  kind: string;
  status: string;
  dueAt: string;
}

const oneLine = (s: string) => s.replace(/\s+/g, ' ');

describe('The procedure follows the law: schedule gates, offers and evaluation per lot, the statutory protocol', () => {
  let t: TestApp;
  let worker: TestingModule;
  let officer: Session;
  let head: Session;
  const clock = new ScaledClock(new Date(), 1);
  const scratch = mkdtempSync(join(tmpdir(), 'wspolnie-procedure-'));
  const sessions = new Map<string, Session>();
  const as = async (email: string) => {
    if (!sessions.has(email)) sessions.set(email, await login(t, email));
    return sessions.get(email) as Session;
  };

  beforeAll(async () => {
    t = await createTestApp((b) => b.overrideProvider(Clock).useValue(clock));
    worker = await startWorker();
    officer = await as('officer@skawina.demo');
    head = await as('head@skawina.demo');
  });
  afterAll(async () => {
    clock.travel(new Date());
    await worker?.close();
    await t?.close();
  });

  const procedureOf = async (tenderId: string) =>
    (await officer.get(`/tenders/${tenderId}/procedure`).expect(200)).body as ProcedureBody;
  const deadlines = async (tenderId: string) =>
    (await officer.get(`/tenders/${tenderId}/deadlines?limit=100`).expect(200)).body
      .items as DeadlineBody[];
  const pdfText = async (documentId: string, name: string) => {
    const res = await request(t.http)
      .get(`/api/v1/documents/${documentId}/file`)
      .set('authorization', `Bearer ${officer.token}`)
      .buffer(true)
      .parse((r, cb) => {
        const chunks: Buffer[] = [];
        r.on('data', (c: Buffer) => chunks.push(c));
        r.on('end', () => cb(null, Buffer.concat(chunks)));
      })
      .expect(200);
    const file = join(scratch, name);
    writeFileSync(file, res.body as Buffer);
    return oneLine(execFileSync('pdftotext', ['-enc', 'UTF-8', file, '-']).toString());
  };

  it('runs a two-lot procedure: lawful publication, no early opening, three and two offers, award of lot 1, cancellation of lot 2, the protocol', async () => {
    // READY: Skawina and Czernichów share lot 1, Liszki and Mogilany lot 2.
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
    const today = warsawDate(clock.now());

    // 1. A schedule counted from a day already gone is refused, naming the field and the rule.
    const past = await officer
      .post(`/tenders/${tender.id}/schedule/apply`, { publishedOn: addCalendarDays(today, -30) })
      .expect(422);
    expect(past.body).toEqual(
      expect.objectContaining({
        code: 'SCHEDULE_PUBLICATION_IN_PAST',
        errors: [expect.objectContaining({ field: 'publishedOn', rule: 'notInPast' })],
      }),
    );
    expect(await deadlines(tender.id)).toEqual([]);

    // 2. Publication needs the notice, a schedule from its day and the criteria of every lot.
    const early = await officer
      .post(`/tenders/${tender.id}/transition`, { to: 'PUBLISHED', version: tender.version })
      .expect(422);
    expect(early.body.missing).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/contract notice must be recorded/),
        expect.stringMatching(/applied schedule is needed/),
        'lot 1 has no evaluation criteria (PUT /lots/:lotId/criteria)',
      ]),
    );
    const badWeights = await officer
      .put(`/lots/${lot1.id}/criteria`, { criteria: [{ ...CRITERIA[0], weight: 70 }, CRITERIA[1]] })
      .expect(400);
    expect(badWeights.body.errors).toEqual([
      expect.objectContaining({ field: 'criteria', rule: 'weightsSum100' }),
      expect.objectContaining({ field: 'criteria', rule: 'priceWeightArt246' }),
    ]);
    await officer.put(`/lots/${lot1.id}/criteria`, { criteria: CRITERIA }).expect(200);
    await officer
      .put(`/lots/${lot2.id}/criteria`, {
        criteria: [
          { key: 'price', name: 'Cena', kind: 'PRICE', weight: 100, direction: 'LOWER_BETTER' },
        ],
        qualityStandardsDescribed: true,
      })
      .expect(200);
    const ocid = 'ocds-148610-6b3f1c2e-7a4d-11ef-9f1a-aa1c3d5e0001';
    const badOcid = await officer
      .post(`/tenders/${tender.id}/notices`, {
        type: 'CONTRACT_NOTICE',
        medium: 'BZP',
        number: '2027/BZP 00012345/01',
        publishedAt: clock.now().toISOString(),
        ocid: 'ocds-xyz-1',
      })
      .expect(400);
    expect(badOcid.body.errors).toEqual([expect.objectContaining({ field: 'ocid' })]);
    await officer
      .post(`/tenders/${tender.id}/notices`, {
        type: 'CONTRACT_NOTICE',
        medium: 'BZP',
        number: '2027/BZP 00012345/01',
        publishedAt: new Date(clock.now().getTime() - 60_000).toISOString(),
        ocid,
      })
      .expect(200);
    await officer.post(`/tenders/${tender.id}/schedule/apply`, { publishedOn: today }).expect(200);
    const published = await transition(officer, tender.id, 'PUBLISHED');
    expect(published).toEqual(expect.objectContaining({ status: 'PUBLISHED', publishedOn: today }));
    expect((await procedureOf(tender.id)).ocid).toBe(ocid);

    // 3. No opening before the offers deadline; the error names it and its date.
    await prepareOpening(officer, tender, today);
    const offersDeadline = (await deadlines(tender.id)).find(
      (d) => d.kind === 'OFFERS',
    ) as DeadlineBody;
    const tooEarly = await officer
      .post(`/tenders/${tender.id}/transition`, {
        to: 'OFFERS_OPENED',
        version: (await officer.get(`/tenders/${tender.id}`).expect(200)).body.version,
      })
      .expect(422);
    expect(tooEarly.body.missing).toEqual([
      expect.stringMatching(
        /^offers cannot be opened before the Termin składania ofert \(OFFERS\) due \d\d\.\d\d\.\d{4} \d\d:\d\d Europe\/Warsaw$/,
      ),
    ]);
    const offerTooEarly = await officer
      .post(`/lots/${lot1.id}/offers`, {
        contractorName: 'Drogbud Sp. z o.o.',
        contractorNip: '8567346215',
        contractorAddress: 'ul. Krakowska 12, 32-050 Skawina',
        priceNet: '1.00',
        priceGross: '1.23',
        criteriaValues: { warranty: 60 },
        receivedAt: clock.now().toISOString(),
      })
      .expect(409);
    expect(offerTooEarly.body.code).toBe('PROCEDURE_STEP_NOT_ALLOWED');

    // The test clock moves past the deadline (never a wall-clock wait); the opening completes it.
    const due = new Date(offersDeadline.dueAt);
    clock.travel(new Date(due.getTime() + 60_000));
    await transition(officer, tender.id, 'OFFERS_OPENED');
    const afterOpening = await deadlines(tender.id);
    expect(afterOpening.find((d) => d.kind === 'OFFERS')?.status).toBe('DONE');

    // 3a. The offer validity (art. 307 ust. 1: the offers day is the first of 30) is extended once,
    // by at most 30 days, asked before it ends (art. 307 ust. 2); its deadline moves with it.
    const validity = afterOpening.find((d) => d.kind === 'OFFER_VALIDITY');
    expect(validity?.status).toBe('OPEN');
    const validUntil = warsawDate(new Date(validity?.dueAt ?? 0));
    expect(validUntil).toBe(addCalendarDays(warsawDate(due), 29));
    const extension = {
      requestedOn: warsawDate(clock.now()),
      reason: 'Badanie rażąco niskiej ceny w części 1 (art. 224 Pzp) potrwa dłużej.',
    };
    const tooLong = await officer
      .post(`/tenders/${tender.id}/offer-validity/extension`, {
        ...extension,
        validUntil: addCalendarDays(validUntil, 31),
      })
      .expect(422);
    expect(tooLong.body.errors).toEqual([
      expect.objectContaining({ field: 'validUntil', rule: 'maxExtension' }),
    ]);
    const extended = (
      await officer
        .post(`/tenders/${tender.id}/offer-validity/extension`, {
          ...extension,
          validUntil: addCalendarDays(validUntil, 30),
        })
        .expect(200)
    ).body as ProcedureBody & {
      offerValidity: { until: string; originalUntil: string; basis: string };
    };
    expect(extended.offerValidity).toEqual(
      expect.objectContaining({
        until: addCalendarDays(validUntil, 30),
        originalUntil: validUntil,
        basis: 'art. 307 ust. 1 Pzp',
      }),
    );
    const again = await officer
      .post(`/tenders/${tender.id}/offer-validity/extension`, {
        ...extension,
        validUntil: addCalendarDays(validUntil, 10),
      })
      .expect(409);
    expect(again.body.code).toBe('OFFER_VALIDITY_ALREADY_EXTENDED');
    expect(
      warsawDate(
        new Date((await deadlines(tender.id)).find((d) => d.kind === 'OFFER_VALIDITY')?.dueAt ?? 0),
      ),
    ).toBe(addCalendarDays(validUntil, 30));

    // 4. Three offers in lot 1 (the cheapest is rejected), two in lot 2.
    const before = new Date(due.getTime() - 3_600_000).toISOString();
    await recordOffers(
      officer,
      lot1.id,
      [
        {
          contractorName: 'Drogbud Sp. z o.o.',
          contractorNip: '8567346215',
          priceNet: '1000000.00',
          priceGross: '1230000.00',
          criteriaValues: { warranty: 36 },
        },
        {
          contractorName: 'Asfalt-Pol S.A.',
          contractorNip: '7770020640',
          priceNet: '1100000.00',
          priceGross: '1353000.00',
          criteriaValues: { warranty: 60 },
        },
        {
          contractorName: 'Budrex Sp. z o.o.',
          contractorNip: '6762468957',
          priceNet: '900000.00',
          priceGross: '1107000.00',
          criteriaValues: { warranty: 60 },
        },
      ],
      before,
    );
    await recordOffers(
      officer,
      lot2.id,
      [
        {
          contractorName: 'Drogbud Sp. z o.o.',
          contractorNip: '8567346215',
          priceNet: '500000.00',
          priceGross: '615000.00',
          criteriaValues: {},
        },
        {
          contractorName: 'Asfalt-Pol S.A.',
          contractorNip: '7770020640',
          priceNet: '520000.00',
          priceGross: '639600.00',
          criteriaValues: {},
        },
      ],
      before,
    );
    const late = await officer
      .post(`/lots/${lot2.id}/offers`, {
        contractorName: 'Spóźniony Sp. z o.o.',
        contractorNip: '8567346215',
        contractorAddress: 'ul. Długa 1, 30-001 Kraków',
        priceNet: '1.00',
        priceGross: '1.23',
        receivedAt: new Date(due.getTime() + 1000).toISOString(),
      })
      .expect(422);
    expect(late.body.code).toBe('OFFER_AFTER_DEADLINE');
    let procedure = await procedureOf(tender.id);
    const budrex = procedure.lots[0].offers[2];
    procedure = (
      await officer
        .post(`/offers/${budrex.id}/reject`, {
          point: 5,
          reason: 'Treść oferty jest niezgodna z warunkami zamówienia: brak kosztorysu ofertowego.',
          version: budrex.version,
        })
        .expect(200)
    ).body as ProcedureBody;

    // 5. The ranking: Asfalt-Pol 54,55 + 40,00 beats Drogbud 60,00 + 24,00.
    const evaluation = (await officer.get(`/lots/${lot1.id}/evaluation`).expect(200)).body;
    const asfalt = procedure.lots[0].offers[1];
    const drogbud = procedure.lots[0].offers[0];
    expect(evaluation.ranked).toEqual([
      {
        offerId: asfalt.id,
        place: 1,
        points: { price: '54,55', warranty: '40,00' },
        total: '94,55',
      },
      {
        offerId: drogbud.id,
        place: 2,
        points: { price: '60,00', warranty: '24,00' },
        total: '84,00',
      },
    ]);
    expect(evaluation.bestOfferId).toBe(asfalt.id);
    const notBest = await officer
      .post(`/lots/${lot1.id}/recommendation`, {
        offerId: drogbud.id,
        recommendation: 'Komisja rekomenduje ofertę nr 1.',
        version: procedure.lots[0].version,
      })
      .expect(422);
    expect(notBest.body.code).toBe('NOT_THE_BEST_OFFER');
    procedure = (
      await officer
        .post(`/lots/${lot1.id}/recommendation`, {
          offerId: asfalt.id,
          recommendation:
            'Komisja rekomenduje wybór oferty nr 2 jako najkorzystniejszej (94,55 pkt).',
          version: procedure.lots[0].version,
        })
        .expect(200)
    ).body as ProcedureBody;
    await officer
      .post(`/lots/${lot1.id}/award/approve`, { version: procedure.lots[0].version })
      .expect(403);
    procedure = (
      await head
        .post(`/lots/${lot1.id}/award/approve`, { version: procedure.lots[0].version })
        .expect(200)
    ).body as ProcedureBody;
    expect(procedure.lots[0].outcome).toBe('AWARDED');

    // 6. Lot 2: the best price exceeds the planned amount (553 500,00 zł) — cancelled, art. 255 pkt 3.
    expect(procedure.lots[1].plannedAmountGross).toBe('553500.00');
    // A deadline of lot 2 alone: cancelling the lot cancels it.
    const lot2Deadline = (
      await officer
        .post(`/tenders/${tender.id}/deadlines`, {
          kind: 'CUSTOM',
          title: 'Wyjaśnienia ceny oferty w części 2',
          lotId: lot2.id,
          dueAt: new Date(clock.now().getTime() + 7 * 86_400_000).toISOString(),
        })
        .expect(201)
    ).body as DeadlineBody & { subjectType: string; subjectId: string };
    expect(lot2Deadline).toEqual(
      expect.objectContaining({ subjectType: 'lot', subjectId: lot2.id }),
    );
    const notYet = await officer
      .post(`/tenders/${tender.id}/transition`, {
        to: 'AWARDED',
        version: (await officer.get(`/tenders/${tender.id}`).expect(200)).body.version,
      })
      .expect(422);
    expect(notYet.body.missing).toEqual([
      'lot 2 is neither awarded (evaluation, recommendation, head’s approval) nor cancelled',
    ]);
    procedure = (
      await officer
        .post(`/lots/${lot2.id}/cancel`, {
          point: 3,
          reason:
            'Cena najkorzystniejszej oferty przewyższa kwotę, którą zamawiający zamierzają przeznaczyć na sfinansowanie części 2.',
          version: procedure.lots[1].version,
        })
        .expect(200)
    ).body as ProcedureBody;
    expect(procedure.lots[1].outcome).toBe('CANCELLED');
    expect((await deadlines(tender.id)).find((d) => d.id === lot2Deadline.id)?.status).toBe(
      'CANCELLED',
    );
    const awarded = await transition(officer, tender.id, 'AWARDED');
    expect(awarded.status).toBe('AWARDED');

    // 7. An appeal in lot 1 blocks its contract; so does the standstill period.
    procedure = (
      await officer
        .post(`/lots/${lot1.id}/appeals`, {
          appellant: 'Drogbud Sp. z o.o.',
          filedOn: warsawDate(clock.now()),
          kioReference: 'KIO 312/27',
          subject: 'Odwołanie od wyboru oferty najkorzystniejszej w części 1',
        })
        .expect(201)
    ).body as ProcedureBody;
    const blocked = await officer
      .post(`/tenders/${tender.id}/transition`, {
        to: 'CONTRACTED',
        version: awarded.version,
      })
      .expect(422);
    expect(blocked.body.missing).toEqual(
      expect.arrayContaining([
        'lot 1 has a pending appeal to KIO: no contract until the ruling (art. 577 Pzp)',
        expect.stringMatching(/^no contract before the .*STANDSTILL_END/),
      ]),
    );
    // Finance refuses the contract itself, not only the CONTRACTED step: first the appeal…
    const skawinaShare = tender.lots[0].shares.find((s) => s.amountNet === '700000.00');
    const contract = {
      lotId: lot1.id,
      organisationId: skawinaShare?.organisationId,
      contractorName: 'Asfalt-Pol S.A.',
      contractorNip: '7770020640',
      amountNet: '770000.00',
      amountGross: '947100.00',
      signedOn: warsawDate(clock.now()),
    };
    const appealPending = await officer
      .post(`/tenders/${tender.id}/contracts`, contract)
      .expect(422);
    expect(appealPending.body.code).toBe('LOT_APPEAL_PENDING');
    const appeal = (await procedureOf(tender.id)).lots[0] as unknown as {
      appeals: { id: string; version: number }[];
    };
    await officer
      .post(`/appeals/${appeal.appeals[0].id}/decision`, {
        status: 'DISMISSED',
        decidedOn: warsawDate(clock.now()),
        version: appeal.appeals[0].version,
      })
      .expect(200);
    // …then the standstill, named with its date.
    const beforeStandstill = await officer
      .post(`/tenders/${tender.id}/contracts`, contract)
      .expect(422);
    expect(beforeStandstill.body).toEqual(
      expect.objectContaining({
        code: 'CONTRACT_BEFORE_STANDSTILL',
        message: expect.stringMatching(
          /STANDSTILL_END\) due \d\d\.\d\d\.\d{4} \d\d:\d\d Europe\/Warsaw/,
        ),
        errors: [expect.objectContaining({ field: 'lotId', rule: 'afterStandstill' })],
      }),
    );

    // 8. The protocol: offers, prices, scores, legal bases, both authorities, chronology in words.
    const protocol = await renderDocument(officer, tender.id, 'PROTOCOL');
    const text = await pdfText(protocol.id, 'protocol.pdf');
    for (const expected of [
      'PROTOKÓŁ POSTĘPOWANIA W TRYBIE PODSTAWOWYM',
      'załącznik nr 8',
      'Gmina Skawina',
      'Gmina Liszki',
      'Gmina Czernichów',
      '2027/BZP 00012345/01',
      ocid,
      'Drogbud Sp. z o.o.',
      'Asfalt-Pol S.A.',
      'Budrex Sp. z o.o.',
      '1 353 000,00',
      '1 230 000,00',
      '615 000,00',
      '94,55',
      '84,00',
      'art. 226 ust. 1 pkt 5 ustawy Pzp',
      'art. 255 pkt 3 ustawy Pzp',
      'Krajowej Izby Odwoławczej',
      'Jan Kowalski',
      'art. 222 ust. 4',
      'Załącznik nr 1 do protokołu – chronologia czynności',
      'Otwarcie ofert',
      'Termin związania ofertą określono',
      'art. 307 ust. 2 i 3 ustawy Pzp',
    ])
      expect(text).toContain(expected);
    expect(text).not.toMatch(/Zdarzenie w systemie|procedure\.|schedule\.applied/);

    // 9. The cost split follows the award (lot 1 split by shares), lot 2's shares are released.
    const costSplit = await renderDocument(officer, tender.id, 'COST_SPLIT');
    const split = await pdfText(costSplit.id, 'cost-split.pdf');
    // 1 100 000,00 net split 70 : 30 between Skawina and Czernichów.
    expect(split).toContain('770 000,00');
    expect(split).toContain('330 000,00');
    expect(split).toMatch(/części 2 unieważniono/);
  }, 240000);
});
