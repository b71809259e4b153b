import type { EntityManager } from 'typeorm';
import { hasRole } from '../auth';
import type { AccessPolicyService, Actor } from '../auth';
import { hydrateJson } from '../common/db';
import { assertVersion, conflict, forbidden, notFound } from '../common/errors';
import type { Lot } from './lot.entity';
import { checkStep, STEP_ROLE, STEPS, type Step } from './share-chain';
import { ShareApproval } from './share-approval.entity';
import { lockShareContext } from './share-answer';
import { Share } from './share.entity';
import { tenderFacts } from './tender-graph';
import type { Tender } from './tender.entity';

/** 409 when the caller's version of the share is stale. */
export function assertShareVersion(share: Share, version: number): void {
  assertVersion(
    share.version,
    version,
    'SHARE_VERSION_CONFLICT',
    `The share was changed meanwhile (now ${share.status}, version ${share.version}); reload and retry`,
    { currentStatus: share.status, currentVersion: share.version },
  );
}

/**
 * The share FOR UPDATE with its lot and tender (locked before it, `tenderLock`), after checking
 * that the actor sees the tender (404 otherwise): two statements.
 */
export async function lockShareIn(
  manager: EntityManager,
  policy: AccessPolicyService,
  actor: Actor,
  shareId: string,
  tenderLock: 'FOR SHARE' | 'FOR UPDATE',
): Promise<{ share: Share; tender: Tender; lot: Lot }> {
  const { tender, lot, organisationName, participants } = await lockShareContext(
    manager,
    shareId,
    tenderLock,
  );
  const facts = tenderFacts(tender, participants);
  if (!actor.admin && !policy.can(actor, { action: 'tender.view', tender: facts }))
    throw notFound('Tender', tender.id);
  const share = await manager
    .getRepository(Share)
    .findOne({ where: { id: shareId }, lock: { mode: 'pessimistic_write' } });
  if (!share) throw notFound('Share', shareId);
  share.organisation = { name: organisationName } as Share['organisation'];
  return { share, tender, lot };
}

/**
 * For a decision of the chain: the tender FOR SHARE with lot, organisation and participants (one
 * statement), then the share FOR UPDATE, then its approvals — read after the share's lock, so a
 * decision that waited sees the one committed before it (separation of duties).
 */
export async function lockForDecision(
  manager: EntityManager,
  policy: AccessPolicyService,
  actor: Actor,
  shareId: string,
): Promise<{ share: Share; tender: Tender; lot: Lot; approvals: ShareApproval[] }> {
  const { share, tender, lot } = await lockShareIn(manager, policy, actor, shareId, 'FOR SHARE');
  const approvals = await manager.getRepository(ShareApproval).find({
    where: { shareId },
    order: { decidedAt: 'ASC', id: 'ASC' },
  });
  return { share, tender, lot, approvals };
}

/** The step the actor may perform now; 409 for an illegal state or stale version, 403 for role or duty. */
export function actorStep(
  actor: Actor,
  share: Share,
  tender: Tender,
  version: number,
  approvals: ShareApproval[],
): Step {
  // Who holds no step of the partner's chain is refused before the tender's state is told.
  if (!hasRole(actor, share.organisationId, ...STEPS.map((s) => STEP_ROLE[s])))
    throw forbidden(
      'SHARE_STEP_ROLE_REQUIRED',
      "Only the partner's coordinator, treasurer and head approve its share or ask to change it",
    );
  if (tender.status !== 'COLLECTING_SHARES') {
    throw conflict(
      'SHARE_ILLEGAL_TRANSITION',
      `Shares are approved while the tender collects shares; it is ${tender.status}`,
      {
        currentStatus: share.status,
        tenderStatus: tender.status,
      },
    );
  }
  assertShareVersion(share, version);
  const roles = actor.memberships
    .filter((m) => m.organisationId === share.organisationId)
    .map((m) => m.role);
  const check = checkStep(share.status, roles, actor.userId, approvals);
  if (check.ok) return check.step;
  switch (check.refusal.kind) {
    case 'illegal':
      throw conflict('SHARE_ILLEGAL_TRANSITION', check.refusal.message, {
        currentStatus: share.status,
      });
    case 'role':
      throw forbidden('SHARE_STEP_ROLE_REQUIRED', check.refusal.message);
    case 'duty':
      throw forbidden('SHARE_SEPARATION_OF_DUTIES', check.refusal.message);
  }
}

/** What a decision changes on the share besides its status and version. */
export interface ShareChange {
  status: Share['status'];
  budgetClassification?: string | null;
  wpfReference?: string | null;
}

/**
 * Records one decision of the chain and moves the share (status, version + 1, and what the step
 * sets) in one statement; gives the decision back as stored (with its id and time) and applies
 * the change to `share`.
 */
export async function recordDecision(
  manager: EntityManager,
  actor: Actor,
  share: Share,
  step: Step,
  decision: Pick<ShareApproval, 'decision' | 'comment'> &
    Partial<Pick<ShareApproval, 'decidedAt' | 'budgetClassification'>>,
  change: ShareChange,
): Promise<ShareApproval> {
  const sets = change.budgetClassification !== undefined;
  const rows = await manager.query<{ approval: Record<string, unknown> }[]>(
    `WITH approval AS (
       INSERT INTO share_approvals
              (share_id, step, decision, user_id, user_name, role, comment, amount_net,
               budget_classification, decided_at)
       VALUES ($1, $2, $3, $4, $5, $2, $6, $7, $8, COALESCE($9::timestamptz, now()))
       RETURNING *),
     moved AS (
       UPDATE shares SET status = $10, version = version + 1, updated_at = now()
              ${sets ? ', budget_classification = $11, wpf_reference = $12' : ''}
        WHERE id = $1
       RETURNING id)
     SELECT to_jsonb(a) AS approval FROM approval a, moved`,
    [
      share.id,
      step,
      decision.decision,
      actor.userId,
      actor.displayName,
      decision.comment,
      share.amountNet,
      decision.budgetClassification ?? null,
      decision.decidedAt ?? null,
      change.status,
      ...(sets ? [change.budgetClassification, change.wpfReference ?? null] : []),
    ],
  );
  share.status = change.status;
  share.version += 1;
  if (sets) {
    share.budgetClassification = change.budgetClassification ?? null;
    share.wpfReference = change.wpfReference ?? null;
  }
  return hydrateJson(manager, ShareApproval, rows[0].approval);
}
