import { EntityManager } from 'typeorm';
import { todayInWarsaw } from '../common/dates';
import { fieldRuleError, unprocessable } from '../common/errors';
import { checkedSum, grossFromNet, MAX_AMOUNT } from '../common/money';
import { policySql, type TenderFacts } from '../auth';
import { computeRegime, type RegimeDecision } from './regime/regime';
import { ThresholdsNotDefinedError } from './regime/thresholds';
import { STARTED } from './tender-state';
import { Tender } from './tender.entity';
import { Lot } from './lot.entity';
import { Share } from './share.entity';
import { ShareApproval } from './share-approval.entity';
import { Organisation, organisationEntityRows } from '../organisations';
import { hydrateJson } from '../common/db';
import { memberRows } from '../partnerships';

/** The graph of one tender as PostgreSQL aggregates it (column names as in the tables). */
interface GraphRow {
  tender: Record<string, unknown>;
  lots: {
    lot: Record<string, unknown>;
    shares: {
      share: Record<string, unknown>;
      organisation: Record<string, unknown>;
      approvals: Record<string, unknown>[];
    }[];
  }[];
}

/**
 * Loads tenders with lots, shares, organisations and approvals in one statement, whatever their
 * number (no N+1), ordered for display: lots by number, shares by creation, approvals by decision
 * time. PostgreSQL aggregates each tender into one JSON value, so the driver parses one row per
 * tender instead of the cross product of four joins, and no query builder or join mapping runs.
 */
export async function loadTenderGraphs(manager: EntityManager, ids: string[]): Promise<Tender[]> {
  if (ids.length === 0) return [];
  const rows = await manager.query<GraphRow[]>(graphSql(''), [ids]);
  return rows.map((row) => graphOf(manager, row));
}

/**
 * One tender's graph and its participants (`participantsOf`) in one statement: the read of a
 * tender page or `GET /tenders/:id` is a single round trip to PostgreSQL.
 */
export async function loadTenderGraphWithParticipants(
  manager: EntityManager,
  id: string,
): Promise<{ tender: Tender; participants: string[] } | null> {
  const [row] = await manager.query<(GraphRow & { participants: string[] })[]>(
    graphSql(`,
            ARRAY(SELECT m.organisation_id FROM ${memberRows} m
                   WHERE m.partnership_id = t.partnership_id AND ${policySql.activeMember('m', '$2')}
                  UNION
                  SELECT s.organisation_id FROM shares s WHERE s.tender_id = t.id) AS participants`),
    [[id], todayInWarsaw()],
  );
  return row ? { tender: graphOf(manager, row), participants: row.participants } : null;
}

/** The graph statement; `extra` adds columns computed per tender `t`. */
function graphSql(extra: string): string {
  return `SELECT to_jsonb(t) AS tender,
            COALESCE((
              SELECT jsonb_agg(jsonb_build_object('lot', to_jsonb(l), 'shares', COALESCE((
                       SELECT jsonb_agg(jsonb_build_object(
                                'share', to_jsonb(s),
                                'organisation', to_jsonb(o),
                                'approvals', COALESCE((
                                  SELECT jsonb_agg(to_jsonb(a) ORDER BY a.decided_at, a.id)
                                    FROM share_approvals a WHERE a.share_id = s.id), '[]'::jsonb))
                              ORDER BY s.created_at, s.id)
                         FROM shares s JOIN ${organisationEntityRows} o ON o.id = s.organisation_id
                        WHERE s.lot_id = l.id), '[]'::jsonb))
                     ORDER BY l.number)
                FROM lots l WHERE l.tender_id = t.id), '[]'::jsonb) AS lots${extra}
       FROM tenders t
      WHERE t.id = ANY($1)
      ORDER BY array_position($1::uuid[], t.id)`;
}

