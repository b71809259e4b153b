import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TestingModule } from '@nestjs/testing';
import request from 'supertest';
import { todayInWarsaw } from '../src/common/dates/iso-date';
import { addCalendarDays } from '../src/common/polish-calendar/calendar';
import { Clock, ScaledClock } from '../src/schedule/clock';
import { createTestApp, login, orgId, type Session, type TestApp } from './support/app';
import { renderDocument } from './support/documents';
import { validateRecordPackage } from './support/ocds/ocds-validator';
import { awardedTender, DROGBUD } from './support/procedure';
import type { TenderBody } from './support/tenders';
import { startWorker } from './support/worker';

interface Amounts {
  net: string;
  vat: string;
  gross: string;
}
interface Part extends Amounts {
  organisationId: string;
}
interface InvoiceBody extends Amounts {
  id: string;
  number: string;
  version: number;
  inForce: boolean;
  allocations: Part[];
  correction: {
    correctsInvoiceId: string;
    correctsNumber: string;
    originalInvoiceId: string;
    reason: string;
    difference: Amounts;
    allocations: Part[];
  } | null;
  correctedBy: { invoiceId: string; number: string } | null;
}
interface Settlement {
  partners: (Part & { allocated: Amounts; organisationId: string })[];
  totals: { allocated: Amounts; invoiced: Amounts & { count: number }; balance: string };
}

const grosz = (s: string) => Math.round(Number(s) * 100);
const sum = (xs: string[]) => xs.reduce((a, x) => a + grosz(x), 0);

/**
 * The correcting invoice (faktura korygująca) under the leader's contract: lowered below what is
 * paid (an overpayment), then raised again (the deadline open for the rest), the differences split
 * among the partners to the grosz, through the settlement, its CSV and the SETTLEMENT statement.
 */
