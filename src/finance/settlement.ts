/**
 * Per-partner settlement of a tender (pure; no Nest, no TypeORM). Amounts are integer grosz.
 *
 * For every organisation of the tender:
 *  - `allocated`: its parts of the contractors' invoices (net, VAT, gross);
 *  - `paid`: what it transferred and that was booked as paid: advances and targeted subsidies to the
 *    leader, and invoice payments to the contractor;
 *  - `refunded`: what the leader returned to it (e.g. the unused part of a subsidy);
 *  - `receivedFromPartners` (the leader under the leader's contract): advances and subsidies the
 *    partners transferred to it, less the refunds it paid back. That money is not the leader's own:
 *    it paid the contractor with it;
 *  - `balance = paid − refunded − receivedFromPartners − allocated.gross`: 0 when settled, negative
 *    when the organisation still owes, positive when it has paid more than its part (it is owed).
 *
 * The partners' transfers to and from the leader cancel out across organisations, so the balances
 * add up to (invoice payments to contractors − invoices): the totals reconcile with the invoices.
 */
import { directionOf, payerOf, type Direction, type PaymentKind } from './payment-kinds';
import { paymentStatus, type PaymentStatus } from './payment-kinds';

export interface SettlementOrganisation {
  id: string;
  name: string;
  nip: string | null;
}

export interface SettlementAllocation {
  organisationId: string;
  net: number;
  vat: number;
  gross: number;
}

export interface SettlementPayment {
  id: string;
  organisationId: string;
  kind: PaymentKind;
  amount: number;
  dueOn: string;
  paidOn: string | null;
  subsidyId: string | null;
  usedAmount: number | null;
  settledOn: string | null;
  returnDueOn: string | null;
}

export interface Amounts {
  net: number;
  vat: number;
  gross: number;
}

export interface SubsidySummary {
  /** Agreed in the subsidy agreements (paid or not). */
  granted: number;
  /** Transferred to the leader. */
  received: number;
  /** Used, as the settled subsidies state. */
  used: number;
  /** Unused parts of settled subsidies not yet returned. */
  toReturn: number;
  /** Returned (refunds of subsidies, paid). */
  returned: number;
  /** Earliest return deadline of a subsidy with something still to return. */
  returnDueOn: string | null;
}

export interface NextDue {
  paymentId: string;
  kind: PaymentKind;
  amount: number;
  dueOn: string;
  /** OUT: this organisation pays; IN: it receives (a refund from the leader). */
  direction: Direction;
  payerOrganisationId: string;
  status: PaymentStatus;
}

export interface PartnerSettlement {
  organisationId: string;
  organisationName: string;
  nip: string | null;
  leader: boolean;
  invoices: number;
  allocated: Amounts;
  paid: number;
  refunded: number;
  receivedFromPartners: number;
  subsidies: SubsidySummary;
  /** Unpaid payments this organisation must make. */
  outstanding: number;
  overdue: number;
  balance: number;
  nextDue: NextDue | null;
}

export interface SettlementTotals {
  invoices: number;
  allocated: Amounts;
  paid: number;
  refunded: number;
  receivedFromPartners: number;
  subsidies: Omit<SubsidySummary, 'returnDueOn'>;
  outstanding: number;
  overdue: number;
  balance: number;
  /** Invoices recorded for the tender (the allocations must add up to them). */
  invoiced: Amounts & { count: number };
  /** Invoice payments to contractors (paid). */
  paidToContractors: number;
  reconciled: boolean;
}

export interface Settlement {
  partners: PartnerSettlement[];
  totals: SettlementTotals;
}

export interface SettlementInput {
  leaderOrganisationId: string;
  organisations: SettlementOrganisation[];
  /** One row per invoice allocation. */
  allocations: (SettlementAllocation & { invoiceId: string })[];
  invoices: Amounts[];
  payments: SettlementPayment[];
  today: string;
}

const zero = (): Amounts => ({ net: 0, vat: 0, gross: 0 });

