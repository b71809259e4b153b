import type { EntityManager } from 'typeorm';
import type { TenderStatus } from './tender-state';

/** Shares that wait for a partner's decision (a step of the chain, or a new amount from the leader). */
export const WAITING_SHARE_STATUSES = [
  'PROPOSED',
  'COORDINATOR_ACCEPTED',
  'COUNTERSIGNED',
  'CHANGE_REQUESTED',
] as const;

/** Tenders in which partners are asked to decide: not drafts, not cancelled or settled. */
const ASKING_STATUSES: TenderStatus[] = [
  'COLLECTING_SHARES',
  'READY',
  'PUBLISHED',
  'OFFERS_OPENED',
  'AWARDED',
  'CONTRACTED',
];

export interface TenderWithWaitingShares {
  tenderId: string;
  partnershipId: string;
}

/**
 * The tenders (with their partnership) that have at least one share waiting for a decision while
 * partners are asked to decide — what the stall escalation sweeps.
 */
export async function tendersWithWaitingShares(
  manager: EntityManager,
): Promise<TenderWithWaitingShares[]> {
  const rows = await manager.query<{ tender_id: string; partnership_id: string }[]>(
    `SELECT DISTINCT t.id AS tender_id, t.partnership_id
       FROM tenders t
       JOIN shares s ON s.tender_id = t.id
      WHERE t.status = ANY($1) AND s.status = ANY($2)
      ORDER BY t.id`,
    [ASKING_STATUSES, [...WAITING_SHARE_STATUSES]],
  );
  return rows.map((r) => ({ tenderId: r.tender_id, partnershipId: r.partnership_id }));
}

/** The tenders of a partnership (any status but drafts), for the partnership's stall report. */
export async function tenderIdsOfPartnership(
  manager: EntityManager,
  partnershipId: string,
): Promise<string[]> {
  const rows = await manager.query<{ id: string }[]>(
    `SELECT id FROM tenders WHERE partnership_id = $1 AND status <> 'DRAFT' ORDER BY created_at, id`,
    [partnershipId],
  );
  return rows.map((r) => r.id);
}
