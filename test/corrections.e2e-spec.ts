import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TestingModule } from '@nestjs/testing';
import request from 'supertest';
import { todayInWarsaw } from '../src/common/dates/iso-date';
import { Clock, ScaledClock } from '../src/schedule/clock';
import { Session, TestApp, createTestApp, login } from './support/app';
import { renderDocument } from './support/documents';
import { DROGBUD, contractedTender } from './support/procedure';
import type { TenderBody } from './support/tenders';
import { startWorker } from './support/worker';

interface PaymentBody {
  id: string;
  status: string;
  version: number;
  deadlineId: string | null;
  paidOn: string | null;
  cancelReason: string | null;
  reversal: { paidOn: string; reference: string | null; reason: string } | null;
}
interface PartnerRow {
  organisationId: string;
  allocated: { gross: string };
  paid: string;
  outstanding: string;
}

describe('Corrections, never deletions: each kind through the settlement and its CSV', () => {
  let t: TestApp;
  let worker: TestingModule;
  const clock = new ScaledClock(new Date(), 1);
  const sessions = new Map<string, Session>();
  const as = async (email: string) => {
    if (!sessions.has(email)) sessions.set(email, await login(t, email));
    return sessions.get(email) as Session;
  };
  let officer: Session;
  let treasurer: Session;
  let tender: TenderBody;
  let partnerId: string;
  const today = todayInWarsaw();

  beforeAll(async () => {
    t = await createTestApp((b) => b.overrideProvider(Clock).useValue(clock));
    worker = await startWorker();
    officer = await as('officer@skawina.demo');
    tender = await contractedTender(t, as, clock);
    partnerId = tender.lots[0].shares[0].organisationId;
    const [{ slug }] = await t.dataSource.query<{ slug: string }[]>(
      'SELECT slug FROM organisations WHERE id = $1',
      [partnerId],
    );
    treasurer = await as(`treasurer@${slug}.demo`);
  }, 180000);
  afterAll(async () => {
    await worker?.close();
    await t?.close();
  });

  const partnerRow = async (): Promise<PartnerRow> =>
    (
      (await officer.get(`/tenders/${tender.id}/settlement`).expect(200)).body as {
        partners: PartnerRow[];
      }
    ).partners.find((p) => p.organisationId === partnerId) as PartnerRow;
  const csv = async () =>
    (await officer.get(`/tenders/${tender.id}/settlement.csv`).expect(200)).text;
  const invoiceOf = async (number: string) =>
    (
      (await officer.get(`/tenders/${tender.id}/invoices`).expect(200)).body as {
        id: string;
        number: string;
        gross: string;
        cancelledAt: string | null;
      }[]
    ).find((i) => i.number.startsWith(number)) as {
      id: string;
      gross: string;
      cancelledAt: string | null;
    };
  const schedule = async (invoiceId: string, amount: string) =>
    (
      await treasurer
        .post(`/tenders/${tender.id}/payments`, {
          organisationId: partnerId,
          kind: 'INVOICE_PAYMENT',
          invoiceId,
          amount,
          dueOn: today,
        })
        .expect(201)
    ).body as PaymentBody;
  const invoiceDeadlines = async (invoiceId: string) =>
    (
      await t.dataSource.query<{ status: string }[]>(
        `SELECT status FROM deadlines WHERE subject_type = 'invoice' AND subject_id = $1
          AND kind = 'PAYMENT' ORDER BY created_at, id`,
        [invoiceId],
      )
    ).map((d) => d.status);
  const deadlineStatus = async (id: string) =>
    ((await officer.get(`/deadlines/${id}`).expect(200)).body as { status: string }).status;

  it('cancels an invoice recorded by mistake: it stays listed, marked, and leaves the settlement and the CSV', async () => {
    const before = await partnerRow();
    const csvBefore = await csv();
    const mistake = (
      await officer
        .post(`/tenders/${tender.id}/invoices`, {
          lotId: tender.lots[0].id,
          organisationId: partnerId,
          number: 'FV/DUBEL/2027',
          contractorNip: DROGBUD.contractorNip,
          issuedOn: today,
          dueOn: today,
          net: '1000.00',
          vat: '230.00',
          gross: '1230.00',
        })
        .expect(201)
    ).body as { id: string };
    // The unpaid invoice's due date is a PAYMENT deadline of the partner paying the contractor.
    expect(await invoiceDeadlines(mistake.id)).toEqual(['OPEN']);
    const scheduled = await schedule(mistake.id, '1230.00');
    expect(await csv()).not.toBe(csvBefore);
    await officer.post(`/invoices/${mistake.id}/cancel`, { reason: 'x' }).expect(400);
    const cancelled = (
      await officer
        .post(`/invoices/${mistake.id}/cancel`, { reason: 'Zdublowany wpis faktury FV/1/2027' })
        .expect(200)
    ).body as { cancelledAt: string | null; cancelReason: string };
    expect(cancelled).toMatchObject({ cancelReason: 'Zdublowany wpis faktury FV/1/2027' });
    expect(cancelled.cancelledAt).toEqual(expect.any(String));
    expect((await invoiceOf('FV/DUBEL/2027')).cancelledAt).toEqual(expect.any(String));
    expect(await partnerRow()).toEqual(before);
    expect(await csv()).toBe(csvBefore);
    // Its scheduled payment went with it, and its deadline no longer reminds anyone.
    const payment = (await officer.get(`/payments/${scheduled.id}`).expect(200))
      .body as PaymentBody;
    expect(payment.status).toBe('CANCELLED');
    expect(await deadlineStatus(scheduled.deadlineId as string)).toBe('CANCELLED');
    expect(await invoiceDeadlines(mistake.id)).toEqual(['CANCELLED']);
    await officer.post(`/invoices/${mistake.id}/cancel`, { reason: 'jeszcze raz' }).expect(409);
    const audit = await t.dataSource.query<{ action: string }[]>(
      `SELECT action FROM audit_events WHERE entity_id = $1 ORDER BY id`,
      [mistake.id],
    );
    expect(audit.map((a) => a.action)).toEqual(['invoice.recorded', 'invoice.cancelled']);
  });

  it('cancels a scheduled payment (deadline cancelled) and reverses a recorded one (storno): due again, the reversal visible', async () => {
    const fv = await invoiceOf('FV/1/2027/');
    const before = await partnerRow();
    const csvBefore = await csv();
    const wrong = await schedule(fv.id, '100.00');
    const cancelled = (
      await treasurer
        .post(`/payments/${wrong.id}/cancel`, { reason: 'Zła kwota w harmonogramie płatności' })
        .expect(200)
    ).body as PaymentBody;
    expect(cancelled).toMatchObject({ status: 'CANCELLED', deadlineId: null });
    expect(await deadlineStatus(wrong.deadlineId as string)).toBe('CANCELLED');
    // The scheduled payment stood for the invoice's own deadline; cancelled, the invoice's returns.
    expect(await invoiceDeadlines(fv.id)).toEqual(['CANCELLED', 'OPEN']);
    expect(await partnerRow()).toEqual(before);
    await treasurer
      .post(`/payments/${wrong.id}/paid`, { paidOn: today, reference: 'x' })
      .expect(409);

    const payment = await schedule(fv.id, '123000.00');
    await treasurer
      .post(`/payments/${payment.id}/reverse`, { reason: 'Nie zapłacono' })
      .expect(409);
    await treasurer
      .post(`/payments/${payment.id}/paid`, { paidOn: today, reference: 'WB/2027/1' })
      .expect(200);
    // Scheduling the payment took over the invoice's deadline (one reminder for one debt); paid.
    expect(await invoiceDeadlines(fv.id)).toEqual(['CANCELLED', 'CANCELLED']);
    expect(await deadlineStatus(payment.deadlineId as string)).toBe('DONE');
    const paid = await partnerRow();
    expect(paid.paid).not.toBe(before.paid);
    expect(await csv()).not.toBe(csvBefore);
    // An invoice with a recorded payment is not cancelled: the payment is reversed first.
    expect(
      (await officer.post(`/invoices/${fv.id}/cancel`, { reason: 'Próba anulowania' }).expect(409))
        .body.code,
    ).toBe('INVOICE_HAS_PAYMENTS');
    const reversed = (
      await treasurer
        .post(`/payments/${payment.id}/reverse`, {
          reason: 'Przelew zwrócony przez bank (błędny rachunek)',
        })
        .expect(200)
    ).body as PaymentBody;
    expect(reversed).toMatchObject({
      status: 'DUE',
      paidOn: null,
      reversal: {
        paidOn: today,
        reference: 'WB/2027/1',
        reason: 'Przelew zwrócony przez bank (błędny rachunek)',
      },
    });
    expect(await deadlineStatus(reversed.deadlineId as string)).toBe('OPEN');
    // The storno makes the invoice due again: the payment's new deadline reminds its payer, once.
    expect(await invoiceDeadlines(fv.id)).toEqual(['CANCELLED', 'CANCELLED']);
    const after = await partnerRow();
    expect(after.paid).toBe(before.paid);
    // Due again: what the storno took off "paid" is outstanding, in the API and in the CSV.
    expect(after.outstanding).toBe('123000.00');
    expect(await csv()).toContain(';123000,00;0,00;-123000,00;zapłata faktury (do zapłaty)');

    // The partner's SETTLEMENT statement follows: the reversed payment is not shown as paid.
    const doc = await renderDocument(officer, tender.id, 'SETTLEMENT', partnerId);
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
    const file = join(mkdtempSync(join(tmpdir(), 'wspolnie-corrections-')), 'settlement.pdf');
    writeFileSync(file, res.body as Buffer);
    const text = execFileSync('pdftotext', ['-enc', 'UTF-8', file, '-']).toString();
    expect(text).not.toContain('WB/2027/1');
    expect(text).not.toContain('FV/DUBEL/2027');
    // Each correction is in the audit trail with its reason.
    expect(await actionsOf(wrong.id)).toEqual(['payment.scheduled', 'payment.cancelled']);
    // The storno makes the payment due again: its new deadline is recorded as a scheduling.
    expect(await actionsOf(payment.id)).toEqual([
      'payment.scheduled',
      'payment.paid',
      'payment.reversed',
      'payment.scheduled',
    ]);
  });

  it('amends a contract (aneks) with date and reason, and cancels one recorded by mistake', async () => {
    const contracts = (await officer.get(`/tenders/${tender.id}/contracts`).expect(200)).body as {
      id: string;
      lotNumber: number;
      organisationId: string;
      amountNet: string;
      amountGross: string;
    }[];
    const invoiced = contracts.find((c) => c.organisationId === partnerId && c.lotNumber === 1)!;
    const other = contracts.find((c) => c.lotNumber === 2)!;
    expectField(
      await officer.post(`/contracts/${other.id}/amend`, {
        signedOn: '2019-01-01',
        reason: 'Aneks nr 1',
        amountNet: '1000.00',
        amountGross: '1230.00',
      }),
      'signedOn',
    );
    const amended = (
      await officer
        .post(`/contracts/${other.id}/amend`, {
          signedOn: today,
          reason: 'Aneks nr 1: zmniejszenie zakresu robót (art. 455 ust. 1 pkt 1 Pzp)',
          amountNet: '400000.00',
          amountGross: '492000.00',
        })
        .expect(200)
    ).body as { amountNet: string; amendments: { amountNetBefore: string; reason: string }[] };
    expect(amended.amountNet).toBe('400000.00');
    expect(amended.amendments).toEqual([
      expect.objectContaining({
        amountNetBefore: other.amountNet,
        reason: 'Aneks nr 1: zmniejszenie zakresu robót (art. 455 ust. 1 pkt 1 Pzp)',
      }),
    ]);
    expect(
      (
        await officer
          .post(`/contracts/${invoiced.id}/cancel`, { reason: 'Omyłkowy wpis' })
          .expect(409)
      ).body.code,
    ).toBe('CONTRACT_HAS_INVOICES');
    const cancelled = (
      await officer
        .post(`/contracts/${other.id}/cancel`, {
          reason: 'Umowa wprowadzona dla niewłaściwej części',
        })
        .expect(200)
    ).body as { cancelledAt: string | null };
    expect(cancelled.cancelledAt).toEqual(expect.any(String));
    // A cancelled contract leaves room for the right one.
    await officer
      .post(`/tenders/${tender.id}/contracts`, {
        lotId: tender.lots[1].id,
        organisationId: other.organisationId,
        ...DROGBUD,
        amountNet: '400000.00',
        amountGross: '492000.00',
        signedOn: today,
      })
      .expect(201);
    expect(await actionsOf(other.id)).toEqual([
      'contract.recorded',
      'contract.amended',
      'contract.cancelled',
    ]);
  });

  /** The audit actions of one record, oldest first. */
  const actionsOf = async (entityId: string): Promise<string[]> =>
    (
      await t.dataSource.query<{ action: string }[]>(
        `SELECT action FROM audit_events WHERE entity_id = $1 ORDER BY id`,
        [entityId],
      )
    ).map((a) => a.action);
});

function expectField(res: request.Response, field: string): void {
  expect(res.status).toBeGreaterThanOrEqual(400);
  expect(res.status).toBeLessThan(500);
  expect((res.body as { errors?: { field: string }[] }).errors).toEqual(
    expect.arrayContaining([expect.objectContaining({ field })]),
  );
}
