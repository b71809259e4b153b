/**
 * Document kinds and statuses as data (no Nest, no TypeORM), shared by the API, the worker and
 * the access policy. The renderer's own `DocumentKind` (render/snapshot.types.ts) is the same
 * union; the spec of this file keeps the two in step.
 */
import { FINANCE_DOCUMENT_KINDS } from '../auth';

export const DOCUMENT_KINDS = [
  'AGREEMENT',
  'POWER_OF_ATTORNEY',
  'SHARE_CONFIRMATION',
  'COST_SPLIT',
  'PROTOCOL',
  'SETTLEMENT',
] as const;
export type DocumentKind = (typeof DOCUMENT_KINDS)[number];

/** Kinds made for one partner: the request names the organisation (`organisationId`). */
export const PER_PARTNER_KINDS: readonly DocumentKind[] = [
  'POWER_OF_ATTORNEY',
  'SHARE_CONFIRMATION',
  'SETTLEMENT',
];

/**
 * Kinds made from the finance module's figures: the partner's finance people read them (like
 * `finance.view`), and they exist only once the tender has finance data.
 */
export const FINANCE_KINDS: readonly DocumentKind[] = FINANCE_DOCUMENT_KINDS;

export const isFinanceKind = (kind: DocumentKind): boolean => FINANCE_KINDS.includes(kind);

/** Statuses in which a tender has contracts, invoices and payments to state. */
export const FINANCE_DOCUMENT_STATUSES: readonly string[] = ['AWARDED', 'CONTRACTED', 'SETTLED'];

export const isPerPartnerKind = (kind: DocumentKind): boolean => PER_PARTNER_KINDS.includes(kind);

/**
 * QUEUED → RENDERING → READY | FAILED. A failed attempt that will be retried goes back to QUEUED
 * with `error` set, so a user sees why it takes long; FAILED is final for that version.
 */
export const DOCUMENT_STATUSES = ['QUEUED', 'RENDERING', 'READY', 'FAILED'] as const;
export type DocumentStatus = (typeof DOCUMENT_STATUSES)[number];

/** Where the bytes of a READY document live (see storage/). */
export const STORAGE_BACKENDS = ['postgres', 'disk'] as const;
export type StorageBackend = (typeof STORAGE_BACKENDS)[number];

/** Short Polish names used in file names and the bundle manifest. */
export const DOCUMENT_FILE_LABEL: Record<DocumentKind, string> = {
  AGREEMENT: 'Porozumienie',
  POWER_OF_ATTORNEY: 'Pełnomocnictwo',
  SHARE_CONFIRMATION: 'Potwierdzenie udziału',
  COST_SPLIT: 'Podział kosztów',
  PROTOCOL: 'Protokół postępowania',
  SETTLEMENT: 'Zestawienie rozliczeń',
};
