/**
 * Payment kinds and who pays whom (pure data; no Nest, no TypeORM). Polish labels follow the
 * glossary in DOMAIN.md; they appear in the CSV export and in notifications.
 */
import type { SettlementModel } from '../tenders';

export const PAYMENT_KINDS = ['ADVANCE', 'SUBSIDY', 'REFUND', 'INVOICE_PAYMENT'] as const;
export type PaymentKind = (typeof PAYMENT_KINDS)[number];

export const PAYMENT_KIND_PL: Record<PaymentKind, string> = {
  ADVANCE: 'zaliczka',
  SUBSIDY: 'dotacja celowa (pomoc finansowa)',
  REFUND: 'zwrot',
  INVOICE_PAYMENT: 'zapłata faktury',
};

/** Computed from the due and paid dates; never stored. */
export const PAYMENT_STATUSES = ['DUE', 'OVERDUE', 'PAID', 'CANCELLED'] as const;
export type PaymentStatus = (typeof PAYMENT_STATUSES)[number];

/**
 * From the point of view of the payment's organisation (the partner it concerns): OUT when that
 * organisation pays (an advance or subsidy to the leader, an invoice to the contractor), IN when it
 * receives (a refund from the leader).
 */
export type Direction = 'OUT' | 'IN';

export function directionOf(kind: PaymentKind): Direction {
  return kind === 'REFUND' ? 'IN' : 'OUT';
}

/** The organisation that must make the transfer, and so whose treasurer is reminded. */
export function payerOf(
  payment: { kind: PaymentKind; organisationId: string },
  leaderOrganisationId: string,
): string {
  return payment.kind === 'REFUND' ? leaderOrganisationId : payment.organisationId;
}

/**
 * Kinds that move money between a partner and the leader exist only under the leader's contract:
 * under separate contracts every partner pays its own contractor directly.
 */
export function kindAllowed(kind: PaymentKind, model: SettlementModel): boolean {
  switch (kind) {
    case 'INVOICE_PAYMENT':
      return true;
    case 'ADVANCE':
    case 'SUBSIDY':
    case 'REFUND':
      return model === 'LEADER_CONTRACT';
  }
}

export function paymentStatus(
  p: { dueOn: string; paidOn: string | null; cancelledAt?: Date | null },
  today: string,
): PaymentStatus {
  if (p.cancelledAt) return 'CANCELLED';
  if (p.paidOn !== null) return 'PAID';
  return p.dueOn < today ? 'OVERDUE' : 'DUE';
}
