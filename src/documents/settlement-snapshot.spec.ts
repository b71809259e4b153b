import type { PartnerStatement } from '../finance';
import { settlementStatementSnapshot } from './settlement-snapshot';

const LEADER = '00000000-0000-4000-8000-000000000001';
const PARTNER = '00000000-0000-4000-8000-000000000002';

const statement = (): PartnerStatement => ({
  asOf: '2027-07-02',
  settlement: {
    organisationId: PARTNER,
    organisationName: 'Gmina Liszki',
    nip: '9440000049',
    leader: false,
    invoices: 1,
    allocated: { net: 1891892, vat: 435135, gross: 2327027 },
    paid: 3500000,
    refunded: 0,
    receivedFromPartners: 0,
    subsidies: {
      granted: 3500000,
      received: 3500000,
      used: 2327027,
      toReturn: 1172973,
      returned: 0,
      returnDueOn: '2027-07-15',
    },
    outstanding: 0,
    overdue: 0,
    balance: 1172973,
    nextDue: {
      paymentId: 'p2',
      kind: 'REFUND',
      amount: 1172973,
      dueOn: '2027-07-15',
      direction: 'IN',
      payerOrganisationId: LEADER,
      status: 'DUE',
    },
  },
  invoices: [
    {
      correctsNumber: null,
      correctionReason: null,
      correctedByNumber: null,
      number: 'FV/2027/04/118',
      contractorName: 'Drogbud Sp. z o.o.',
      contractorNip: '8567346215',
      lotNumber: 1,
      issuedOn: '2027-04-30',
      dueOn: '2027-05-30',
      invoiceNet: 10000000,
      invoiceVat: 2300000,
      invoiceGross: 12300000,
      net: 1891892,
      vat: 435135,
      gross: 2327027,
    },
  ],
  payments: [
    {
      kind: 'SUBSIDY',
      direction: 'OUT',
      payerOrganisationId: PARTNER,
      amount: 3500000,
      dueOn: '2027-05-15',
      paidOn: '2027-05-12',
      reference: 'LIS/2027/77',
      description: null,
      invoiceNumber: null,
      resolutionNumber: 'XV/123/2027',
      agreementSignedOn: '2026-11-20',
      useUntil: '2027-06-30',
      settlementDueOn: '2027-07-31',
      returnDueOn: '2027-07-15',
      usedAmount: 2327027,
      settledOn: '2027-07-01',
    },
    {
      kind: 'REFUND',
      direction: 'IN',
      payerOrganisationId: LEADER,
      amount: 1172973,
      dueOn: '2027-07-15',
      paidOn: null,
      reference: null,
      description: null,
      invoiceNumber: null,
      resolutionNumber: null,
      agreementSignedOn: null,
      useUntil: null,
      settlementDueOn: null,
      returnDueOn: null,
      usedAmount: null,
      settledOn: null,
    },
  ],
  organisationNames: { [LEADER]: 'Gmina Skawina', [PARTNER]: 'Gmina Liszki' },
});

describe('settlementStatementSnapshot', () => {
  it('freezes the figures of the finance module as plain JSON, leaving out empty fields', () => {
    const s = settlementStatementSnapshot(statement());
    expect(s).toEqual(
      expect.objectContaining({
        asOf: '2027-07-02',
        allocated: { net: 1891892, vat: 435135, gross: 2327027 },
        paid: 3500000,
        balance: 1172973,
        nextDue: {
          kind: 'REFUND',
          direction: 'IN',
          payerOrganisationId: LEADER,
          amount: 1172973,
          dueOn: '2027-07-15',
          overdue: false,
        },
      }),
    );
    expect(s.invoices).toEqual([
      expect.objectContaining({ number: 'FV/2027/04/118', invoiceGross: 12300000, gross: 2327027 }),
    ]);
    expect(s.payments[0]).toEqual(
      expect.objectContaining({ resolutionNumber: 'XV/123/2027', usedAmount: 2327027 }),
    );
    // A refund has no subsidy terms: absent, not null, so the stored JSON stays small and stable.
    expect(Object.keys(s.payments[1]).sort()).toEqual(
      ['amount', 'direction', 'dueOn', 'kind', 'paidOn', 'payerOrganisationId'].sort(),
    );
    expect(JSON.parse(JSON.stringify(s))).toEqual(s);
  });

  it('marks an overdue next payment', () => {
    const source = statement();
    if (source.settlement.nextDue) source.settlement.nextDue.status = 'OVERDUE';
    expect(settlementStatementSnapshot(source).nextDue?.overdue).toBe(true);
  });
});
