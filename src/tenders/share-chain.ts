import { budgetClassificationProblem as classificationProblem } from '../common/budget';
import type { Role } from '../auth';

/**
 * The partner's decision chain for one share (DOMAIN.md "Who signs for a partner"): the
 * coordinator accepts, the treasurer countersigns (kontrasygnata, with the budget classification),
 * the head signs. Each step by a different person holding that role in the partner organisation.
 */
export const SHARE_STATUSES = [
  'PROPOSED',
  'COORDINATOR_ACCEPTED',
  'COUNTERSIGNED',
  'CONFIRMED',
  'CHANGE_REQUESTED',
  'WITHDRAWN',
] as const;
export type ShareStatus = (typeof SHARE_STATUSES)[number];

export const STEPS = ['COORDINATOR', 'TREASURER', 'HEAD'] as const;
export type Step = (typeof STEPS)[number];

export const STEP_ROLE: Record<Step, Role> = {
  COORDINATOR: 'COORDINATOR',
  TREASURER: 'TREASURER',
  HEAD: 'HEAD',
};
export const STEP_RESULT: Record<Step, ShareStatus> = {
  COORDINATOR: 'COORDINATOR_ACCEPTED',
  TREASURER: 'COUNTERSIGNED',
  HEAD: 'CONFIRMED',
};

/** The step a share waits for, or null when none (confirmed, change requested, withdrawn). */
export function pendingStep(status: ShareStatus): Step | null {
  switch (status) {
    case 'PROPOSED':
      return 'COORDINATOR';
    case 'COORDINATOR_ACCEPTED':
      return 'TREASURER';
    case 'COUNTERSIGNED':
      return 'HEAD';
    case 'CONFIRMED':
    case 'CHANGE_REQUESTED':
    case 'WITHDRAWN':
      return null;
  }
}

/**
 * The treasurer's budget classification of a share, checked against the budget classification
 * regulation (src/common/budget); a missing one is refused at the countersignature.
 */
export function budgetClassificationProblem(
  value: string | undefined,
): { rule: string; message: string } | null {
  if (!value)
    return {
      rule: 'isDefined',
      message:
        'the treasurer must give the budget classification dział/rozdział/paragraf, e.g. 600/60016/4270',
    };
  return classificationProblem(value);
}

export interface ApprovalFact {
  step: Step;
  userId: string;
  void: boolean;
  decision: 'APPROVED' | 'CHANGE_REQUESTED';
}

export type StepRefusal =
  | { kind: 'illegal'; message: string }
  | { kind: 'role'; message: string }
  | { kind: 'duty'; message: string };

/**
 * May `userId` (holding `roles` in the share's organisation) perform the pending step now?
 * Separation of duties: nobody performs two steps of one share (void approvals do not count:
 * after a change the chain starts afresh).
 */
export function checkStep(
  status: ShareStatus,
  roles: Role[],
  userId: string,
  approvals: ApprovalFact[],
): { ok: true; step: Step } | { ok: false; refusal: StepRefusal } {
  const step = pendingStep(status);
  if (!step) {
    return {
      ok: false,
      refusal: { kind: 'illegal', message: `The share is ${status}; no approval step is pending` },
    };
  }
  if (!roles.includes(STEP_ROLE[step])) {
    return {
      ok: false,
      refusal: {
        kind: 'role',
        message: `The share waits for the ${STEP_ROLE[step]} of its organisation; you do not hold that role there`,
      },
    };
  }
  const earlier = approvals.find(
    (a) => !a.void && a.userId === userId && a.decision === 'APPROVED',
  );
  if (earlier) {
    return {
      ok: false,
      refusal: {
        kind: 'duty',
        message: `Separation of duties: you already performed the ${earlier.step} step of this share`,
      },
    };
  }
  return { ok: true, step };
}
