import type { Session, TestApp } from './app';
import { renderAgreement } from './documents';
import { type TenderBody, confirmAll, createTender, proposeShare } from './tenders';

export const DROGBUD = { contractorName: 'Drogbud Sp. z o.o.', contractorNip: '8567346215' };

/**
 * A two-lot tender of the demo partnership taken through the whole procedure on the real API:
 * shares confirmed, agreement rendered (needs a running worker), published, offers opened,
 * awarded, each partner's contract signed (separate contracts) and one invoice recorded.
 */
export async function contractedTender(
  t: TestApp,
  as: (email: string) => Promise<Session>,
): Promise<TenderBody> {
  const officer = await as('officer@skawina.demo');
  let tender = await createTender(officer);
  for (const [lot, slug, amount] of [
    [1, 'skawina', '800000.00'],
    [1, 'liszki', '300000.00'],
    [2, 'czernichow', '450000.00'],
  ] as const)
    tender = await proposeShare(t, officer, tender, lot, slug, amount);
  const move = async (to: string, extra: object = {}) => {
    const current = (await officer.get(`/tenders/${tender.id}`).expect(200)).body as TenderBody;
    const res = await officer.post(`/tenders/${tender.id}/transition`, {
      to,
      version: current.version,
      ...extra,
    });
    if (res.status !== 200) throw new Error(`${to}: ${res.status} ${JSON.stringify(res.body)}`);
    return res.body as TenderBody;
  };
  await move('COLLECTING_SHARES');
  tender = (await officer.get(`/tenders/${tender.id}`).expect(200)).body as TenderBody;
  await confirmAll(t, tender, as);
  await move('READY');
  await renderAgreement(officer, tender.id);
  await move('PUBLISHED');
  await move('OFFERS_OPENED');
  tender = await move('AWARDED', {
    awards: [
      { lotId: tender.lots[0].id, ...DROGBUD, amountNet: '1050000.00' },
      { lotId: tender.lots[1].id, ...DROGBUD, amountNet: '440000.00' },
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
        signedOn: '2027-03-01',
      });
      if (res.status !== 201)
        throw new Error(`contract: ${res.status} ${JSON.stringify(res.body)}`);
      contracts.push(res.body as { id: string });
    }
  const share = tender.lots[0].shares[0];
  const invoice = await officer.post(`/tenders/${tender.id}/invoices`, {
    lotId: tender.lots[0].id,
    organisationId: share.organisationId,
    number: 'FV/1/2027',
    contractorNip: DROGBUD.contractorNip,
    issuedOn: '2027-04-01',
    dueOn: '2027-04-30',
    net: '100000.00',
    vat: '23000.00',
    gross: '123000.00',
  });
  if (invoice.status !== 201)
    throw new Error(`invoice: ${invoice.status} ${JSON.stringify(invoice.body)}`);
  await move('CONTRACTED');
  return (await officer.get(`/tenders/${tender.id}`).expect(200)).body as TenderBody;
}
