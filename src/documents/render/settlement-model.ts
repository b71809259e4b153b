import { PAYMENT_KIND_LABEL } from './labels';
import { formatDatePl } from './polish-format';
import type { PartyModel, MoneyTotals } from './party-model';
import type {
  SettlementInvoiceSnapshot,
  SettlementPaymentSnapshot,
  SettlementStatementSnapshot,
} from './snapshot.types';

/* The partner's settlement statement (SETTLEMENT) as its template sees it. */

export interface SettlementInvoiceModel extends SettlementInvoiceSnapshot {
  ordinal: number;
  issuedOnLabel: string;
  dueOnLabel: string;
}

export interface SettlementPaymentModel extends SettlementPaymentSnapshot {
  ordinal: number;
  kindLabel: string;
  /** "wpłata Partnera" / "zwrot na rzecz Partnera". */
  directionLabel: string;
  /** Who receives the money: "Gmina Skawina (Lider)", "wykonawca", the partner. */
  recipientLabel: string;
  dueOnLabel: string;
  paidOnLabel: string | null;
  /** "zapłacono 12 maja 2027 r.", "po terminie", "do zapłaty". */
  statusLabel: string;
  isSubsidy: boolean;
  useUntilLabel: string | null;
  agreementSignedOnLabel: string | null;
  settlementDueOnLabel: string | null;
  returnDueOnLabel: string | null;
  settledOnLabel: string | null;
  /** Unused part of a settled subsidy (amount − used), grosz; null until settled. */
  unusedAmount: number | null;
}

export interface SettlementStatementModel {
  asOf: string;
  asOfLabel: string;
  invoices: SettlementInvoiceModel[];
  hasInvoices: boolean;
  /** "FV/2027/04/118, FV/2027/05/007" */
  invoiceNumbers: string;
  allocated: MoneyTotals;
  paid: number;
  refunded: number;
  receivedFromPartners: number;
  /** The leader's statement shows what the partners transferred to it. */
  showReceivedFromPartners: boolean;
  subsidies: SettlementStatementSnapshot['subsidies'] & { returnDueOnLabel: string | null };
  hasSubsidies: boolean;
  subsidyPayments: SettlementPaymentModel[];
  outstanding: number;
  overdue: number;
  balance: number;
  /** |balance|, for "do zapłaty: …" / "do zwrotu: …" sentences. */
  balanceAbs: number;
  owes: boolean;
  isOwed: boolean;
  isSettled: boolean;
  /** "Niedopłata – kwota do zapłaty przez Partnera" / "Nadpłata – kwota należna Partnerowi". */
  balanceLabel: string;
  nextDue:
    | (NonNullable<SettlementStatementSnapshot['nextDue']> & {
        kindLabel: string;
        dueOnLabel: string;
        payerName: string;
        /** "do zapłaty przez Gminę …" is avoided (declension): "płatnik: Gmina Liszki". */
        directionLabel: string;
      })
    | null;
  payments: SettlementPaymentModel[];
  hasPayments: boolean;
}

const dateOrNull = (d: string | undefined | null): string | null => (d ? formatDatePl(d) : null);

export function buildSettlementModel(
  s: SettlementStatementSnapshot,
  partner: PartyModel,
  leader: PartyModel,
  nameOf: (id: string | undefined) => string | null,
): SettlementStatementModel {
  const role = partner.isLeader ? 'Lidera' : 'Partnera';
  const payments = s.payments.map((p, i): SettlementPaymentModel => {
    const recipient =
      p.kind === 'INVOICE_PAYMENT'
        ? `wykonawca${p.invoiceNumber ? ` (faktura ${p.invoiceNumber})` : ''}`
        : p.direction === 'IN'
          ? partner.name
          : `${leader.name} (Lider)`;
    return {
      ...p,
      ordinal: i + 1,
      kindLabel: PAYMENT_KIND_LABEL[p.kind],
      directionLabel: p.direction === 'IN' ? `wpływ na rzecz ${role}` : `wydatek ${role}`,
      recipientLabel: recipient,
      dueOnLabel: formatDatePl(p.dueOn),
      paidOnLabel: dateOrNull(p.paidOn),
      statusLabel: p.paidOn
        ? `zapłacono ${formatDatePl(p.paidOn)}`
        : p.dueOn < s.asOf
          ? 'po terminie'
          : 'do zapłaty',
      isSubsidy: p.kind === 'SUBSIDY',
      useUntilLabel: dateOrNull(p.useUntil),
      agreementSignedOnLabel: dateOrNull(p.agreementSignedOn),
      settlementDueOnLabel: dateOrNull(p.settlementDueOn),
      returnDueOnLabel: dateOrNull(p.returnDueOn),
      settledOnLabel: dateOrNull(p.settledOn),
      unusedAmount: p.usedAmount === undefined ? null : p.amount - p.usedAmount,
    };
  });
  const balanceLabel =
    s.balance < 0
      ? `Niedopłata – kwota do zapłaty przez ${role}`
      : s.balance > 0
        ? `Nadpłata – kwota należna ${partner.isLeader ? 'Liderowi' : 'Partnerowi'}`
        : 'rozliczono w całości';
  const next = s.nextDue;
  return {
    asOf: s.asOf,
    asOfLabel: formatDatePl(s.asOf),
    invoices: s.invoices.map((inv, i) => ({
      ...inv,
      ordinal: i + 1,
      issuedOnLabel: formatDatePl(inv.issuedOn),
      dueOnLabel: formatDatePl(inv.dueOn),
    })),
    hasInvoices: s.invoices.length > 0,
    invoiceNumbers: s.invoices.map((inv) => inv.number).join(', '),
    allocated: { ...s.allocated },
    paid: s.paid,
    refunded: s.refunded,
    receivedFromPartners: s.receivedFromPartners,
    showReceivedFromPartners: partner.isLeader && s.receivedFromPartners !== 0,
    subsidies: { ...s.subsidies, returnDueOnLabel: dateOrNull(s.subsidies.returnDueOn) },
    hasSubsidies: s.subsidies.granted > 0,
    subsidyPayments: payments.filter((p) => p.isSubsidy),
    outstanding: s.outstanding,
    overdue: s.overdue,
    balance: s.balance,
    balanceAbs: Math.abs(s.balance),
    owes: s.balance < 0,
    isOwed: s.balance > 0,
    isSettled: s.balance === 0,
    balanceLabel,
    nextDue: next
      ? {
          ...next,
          kindLabel: PAYMENT_KIND_LABEL[next.kind],
          dueOnLabel: formatDatePl(next.dueOn),
          payerName: nameOf(next.payerOrganisationId) ?? '',
          directionLabel:
            next.direction === 'IN' ? `do otrzymania przez ${role}` : `do zapłaty przez ${role}`,
        }
      : null,
    payments,
    hasPayments: payments.length > 0,
  };
}
