import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TestingModule } from '@nestjs/testing';
import request from 'supertest';
import { todayInWarsaw } from '../src/common/dates/iso-date';
import { warsawDateTime } from '../src/common/polish-calendar/calendar';
import { Clock, ScaledClock } from '../src/schedule/clock';
import { RemindersService } from '../src/schedule/reminders.service';
import { Session, TestApp, createTestApp, login, orgId, waitFor } from './support/app';
import { amountInWordsPl } from '../src/documents/render/polish-format';
import { DocumentBody, renderDocument } from './support/documents';
import { awardedTender as awardTender } from './support/procedure';
import { onDay, polishDate } from './support/dates';
import { TenderBody } from './support/tenders';
import { unfold } from './support/ical';
import { startWorker } from './support/worker';

const DROGBUD = { contractorName: 'Drogbud Sp. z o.o.', contractorNip: '8567346215' };
const ASFALT = { contractorName: 'Asfalt-Pol S.A.', contractorNip: '6761234565' };

interface Part {
  organisationId: string;
  organisationName: string;
  weight: string;
  net: string;
  vat: string;
  gross: string;
}
interface InvoiceBody {
  id: string;
  net: string;
  vat: string;
  gross: string;
  allocations: Part[];
}
interface PaymentBody {
  id: string;
  kind: string;
  amount: string;
  status: string;
  version: number;
  deadlineId: string | null;
  returnDueOn: string | null;
  payerOrganisationId: string;
}
interface PartnerBody {
  organisationId: string;
  organisationName: string;
  allocated: { net: string; vat: string; gross: string };
  paid: string;
  refunded: string;
  receivedFromPartners: string;
  subsidies: Record<string, string | null>;
  outstanding: string;
  overdue: string;
  balance: string;
  nextDue: { paymentId: string; direction: string; status: string } | null;
}

/** Amounts as grosz (bigint) and back. */
const g = (s: string): bigint => BigInt(s.replace('.', ''));
const pln = (n: bigint): string => {
  const neg = n < 0n;
  const a = neg ? -n : n;
  return `${neg ? '-' : ''}${a / 100n}.${(a % 100n).toString().padStart(2, '0')}`;
};

/** Every column adds up to the invoice; every part is within 1 grosz of its exact share. */
function expectExactSplit(invoice: InvoiceBody): void {
  const W = invoice.allocations.reduce((s, a) => s + g(a.weight), 0n);
  for (const col of ['net', 'vat', 'gross'] as const) {
    const total = g(invoice[col]);
    expect(pln(invoice.allocations.reduce((s, a) => s + g(a[col]), 0n))).toBe(invoice[col]);
    for (const a of invoice.allocations) {
      const diff = g(a[col]) * W - total * g(a.weight);
      expect(diff < 0n ? -diff : diff).toBeLessThan(W);
      expect(g(a[col]) >= 0n).toBe(true);
    }
  }
  for (const a of invoice.allocations) expect(pln(g(a.net) + g(a.vat))).toBe(a.gross);
}

/**
 * Finance end to end on the real API, worker, PostgreSQL and Redis: contracts after the award,
 * invoices split by shares, advances, a subsidy settled with a refund, the per-partner settlement
 * and its CSV, the access rules, and a late payment's reminder and escalation.
 */