describe('Correcting invoices: a new record, split again, followed by the settlement, CSV and PDF', () => {
  let t: TestApp;
  let worker: TestingModule;
  const clock = new ScaledClock(new Date(), 1);
  const sessions = new Map<string, Session>();
  const as = async (email: string) => {
    if (!sessions.has(email)) sessions.set(email, await login(t, email));
    return sessions.get(email) as Session;
  };
  let officer: Session;
  let tender: TenderBody;
  let original: InvoiceBody;
  const org: Record<string, string> = {};
  const today = todayInWarsaw();
  const suffix = () => tender.id.slice(0, 8);

  beforeAll(async () => {
    t = await createTestApp((b) => b.overrideProvider(Clock).useValue(clock));
    worker = await startWorker();
    officer = await as('officer@skawina.demo');
    for (const slug of ['skawina', 'czernichow', 'liszki']) org[slug] = await orgId(t, slug);
    tender = await awardedTender(t, as, clock, {
      settlementModel: 'LEADER_CONTRACT',
      lots: [{ number: 1, title: 'Część 1: drogi gminne', vatRate: 23 }],
      shares: [
        [1, 'skawina', '1200000.00'],
        [1, 'czernichow', '450000.00'],
        [1, 'liszki', '385000.00'],
      ],
      awards: [{ ...DROGBUD, amountNet: '1950000.00' }],
    });
    await officer
      .post(`/tenders/${tender.id}/contracts`, {
        lotId: tender.lots[0].id,
        ...DROGBUD,
        amountNet: '1950000.00',
        amountGross: '2398500.00',
        signedOn: today,
      })
      .expect(201);
    original = (
      await officer
        .post(`/tenders/${tender.id}/invoices`, {
          lotId: tender.lots[0].id,
          number: `FV/7/${suffix()}`,
          contractorNip: DROGBUD.contractorNip,
          issuedOn: today,
          dueOn: addCalendarDays(today, 30),
          net: '100000.00',
          vat: '23000.00',
          gross: '123000.00',
        })
        .expect(201)
    ).body as InvoiceBody;
  }, 180000);
  afterAll(async () => {
    await worker?.close();
    await t?.close();
  });

  const settlement = async () =>
    (await officer.get(`/tenders/${tender.id}/settlement`).expect(200)).body as Settlement;
  const invoices = async () =>
    (await officer.get(`/tenders/${tender.id}/invoices`).expect(200)).body as InvoiceBody[];
  const csv = async () =>
    (await officer.get(`/tenders/${tender.id}/settlement.csv`).expect(200)).text;
  const deadlines = async () =>
    t.dataSource.query<{ status: string; title: string }[]>(
      `SELECT status, title FROM deadlines WHERE subject_type = 'invoice' AND subject_id = $1
        ORDER BY created_at, id`,
      [original.id],
    );
  const correction = (over: Record<string, unknown>) => ({
    number: `FK/1/${suffix()}`,
    issuedOn: today,
    reason: 'Rabat przyznany po odbiorze robót',
    net: '95000.00',
    vat: '21850.00',
    gross: '116850.00',
    ...over,
  });

  it('refuses a correction without a reason, dated before the invoice, with VAT off the rate or a negative amount, naming the field', async () => {
    const url = `/invoices/${original.id}/correct`;
    expectField(await officer.post(url, correction({ reason: undefined })), 'reason', 400);
    expectField(
      await officer.post(url, correction({ issuedOn: addCalendarDays(today, -1) })),
      'issuedOn',
      422,
      'notBeforeCorrectedInvoice',
    );
    expectField(
      await officer.post(url, correction({ vat: '0.00', gross: '95000.00' })),
      'vat',
      422,
      'vatFollowsLotRate',
    );
    expectField(
      await officer.post(url, correction({ net: '-5000.00', vat: '-1150.00', gross: '-6150.00' })),
      'net',
      400,
    );
    expectField(await officer.post(url, correction({ gross: '116850.01' })), 'gross', 400);
    expectField(
      await officer.post(url, correction({ issuedOn: addCalendarDays(today, 1) })),
      'issuedOn',
      422,
      'notInFuture',
    );
    // Nothing was recorded.
    expect((await invoices()).map((i) => i.number)).toEqual([original.number]);
  });

  it('lowers the invoice below what is paid: the original stays, marked; the overpayment shows in the settlement, CSV and PDF', async () => {
    const payment = (
      await officer
        .post(`/tenders/${tender.id}/payments`, {
          organisationId: org.skawina,
          kind: 'INVOICE_PAYMENT',
          invoiceId: original.id,
          amount: '123000.00',
          dueOn: today,
        })
        .expect(201)
    ).body as { id: string };
    await officer
      .post(`/payments/${payment.id}/paid`, { paidOn: today, reference: 'WB/FV7' })
      .expect(200);
    const before = await settlement();
    expect(before.totals.balance).toBe('0.00');

    const res = await officer
      .post(`/invoices/${original.id}/correct`, correction({ version: original.version }))
      .expect(201);
    const fk = res.body as InvoiceBody;
    expect(fk).toMatchObject({
      number: `FK/1/${suffix()}`,
      gross: '116850.00',
      inForce: true,
      correction: {
        correctsInvoiceId: original.id,
        originalInvoiceId: original.id,
        reason: 'Rabat przyznany po odbiorze robót',
        difference: { net: '-5000.00', vat: '-1150.00', gross: '-6150.00' },
      },
    });
    // Each partner's difference: they add up to the invoice's, to the grosz; no part below zero.
    const diffs = fk.correction!.allocations;
    expect(sum(diffs.map((d) => d.net))).toBe(-500000);
    expect(sum(diffs.map((d) => d.vat))).toBe(-115000);
    expect(sum(diffs.map((d) => d.gross))).toBe(-615000);
    for (const a of fk.allocations) {
      const was = original.allocations.find((o) => o.organisationId === a.organisationId)!;
      const d = diffs.find((x) => x.organisationId === a.organisationId)!;
      expect(grosz(a.gross) - grosz(was.gross)).toBe(grosz(d.gross));
      expect(grosz(a.net)).toBeGreaterThanOrEqual(0);
    }
    const listed = await invoices();
    expect(listed.find((i) => i.id === original.id)).toMatchObject({
      inForce: false,
      correctedBy: { invoiceId: fk.id, number: fk.number },
      gross: '123000.00',
    });

    const after = await settlement();
    expect(after.totals.invoiced).toMatchObject({ count: 1, gross: '116850.00' });
    expect(after.totals.allocated.gross).toBe('116850.00');
    // Paid 123 000,00 on an invoice now of 116 850,00: 6 150,00 overpaid to the contractor.
    expect(after.totals.balance).toBe('6150.00');
    for (const p of after.partners) {
      const part = fk.allocations.find((a) => a.organisationId === p.organisationId);
      if (part) expect(p.allocated.gross).toBe(part.gross);
    }
    // Paid in full (and more): the invoice's deadline is done.
    expect((await deadlines()).map((d) => d.status)).not.toContain('OPEN');

    const text = await csv();
    expect(text).toContain('Faktury korygujące');
    expect(text).toContain(
      `FK/1/${suffix()} koryguje FV/7/${suffix()} (skorygowana): -6150,00 brutto`,
    );
    const liszki = diffs.find((d) => d.organisationId === org.liszki)!;
    const liszkiLine = text.split('\r\n').find((l) => l.startsWith('Gmina Liszki;'))!;
    expect(liszkiLine).toContain(`${liszki.gross.replace('.', ',')} brutto`);

    // Table cells wrap by glyph width; the sentences under the table are checked, spaces aside.
    const pdf = await statementText(org.liszki);
    expect(pdf).toContain(squash(`Faktura nr FV/7/${suffix()} została skorygowana`));
    expect(pdf).toContain(squash(`(skorygowana fakturą nr FK/1/${suffix()})`));
    expect(pdf).toContain(
      squash(
        `jest fakturą korygującą do faktury nr FV/7/${suffix()} (przyczyna korekty: Rabat przyznany po odbiorze robót)`,
      ),
    );

    const audit = await t.dataSource.query<{ action: string }[]>(
      'SELECT action FROM audit_events WHERE entity_id = $1',
      [fk.id],
    );
    expect(audit.map((a) => a.action)).toEqual(['invoice.corrected']);
  });

  it('raises it again through the original (the latest state is corrected): the deadline stays open for the rest', async () => {
    // The original is at version 2 now (a correction replaced it): the version seen before is stale.
    await officer
      .post(`/invoices/${original.id}/correct`, correction({ number: 'FK/X', version: 1 }))
      .expect(409);
    const res = await officer
      .post(
        `/invoices/${original.id}/correct`,
        correction({
          number: `FK/2/${suffix()}`,
          reason: 'Roboty dodatkowe rozliczone fakturą korygującą',
          net: '120000.00',
          vat: '27600.00',
          gross: '147600.00',
          dueOn: addCalendarDays(today, 14),
        }),
      )
      .expect(201);
    const fk2 = res.body as InvoiceBody;
    expect(fk2.correction).toMatchObject({
      correctsNumber: `FK/1/${suffix()}`,
      originalInvoiceId: original.id,
      difference: { net: '25000.00', vat: '5750.00', gross: '30750.00' },
    });
    expect(sum(fk2.correction!.allocations.map((a) => a.gross))).toBe(3075000);
    const after = await settlement();
    expect(after.totals.invoiced).toMatchObject({ count: 1, gross: '147600.00' });
    expect(after.totals.balance).toBe('-24600.00');
    const open = (await deadlines()).filter((d) => d.status === 'OPEN');
    expect(open).toHaveLength(1);
    expect(open[0].title).toContain('24 600,00 zł do zapłaty');
    expect(open[0].title).toContain(`FK/2/${suffix()}`);
    // The rest is payable on the chain, named by the correcting invoice; not more than the rest.
    expect(
      (
        await officer
          .post(`/tenders/${tender.id}/payments`, {
            organisationId: org.skawina,
            kind: 'INVOICE_PAYMENT',
            invoiceId: fk2.id,
            amount: '24600.01',
            dueOn: today,
          })
          .expect(422)
      ).body.code,
    ).toBe('PAYMENT_EXCEEDS_INVOICE');
    const rest = (
      await officer
        .post(`/tenders/${tender.id}/payments`, {
          organisationId: org.skawina,
          kind: 'INVOICE_PAYMENT',
          invoiceId: fk2.id,
          amount: '24600.00',
          dueOn: today,
        })
        .expect(201)
    ).body as { id: string; invoiceId: string };
    expect(rest.invoiceId).toBe(original.id);
    // Lowering below paid + scheduled would leave a scheduled payment without a debt.
    expectField(
      await officer.post(`/invoices/${fk2.id}/correct`, correction({ number: `FK/3/${suffix()}` })),
      'gross',
      422,
      'notBelowScheduled',
    );
    // A corrected invoice is corrected, never cancelled.
    expect(
      (await officer.post(`/invoices/${fk2.id}/cancel`, { reason: 'Próba anulowania' }).expect(409))
        .body.code,
    ).toBe('INVOICE_CORRECTED');
    await officer
      .post(`/payments/${rest.id}/paid`, { paidOn: today, reference: 'WB/FK2' })
      .expect(200);
    expect((await settlement()).totals.balance).toBe('0.00');
    // Open data: a correcting invoice is a transaction of its difference, the chain its latest state.
    const ocds = (
      await request(t.http).get(`/api/v1/ocds/records/ocds-wspoln-${tender.id}`).expect(200)
    ).body as {
      records: {
        compiledRelease: {
          contracts: { implementation?: { transactions: { value: { amount: number } }[] } }[];
        };
      }[];
    };
    expect(validateRecordPackage(ocds)).toEqual({ errors: [], warnings: [] });
    const transactions = ocds.records[0].compiledRelease.contracts.flatMap(
      (c) => c.implementation?.transactions ?? [],
    );
    expect(transactions.map((x) => x.value.amount)).toEqual([123000, -6150, 30750]);

    const pdf = await statementText(org.czernichow);
    expect(pdf).toContain(squash(`Faktura nr FK/1/${suffix()} została skorygowana`));
    expect(pdf).toContain(squash(`jest fakturą korygującą do faktury nr FK/1/${suffix()}`));
  });

  async function statementText(organisationId: string): Promise<string> {
    const doc = await renderDocument(officer, tender.id, 'SETTLEMENT', organisationId);
    const res = await request(t.http)
      .get(`/api/v1/documents/${doc.id}/file`)
      .set('authorization', `Bearer ${officer.token}`)
      .buffer(true)
      .parse((r, cb) => {
        const chunks: Buffer[] = [];
        r.on('data', (c: Buffer) => chunks.push(c));
        r.on('end', () => cb(null, Buffer.concat(chunks)));
      })
      .expect(200);
    const file = join(mkdtempSync(join(tmpdir(), 'wspolnie-correcting-')), 'settlement.pdf');
    writeFileSync(file, res.body as Buffer);
    return squash(execFileSync('pdftotext', ['-enc', 'UTF-8', file, '-']).toString());
  }
});

/** Text without whitespace: PDF lines wrap wherever the layout puts them. */
function squash(text: string): string {
  return text.replace(/\s+/g, '');
}

function expectField(res: request.Response, field: string, status: number, rule?: string): void {
  expect({ status: res.status, body: res.body as unknown }).toMatchObject({ status });
  expect((res.body as { errors?: { field: string; rule: string }[] }).errors).toEqual(
    expect.arrayContaining([expect.objectContaining({ field, ...(rule ? { rule } : {}) })]),
  );
}
