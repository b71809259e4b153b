/**
 * The waits of one share, derived from its approval records (src/tenders share_approvals): each
 * decision ends the wait at its step; a change of the amount voids earlier approvals and sends the
 * share back to its coordinator at the moment of voiding.
 */
import type { ShareStatus, Tender } from '../tenders';
import type { StallStep, StepWait } from './stall-stats';

export interface ShareHistory {
  id: string;
  partnerId: string;
  partnerName: string;
  status: ShareStatus;
  createdAt: Date;
  approvals: ReadonlyArray<{
    step: 'COORDINATOR' | 'TREASURER' | 'HEAD';
    decision: 'APPROVED' | 'CHANGE_REQUESTED';
    decidedAt: Date;
    voidedAt: Date | null;
  }>;
}

const NEXT: Record<'COORDINATOR' | 'TREASURER' | 'HEAD', StallStep | null> = {
  COORDINATOR: 'TREASURER',
  TREASURER: 'HEAD',
  HEAD: null,
};

type Event =
  | { at: Date; kind: 'decision'; step: 'COORDINATOR' | 'TREASURER' | 'HEAD'; approved: boolean }
  | { at: Date; kind: 'reset' };

/** Every stay of the share at a step, in order; the last one is open while the share still waits. */
export function shareWaits(share: ShareHistory): StepWait[] {
  const events: Event[] = share.approvals.map((a) => ({
    at: a.decidedAt,
    kind: 'decision' as const,
    step: a.step,
    approved: a.decision === 'APPROVED',
  }));
  const resets = new Set<number>();
  for (const a of share.approvals) {
    if (a.voidedAt) resets.add(a.voidedAt.getTime());
  }
  for (const t of resets) events.push({ at: new Date(t), kind: 'reset' });
  // A reset sorts after a decision at the same instant: the amount change follows what it voids.
  events.sort((a, b) => a.at.getTime() - b.at.getTime() || (a.kind === 'reset' ? 1 : -1));

  const waits: StepWait[] = [];
  let step: StallStep | null = 'COORDINATOR';
  let since = share.createdAt;
  const close = (at: Date): void => {
    if (step) waits.push(wait(share, step, since, at));
  };
  for (const e of events) {
    if (e.kind === 'reset') {
      close(e.at);
      step = 'COORDINATOR';
    } else {
      close(e.at);
      step = e.approved ? NEXT[e.step] : 'CHANGE_REQUESTED';
    }
    since = e.at;
  }
  if (step && share.status !== 'WITHDRAWN' && share.status !== 'CONFIRMED') {
    waits.push({ ...wait(share, step, since, since), left: null });
  }
  return waits;
}

function wait(share: ShareHistory, step: StallStep, arrived: Date, left: Date): StepWait {
  return {
    shareId: share.id,
    partnerId: share.partnerId,
    partnerName: share.partnerName,
    step,
    arrived,
    left,
  };
}

/** The waits of every share of a tender (the reports and the stall sweep read them the same way). */
export function tenderWaits(tender: Tender): StepWait[] {
  return (tender.lots ?? [])
    .flatMap((l) => l.shares ?? [])
    .flatMap((s) =>
      shareWaits({
        id: s.id,
        partnerId: s.organisationId,
        partnerName: s.organisation?.name ?? s.organisationId,
        status: s.status,
        createdAt: s.createdAt,
        approvals: s.approvals ?? [],
      }),
    );
}