function graphOf(manager: EntityManager, row: GraphRow): Tender {
  const tender = hydrateJson(manager, Tender, row.tender);
  tender.lots = row.lots.map((l) => {
    const lot = hydrateJson(manager, Lot, l.lot);
    lot.shares = l.shares.map((x) => {
      const share = hydrateJson(manager, Share, x.share);
      share.organisation = hydrateJson(manager, Organisation, x.organisation);
      share.approvals = x.approvals.map((a) => hydrateJson(manager, ShareApproval, a));
      return share;
    });
    return lot;
  });
  return tender;
}

/** Current members of each tender's partnership plus organisations holding shares, in one query. */
export async function participantsOf(
  manager: EntityManager,
  tenders: Pick<Tender, 'id' | 'partnershipId'>[],
): Promise<Map<string, string[]>> {
  const out = new Map<string, string[]>(tenders.map((t) => [t.id, []]));
  if (tenders.length === 0) return out;
  const rows = await manager.query<{ tender_id: string; organisation_id: string }[]>(
    `SELECT t.id AS tender_id, m.organisation_id FROM tenders t
       JOIN ${memberRows} m ON m.partnership_id = t.partnership_id
      WHERE t.id = ANY($1) AND ${policySql.activeMember('m', '$2')}
     UNION
     SELECT s.tender_id, s.organisation_id FROM shares s WHERE s.tender_id = ANY($1)`,
    [tenders.map((t) => t.id), todayInWarsaw()],
  );
  for (const r of rows) out.get(r.tender_id)?.push(r.organisation_id);
  return out;
}

export function tenderFacts(
  t: Pick<Tender, 'leaderOrganisationId' | 'status'>,
  participants: string[],
): TenderFacts {
  return {
    leaderOrganisationId: t.leaderOrganisationId,
    status: t.status,
    participantOrganisationIds: participants,
  };
}

/** The day whose thresholds decide the regime: publication, else the planned start, else today. */
export const regimeDate = (t: Pick<Tender, 'publishedOn' | 'plannedStartOn'>): string =>
  t.publishedOn ?? t.plannedStartOn ?? todayInWarsaw();

export function decideRegime(
  valueNet: number,
  t: Pick<Tender, 'subjectKind' | 'publishedOn' | 'plannedStartOn'>,
): RegimeDecision {
  try {
    return computeRegime(valueNet, t.subjectKind, regimeDate(t));
  } catch (err) {
    if (err instanceof ThresholdsNotDefinedError) throw unprocessable(err.code, err.message);
    throw err;
  }
}

/**
 * Recomputes the tender's value (sum of active shares) and regime inside the transaction. After
 * publication the regime is fixed: a change that would move it is refused (422) naming both.
 */
export async function recomputeValue(
  manager: EntityManager,
  tender: Tender,
): Promise<{ from: string; to: string; valueNet: number }> {
  const rows = await manager.query<{ amount_net: string; vat_rate: number }[]>(
    `SELECT s.amount_net, l.vat_rate FROM shares s JOIN lots l ON l.id = s.lot_id
      WHERE s.tender_id = $1 AND s.status <> 'WITHDRAWN'`,
    [tender.id],
  );
  const total = checkedSum(rows.map((r) => r.amount_net));
  if (total === null) {
    throw fieldRuleError(
      'amountNet',
      'tenderTotalMax',
      `The shares of the tender would total more than ${MAX_AMOUNT} net`,
    );
  }
  const valueNet = total;
  let valueGross = 0;
  for (const r of rows) valueGross += grossFromNet(Number(r.amount_net), r.vat_rate);
  const decision = decideRegime(valueNet, tender);
  if (STARTED.includes(tender.status) && decision.regime !== tender.regime) {
    throw unprocessable(
      'TENDER_REGIME_WOULD_CHANGE',
      `The change would move the published procedure from regime ${tender.regime} to ${decision.regime}; the regime is fixed once the procedure is published`,
      { currentRegime: tender.regime, resultingRegime: decision.regime },
    );
  }
  const from = tender.regime;
  tender.valueNet = valueNet;
  tender.valueGross = valueGross;
  tender.regime = decision.regime;
  await manager.update(Tender, tender.id, { valueNet, valueGross, regime: decision.regime });
  return { from, to: decision.regime, valueNet };
}
