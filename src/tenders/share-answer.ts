import type { EntityManager } from 'typeorm';
import { policySql } from '../auth';
import type { Actor } from '../auth';
import { hydrateJson } from '../common/db';
import { todayInWarsaw } from '../common/dates';
import { notFound } from '../common/errors';
import type { ShareActionView } from './dto/tender-view.dto';
import { Lot } from './lot.entity';
import { ShareApproval } from './share-approval.entity';
import { Share } from './share.entity';
import { Tender } from './tender.entity';
import { shareView, toSummary } from './tender-view';
import { organisationRows } from '../organisations';
import { memberRows } from '../partnerships';

/** A share's tender (the whole row), lot and organisation's name, and the tender's participants. */
export interface ShareContext {
  tender: Tender;
  lot: Lot;
  organisationName: string;
  participants: string[];
}

interface ContextRow {
  tender: Record<string, unknown>;
  lot: Record<string, unknown>;
  organisation_name: string;
  participants: string[];
  share?: Record<string, unknown>;
  approvals?: Record<string, unknown>[];
}

const CONTEXT_SQL = (withShare: boolean, lock: string) =>
  `SELECT to_jsonb(t) AS tender, to_jsonb(l) AS lot, o.name AS organisation_name,
          ARRAY(SELECT m.organisation_id FROM ${memberRows} m
                 WHERE m.partnership_id = t.partnership_id AND ${policySql.activeMember('m', '$2')}
                UNION
                SELECT p.organisation_id FROM shares p WHERE p.tender_id = t.id)::text[] AS participants
          ${
            withShare
              ? `, to_jsonb(s) AS share, COALESCE((
                  SELECT jsonb_agg(to_jsonb(a) ORDER BY a.decided_at, a.id)
                    FROM share_approvals a WHERE a.share_id = s.id), '[]'::jsonb) AS approvals`
              : ''
          }
     FROM shares s
     JOIN lots l ON l.id = s.lot_id
     JOIN ${organisationRows} o ON o.id = s.organisation_id
     JOIN tenders t ON t.id = s.tender_id
    WHERE s.id = $1 ${lock}`;

function contextOf(manager: EntityManager, row: ContextRow): ShareContext {
  return {
    tender: hydrateJson(manager, Tender, row.tender),
    lot: hydrateJson(manager, Lot, row.lot),
    organisationName: row.organisation_name,
    participants: row.participants,
  };
}

/**
 * One statement: the share's tender locked FOR SHARE (its status and version cannot change until
 * the decision commits, while other partners' decisions on the same tender proceed side by side),
 * with the share's lot, organisation and the tender's participants. The share itself is locked
 * next by the caller, so the lock order stays tender → share as everywhere else. A change that
 * writes the tender too (its value, regime or status) takes the tender FOR UPDATE instead.
 */
export async function lockShareContext(
  manager: EntityManager,
  shareId: string,
  tenderLock: 'FOR SHARE' | 'FOR UPDATE' = 'FOR SHARE',
): Promise<ShareContext> {
  const rows = await manager.query<ContextRow[]>(CONTEXT_SQL(false, `${tenderLock} OF t`), [
    shareId,
    todayInWarsaw(),
  ]);
  if (!rows[0]) throw notFound('Share', shareId);
  return contextOf(manager, rows[0]);
}

/** The answer of a share action: the share as the actor sees it, with the tender's summary. */
export function shareAnswer(actor: Actor, tender: Tender, lot: Lot, share: Share): ShareActionView {
  return { ...shareView(actor, tender, lot, share), tender: toSummary(tender) };
}

/** The same answer read after the change committed, in one statement (share, approvals, tender). */
export async function readShareAnswer(
  manager: EntityManager,
  actor: Actor,
  shareId: string,
): Promise<ShareActionView> {
  const rows = await manager.query<ContextRow[]>(CONTEXT_SQL(true, ''), [shareId, todayInWarsaw()]);
  if (!rows[0]) throw notFound('Share', shareId);
  const { tender, lot, organisationName } = contextOf(manager, rows[0]);
  const share = hydrateJson(manager, Share, rows[0].share ?? {});
  share.organisation = { name: organisationName } as Share['organisation'];
  share.approvals = (rows[0].approvals ?? []).map((a) => hydrateJson(manager, ShareApproval, a));
  return shareAnswer(actor, tender, lot, share);
}
