import { createHash } from 'node:crypto';

/** What of a share goes into an agreement (and so into its fingerprint). */
export interface ShareFact {
  id: string;
  organisationId: string;
  lotId: string;
  amountNet: number;
  /** The lot's VAT rate: it decides the gross amount the agreement prints. */
  vatRate: number;
  status: string;
  budgetClassification: string | null;
  wpfReference: string | null;
}

/**
 * A fingerprint of the tender's active shares: SHA-256 over each share's id, organisation, lot,
 * amount, VAT rate, status, budget classification and WPF entry, in id order. An AGREEMENT
 * stores the fingerprint of the shares it was rendered from; publishing compares it with the
 * current one, so any change (a new share, an amount, a withdrawal, a reclassification) makes the
 * agreement stale. Withdrawn shares are left out: withdrawing one changes the set.
 */
export function sharesFingerprint(shares: readonly ShareFact[]): string {
  const rows = shares
    .filter((s) => s.status !== 'WITHDRAWN')
    .map((s) => [
      s.id,
      s.organisationId,
      s.lotId,
      String(s.amountNet),
      String(s.vatRate),
      s.status,
      s.budgetClassification ?? '',
      s.wpfReference ?? '',
    ])
    .sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));
  return createHash('sha256').update(JSON.stringify(rows)).digest('hex');
}
