import { directionOf, kindAllowed, payerOf, paymentStatus } from './payment-kinds';

describe('payment kinds', () => {
  it('knows who pays whom', () => {
    const leader = 'skawina';
    expect(payerOf({ kind: 'ADVANCE', organisationId: 'liszki' }, leader)).toBe('liszki');
    expect(payerOf({ kind: 'SUBSIDY', organisationId: 'liszki' }, leader)).toBe('liszki');
    expect(payerOf({ kind: 'REFUND', organisationId: 'liszki' }, leader)).toBe(leader);
    expect(payerOf({ kind: 'INVOICE_PAYMENT', organisationId: 'liszki' }, leader)).toBe('liszki');
    expect(directionOf('REFUND')).toBe('IN');
    expect(directionOf('ADVANCE')).toBe('OUT');
  });

  it("moves money through the leader only under the leader's contract", () => {
    for (const kind of ['ADVANCE', 'SUBSIDY', 'REFUND'] as const) {
      expect(kindAllowed(kind, 'LEADER_CONTRACT')).toBe(true);
      expect(kindAllowed(kind, 'SEPARATE_CONTRACTS')).toBe(false);
    }
    expect(kindAllowed('INVOICE_PAYMENT', 'SEPARATE_CONTRACTS')).toBe(true);
    expect(kindAllowed('INVOICE_PAYMENT', 'LEADER_CONTRACT')).toBe(true);
  });

  it('is due on its due day, overdue the day after, paid once paid', () => {
    expect(paymentStatus({ dueOn: '2027-05-20', paidOn: null }, '2027-05-20')).toBe('DUE');
    expect(paymentStatus({ dueOn: '2027-05-20', paidOn: null }, '2027-05-21')).toBe('OVERDUE');
    expect(paymentStatus({ dueOn: '2027-05-20', paidOn: '2027-05-25' }, '2027-05-21')).toBe('PAID');
  });
});
