import { decide, hasRole } from '../auth';
import type { Actor } from '../auth';
import { formatAmount, grossFromNet } from '../common/money';
import type { LotView, ShareView, TenderSummaryView, TenderView } from './dto/tender-view.dto';
import type { Lot } from './lot.entity';
import { checkStep, pendingStep } from './share-chain';
import type { Share } from './share.entity';
import { decideRegime, tenderFacts } from './tender-graph';
import { missingConditions, nextStatuses, SHARES_EDITABLE } from './tender-state';
import type { Tender } from './tender.entity';

export function toSummary(t: Tender): TenderSummaryView {
  return {
    id: t.id,
    partnershipId: t.partnershipId,
    leaderOrganisationId: t.leaderOrganisationId,
    reference: t.reference,
    title: t.title,
    status: t.status,
    version: t.version,
    subjectKind: t.subjectKind,
    cpvMain: t.cpvMain,
    procedure: t.procedure,
    settlementModel: t.settlementModel,
    regime: t.regime,
    valueNet: formatAmount(t.valueNet),
    valueGross: formatAmount(t.valueGross),
    shareDeadline: t.shareDeadline ? t.shareDeadline.toISOString() : null,
    createdAt: t.createdAt.toISOString(),
  };
}

function rolesIn(actor: Actor, organisationId: string) {
  return actor.memberships.filter((m) => m.organisationId === organisationId).map((m) => m.role);
}

/** What the actor may do with one share now; the service enforces the same rules. */
export function shareActions(actor: Actor, tender: Tender, share: Share): string[] {
  const actions: string[] = [];
  if (share.status === 'WITHDRAWN') return actions;
  if (tender.status === 'COLLECTING_SHARES') {
    const check = checkStep(
      share.status,
      rolesIn(actor, share.organisationId),
      actor.userId,
      share.approvals ?? [],
    );
    if (check.ok) actions.push('approve', 'requestChange');
  }
  if (SHARES_EDITABLE.includes(tender.status)) {
    const officer = hasRole(actor, tender.leaderOrganisationId, 'PROCUREMENT_OFFICER');
    const ownCoordinator =
      hasRole(actor, share.organisationId, 'COORDINATOR') &&
      (share.status === 'PROPOSED' || share.status === 'CHANGE_REQUESTED');
    if (officer || ownCoordinator) actions.push('update');
  }
  return actions;
}

export function shareView(actor: Actor, tender: Tender, lot: Lot, s: Share): ShareView {
  return {
    id: s.id,
    lotId: s.lotId,
    organisationId: s.organisationId,
    organisationName: s.organisation?.name ?? '',
    amountNet: formatAmount(s.amountNet),
    amountGross: formatAmount(grossFromNet(s.amountNet, lot.vatRate)),
    status: s.status,
    pendingStep: pendingStep(s.status),
    version: s.version,
    budgetClassification: s.budgetClassification,
    wpfReference: s.wpfReference,
    approvals: (s.approvals ?? []).map((a) => ({
      step: a.step,
      decision: a.decision,
      userId: a.userId,
      userName: a.userName,
      role: a.role,
      comment: a.comment,
      amountNet: formatAmount(a.amountNet),
      budgetClassification: a.budgetClassification,
      decidedAt: a.decidedAt.toISOString(),
      void: a.void,
    })),
    allowedActions: shareActions(actor, tender, s),
  };
}

function lotView(actor: Actor, t: Tender, l: Lot): LotView {
  const active = (l.shares ?? []).filter((s) => s.status !== 'WITHDRAWN');
  const net = active.reduce((sum, s) => sum + s.amountNet, 0);
  const gross = active.reduce((sum, s) => sum + grossFromNet(s.amountNet, l.vatRate), 0);
  return {
    id: l.id,
    number: l.number,
    title: l.title,
    vatRate: l.vatRate,
    valueNet: formatAmount(net),
    valueGross: formatAmount(gross),
    award:
      l.contractorName && l.contractorNip && l.awardedNet !== null
        ? {
            contractorName: l.contractorName,
            contractorNip: l.contractorNip,
            amountNet: formatAmount(l.awardedNet),
          }
        : null,
    shares: (l.shares ?? []).map((s) => shareView(actor, t, l, s)),
  };
}

/** Tender-level actions: edits, shares and the transitions whose conditions hold now. */
export function tenderActions(actor: Actor, t: Tender, participants: string[]): string[] {
  const facts = tenderFacts(t, participants);
  const actions: string[] = [];
  const manage = decide(actor, { action: 'tender.manage', tender: facts });
  if (manage && SHARES_EDITABLE.includes(t.status)) actions.push('update', 'proposeShare');
  if (manage && (t.status === 'DRAFT' || t.status === 'COLLECTING_SHARES')) actions.push('addLot');
  const coordinatorOf = actor.memberships
    .filter((m) => m.role === 'COORDINATOR')
    .map((m) => m.organisationId);
  if (
    coordinatorOf.some((org) =>
      decide(actor, { action: 'share.declare', tender: facts, organisationId: org }),
    )
  ) {
    actions.push('declareNeed');
  }
  if (manage) {
    const lots = t.lots ?? [];
    const shares = lots.flatMap((l) => l.shares ?? []);
    for (const to of nextStatuses(t.status)) {
      const needsInput = to === 'AWARDED' || to === 'CANCELLED';
      if (needsInput || missingConditions(to, { lots, shares, cpv: t }).length === 0)
        actions.push(`transition:${to}`);
    }
  }
  return actions;
}

export function toDetail(actor: Actor, t: Tender, participants: string[]): TenderView {
  const decision = decideRegime(t.valueNet, t);
  return {
    ...toSummary(t),
    description: t.description,
    cpvAdditional: t.cpvAdditional,
    cpvMainName: t.cpvNamesPl?.[t.cpvMain] ?? null,
    cpvAdditionalNames: t.cpvAdditional.map((c) => t.cpvNamesPl?.[c] ?? null),
    plannedStartOn: t.plannedStartOn,
    publishedOn: t.publishedOn,
    cancelReason: t.cancelReason,
    regimeDecision: {
      regime: t.regime,
      thresholdNet: formatAmount(decision.thresholdNet),
      nationalThresholdNet: formatAmount(decision.nationalThresholdNet),
      euThresholdNet: formatAmount(decision.euThresholdNet),
      thresholdsValidFrom: decision.thresholdsValidFrom,
      basis: decision.basis,
    },
    lots: (t.lots ?? []).map((l) => lotView(actor, t, l)),
    allowedActions: tenderActions(actor, t, participants),
  };
}
