import type { TestingModule } from '@nestjs/testing';
import request from 'supertest';
import { Clock, ScaledClock } from '../src/schedule/clock';
import { Session, TestApp, createTestApp, login, orgId } from './support/app';
import { DROGBUD, contractedTender } from './support/procedure';
import { TenderBody, createTender, proposeShare } from './support/tenders';
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
    issuedOn: '2027-04-02',
    dueOn: '2027-04-30',
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
        dueOn: '2027-05-20',
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
        signedOn: '2027-03-01',
      });
      expectFieldError(res, 422, 'amountGross', 'vatFollowsLotRate');
    });
  });

  describe('dates', () => {
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
