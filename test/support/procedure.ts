import { addCalendarDays, warsawDate } from '../../src/common/polish-calendar/calendar';
import type { ScaledClock } from '../../src/schedule/clock';
import type { Session, TestApp } from './app';
import { renderAgreement } from './documents';
import { type TenderBody, confirmAll, createTender, proposeShare } from './tenders';

export interface OfferInput {
  contractorName: string;
  contractorNip: string;
  contractorAddress?: string;
  priceNet: string;
  priceGross: string;
  criteriaValues?: Record<string, number>;
}

export interface ProcedureBody {
  tenderId: string;
  status: string;
  ocid: string | null;
  notices: { id: string; number: string; publishedAt: string; ocid: string | null }[];
  committee: {
    orderNumber: string;
    members: { id: string; name: string; function: string; excluded: boolean }[];
  } | null;
  lots: {
    lotId: string;
    number: number;
    sharesGross: string;
    plannedAmountGross: string | null;
    offers: {
      id: string;
      number: number;
      contractorName: string;
      status: string;
      version: number;
    }[];
    evaluation: {
      ranked: { offerId: string; place: number; points: Record<string, string>; total: string }[];
      bestOfferId: string | null;
      tie: string;
    };
    outcome: string;
    version: number;
  }[];
}

/** Price 60 points, warranty (months, more is better) 40 points: the usual SWZ of road works. */
export const CRITERIA = [
  { key: 'price', name: 'Cena', kind: 'PRICE', weight: 60, direction: 'LOWER_BETTER' },
  {
    key: 'warranty',
    name: 'Okres gwarancji jakości (miesiące)',
    kind: 'OTHER',
    weight: 40,
    direction: 'HIGHER_BETTER',
  },
];

const DAY = 86_400_000;