describe('Finance: contracts, invoices, payments and settlement', () => {
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
  const org: Record<string, string> = {};
  let officer: Session;

  beforeAll(async () => {
    t = await createTestApp((b) => b.overrideProvider(Clock).useValue(clock));
    worker = await startWorker();
    officer = await as('officer@skawina.demo');
    for (const slug of [
      'skawina',
      'czernichow',
      'liszki',
      'mogilany',
      'swiatniki-gorne',
      'powiat-krakowski',
    ])
      org[slug] = await orgId(t, slug);
  });
  afterAll(async () => {
    await worker?.close();
    await t?.close();
  });

  /** A tender of the demo partnership taken through shares, publication and the award. */
  const awardedTender = (
    settlementModel: string,
    lots: { number: number; title: string; vatRate: number }[],
    shares: [number, string, string][],
    awards: { contractorName: string; contractorNip: string; amountNet: string }[],
  ): Promise<TenderBody> => awardTender(t, as, clock, { settlementModel, lots, shares, awards });

  const transition = async (tender: TenderBody, to: string, status: number) => {
    const current = (await officer.get(`/tenders/${tender.id}`).expect(200)).body as TenderBody;
    return officer
      .post(`/tenders/${tender.id}/transition`, { to, version: current.version })
      .expect(status);
  };

  const pay = async (session: Session, payment: PaymentBody, reference: string) =>
    (
      await session
        .post(`/payments/${payment.id}/paid`, {
          paidOn: todayInWarsaw(),
          reference,
          version: payment.version,
        })
        .expect(200)
    ).body as PaymentBody;

  describe("leader's contract", () => {
    let tender: TenderBody;
    const invoices: InvoiceBody[] = [];

    beforeAll(async () => {
      tender = await awardedTender(
        'LEADER_CONTRACT',
        [
          { number: 1, title: 'Część 1: drogi w Skawinie, Czernichowie i Liszkach', vatRate: 23 },
          { number: 2, title: 'Część 2: drogi w Mogilanach, Świątnikach i powiatowe', vatRate: 23 },
        ],
        [
          [1, 'skawina', '1200000.00'],
          [1, 'czernichow', '450000.00'],
          [1, 'liszki', '385000.00'],
          [2, 'mogilany', '412500.00'],
          [2, 'swiatniki-gorne', '278000.00'],
          [2, 'powiat-krakowski', '960000.00'],
        ],
        [
          { ...DROGBUD, amountNet: '1950000.00' },
          { ...ASFALT, amountNet: '1600000.00' },
        ],
      );
    }, 120000);

    it('records the leader’s contract per lot, within the award, before CONTRACTED', async () => {
      const noContracts = await transition(tender, 'CONTRACTED', 422);
      expect(noContracts.body.missing).toEqual([
        "lot 1 needs the leader's contract",
        "lot 2 needs the leader's contract",
      ]);
      const contract = (lot: number, over: object = {}) =>
        officer.post(`/tenders/${tender.id}/contracts`, {
          lotId: tender.lots[lot].id,
          ...(lot === 0 ? DROGBUD : ASFALT),
          amountNet: lot === 0 ? '1950000.00' : '1600000.00',
          amountGross: lot === 0 ? '2398500.00' : '1968000.00',
          signedOn: todayInWarsaw(),
          ...over,
        });
      const badNip = await contract(0, { contractorNip: '8567346216' }).expect(400);
      expect(badNip.body.errors).toEqual([
        expect.objectContaining({ field: 'contractorNip', rule: 'isNip' }),
      ]);
      const over = await contract(0, { amountNet: '1950000.01' }).expect(422);
      expect(over.body).toEqual(
        expect.objectContaining({ code: 'CONTRACTS_EXCEED_AWARD', awardedNet: '1950000.00' }),
      );
      const otherContractor = await contract(0, ASFALT).expect(422);
      expect(otherContractor.body.code).toBe('CONTRACTOR_NOT_AWARDED');
      const partnerSigns = await contract(0, { organisationId: org.czernichow }).expect(422);
      expect(partnerSigns.body.code).toBe('LEADER_SIGNS_THE_CONTRACT');
      // A partner's treasurer does not sign the leader's contract.
      await (
        await as('treasurer@czernichow.demo')
      )
        .post(`/tenders/${tender.id}/contracts`, {
          lotId: tender.lots[0].id,
          ...DROGBUD,
          amountNet: '1.00',
          amountGross: '1.23',
          signedOn: todayInWarsaw(),
        })
        .expect(403);

      const signed = (await contract(0).expect(201)).body;
      expect(signed).toEqual(
        expect.objectContaining({
          organisationId: org.skawina,
          lotNumber: 1,
          amountNet: '1950000.00',
          contractorNip: '8567346215',
        }),
      );
      expect((await contract(0).expect(409)).body.code).toBe('CONTRACT_EXISTS');
      await (
        await as('treasurer@skawina.demo')
      )
        .post(`/tenders/${tender.id}/contracts`, {
          lotId: tender.lots[1].id,
          ...ASFALT,
          amountNet: '1600000.00',
          amountGross: '1968000.00',
          signedOn: todayInWarsaw(),
        })
        .expect(201);
      expect((await transition(tender, 'CONTRACTED', 200)).body.status).toBe('CONTRACTED');
    });

    it('splits three invoices by the confirmed shares, exactly to the grosz', async () => {
      const record = (over: object) =>
        officer.post(`/tenders/${tender.id}/invoices`, {
          lotId: tender.lots[0].id,
          contractorNip: DROGBUD.contractorNip,
          issuedOn: todayInWarsaw(),
          dueOn: onDay(30),
          ...over,
        });
      const a = (
        await record({
          number: 'FV/2027/04/118',
          net: '100000.00',
          vat: '23000.00',
          gross: '123000.00',
        }).expect(201)
      ).body as InvoiceBody;
      // The demo lot: exact shares 58 968.0589 / 22 113.0221 / 18 918.9189 net, and so on.
      const part = (inv: InvoiceBody, slug: string) =>
        inv.allocations.find((x) => x.organisationId === org[slug]);
      expect(part(a, 'skawina')).toEqual(
        expect.objectContaining({ net: '58968.06', vat: '13562.65', gross: '72530.71' }),
      );
      expect(part(a, 'czernichow')).toEqual(
        expect.objectContaining({ net: '22113.02', vat: '5086.00', gross: '27199.02' }),
      );
      expect(part(a, 'liszki')).toEqual(
        expect.objectContaining({ net: '18918.92', vat: '4351.35', gross: '23270.27' }),
      );
      const b = (
        await record({
          number: 'FV/2027/05/007',
          net: '33333.33',
          vat: '7666.67',
          gross: '41000.00',
        }).expect(201)
      ).body as InvoiceBody;
      const c = (
        await record({
          lotId: tender.lots[1].id,
          contractorNip: ASFALT.contractorNip,
          number: 'FV/2027/04/118',
          net: '250000.01',
          vat: '57500.00',
          gross: '307500.01',
        }).expect(201)
      ).body as InvoiceBody;
      for (const inv of [a, b, c]) {
        expect(inv.allocations).toHaveLength(3);
        expectExactSplit(inv);
      }
      invoices.push(a, b, c);

      // The same number from the same contractor again: 409 (another contractor may use it: c).
      const dup = await record({
        number: 'FV/2027/04/118',
        net: '1.00',
        vat: '0.23',
        gross: '1.23',
      }).expect(409);
      expect(dup.body.code).toBe('INVOICE_DUPLICATE');
      const badSum = await record({
        number: 'FV/X/1',
        net: '100.00',
        vat: '23.00',
        gross: '123.01',
      }).expect(400);
      expect(badSum.body.errors).toEqual([
        expect.objectContaining({ field: 'gross', rule: 'netPlusVat' }),
      ]);
      const tooMuch = await record({
        number: 'FV/X/2',
        net: '1900000.00',
        vat: '437000.00',
        gross: '2337000.00',
      }).expect(422);
      expect(tooMuch.body.code).toBe('INVOICE_EXCEEDS_CONTRACT');
      // Partners see the invoices with their own part only.
      const seen = (
        await (await as('treasurer@liszki.demo')).get(`/tenders/${tender.id}/invoices`).expect(200)
      ).body as InvoiceBody[];
      expect(seen.map((i) => i.allocations.map((x) => x.organisationId))).toEqual([
        [org.liszki],
        [org.liszki],
      ]);
    });

    it('takes advances and a subsidy settled with a refund; every balance is right to the grosz', async () => {
      const gross = (slug: string) =>
        invoices.reduce(
          (s, inv) =>
            s + g(inv.allocations.find((x) => x.organisationId === org[slug])?.gross ?? '0.00'),
          0n,
        );
      const schedule = async (session: Session, body: object, status = 201) =>
        (await session.post(`/tenders/${tender.id}/payments`, body).expect(status))
          .body as PaymentBody;

      // Two partners pay advances of their whole part (their own treasurers record and pay them).
      const czernichow = await as('treasurer@czernichow.demo');
      const advance = await schedule(czernichow, {
        organisationId: org.czernichow,
        kind: 'ADVANCE',
        amount: pln(gross('czernichow')),
        dueOn: onDay(20),
        description: 'Zaliczka na część 1',
      });
      expect(advance).toEqual(
        expect.objectContaining({ status: 'DUE', payerOrganisationId: org.czernichow }),
      );
      expect(advance.deadlineId).toEqual(expect.any(String));
      const deadline = (await officer.get(`/deadlines/${advance.deadlineId}`).expect(200)).body;
      expect(deadline).toEqual(
        expect.objectContaining({
          kind: 'PAYMENT',
          status: 'OPEN',
          responsibleOrganisationId: org.czernichow,
          subjectType: 'payment',
          subjectId: advance.id,
        }),
      );
      await pay(czernichow, advance, 'WB/2027/05/0042');
      expect((await officer.get(`/deadlines/${advance.deadlineId}`).expect(200)).body.status).toBe(
        'DONE',
      );
      const again = await czernichow
        .post(`/payments/${advance.id}/paid`, { paidOn: todayInWarsaw(), reference: 'x' })
        .expect(409);
      expect(again.body.code).toBe('PAYMENT_ALREADY_PAID');

      const mogilany = await as('treasurer@mogilany.demo');
      await pay(
        mogilany,
        await schedule(mogilany, {
          organisationId: org.mogilany,
          kind: 'ADVANCE',
          amount: pln(gross('mogilany')),
          dueOn: onDay(20),
        }),
        'MOG/2027/118',
      );

      // Liszki finances its part by a targeted subsidy; the leader uses part of it.
      const liszki = await as('treasurer@liszki.demo');
      const missing = await schedule(
        liszki,
        { organisationId: org.liszki, kind: 'SUBSIDY', amount: '35000.00', dueOn: onDay(-10) },
        400,
      );
      expect(missing).toEqual(
        expect.objectContaining({
          errors: [expect.objectContaining({ field: 'resolutionNumber', rule: 'isDefined' })],
        }),
      );
      const subsidy = await schedule(liszki, {
        organisationId: org.liszki,
        kind: 'SUBSIDY',
        amount: '35000.00',
        dueOn: onDay(-10),
        resolutionNumber: 'XV/123/2026',
        agreementSignedOn: '2026-11-20',
        useUntil: onDay(-1),
        settlementDueOn: onDay(40),
      });
      expect(subsidy.returnDueOn).toBe(onDay(14));
      const early = await officer
        .post(`/payments/${subsidy.id}/settle`, { usedAmount: '1.00', settledOn: todayInWarsaw() })
        .expect(422);
      expect(early.body.code).toBe('SUBSIDY_NOT_RECEIVED');
      await pay(liszki, subsidy, 'LIS/2027/77');
      const leaderTreasurer = await as('treasurer@skawina.demo');
      // The partner's treasurer does not settle the leader's use of the subsidy.
      await liszki
        .post(`/payments/${subsidy.id}/settle`, { usedAmount: '1.00', settledOn: todayInWarsaw() })
        .expect(403);
      let settled = (
        await leaderTreasurer
          .post(`/payments/${subsidy.id}/settle`, {
            usedAmount: pln(gross('liszki')),
            settledOn: todayInWarsaw(),
          })
          .expect(200)
      ).body as {
        subsidy: PaymentBody & { usedAmount: string };
        refund: PaymentBody & { dueOn: string };
      };
      const unused = g('35000.00') - gross('liszki');
      // A settlement recorded by mistake is cancelled with a reason (never edited), then made anew:
      // its unpaid refund goes with it.
      const mistaken = settled;
      await liszki
        .post(`/payments/${subsidy.id}/settlement/cancel`, { reason: 'Omyłkowa kwota' })
        .expect(403);
      await leaderTreasurer
        .post(`/payments/${subsidy.id}/settlement/cancel`, { reason: 'x' })
        .expect(400);
      const unsettled = (
        await leaderTreasurer
          .post(`/payments/${subsidy.id}/settlement/cancel`, {
            reason: 'Omyłkowo wpisany dzień rozliczenia',
            version: mistaken.subsidy.version,
          })
          .expect(200)
      ).body as PaymentBody & { usedAmount: string | null; settledOn: string | null };
      expect(unsettled).toMatchObject({ usedAmount: null, settledOn: null });
      const refundAfter = (await officer.get(`/payments/${mistaken.refund.id}`).expect(200))
        .body as PaymentBody;
      expect(refundAfter.status).toBe('CANCELLED');
      await leaderTreasurer
        .post(`/payments/${subsidy.id}/settlement/cancel`, { reason: 'Jeszcze raz to samo' })
        .expect(409);
      settled = (
        await leaderTreasurer
          .post(`/payments/${subsidy.id}/settle`, {
            usedAmount: pln(gross('liszki')),
            settledOn: todayInWarsaw(),
          })
          .expect(200)
      ).body as typeof settled;
      expect(settled.refund.id).not.toBe(mistaken.refund.id);
      const trail = await t.dataSource.query<{ action: string }[]>(
        `SELECT action FROM audit_events WHERE entity_id = $1 ORDER BY id`,
        [subsidy.id],
      );
      expect(trail.map((e) => e.action)).toEqual(
        expect.arrayContaining(['subsidy.settled', 'subsidy.settlement_cancelled']),
      );
      expect(settled.subsidy.usedAmount).toBe(pln(gross('liszki')));
      expect(settled.refund).toEqual(
        expect.objectContaining({
          kind: 'REFUND',
          amount: pln(unused),
          dueOn: onDay(14),
          payerOrganisationId: org.skawina,
        }),
      );
      const before = (
        await liszki.get(`/tenders/${tender.id}/settlement/${org.liszki}`).expect(200)
      ).body.partners[0] as PartnerBody;
      expect(before.balance).toBe(pln(unused));
      expect(before.subsidies).toEqual(
        expect.objectContaining({ toReturn: pln(unused), returnDueOn: onDay(14) }),
      );
      expect(before.nextDue).toEqual(
        expect.objectContaining({ paymentId: settled.refund.id, direction: 'IN' }),
      );
      await pay(leaderTreasurer, settled.refund, 'SKA/ZWROT/2027/1');
      // A refund already paid is reversed (storno) before its settlement can be cancelled.
      const paidRefund = await leaderTreasurer
        .post(`/payments/${subsidy.id}/settlement/cancel`, { reason: 'Omyłkowa kwota zwrotu' })
        .expect(409);
      expect(paidRefund.body.code).toBe('REFUND_ALREADY_PAID');

      // The leader pays the contractor's invoices.
      for (const inv of invoices) {
        await pay(
          leaderTreasurer,
          await schedule(leaderTreasurer, {
            organisationId: org.skawina,
            kind: 'INVOICE_PAYMENT',
            invoiceId: inv.id,
            amount: inv.gross,
            dueOn: onDay(30),
          }),
          `SKA/FV/${inv.id.slice(0, 8)}`,
        );
      }
      const overpay = await schedule(
        leaderTreasurer,
        {
          organisationId: org.skawina,
          kind: 'INVOICE_PAYMENT',
          invoiceId: invoices[0].id,
          amount: '0.01',
          dueOn: onDay(30),
        },
        422,
      );
      expect(overpay).toEqual(expect.objectContaining({ code: 'PAYMENT_EXCEEDS_INVOICE' }));

      const s = (await officer.get(`/tenders/${tender.id}/settlement`).expect(200)).body as {
        partners: PartnerBody[];
        totals: Record<string, unknown> & {
          allocated: Record<string, string>;
          invoiced: Record<string, unknown>;
        };
      };
      const bal = Object.fromEntries(s.partners.map((p) => [p.organisationId, p.balance]));
      const swiatniki = gross('swiatniki-gorne');
      const powiat = gross('powiat-krakowski');
      expect(bal).toEqual({
        [org.skawina]: pln(swiatniki + powiat),
        [org.czernichow]: '0.00',
        [org.liszki]: '0.00',
        [org.mogilany]: '0.00',
        [org['swiatniki-gorne']]: pln(-swiatniki),
        [org['powiat-krakowski']]: pln(-powiat),
      });
      const sum = (f: (p: PartnerBody) => string) =>
        pln(s.partners.reduce((acc, p) => acc + g(f(p)), 0n));
      const invoiced = (col: 'net' | 'vat' | 'gross') =>
        pln(invoices.reduce((acc, i) => acc + g(i[col]), 0n));
      // Totals reconcile with the invoices, column by column, and the balances add up to nothing.
      for (const col of ['net', 'vat', 'gross'] as const) {
        expect(sum((p) => p.allocated[col])).toBe(invoiced(col));
        expect(s.totals.allocated[col]).toBe(invoiced(col));
      }
      expect(sum((p) => p.balance)).toBe('0.00');
      expect(s.totals).toEqual(
        expect.objectContaining({
          balance: '0.00',
          reconciled: true,
          paidToContractors: invoiced('gross'),
          invoiced: {
            count: 3,
            net: invoiced('net'),
            vat: invoiced('vat'),
            gross: invoiced('gross'),
          },
        }),
      );
      const leaderRow = s.partners.find((p) => p.organisationId === org.skawina);
      expect(leaderRow?.receivedFromPartners).toBe(
        pln(gross('czernichow') + gross('mogilany') + g('35000.00') - unused),
      );
      const liszkiRow = s.partners.find((p) => p.organisationId === org.liszki);
      expect(liszkiRow).toEqual(
        expect.objectContaining({
          paid: '35000.00',
          refunded: pln(unused),
          subsidies: {
            granted: '35000.00',
            received: '35000.00',
            used: pln(gross('liszki')),
            toReturn: '0.00',
            returned: pln(unused),
            returnDueOn: null,
          },
          nextDue: null,
        }),
      );

      // CSV for the finance departments: BOM, semicolons, decimal commas, a totals row.
      const csv = await officer
        .get(`/tenders/${tender.id}/settlement.csv`)
        .buffer(true)
        .parse((res, cb) => {
          const chunks: Buffer[] = [];
          res.on('data', (c: Buffer) => chunks.push(c));
          res.on('end', () => cb(null, Buffer.concat(chunks)));
        })
        .expect(200);
      expect(csv.headers['content-type']).toMatch(/^text\/csv; charset=utf-8/);
      expect(csv.headers['content-disposition']).toMatch(
        /attachment; filename="rozliczenie-ZP\.271\./,
      );
      const bytes = csv.body as Buffer;
      expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
      const lines = bytes.toString('utf8').slice(1).trim().split('\r\n');
      expect(lines[0].split(';').slice(0, 7)).toEqual([
        'Organizacja',
        'NIP',
        'Rola',
        'Liczba faktur',
        'Przypisano netto',
        'Przypisano VAT',
        'Przypisano brutto',
      ]);
      expect(lines).toHaveLength(1 + 6 + 1);
      const cz = lines.find((l) => l.startsWith('Gmina Czernichów;'))?.split(';');
      expect(cz?.[6]).toBe(pln(gross('czernichow')).replace('.', ','));
      expect(cz?.[16]).toBe('0,00');
      const total = lines[lines.length - 1].split(';');
      expect(total[0]).toBe('RAZEM');
      expect(total[6]).toBe(invoiced('gross').replace('.', ','));
      expect(total[16]).toBe('0,00');
    });

    it('shows a partner only its own finance; others get 403, outsiders 404', async () => {
      const url = `/tenders/${tender.id}/settlement`;
      for (const email of [
        'treasurer@czernichow.demo',
        'head@czernichow.demo',
        'coordinator@czernichow.demo',
      ]) {
        const own = (await (await as(email)).get(url).expect(200)).body;
        expect(own.partners.map((p: PartnerBody) => p.organisationId)).toEqual([org.czernichow]);
        expect(own.totals).toBeNull();
        await (await as(email)).get(`${url}/${org.czernichow}`).expect(200);
        await (await as(email)).get(`${url}/${org.liszki}`).expect(403);
      }
      const csv = await (await as('treasurer@czernichow.demo')).get(`${url}.csv`).expect(200);
      expect(csv.text.trim().split('\r\n')).toHaveLength(2);
      // The leader's lawyer and a partner's procurement officer keep no books: 403.
      for (const email of [
        'lawyer@skawina.demo',
        'officer@czernichow.demo',
        'lawyer@liszki.demo',
      ]) {
        await (await as(email)).get(url).expect(403);
        await (await as(email)).get(`${url}.csv`).expect(403);
      }
      // Recording: coordinators and heads only read; a treasurer records for its own partner.
      const body = {
        organisationId: org.czernichow,
        kind: 'ADVANCE',
        amount: '1.00',
        dueOn: onDay(21),
      };
      await (
        await as('coordinator@czernichow.demo')
      )
        .post(`/tenders/${tender.id}/payments`, body)
        .expect(403);
      await (
        await as('head@czernichow.demo')
      )
        .post(`/tenders/${tender.id}/payments`, body)
        .expect(403);
      await (
        await as('treasurer@liszki.demo')
      )
        .post(`/tenders/${tender.id}/payments`, body)
        .expect(403);
      await (
        await as('treasurer@liszki.demo')
      )
        .post(`/tenders/${tender.id}/invoices`, {
          lotId: tender.lots[0].id,
          contractorNip: DROGBUD.contractorNip,
          number: 'FV/L/1',
          issuedOn: todayInWarsaw(),
          dueOn: onDay(30),
          net: '1.00',
          vat: '0.23',
          gross: '1.23',
        })
        .expect(403);
      const payments = (await officer.get(`/tenders/${tender.id}/payments`).expect(200))
        .body as PaymentBody[];
      const czPayment = payments.find(
        (p) => p.payerOrganisationId === org.czernichow,
      ) as PaymentBody;
      await (await as('treasurer@liszki.demo')).get(`/payments/${czPayment.id}`).expect(403);
      await (await as('head@czernichow.demo')).get(`/payments/${czPayment.id}`).expect(200);
      // Not a member of the partnership: the tender and its payments do not exist for it.
      const outsider = await as('treasurer@zabierzow.demo');
      await outsider.get(url).expect(404);
      await outsider.get(`${url}.csv`).expect(404);
      await outsider.get(`/payments/${czPayment.id}`).expect(404);
      await outsider
        .post(`/payments/${czPayment.id}/paid`, { paidOn: '2026-01-01', reference: 'x' })
        .expect(404);
      // A partner's own list of payments holds its own only.
      const own = (
        await (
          await as('treasurer@mogilany.demo')
        )
          .get(`/tenders/${tender.id}/payments`)
          .expect(200)
      ).body as PaymentBody[];
      expect(own.map((p) => p.payerOrganisationId)).toEqual([org.mogilany]);
    });

    it("keeps a partner's finance out of the other partners' deadlines, history and calendar feed", async () => {
      // Czernichów's advance (amount, paid date, bank reference) is Czernichów's finance only.
      const deadlines = async (email: string) =>
        (
          (await (await as(email)).get(`/tenders/${tender.id}/deadlines?limit=200`).expect(200))
            .body as { items: { id: string; kind: string; title: string; note: string | null }[] }
        ).items;
      const history = async (email: string) =>
        (await (await as(email)).get(`/tenders/${tender.id}/history?limit=200`).expect(200))
          .body as {
          items: {
            action: string;
            entityId: string;
            organisationId: string;
            data: Record<string, unknown>;
          }[];
          total: number;
        };
      const feed = async (email: string) => {
        const { url } = (await (await as(email)).post('/me/calendar-token').expect(201)).body as {
          url: string;
        };
        return (await request(t.http).get(new URL(url).pathname).expect(200)).text;
      };
      const payments = (await officer.get(`/tenders/${tender.id}/payments`).expect(200))
        .body as PaymentBody[];
      const czAdvance = payments.find(
        (p) => p.payerOrganisationId === org.czernichow && p.kind === 'ADVANCE',
      ) as PaymentBody;

      // The leader's treasurer keeps every partner's books; Czernichów's own head sees its own.
      for (const email of ['treasurer@skawina.demo', 'head@czernichow.demo']) {
        expect((await deadlines(email)).map((d) => d.id)).toContain(czAdvance.deadlineId);
        expect(await feed(email)).toContain(`UID:deadline-${czAdvance.deadlineId}@`);
      }
      const leaderTrail = await history('treasurer@skawina.demo');
      expect(
        leaderTrail.items.filter((e) => e.action.startsWith('payment.')).length,
      ).toBeGreaterThan(2);

      // Every other partner's people: no Czernichów payment, deadline, paid date or reference.
      for (const email of [
        'treasurer@liszki.demo',
        'coordinator@mogilany.demo',
        'lawyer@liszki.demo',
      ]) {
        const own = email.split('@')[1].replace('.demo', '');
        const seen = await deadlines(email);
        expect(seen.map((d) => d.id)).not.toContain(czAdvance.deadlineId);
        expect(JSON.stringify(seen)).not.toContain('WB/2027/05/0042');
        await (await as(email)).get(`/deadlines/${czAdvance.deadlineId}`).expect(404);
        const trail = await history(email);
        expect(trail.total).toBe(trail.items.length);
        expect(JSON.stringify(trail.items)).not.toContain('WB/2027/05/0042');
        expect(trail.items.filter((e) => e.entityId === czAdvance.deadlineId)).toEqual([]);
        for (const e of trail.items) {
          if (['payment.scheduled', 'payment.paid', 'subsidy.settled'].includes(e.action))
            expect(e.organisationId).toBe(org[own]);
          if (e.action === 'invoice.recorded')
            for (const part of e.data.allocations as { organisationId: string }[])
              expect(part.organisationId).toBe(org[own]);
        }
        const ics = unfold(await feed(email)).join('\n');
        expect(ics).not.toContain(`UID:deadline-${czAdvance.deadlineId}@`);
        expect(ics).not.toContain('(Gmina Czernichów)');
      }
      // The calendar names a payment's kind once.
      const leaderFeed = unfold(await feed('treasurer@skawina.demo')).join('\n');
      expect(leaderFeed).toContain('(Gmina Czernichów)');
      expect(leaderFeed).not.toContain('Płatność: Płatność');
    });

    it("neutralises a partner's formula-like name in the leader's settlement CSV; numbers stay numbers", async () => {
      const mogilany = await as('officer@mogilany.demo');
      const current = (await mogilany.get(`/organisations/${org.mogilany}`).expect(200)).body as {
        name: string;
        version: number;
      };
      const renamed = (
        await mogilany
          .patch(`/organisations/${org.mogilany}`, {
            name: "+cmd|' /C calc'!A0",
            version: current.version,
          })
          .expect(200)
      ).body as { version: number };
      try {
        const csv = await officer.get(`/tenders/${tender.id}/settlement.csv`).expect(200);
        const lines = csv.text
          .replace(/^\uFEFF/, '')
          .trim()
          .split('\r\n');
        const row = lines.find((l) => l.includes('cmd|'));
        expect(row?.startsWith("'+cmd|' /C calc'!A0;")).toBe(true);
        // No cell of the file starts a formula; signed amounts are still plain numbers.
        for (const cell of lines.flatMap((l) => l.split(';')))
          expect(/^[=+@\t\r]/.test(cell) || (/^-/.test(cell) && !/^-\d+(,\d+)?$/.test(cell))).toBe(
            false,
          );
      } finally {
        await mogilany
          .patch(`/organisations/${org.mogilany}`, { name: current.name, version: renamed.version })
          .expect(200);
      }
    });

    it("renders a partner's settlement statement PDF: its invoices, subsidy, balance in figures and words; finance access", async () => {
      const scratch = mkdtempSync(join(tmpdir(), 'wspolnie-settlement-'));
      const download = (session: Session, id: string) =>
        request(t.http)
          .get(`/api/v1/documents/${id}/file`)
          .set('authorization', `Bearer ${session.token}`)
          .buffer(true)
          .parse((res, cb) => {
            const chunks: Buffer[] = [];
            res.on('data', (c: Buffer) => chunks.push(c));
            res.on('end', () => cb(null, Buffer.concat(chunks)));
          });
      const pdfText = async (session: Session, doc: DocumentBody): Promise<string> => {
        const res = await download(session, doc.id).expect(200);
        expect(res.headers['content-type']).toBe('application/pdf');
        const file = join(scratch, `${doc.id}.pdf`);
        writeFileSync(file, res.body as Buffer);
        expect(execFileSync('qpdf', ['--check', file]).toString()).toMatch(
          /No syntax or stream encoding errors/,
        );
        return execFileSync('pdftotext', ['-enc', 'UTF-8', file, '-'])
          .toString()
          .replace(/\s+/g, ' ');
      };
      const gross = (slug: string) =>
        invoices.reduce(
          (sum, inv) =>
            sum + g(inv.allocations.find((x) => x.organisationId === org[slug])?.gross ?? '0.00'),
          0n,
        );
      const polish = (grosz: bigint) => {
        const abs = grosz < 0n ? -grosz : grosz;
        const whole = (abs / 100n).toString().replace(/\B(?=(\d{3})+(?!\d))/g, ' ');
        return `${grosz < 0n ? '-' : ''}${whole},${(abs % 100n).toString().padStart(2, '0')} zł`;
      };

      // Liszki's own treasurer asks for its statement: the subsidy, the refund, balance zero.
      const liszkiTreasurer = await as('treasurer@liszki.demo');
      const liszki = await renderDocument(liszkiTreasurer, tender.id, 'SETTLEMENT', org.liszki);
      expect(liszki).toEqual(
        expect.objectContaining({ kind: 'SETTLEMENT', organisationId: org.liszki, version: 1 }),
      );
      const lt = await pdfText(liszkiTreasurer, liszki);
      for (const s of [
        'ZESTAWIENIE ROZLICZEŃ PARTNERA',
        'Gmina Liszki',
        'Gmina Skawina',
        'ZP.271.',
        'FV/2027/04/118',
        'FV/2027/05/007',
        'uchwały nr XV/123/2026',
        `termin zwrotu niewykorzystanej części: ${polishDate(onDay(14))}`,
        `Przypadająca część faktur brutto ${polish(gross('liszki'))}`,
        'Saldo 0,00 zł',
        'Saldo wynosi 0,00 zł (słownie: zero złotych 00/100)',
        'Kontrasygnata Skarbnika',
      ])
        expect(lt).toContain(s);

      // Świątniki Górne has paid nothing yet: it owes its part of the lot 2 invoice.
      const swiatniki = await renderDocument(
        officer,
        tender.id,
        'SETTLEMENT',
        org['swiatniki-gorne'],
      );
      const st = await pdfText(await as('treasurer@skawina.demo'), swiatniki);
      const owed = gross('swiatniki-gorne');
      expect(st).toContain('Gmina Świątniki Górne');
      expect(st).toContain('FV/2027/04/118');
      expect(st).not.toContain('FV/2027/05/007');
      expect(st).toContain(`Saldo ${polish(-owed)}`);
      expect(st).toContain(
        `Niedopłata – kwota do zapłaty przez Partnera: ${polish(owed)} (słownie: ${amountInWordsPl(Number(owed))})`,
      );

      // Read by the partner's finance people, the leader's treasurer and officers — the rule of
      // the settlement endpoints: not by another partner, nor by the partner's procurement officer,
      // nor by the lawyers (they keep no books); hidden from outsiders.
      for (const email of ['head@liszki.demo', 'coordinator@liszki.demo', 'treasurer@skawina.demo'])
        await download(await as(email), liszki.id).expect(200);
      for (const email of [
        'treasurer@czernichow.demo',
        'officer@liszki.demo',
        'lawyer@liszki.demo',
        'lawyer@skawina.demo',
      ])
        expect((await download(await as(email), liszki.id)).status).toBe(403);
      await (
        await as('lawyer@skawina.demo')
      )
        .post(`/tenders/${tender.id}/documents`, { kind: 'SETTLEMENT', organisationId: org.liszki })
        .expect(403);
      expect((await download(await as('officer@zabierzow.demo'), liszki.id)).status).toBe(404);
      const listed = (
        (await liszkiTreasurer.get(`/tenders/${tender.id}/documents`).expect(200)).body as {
          items: DocumentBody[];
        }
      ).items;
      expect(listed.map((d) => [d.kind, d.organisationId])).toEqual([['SETTLEMENT', org.liszki]]);
      // A partner's treasurer asks for its own statement only.
      await (
        await as('treasurer@czernichow.demo')
      )
        .post(`/tenders/${tender.id}/documents`, {
          kind: 'SETTLEMENT',
          organisationId: org.liszki,
        })
        .expect(403);
      const noOrg = await officer
        .post(`/tenders/${tender.id}/documents`, { kind: 'SETTLEMENT' })
        .expect(400);
      expect(noOrg.body.errors).toEqual([
        expect.objectContaining({ field: 'organisationId', rule: 'required' }),
      ]);

      // The bundle carries the statements with the other documents.
      const zip = join(scratch, 'bundle.zip');
      const bundle = await request(t.http)
        .get(`/api/v1/tenders/${tender.id}/documents/bundle.zip`)
        .set('authorization', `Bearer ${officer.token}`)
        .buffer(true)
        .parse((res, cb) => {
          const chunks: Buffer[] = [];
          res.on('data', (c: Buffer) => chunks.push(c));
          res.on('end', () => cb(null, Buffer.concat(chunks)));
        })
        .expect(200);
      writeFileSync(zip, bundle.body as Buffer);
      const manifest = JSON.parse(
        execFileSync('unzip', ['-p', zip, 'manifest.json']).toString(),
      ) as {
        documents: { kind: string; label: string; organisationId: string | null }[];
      };
      expect(
        manifest.documents
          .filter((d) => d.kind === 'SETTLEMENT')
          .map((d) => [d.label, d.organisationId])
          .sort(),
      ).toEqual(
        [
          ['Zestawienie rozliczeń', org.liszki],
          ['Zestawienie rozliczeń', org['swiatniki-gorne']],
        ].sort(),
      );
    });

    it('refuses a settlement statement before the award with a clear code; OpenAPI lists the kind', async () => {
      const openApi = (await request(t.http).get('/api/docs-json').expect(200)).body as {
        components: { schemas: Record<string, { properties: { kind: { enum: string[] } } }> };
      };
      for (const schema of ['RequestDocumentDto', 'DocumentView'])
        expect(openApi.components.schemas[schema].properties.kind.enum).toContain('SETTLEMENT');

      const [{ id }] = await t.dataSource.query<{ id: string }[]>(
        "SELECT id FROM tenders WHERE reference = 'ZP.271.1.2026'",
      );
      const early = await officer
        .post(`/tenders/${id}/documents`, { kind: 'SETTLEMENT', organisationId: org.liszki })
        .expect(422);
      expect(early.body).toEqual(
        expect.objectContaining({ code: 'SETTLEMENT_NOT_AVAILABLE', currentStatus: 'READY' }),
      );
    });

    it('reminds the treasurer of a payment falling due and escalates it when late', async () => {
      const treasurer = await as('treasurer@powiat-krakowski.demo');
      // The API's clock shows the morning before the due day, seconds before the 09:00 reminder.
      clock.travel(new Date(warsawDateTime(onDay(-1), '09:00').getTime() - 3000));
      try {
        const late = (
          await treasurer
            .post(`/tenders/${tender.id}/payments`, {
              organisationId: org['powiat-krakowski'],
              kind: 'ADVANCE',
              amount: '5000.00',
              dueOn: onDay(0),
            })
            .expect(201)
        ).body as PaymentBody;
        const deadlineId = late.deadlineId as string;
        const notifications = (email: string, kind: string) =>
          t.dataSource.query<{ title: string; body: string }[]>(
            `SELECT n.title, n.body FROM notifications n JOIN users u ON u.id = n.user_id
              WHERE u.email = $1 AND n.entity_id = $2 AND n.kind = $3`,
            [email, deadlineId, kind],
          );
        const [reminder] = await waitFor(
          async () => {
            const rows = await notifications(
              'treasurer@powiat-krakowski.demo',
              'deadline.reminder',
            );
            return rows.length > 0 ? rows : null;
          },
          30000,
          "the treasurer's payment reminder",
        );
        expect(`${reminder.title}\n${reminder.body}`).toMatch(/Płatność/);
        expect(await notifications('treasurer@czernichow.demo', 'deadline.reminder')).toEqual([]);

        // The due day passes unpaid: the overdue sweep marks the deadline missed and escalates.
        const after = warsawDateTime(onDay(1), '10:00');
        clock.travel(after);
        const partner = (await treasurer.get(`/tenders/${tender.id}/settlement`).expect(200)).body
          .partners[0] as PartnerBody;
        expect(partner).toEqual(
          expect.objectContaining({
            overdue: '5000.00',
            nextDue: expect.objectContaining({ paymentId: late.id, status: 'OVERDUE' }),
          }),
        );
        await worker.get(RemindersService).sweep(after);
        expect((await officer.get(`/deadlines/${deadlineId}`).expect(200)).body.status).toBe(
          'MISSED',
        );
        expect(await notifications('head@powiat-krakowski.demo', 'deadline.missed')).toHaveLength(
          1,
        );

        // Paid late: the deadline is done, and the audit trail says it was late.
        const paid = (
          await treasurer
            .post(`/payments/${late.id}/paid`, { paidOn: onDay(1), reference: 'PK/2027/3' })
            .expect(200)
        ).body as PaymentBody;
        expect(paid.status).toBe('PAID');
        expect((await officer.get(`/deadlines/${deadlineId}`).expect(200)).body.status).toBe(
          'DONE',
        );
        const [audit] = await t.dataSource.query<{ data: { late: boolean } }[]>(
          `SELECT data FROM audit_events WHERE action = 'payment.paid' AND entity_id = $1`,
          [late.id],
        );
        expect(audit.data.late).toBe(true);
      } finally {
        clock.travel(new Date());
      }
    });
  });

  describe('separate contracts', () => {
    it('keeps each partner within its contract and the lot within the award', async () => {
      const tender = await awardedTender(
        'SEPARATE_CONTRACTS',
        [{ number: 1, title: 'Część 1: drogi w Czernichowie i Liszkach', vatRate: 23 }],
        [
          [1, 'czernichow', '150000.00'],
          [1, 'liszki', '100000.00'],
        ],
        [{ ...DROGBUD, amountNet: '240000.00' }],
      );
      const lotId = tender.lots[0].id;
      const contract = (session: Session, slug: string, amountNet: string, amountGross: string) =>
        session.post(`/tenders/${tender.id}/contracts`, {
          lotId,
          organisationId: org[slug],
          ...DROGBUD,
          amountNet,
          amountGross,
          signedOn: todayInWarsaw(),
        });
      const czTreasurer = await as('treasurer@czernichow.demo');
      await contract(czTreasurer, 'czernichow', '150000.00', '184500.00').expect(201);
      const overAward = await contract(officer, 'liszki', '100000.00', '123000.00').expect(422);
      expect(overAward.body).toEqual(
        expect.objectContaining({
          code: 'CONTRACTS_EXCEED_AWARD',
          awardedNet: '240000.00',
          contractedNet: '150000.00',
        }),
      );
      expect((await contract(officer, 'mogilany', '1.00', '1.23').expect(422)).body.code).toBe(
        'NO_CONFIRMED_SHARE',
      );
      await contract(await as('treasurer@liszki.demo'), 'czernichow', '1.00', '1.23').expect(403);
      await contract(officer, 'liszki', '90000.00', '110700.00').expect(201);
      const noOrg = await officer
        .post(`/tenders/${tender.id}/contracts`, {
          lotId,
          ...DROGBUD,
          amountNet: '1.00',
          amountGross: '1.23',
          signedOn: todayInWarsaw(),
        })
        .expect(400);
      expect(noOrg.body.errors).toEqual([expect.objectContaining({ field: 'organisationId' })]);
      expect((await transition(tender, 'CONTRACTED', 200)).body.status).toBe('CONTRACTED');

      const invoice = (session: Session, body: object) =>
        session.post(`/tenders/${tender.id}/invoices`, {
          lotId,
          contractorNip: DROGBUD.contractorNip,
          issuedOn: todayInWarsaw(),
          dueOn: onDay(30),
          ...body,
        });
      const unaddressed = await invoice(officer, {
        number: 'FV/S/1',
        net: '100.00',
        vat: '23.00',
        gross: '123.00',
      }).expect(400);
      expect(unaddressed.body.errors).toEqual([
        expect.objectContaining({ field: 'organisationId', rule: 'isDefined' }),
      ]);
      const fv = (
        await invoice(czTreasurer, {
          organisationId: org.czernichow,
          number: 'FV/S/2027/1',
          net: '100000.00',
          vat: '23000.00',
          gross: '123000.00',
        }).expect(201)
      ).body as InvoiceBody;
      expect(fv.allocations).toEqual([
        expect.objectContaining({
          organisationId: org.czernichow,
          net: '100000.00',
          vat: '23000.00',
          gross: '123000.00',
        }),
      ]);
      const overContract = await invoice(officer, {
        organisationId: org.czernichow,
        number: 'FV/S/2027/2',
        net: '60000.00',
        vat: '13800.00',
        gross: '73800.00',
      }).expect(422);
      expect(overContract.body.code).toBe('INVOICE_EXCEEDS_CONTRACT');
      await invoice(await as('treasurer@liszki.demo'), {
        organisationId: org.czernichow,
        number: 'FV/S/2027/3',
        net: '1.00',
        vat: '0.23',
        gross: '1.23',
      }).expect(403);

      // No money moves through the leader under separate contracts.
      const advance = await officer
        .post(`/tenders/${tender.id}/payments`, {
          organisationId: org.liszki,
          kind: 'ADVANCE',
          amount: '10.00',
          dueOn: onDay(10),
        })
        .expect(422);
      expect(advance.body.code).toBe('PAYMENT_KIND_NOT_IN_MODEL');
      const payment = (
        await czTreasurer
          .post(`/tenders/${tender.id}/payments`, {
            organisationId: org.czernichow,
            kind: 'INVOICE_PAYMENT',
            invoiceId: fv.id,
            amount: '123000.00',
            dueOn: onDay(30),
          })
          .expect(201)
      ).body as PaymentBody;
      const unpaid = await transition(tender, 'SETTLED', 422);
      expect(unpaid.body.missing).toEqual(['1 payment(s) are not paid']);
      await pay(czTreasurer, payment, 'CZ/2027/5/1');

      const s = (await officer.get(`/tenders/${tender.id}/settlement`).expect(200)).body;
      const row = (id: string) =>
        s.partners.find((p: PartnerBody) => p.organisationId === id) as PartnerBody;
      expect(row(org.czernichow)).toEqual(
        expect.objectContaining({
          paid: '123000.00',
          balance: '0.00',
          allocated: { net: '100000.00', vat: '23000.00', gross: '123000.00' },
        }),
      );
      expect(row(org.liszki).balance).toBe('0.00');
      expect(s.totals).toEqual(expect.objectContaining({ reconciled: true, balance: '0.00' }));
      expect((await transition(tender, 'SETTLED', 200)).body.status).toBe('SETTLED');
      // Settled: the books are closed.
      const closed = await invoice(officer, {
        organisationId: org.liszki,
        number: 'FV/S/2027/9',
        net: '1.00',
        vat: '0.23',
        gross: '1.23',
      }).expect(409);
      expect(closed.body.code).toBe('TENDER_NOT_IN_FINANCE_STATUS');
    }, 120000);
  });
});
