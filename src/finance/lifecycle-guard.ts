import type { EntityManager } from 'typeorm';
import type { TransitionGuard, TenderStatus, Tender } from '../tenders';
import { organisationRows } from '../organisations';
import { lotRows, shareRows } from '../tenders';

interface LotRow {
  number: number;
  missing: string[] | null;
}

/**
 * The tender's finance conditions for a transition (the API answers 422 with them):
 *  - CONTRACTED: every awarded lot has its contracts — the leader's (leader's contract), or one per
 *    partner with a confirmed share of the lot (separate contracts);
 *  - SETTLED: every payment is paid and every subsidy received is settled.
 */
export const financeTransitionGuard: TransitionGuard = async (
  manager: EntityManager,
  tender: Tender,
  to: TenderStatus,
): Promise<string[]> => {
  if (to === 'CONTRACTED') {
    const rows =
      tender.settlementModel === 'LEADER_CONTRACT'
        ? await manager.query<LotRow[]>(
            `SELECT l.number, NULL AS missing FROM ${lotRows} l
              WHERE l.tender_id = $1 AND l.awarded_net IS NOT NULL
                AND NOT EXISTS (SELECT 1 FROM contracts c WHERE c.lot_id = l.id AND c.organisation_id = $2 AND c.cancelled_at IS NULL)
              ORDER BY l.number`,
            [tender.id, tender.leaderOrganisationId],
          )
        : await manager.query<LotRow[]>(
            `SELECT l.number, array_agg(o.name ORDER BY o.name) AS missing
               FROM ${lotRows} l
               JOIN ${shareRows} s ON s.lot_id = l.id AND s.status = 'CONFIRMED'
               JOIN ${organisationRows} o ON o.id = s.organisation_id
              WHERE l.tender_id = $1 AND l.awarded_net IS NOT NULL
                AND NOT EXISTS (SELECT 1 FROM contracts c
                                 WHERE c.lot_id = l.id AND c.organisation_id = s.organisation_id
                                   AND c.cancelled_at IS NULL)
              GROUP BY l.number ORDER BY l.number`,
            [tender.id],
          );
    return rows.map((r) =>
      r.missing
        ? `lot ${r.number} needs the contracts of ${r.missing.join(', ')}`
        : `lot ${r.number} needs the leader's contract`,
    );
  }
  if (to === 'SETTLED') {
    const [row] = await manager.query<{ unpaid: number; unsettled: number }[]>(
      `SELECT count(*) FILTER (WHERE paid_on IS NULL)::int AS unpaid,
              count(*) FILTER (WHERE kind = 'SUBSIDY' AND paid_on IS NOT NULL AND settled_on IS NULL)::int AS unsettled
         FROM payments WHERE tender_id = $1 AND cancelled_at IS NULL`,
      [tender.id],
    );
    const missing: string[] = [];
    if (row.unpaid > 0) missing.push(`${row.unpaid} payment(s) are not paid`);
    if (row.unsettled > 0) missing.push(`${row.unsettled} subsidy(ies) are not settled`);
    return missing;
  }
  return [];
};