export async function transition(
  officer: Session,
  tenderId: string,
  to: string,
  extra: object = {},
): Promise<TenderBody> {
  const current = (await officer.get(`/tenders/${tenderId}`).expect(200)).body as TenderBody;
  const res = await officer.post(`/tenders/${tenderId}/transition`, {
    to,
    version: current.version,
    ...extra,
  });
  if (res.status !== 200) throw new Error(`${to}: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body as TenderBody;
}

/**
 * Publishes a READY tender (agreement rendered) lawfully: criteria of every lot, the contract
 * notice and the schedule counted from its day. With `clock` and `daysAgo`, the API's clock is
 * first moved that many days back, so the offers deadline is already behind once it is moved
 * forward again (`openOffers`).
 */
export async function preparePublication(
  officer: Session,
  tender: TenderBody,
  options: { clock?: ScaledClock; daysAgo?: number; ocid?: string } = {},
): Promise<void> {
  if (options.clock && options.daysAgo)
    options.clock.travel(new Date(Date.now() - options.daysAgo * DAY));
  const now = options.clock ? options.clock.now() : new Date();
  for (const lot of tender.lots)
    await officer.put(`/lots/${lot.id}/criteria`, { criteria: CRITERIA }).expect(200);
  await officer
    .post(`/tenders/${tender.id}/notices`, {
      type: 'CONTRACT_NOTICE',
      medium: 'BZP',
      number: `2027/BZP 00${String(now.getTime()).slice(-6)}/01`,
      publishedAt: new Date(now.getTime() - 60_000).toISOString(),
      ...(options.ocid ? { ocid: options.ocid } : {}),
    })
    .expect(200);
  await officer
    .post(`/tenders/${tender.id}/schedule/apply`, { publishedOn: warsawDate(now) })
    .expect(200);
}

/** `preparePublication`, then the PUBLISHED transition. */
export async function publishLawfully(
  officer: Session,
  tender: TenderBody,
  options: { clock?: ScaledClock; daysAgo?: number; ocid?: string } = {},
): Promise<TenderBody> {
  await preparePublication(officer, tender, options);
  return transition(officer, tender.id, 'PUBLISHED');
}

/** The planned amounts (the partners' shares) and the committee with its art. 56 statements. */
export async function prepareOpening(officer: Session, tender: TenderBody, statementOn: string) {
  for (const lot of tender.lots)
    await officer.post(`/lots/${lot.id}/planned-amount`, {}).expect(200);
  const procedure = (
    await officer
      .post(`/tenders/${tender.id}/committee`, {
        orderNumber: '0050.12.2027',
        orderDate: statementOn,
        members: [
          { name: 'Jan Kowalski', function: 'HEAD' },
          { name: 'Anna Nowak', function: 'CHAIR' },
          { name: 'Piotr Wiśniewski', function: 'SECRETARY' },
          { name: 'Katarzyna Wójcik', function: 'MEMBER' },
        ],
      })
      .expect(200)
  ).body as ProcedureBody;
  for (const m of procedure.committee?.members ?? [])
    await officer
      .post(`/committee-members/${m.id}/statement`, { statementOn, conflict: false })
      .expect(200);
}

/**
 * Opens the offers of a tender published with `publishLawfully(…, { clock, daysAgo })`: the
 * committee and planned amounts are recorded, then the clock comes back to the present.
 */
export async function openOffers(officer: Session, tender: TenderBody, clock?: ScaledClock) {
  await prepareOpening(officer, tender, warsawDate(clock ? clock.now() : new Date()));
  if (clock) clock.travel(new Date());
  return transition(officer, tender.id, 'OFFERS_OPENED');
}

/** Records the offers of a lot; returns the procedure after the last. */
export async function recordOffers(
  officer: Session,
  lotId: string,
  offers: OfferInput[],
  receivedAt: string,
): Promise<ProcedureBody> {
  let body: ProcedureBody | undefined;
  for (const o of offers) {
    const res = await officer.post(`/lots/${lotId}/offers`, {
      contractorAddress: 'ul. Krakowska 12, 32-050 Skawina',
      criteriaValues: { warranty: 60 },
      receivedAt,
      ...o,
    });
    if (res.status !== 201) throw new Error(`offer: ${res.status} ${JSON.stringify(res.body)}`);
    body = res.body as ProcedureBody;
  }
  return body as ProcedureBody;
}

/** The committee recommends the best offer of the lot and the leader's head approves it. */
export async function awardBest(officer: Session, head: Session, tenderId: string, lotId: string) {
  let procedure = (await officer.get(`/tenders/${tenderId}/procedure`).expect(200))
    .body as ProcedureBody;
  let lot = procedure.lots.find((l) => l.lotId === lotId);
  if (!lot?.evaluation.bestOfferId) throw new Error(`lot ${lotId} has no best offer`);
  procedure = (
    await officer
      .post(`/lots/${lotId}/recommendation`, {
        offerId: lot.evaluation.bestOfferId,
        recommendation: 'Komisja rekomenduje wybór oferty najkorzystniejszej.',
        version: lot.version,
      })
      .expect(200)
  ).body as ProcedureBody;
  lot = procedure.lots.find((l) => l.lotId === lotId);
  return (await head.post(`/lots/${lotId}/award/approve`, { version: lot?.version }).expect(200))
    .body as ProcedureBody;
}

/**
 * From READY (agreement rendered) to AWARDED through the procedure: lawful publication in the
 * clock's past, opening, one offer per lot with the given contractor and net price (gross with
 * the lot's 23% VAT unless given), recommendation, the head's approval, AWARDED.
 */
export async function awardThroughProcedure(
  officer: Session,
  head: Session,
  tender: TenderBody,
  clock: ScaledClock,
  awards: {
    contractorName: string;
    contractorNip: string;
    amountNet: string;
    amountGross?: string;
  }[],
): Promise<TenderBody> {
  await publishLawfully(officer, tender, { clock, daysAgo: 90 });
  await openOffers(officer, tender, clock);
  for (const [i, a] of awards.entries()) {
    const lot = tender.lots[i];
    const gross = a.amountGross ?? (Math.round(Number(a.amountNet) * 123) / 100).toFixed(2);
    await recordOffers(
      officer,
      lot.id,
      [
        {
          contractorName: a.contractorName,
          contractorNip: a.contractorNip,
          priceNet: a.amountNet,
          priceGross: gross,
        },
      ],
      new Date(Date.now() - 80 * DAY).toISOString(),
    );
    await awardBest(officer, head, tender.id, lot.id);
  }
  return transition(officer, tender.id, 'AWARDED');
}

export const DROGBUD = { contractorName: 'Drogbud Sp. z o.o.', contractorNip: '8567346215' };

/**
 * A tender of the demo partnership taken through shares (confirmed by the demo accounts), the
 * agreement (needs a running worker), a lawful publication in the clock's past, the offers and
 * the head's approval to AWARDED on the real API: where contracts are recorded.
 */
export async function awardedTender(
  t: TestApp,
  as: (email: string) => Promise<Session>,
  clock: ScaledClock,
  spec: {
    settlementModel?: string;
    lots?: { number: number; title: string; vatRate: number }[];
    shares: (readonly [number, string, string])[];
    awards: { contractorName: string; contractorNip: string; amountNet: string }[];
  },
): Promise<TenderBody> {
  const officer = await as('officer@skawina.demo');
  let tender = await createTender(officer, {
    ...(spec.settlementModel ? { settlementModel: spec.settlementModel } : {}),
    ...(spec.lots ? { lots: spec.lots } : {}),
  });
  for (const [lot, slug, amount] of spec.shares)
    tender = await proposeShare(t, officer, tender, lot, slug, amount);
  await transition(officer, tender.id, 'COLLECTING_SHARES');
  tender = (await officer.get(`/tenders/${tender.id}`).expect(200)).body as TenderBody;
  await confirmAll(t, tender, as);
  await transition(officer, tender.id, 'READY');
  await renderAgreement(officer, tender.id);
  // Awards follow from the evaluation: published in the clock's past, one offer per lot.
  return awardThroughProcedure(officer, await as('head@skawina.demo'), tender, clock, spec.awards);
}

/**
 * A two-lot tender of the demo partnership taken through the whole procedure on the real API:
 * shares confirmed, agreement rendered (needs a running worker), published lawfully, offers
 * opened and evaluated, awarded (the test app runs on `clock`), each partner's contract signed (separate contracts) and one invoice recorded.
 */
export async function contractedTender(
  t: TestApp,
  as: (email: string) => Promise<Session>,
  clock: ScaledClock,
): Promise<TenderBody> {
  const officer = await as('officer@skawina.demo');
  const tender = await awardedTender(t, as, clock, {
    shares: [
      [1, 'skawina', '800000.00'],
      [1, 'liszki', '300000.00'],
      [2, 'czernichow', '450000.00'],
    ],
    awards: [
      { ...DROGBUD, amountNet: '1050000.00' },
      { ...DROGBUD, amountNet: '440000.00' },
    ],
  });
  const contracts: { id: string }[] = [];
  for (const lot of tender.lots)
    for (const share of lot.shares) {
      const net = Math.round(Number(share.amountNet) * 0.95 * 100) / 100;
      const res = await officer.post(`/tenders/${tender.id}/contracts`, {
        lotId: lot.id,
        organisationId: share.organisationId,
        ...DROGBUD,
        amountNet: net.toFixed(2),
        amountGross: (Math.round(net * 123) / 100).toFixed(2),
        signedOn: warsawDate(clock.now()),
      });
      if (res.status !== 201)
        throw new Error(`contract: ${res.status} ${JSON.stringify(res.body)}`);
      contracts.push(res.body as { id: string });
    }
  const share = tender.lots[0].shares[0];
  const invoice = await officer.post(`/tenders/${tender.id}/invoices`, {
    lotId: tender.lots[0].id,
    organisationId: share.organisationId,
    // Invoice numbers are unique per contractor across the database the suites share.
    number: contractedInvoiceNumber(tender),
    contractorNip: DROGBUD.contractorNip,
    issuedOn: warsawDate(clock.now()),
    dueOn: addCalendarDays(warsawDate(clock.now()), 30),
    net: '100000.00',
    vat: '23000.00',
    gross: '123000.00',
  });
  if (invoice.status !== 201)
    throw new Error(`invoice: ${invoice.status} ${JSON.stringify(invoice.body)}`);
  await transition(officer, tender.id, 'CONTRACTED');
  return (await officer.get(`/tenders/${tender.id}`).expect(200)).body as TenderBody;
}

/** The number of the invoice `contractedTender` records for that tender. */
export function contractedInvoiceNumber(tender: Pick<TenderBody, 'id'>): string {
  return `FV/1/2027/${tender.id.slice(0, 8)}`;
}