export function computeSettlement(input: SettlementInput): Settlement {
  const { leaderOrganisationId: leader, today } = input;
  const byOrg = new Map<string, PartnerSettlement>();
  const invoicesOf = new Map<string, Set<string>>();
  for (const o of input.organisations) {
    byOrg.set(o.id, {
      organisationId: o.id,
      organisationName: o.name,
      nip: o.nip,
      leader: o.id === leader,
      invoices: 0,
      allocated: zero(),
      paid: 0,
      refunded: 0,
      receivedFromPartners: 0,
      subsidies: { granted: 0, received: 0, used: 0, toReturn: 0, returned: 0, returnDueOn: null },
      outstanding: 0,
      overdue: 0,
      balance: 0,
      nextDue: null,
    });
    invoicesOf.set(o.id, new Set());
  }
  const row = (id: string): PartnerSettlement => {
    const r = byOrg.get(id);
    if (!r) throw new Error(`settlement: organisation ${id} is not listed`);
    return r;
  };

  for (const a of input.allocations) {
    const r = row(a.organisationId);
    r.allocated.net += a.net;
    r.allocated.vat += a.vat;
    r.allocated.gross += a.gross;
    invoicesOf.get(a.organisationId)?.add(a.invoiceId);
  }
  for (const [id, set] of invoicesOf) row(id).invoices = set.size;

  const refundsOf = new Map<string, number>();
  for (const p of input.payments) {
    if (p.kind === 'REFUND' && p.subsidyId && p.paidOn !== null)
      refundsOf.set(p.subsidyId, (refundsOf.get(p.subsidyId) ?? 0) + p.amount);
  }

  let paidToContractors = 0;
  for (const p of input.payments) {
    const r = row(p.organisationId);
    const paid = p.paidOn !== null;
    const toLeader = p.kind === 'ADVANCE' || p.kind === 'SUBSIDY';
    if (paid) {
      if (directionOf(p.kind) === 'OUT') r.paid += p.amount;
      else r.refunded += p.amount;
      if (p.kind === 'INVOICE_PAYMENT') paidToContractors += p.amount;
      if (p.organisationId !== leader && byOrg.has(leader)) {
        if (toLeader) row(leader).receivedFromPartners += p.amount;
        if (p.kind === 'REFUND') row(leader).receivedFromPartners -= p.amount;
      }
    } else {
      const payer = row(payerOf(p, leader));
      payer.outstanding += p.amount;
      if (paymentStatus(p, today) === 'OVERDUE') payer.overdue += p.amount;
    }
    if (p.kind === 'SUBSIDY') {
      const s = r.subsidies;
      s.granted += p.amount;
      if (paid) s.received += p.amount;
      if (p.usedAmount !== null) {
        s.used += p.usedAmount;
        const returned = refundsOf.get(p.id) ?? 0;
        s.returned += returned;
        const left = p.amount - p.usedAmount - returned;
        if (left > 0) {
          s.toReturn += left;
          if (p.returnDueOn && (s.returnDueOn === null || p.returnDueOn < s.returnDueOn))
            s.returnDueOn = p.returnDueOn;
        }
      }
    }
  }

  // What is due next for each organisation: the earliest unpaid payment it makes or receives.
  const unpaid = input.payments
    .filter((p) => p.paidOn === null)
    .sort((a, b) => (a.dueOn === b.dueOn ? a.id.localeCompare(b.id) : a.dueOn < b.dueOn ? -1 : 1));
  for (const p of unpaid) {
    const payer = payerOf(p, leader);
    for (const orgId of new Set([payer, p.organisationId])) {
      const r = byOrg.get(orgId);
      if (!r || r.nextDue) continue;
      r.nextDue = {
        paymentId: p.id,
        kind: p.kind,
        amount: p.amount,
        dueOn: p.dueOn,
        direction: orgId === payer ? 'OUT' : 'IN',
        payerOrganisationId: payer,
        status: paymentStatus(p, today),
      };
    }
  }

  const partners = [...byOrg.values()];
  for (const r of partners)
    r.balance = r.paid - r.refunded - r.receivedFromPartners - r.allocated.gross;

  const sum = (f: (r: PartnerSettlement) => number) => partners.reduce((s, r) => s + f(r), 0);
  const invoiced = input.invoices.reduce<Amounts & { count: number }>(
    (acc, i) => ({
      count: acc.count + 1,
      net: acc.net + i.net,
      vat: acc.vat + i.vat,
      gross: acc.gross + i.gross,
    }),
    { count: 0, net: 0, vat: 0, gross: 0 },
  );
  const allocated = {
    net: sum((r) => r.allocated.net),
    vat: sum((r) => r.allocated.vat),
    gross: sum((r) => r.allocated.gross),
  };
  const balance = sum((r) => r.balance);
  const totals: SettlementTotals = {
    invoices: invoiced.count,
    allocated,
    paid: sum((r) => r.paid),
    refunded: sum((r) => r.refunded),
    receivedFromPartners: sum((r) => r.receivedFromPartners),
    subsidies: {
      granted: sum((r) => r.subsidies.granted),
      received: sum((r) => r.subsidies.received),
      used: sum((r) => r.subsidies.used),
      toReturn: sum((r) => r.subsidies.toReturn),
      returned: sum((r) => r.subsidies.returned),
    },
    outstanding: sum((r) => r.outstanding),
    overdue: sum((r) => r.overdue),
    balance,
    invoiced,
    paidToContractors,
    reconciled:
      allocated.net === invoiced.net &&
      allocated.vat === invoiced.vat &&
      allocated.gross === invoiced.gross &&
      balance === paidToContractors - invoiced.gross,
  };
  return { partners, totals };
}
