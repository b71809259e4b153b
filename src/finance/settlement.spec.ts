import fc from 'fast-check';
import { splitInvoice } from './invoice-split';
import { computeSettlement, type SettlementPayment } from './settlement';

const ORGS = [
  { id: 'skawina', name: 'Gmina Skawina', nip: null },
  { id: 'czernichow', name: 'Gmina Czernichów', nip: null },
  { id: 'liszki', name: 'Gmina Liszki', nip: null },
];

function payment(over: Partial<SettlementPayment> & Pick<SettlementPayment, 'id' | 'kind'>) {
  return {
    organisationId: 'czernichow',
    amount: 0,
    dueOn: '2027-03-01',
    paidOn: null,
    subsidyId: null,
    usedAmount: null,
    settledOn: null,
    returnDueOn: null,
    ...over,
  };
}

describe('computeSettlement', () => {
  // Leader's contract, lot 1 shares 1 200 000 / 450 000 / 385 000; one invoice 100 000 + 23 000.
  const parts = splitInvoice(
    { net: 100_000_00, vat: 23_000_00 },
    [120_000_000, 45_000_000, 38_500_000],
  );
  const allocations = parts.map((p, i) => ({ ...p, organisationId: ORGS[i].id, invoiceId: 'fv1' }));
  const invoices = [{ net: 100_000_00, vat: 23_000_00, gross: 123_000_00 }];

  it('settles the worked example of the README to the grosz', () => {
    const payments = [
      payment({ id: 'adv', kind: 'ADVANCE', amount: 2_719_902, paidOn: '2027-02-20' }),
      payment({
        id: 'sub',
        kind: 'SUBSIDY',
        organisationId: 'liszki',
        amount: 2_500_000,
        paidOn: '2027-02-21',
        usedAmount: 2_327_027,
        settledOn: '2027-07-01',
        returnDueOn: '2027-07-15',
      }),
      payment({
        id: 'ref',
        kind: 'REFUND',
        organisationId: 'liszki',
        amount: 172_973,
        subsidyId: 'sub',
        dueOn: '2027-07-15',
      }),
      payment({
        id: 'fv',
        kind: 'INVOICE_PAYMENT',
        organisationId: 'skawina',
        amount: 12_300_000,
        paidOn: '2027-03-01',
      }),
    ];
    const before = computeSettlement({
      leaderOrganisationId: 'skawina',
      organisations: ORGS,
      allocations,
      invoices,
      payments,
      today: '2027-07-10',
    });
    const liszki = before.partners.find((p) => p.organisationId === 'liszki');
    expect(liszki).toEqual(
      expect.objectContaining({
        paid: 2_500_000,
        refunded: 0,
        balance: 172_973,
        subsidies: {
          granted: 2_500_000,
          received: 2_500_000,
          used: 2_327_027,
          toReturn: 172_973,
          returned: 0,
          returnDueOn: '2027-07-15',
        },
        nextDue: expect.objectContaining({ paymentId: 'ref', direction: 'IN', status: 'DUE' }),
      }),
    );
    const leader = before.partners.find((p) => p.leader);
    expect(leader?.outstanding).toBe(172_973);
    expect(leader?.nextDue).toEqual(
      expect.objectContaining({ paymentId: 'ref', direction: 'OUT' }),
    );

    payments[2].paidOn = '2027-07-14';
    const after = computeSettlement({
      leaderOrganisationId: 'skawina',
      organisations: ORGS,
      allocations,
      invoices,
      payments,
      today: '2027-07-20',
    });
    expect(after.partners.map((p) => [p.organisationId, p.balance, p.allocated.gross])).toEqual([
      ['skawina', 0, 7_253_071],
      ['czernichow', 0, 2_719_902],
      ['liszki', 0, 2_327_027],
    ]);
    expect(after.partners[0].receivedFromPartners).toBe(2_719_902 + 2_500_000 - 172_973);
    expect(after.totals).toEqual(
      expect.objectContaining({
        balance: 0,
        reconciled: true,
        paidToContractors: 12_300_000,
        outstanding: 0,
        subsidies: {
          granted: 2_500_000,
          received: 2_500_000,
          used: 2_327_027,
          toReturn: 0,
          returned: 172_973,
        },
      }),
    );
  });

  it('counts unpaid payments as outstanding for the payer, overdue after the due day', () => {
    const s = computeSettlement({
      leaderOrganisationId: 'skawina',
      organisations: ORGS,
      allocations,
      invoices,
      payments: [payment({ id: 'a', kind: 'ADVANCE', amount: 500, dueOn: '2027-03-01' })],
      today: '2027-03-02',
    });
    const c = s.partners[1];
    expect([c.outstanding, c.overdue, c.balance]).toEqual([500, 500, -2_719_902]);
    expect(c.nextDue).toEqual(expect.objectContaining({ status: 'OVERDUE', direction: 'OUT' }));
  });

  it('always reconciles: balances add up to contractor payments minus invoices', () => {
    const kinds = ['ADVANCE', 'SUBSIDY', 'REFUND', 'INVOICE_PAYMENT'] as const;
    fc.assert(
      fc.property(
        fc.array(
          fc.record({
            kind: fc.constantFrom(...kinds),
            org: fc.integer({ min: 0, max: 2 }),
            amount: fc.integer({ min: 1, max: 10_000_000 }),
            paid: fc.boolean(),
          }),
          { maxLength: 20 },
        ),
        (ps) => {
          const payments = ps.map((p, i) =>
            payment({
              id: `p${i}`,
              kind: p.kind,
              organisationId: p.kind === 'INVOICE_PAYMENT' ? 'skawina' : ORGS[1 + (p.org % 2)].id,
              amount: p.amount,
              paidOn: p.paid ? '2027-01-01' : null,
            }),
          );
          const s = computeSettlement({
            leaderOrganisationId: 'skawina',
            organisations: ORGS,
            allocations,
            invoices,
            payments,
            today: '2027-01-01',
          });
          return s.totals.reconciled;
        },
      ),
    );
  });
});
