import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TestingModule } from '@nestjs/testing';
import request from 'supertest';
import { todayInWarsaw } from '../src/common/dates/iso-date';
import { Clock, ScaledClock } from '../src/schedule/clock';
import { Session, TestApp, createTestApp, login, orgId } from './support/app';
import { renderDocument } from './support/documents';
import { onDay } from './support/dates';
import { DROGBUD, contractedInvoiceNumber, contractedTender } from './support/procedure';
import { TenderBody, createTender, findShare, proposeShare, tenderAfter } from './support/tenders';
import { startWorker } from './support/worker';

interface ErrorBody {
  code: string;
  errors?: { field: string; rule: string; message: string }[];
}

/** The answer is a 4xx whose errors[] names `field` (and `rule`, when given). */
function expectFieldError(res: request.Response, status: number, field: string, rule?: string) {
  expect({ status: res.status, body: res.body as unknown }).toMatchObject({ status });
  const errors = (res.body as ErrorBody).errors ?? [];
  expect(errors).toEqual(
    expect.arrayContaining([expect.objectContaining({ field, ...(rule ? { rule } : {}) })]),
  );
}

const TOO_LARGE = '99999999999999.99';

describe('Nothing nonsensical gets in: each request of issue 11 answers 4xx naming its field', () => {
  let t: TestApp;
  let worker: TestingModule;
  const clock = new ScaledClock(new Date(), 1);
  const sessions = new Map<string, Session>();
  const as = async (email: string) => {
    if (!sessions.has(email)) sessions.set(email, await login(t, email));
    return sessions.get(email) as Session;
  };
  let officer: Session;
  let contracted: TenderBody;
  const anon = () => request(t.http);
  const scratch = mkdtempSync(join(tmpdir(), 'wspolnie-input-rules-'));
  const pdfText = async (documentId: string) => {
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
    const file = join(scratch, `${documentId}.pdf`);
    writeFileSync(file, res.body as Buffer);
    return execFileSync('pdftotext', ['-enc', 'UTF-8', file, '-']).toString().replace(/\s+/g, ' ');
  };

  beforeAll(async () => {
    t = await createTestApp((b) => b.overrideProvider(Clock).useValue(clock));
    worker = await startWorker();
    officer = await as('officer@skawina.demo');
    contracted = await contractedTender(t, as, clock);
  }, 180000);
  afterAll(async () => {
    await worker?.close();
    await t?.close();
  });

  const invoice = (over: Record<string, unknown> = {}) => ({
    lotId: contracted.lots[0].id,
    organisationId: contracted.lots[0].shares[0].organisationId,
    number: `FV/${Math.random().toString(36).slice(2, 8)}/2027`,
    contractorNip: DROGBUD.contractorNip,
    issuedOn: todayInWarsaw(),
    dueOn: onDay(30),
    net: '1000.00',
    vat: '230.00',
    gross: '1230.00',
    ...over,
  });

  describe('amounts', () => {
    it('refuses a share of 99999999999999.99 (amountMax) and of 0.00 (amountPositive)', async () => {
      const tender = await createTender(officer);
      const body = { lotId: tender.lots[0].id, organisationId: await orgId(t, 'czernichow') };
      expectFieldError(
        await officer.post(`/tenders/${tender.id}/shares`, { ...body, amountNet: TOO_LARGE }),
        400,
        'amountNet',
        'amountMax',
      );
      expectFieldError(
        await officer.post(`/tenders/${tender.id}/shares`, { ...body, amountNet: '0.00' }),
        400,
        'amountNet',
        'amountPositive',
      );
      const withShare = await proposeShare(t, officer, tender, 1, 'czernichow', '1000.00');
      const share = withShare.lots[0].shares[0];
      expectFieldError(
        await officer.patch(`/shares/${share.id}`, {
          version: share.version,
          amountNet: TOO_LARGE,
        }),
        400,
        'amountNet',
        'amountMax',
      );
    });

    it('refuses GET /legal/regime with valueNet 99999999999999.99', async () => {
      const res = await anon().get(
        `/api/v1/legal/regime?valueNet=${TOO_LARGE}&subjectKind=SUPPLIES`,
      );
      expectFieldError(res, 400, 'valueNet', 'amountMax');
      await anon()
        .get('/api/v1/legal/regime?valueNet=999999999999.99&subjectKind=SUPPLIES')
        .expect(200);
    });

    it('refuses an invoice of 99999999999999.99 net, and one of 0.00 net, VAT and gross', async () => {
      const path = `/tenders/${contracted.id}/invoices`;
      expectFieldError(
        await officer.post(path, invoice({ net: TOO_LARGE, vat: '0.00', gross: TOO_LARGE })),
        400,
        'net',
        'amountMax',
      );
      const zero = await officer.post(path, invoice({ net: '0.00', vat: '0.00', gross: '0.00' }));
      expectFieldError(zero, 400, 'net', 'amountPositive');
      expectFieldError(zero, 400, 'gross', 'amountPositive');
    });

    it('refuses an invoice with VAT 0.00 on a 23 % lot unless it says why', async () => {
      const path = `/tenders/${contracted.id}/invoices`;
      expectFieldError(
        await officer.post(path, invoice({ vat: '0.00', gross: '1000.00' })),
        422,
        'vat',
        'vatFollowsLotRate',
      );
      const exempt = await officer
        .post(
          path,
          invoice({
            vat: '0.00',
            gross: '1000.00',
            vatExemptionReason: 'Zwolnienie z VAT na podstawie art. 113 ust. 1 ustawy o VAT',
          }),
        )
        .expect(201);
      expect(exempt.body).toMatchObject({ net: '1000.00', vat: '0.00' });
      // Rounding of the invoice's lines stays acceptable.
      await officer.post(path, invoice({ vat: '230.03', gross: '1230.03' })).expect(201);
    });

    it('refuses a payment of 99999999999999.99 and of 0.00', async () => {
      const path = `/tenders/${contracted.id}/payments`;
      const body = {
        organisationId: await orgId(t, 'liszki'),
        kind: 'ADVANCE',
        dueOn: onDay(20),
      };
      expectFieldError(
        await officer.post(path, { ...body, amount: TOO_LARGE }),
        400,
        'amount',
        'amountMax',
      );
      expectFieldError(
        await officer.post(path, { ...body, amount: '0.00' }),
        400,
        'amount',
        'amountPositive',
      );
    });

    it('refuses a contract whose gross does not follow the lot’s VAT rate', async () => {
      const res = await officer.post(`/tenders/${contracted.id}/contracts`, {
        lotId: contracted.lots[0].id,
        organisationId: contracted.lots[0].shares[0].organisationId,
        ...DROGBUD,
        amountNet: '1000.00',
        amountGross: '1000.00',
        signedOn: todayInWarsaw(),
      });
      expectFieldError(res, 422, 'amountGross', 'vatFollowsLotRate');
    });
  });

  describe('shares', () => {
    it('lets a partner ask for a change of the amount the leader proposed, never change it; the register shows every change', async () => {
      let tender = await createTender(officer);
      tender = await proposeShare(t, officer, tender, 1, 'czernichow', '120000.00');
      tender = await proposeShare(t, officer, tender, 2, 'liszki', '80000.00');
      await officer
        .post(`/tenders/${tender.id}/transition`, {
          to: 'COLLECTING_SHARES',
          version: tender.version,
        })
        .expect(200);
      let share = findShare(
        (await officer.get(`/tenders/${tender.id}`).expect(200)).body,
        2,
        'Gmina Liszki',
      );
      const coordinator = await as('coordinator@liszki.demo');
      const refused = await coordinator
        .patch(`/shares/${share.id}`, { version: share.version, amountNet: '1.00' })
        .expect(403);
      expect(refused.body.code).toBe('SHARE_AMOUNT_SET_BY_LEADER');
      expect(
        findShare((await officer.get(`/tenders/${tender.id}`).expect(200)).body, 2, 'Gmina Liszki')
          .amountNet,
      ).toBe('80000.00');
      // The partner asks; the leader changes, saying why.
      tender = await tenderAfter(
        coordinator,
        await coordinator
          .post(`/shares/${share.id}/request-change`, {
            version: share.version,
            reason: 'Plan wydatków na 2027 r. przewiduje 75 000 zł',
          })
          .expect(200),
      );
      share = findShare(tender, 2, 'Gmina Liszki');
      await officer
        .patch(`/shares/${share.id}`, {
          version: share.version,
          amountNet: '75000.00',
          reason: 'Na wniosek koordynatora Gminy Liszki',
        })
        .expect(200);
      const [event] = await t.dataSource.query<
        { actor_name: string; data: Record<string, unknown> }[]
      >(
        `SELECT actor_name, data FROM audit_events WHERE action = 'share.amount_changed' AND entity_id = $1`,
        [share.id],
      );
      expect(event.data).toMatchObject({
        amountNet: { from: '80000.00', to: '75000.00' },
        reason: 'Na wniosek koordynatora Gminy Liszki',
      });
      const doc = await renderDocument(
        officer,
        tender.id,
        'SHARE_CONFIRMATION',
        await orgId(t, 'liszki'),
      );
      const text = await pdfText(doc.id);
      expect(text).toContain('Rejestr kwot udziału w części 2');
      expect(text).toMatch(/80 000,00\s+75 000,00\s+Na wniosek koordynatora Gminy Liszki/);
      expect(text).toContain('pierwsza propozycja');
    });
  });

  describe('budget classification and resolution numbers', () => {
    it('refuses the budget classification 999/99999/9999 at the countersignature', async () => {
      let tender = await createTender(officer);
      tender = await proposeShare(t, officer, tender, 1, 'czernichow', '1000.00');
      tender = await proposeShare(t, officer, tender, 2, 'liszki', '1000.00');
      await officer
        .post(`/tenders/${tender.id}/transition`, {
          to: 'COLLECTING_SHARES',
          version: tender.version,
        })
        .expect(200);
      const share = findShare(
        (await officer.get(`/tenders/${tender.id}`).expect(200)).body,
        1,
        'Gmina Czernichów',
      );
      const accepted = await tenderAfter(
        officer,
        await (
          await as('coordinator@czernichow.demo')
        )
          .post(`/shares/${share.id}/approve`, { version: share.version })
          .expect(200),
        false,
      );
      const next = findShare(accepted, 1, 'Gmina Czernichów');
      const treasurer = await as('treasurer@czernichow.demo');
      for (const [value, rule] of [
        ['999/99999/9999', 'budgetClassificationDzial'],
        ['600/60016/0750', 'budgetClassificationParagraf'],
        ['600/70016/4270', 'budgetClassificationRozdzial'],
      ]) {
        expectFieldError(
          await treasurer.post(`/shares/${share.id}/approve`, {
            version: next.version,
            budgetClassification: value,
          }),
          400,
          'budgetClassification',
          rule,
        );
      }
      expectFieldError(
        await treasurer.post(`/shares/${share.id}/approve`, {
          version: next.version,
          budgetClassification: '600/60016/4270',
          wpfReference: 'WPF 2028–2026',
        }),
        400,
        'wpfReference',
        'wpfReferenceYear',
      );
      await treasurer
        .post(`/shares/${share.id}/approve`, {
          version: next.version,
          budgetClassification: '600/60016/4270',
          wpfReference: 'WPF 2026–2028, poz. 1.3.2.4',
        })
        .expect(200);
    });

    it('refuses the subsidy resolution number "x" and one of a future year', async () => {
      const path = `/tenders/${contracted.id}/payments`;
      const body = {
        organisationId: await orgId(t, 'liszki'),
        kind: 'SUBSIDY',
        amount: '1000.00',
        dueOn: todayInWarsaw(),
        agreementSignedOn: todayInWarsaw(),
        useUntil: todayInWarsaw(),
        settlementDueOn: todayInWarsaw(),
      };
      expectFieldError(
        await officer.post(path, { ...body, resolutionNumber: 'x' }),
        400,
        'resolutionNumber',
        'resolutionNumberFormat',
      );
      expectFieldError(
        await officer.post(path, { ...body, resolutionNumber: 'XII/123/2999' }),
        400,
        'resolutionNumber',
        'resolutionNumberYear',
      );
    });
  });

  describe('dates', () => {
    const yesterday = () => {
      const d = new Date(`${todayInWarsaw()}T12:00:00Z`);
      d.setUTCDate(d.getUTCDate() - 1);
      return d.toISOString().slice(0, 10);
    };
    const treasurerOfFirstShare = async () => {
      const [{ slug }] = await t.dataSource.query<{ slug: string }[]>(
        'SELECT slug FROM organisations WHERE id = $1',
        [contracted.lots[0].shares[0].organisationId],
      );
      return as(`treasurer@${slug}.demo`);
    };

    it('refuses a contract signed in 2019 on a tender awarded today', async () => {
      const res = await officer.post(`/tenders/${contracted.id}/contracts`, {
        lotId: contracted.lots[0].id,
        organisationId: contracted.lots[0].shares[0].organisationId,
        ...DROGBUD,
        amountNet: '1000.00',
        amountGross: '1230.00',
        signedOn: '2019-05-01',
      });
      // Refused as before the standstill's end (procedure) or before the award (finance): both name signedOn.
      expect(res.status).toBeGreaterThanOrEqual(400);
      expect(res.status).toBeLessThan(500);
      expect((res.body as ErrorBody).errors).toEqual(
        expect.arrayContaining([expect.objectContaining({ field: 'signedOn' })]),
      );
    });

    it('refuses an invoice issued in 2030 and one issued before its contract', async () => {
      const path = `/tenders/${contracted.id}/invoices`;
      expectFieldError(
        await officer.post(path, invoice({ issuedOn: '2030-01-15', dueOn: '2030-02-15' })),
        422,
        'issuedOn',
        'notInFuture',
      );
      expectFieldError(
        await officer.post(path, invoice({ issuedOn: '2019-01-15' })),
        422,
        'issuedOn',
        'notBeforeContract',
      );
    });

    it('refuses an invoice paid the day before it was issued, and paidOn 2019', async () => {
      const treasurer = await treasurerOfFirstShare();
      const invoices = (await treasurer.get(`/tenders/${contracted.id}/invoices`).expect(200))
        .body as { id: string; number: string; gross: string; issuedOn: string }[];
      const fv = invoices.find((i) => i.number === contractedInvoiceNumber(contracted)) as {
        id: string;
      };
      const payment = (
        await treasurer
          .post(`/tenders/${contracted.id}/payments`, {
            organisationId: contracted.lots[0].shares[0].organisationId,
            kind: 'INVOICE_PAYMENT',
            invoiceId: fv.id,
            amount: '100.00',
            dueOn: todayInWarsaw(),
          })
          .expect(201)
      ).body as { id: string; version: number };
      expectFieldError(
        await treasurer.post(`/payments/${payment.id}/paid`, {
          paidOn: yesterday(),
          reference: 'WB/1',
        }),
        422,
        'paidOn',
        'notBeforeInvoice',
      );
      expectFieldError(
        await treasurer.post(`/payments/${payment.id}/paid`, {
          paidOn: '2019-03-01',
          reference: 'WB/1',
        }),
        422,
        'paidOn',
      );
      // A payment made today is recorded.
      await treasurer
        .post(`/payments/${payment.id}/paid`, { paidOn: todayInWarsaw(), reference: 'WB/1' })
        .expect(200);
    });

    it('refuses an advance due in 2020', async () => {
      const res = await officer.post(`/tenders/${contracted.id}/payments`, {
        organisationId: await orgId(t, 'liszki'),
        kind: 'ADVANCE',
        amount: '100.00',
        dueOn: '2020-06-30',
      });
      expectFieldError(res, 422, 'dueOn', 'notInPast');
    });

    it('refuses shareDeadline 2025-01-01 and a share deadline after the planned start', async () => {
      const partnershipId = (await officer.get('/partnerships?q=Razem').expect(200)).body.items[0]
        .id as string;
      const body = {
        partnershipId,
        reference: `ZP.271.D${Math.random().toString(36).slice(2, 7)}`,
        title: 'Zakup wyposażenia świetlic wiejskich',
        subjectKind: 'SUPPLIES',
        cpvMain: '39000000-2',
        procedure: 'BASIC',
        settlementModel: 'SEPARATE_CONTRACTS',
      };
      expectFieldError(
        await officer.post('/tenders', { ...body, shareDeadline: '2025-01-01T15:00:00+01:00' }),
        422,
        'shareDeadline',
        'notInPast',
      );
      expectFieldError(
        await officer.post('/tenders', {
          ...body,
          shareDeadline: '2099-03-01T15:00:00+01:00',
          plannedStartOn: '2099-02-01',
        }),
        422,
        'shareDeadline',
        'notAfterPlannedStart',
      );
      const tender = await createTender(officer);
      expectFieldError(
        await officer.patch(`/tenders/${tender.id}`, {
          version: tender.version,
          shareDeadline: '2025-01-01T15:00:00+01:00',
        }),
        422,
        'shareDeadline',
        'notInPast',
      );
    });

    it('answers GET /legal/time-limit?from=9999-12-31&days=5 with 400 naming from', async () => {
      const res = await anon().get('/api/v1/legal/time-limit?from=9999-12-31&days=5');
      expectFieldError(res, 400, 'from');
      expect(JSON.stringify(res.body)).not.toContain('+010000');
      expectFieldError(
        await anon().get('/api/v1/legal/time-limit?from=0000-01-01&days=5'),
        400,
        'from',
        'isIsoDate',
      );
    });
  });
});
