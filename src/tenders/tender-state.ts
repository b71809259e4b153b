/**
 * The joint tender's lifecycle as data and pure functions (no Nest, no TypeORM), so the rules are
 * readable in one place and unit-tested.
 */
export const TENDER_STATUSES = [
  'DRAFT',
  'COLLECTING_SHARES',
  'READY',
  'PUBLISHED',
  'OFFERS_OPENED',
  'AWARDED',
  'CONTRACTED',
  'SETTLED',
  'CANCELLED',
] as const;
export type TenderStatus = (typeof TENDER_STATUSES)[number];

import {
  PROCEDURES,
  SETTLEMENT_MODELS,
  SUBJECT_KINDS,
  type Procedure,
  type SettlementModel,
} from '../common/vocabulary';
import { cpvCodesWithoutName, cpvNamesMissing, type CpvCodes } from '../common/identifiers';
export { PROCEDURES, SETTLEMENT_MODELS, SUBJECT_KINDS };
export type { Procedure, SettlementModel };

const NEXT: Record<TenderStatus, TenderStatus[]> = {
  DRAFT: ['COLLECTING_SHARES', 'CANCELLED'],
  COLLECTING_SHARES: ['READY', 'CANCELLED'],
  READY: ['PUBLISHED', 'COLLECTING_SHARES', 'CANCELLED'],
  PUBLISHED: ['OFFERS_OPENED', 'CANCELLED'],
  OFFERS_OPENED: ['AWARDED', 'CANCELLED'],
  AWARDED: ['CONTRACTED', 'CANCELLED'],
  CONTRACTED: ['SETTLED'],
  SETTLED: [],
  CANCELLED: [],
};

export function canTransition(from: TenderStatus, to: TenderStatus): boolean {
  return NEXT[from].includes(to);
}

export function nextStatuses(from: TenderStatus): TenderStatus[] {
  return [...NEXT[from]];
}

/** Statuses in which partners' shares may still be proposed or changed. */
export const SHARES_EDITABLE: readonly TenderStatus[] = ['DRAFT', 'COLLECTING_SHARES', 'READY'];
/** Statuses after the procedure started: the regime is fixed by the publication date. */
export const STARTED: readonly TenderStatus[] = [
  'PUBLISHED',
  'OFFERS_OPENED',
  'AWARDED',
  'CONTRACTED',
  'SETTLED',
];

export interface ShareFacts {
  lotId: string;
  organisationId: string;
  status: string;
}

export interface TransitionFacts {
  lots: { id: string; number: number }[];
  shares: ShareFacts[];
  reason?: string;
  /** The tender's CPV codes and their Polish names (publication needs every name). */
  cpv?: CpvCodes & { cpvNamesPl: Readonly<Record<string, string>> | null };
}

/**
 * The business conditions of a transition that is allowed from the current status. Returns the
 * missing conditions (empty when the transition may happen); the API answers 422 with them.
 */
export function missingConditions(to: TenderStatus, facts: TransitionFacts): string[] {
  const active = facts.shares.filter((s) => s.status !== 'WITHDRAWN');
  switch (to) {
    case 'COLLECTING_SHARES': {
      const missing: string[] = [];
      if (facts.lots.length === 0) missing.push('the tender needs at least one lot');
      const lotsWithShares = new Set(active.map((s) => s.lotId));
      if (lotsWithShares.size === 0) missing.push('at least one lot needs proposed shares');
      const orgs = new Set(active.map((s) => s.organisationId));
      if (orgs.size < 2) {
        missing.push(
          `shares must come from at least 2 organisations (joint procurement); now ${orgs.size}`,
        );
      }
      return missing;
    }
    case 'READY': {
      const missing: string[] = [];
      const pending = active.filter((s) => s.status !== 'CONFIRMED');
      if (pending.length > 0) missing.push(`${pending.length} share(s) are not CONFIRMED yet`);
      const empty = facts.lots.filter((l) => !active.some((s) => s.lotId === l.id));
      if (empty.length > 0)
        missing.push(`lot(s) ${empty.map((l) => l.number).join(', ')} have no shares`);
      return missing;
    }
    case 'CANCELLED':
      return facts.reason && facts.reason.trim().length >= 5
        ? []
        : ['a reason (at least 5 characters) is required to cancel'];
    case 'PUBLISHED': {
      // The agreement and the notice name the subject by its CPV codes in Polish.
      const unnamed = facts.cpv ? cpvCodesWithoutName(facts.cpv) : [];
      return unnamed.length > 0 ? [cpvNamesMissing(unnamed)] : [];
    }
    // Every lot awarded after the evaluation, or cancelled: the procedure module's guard checks it.
    case 'AWARDED':
    case 'DRAFT':
    case 'OFFERS_OPENED':
    case 'CONTRACTED':
    case 'SETTLED':
      return [];
  }
}
