import type { PartnerStatement } from '../finance';
import type {
  SettlementPaymentSnapshot,
  SettlementStatementSnapshot,
} from './render/snapshot.types';

/*
 * The settlement part of a SETTLEMENT document: the finance module's statement of one partner
 * (finance/settlement-source.ts, the same figures as GET /tenders/:id/settlement/:organisationId)
 * frozen as plain JSON. Pure, so the spec proves what the document states.
 */

const opt = <K extends string, V>(key: K, value: V | null | undefined) =>
  (value === null || value === undefined ? {} : { [key]: value }) as Partial<Record<K, V>>;

export function settlementStatementSnapshot(source: PartnerStatement): SettlementStatementSnapshot {
  const s = source.settlement;
  return {
    asOf: source.asOf,
    invoices: source.invoices.map((i) => ({
      number: i.number,
      ...opt('correctsNumber', i.correctsNumber),
      ...opt('correctionReason', i.correctionReason),
      ...opt('correctedByNumber', i.correctedByNumber),
      contractorName: i.contractorName,
      contractorNip: i.contractorNip,
      lotNumber: i.lotNumber,
      issuedOn: i.issuedOn,
      dueOn: i.dueOn,
      invoiceGross: i.invoiceGross,
      net: i.net,
      vat: i.vat,
      gross: i.gross,
    })),
    allocated: { ...s.allocated },
    paid: s.paid,
    refunded: s.refunded,
    receivedFromPartners: s.receivedFromPartners,
    subsidies: { ...s.subsidies },
    outstanding: s.outstanding,
    overdue: s.overdue,
    balance: s.balance,
    nextDue: s.nextDue
      ? {
          kind: s.nextDue.kind,
          direction: s.nextDue.direction,
          payerOrganisationId: s.nextDue.payerOrganisationId,
          amount: s.nextDue.amount,
          dueOn: s.nextDue.dueOn,
          overdue: s.nextDue.status === 'OVERDUE',
        }
      : null,
    payments: source.payments.map((p): SettlementPaymentSnapshot => ({
      kind: p.kind,
      direction: p.direction,
      payerOrganisationId: p.payerOrganisationId,
      amount: p.amount,
      dueOn: p.dueOn,
      paidOn: p.paidOn,
      ...opt('reference', p.reference),
      ...opt('description', p.description),
      ...opt('invoiceNumber', p.invoiceNumber),
      ...opt('resolutionNumber', p.resolutionNumber),
      ...opt('agreementSignedOn', p.agreementSignedOn),
      ...opt('useUntil', p.useUntil),
      ...opt('settlementDueOn', p.settlementDueOn),
      ...opt('returnDueOn', p.returnDueOn),
      ...opt('usedAmount', p.usedAmount),
      ...opt('settledOn', p.settledOn),
    })),
  };
}
