import type { ShareView } from '../tenders';
import { SHARE_STATUS_PL, STEP_PL, TENDER_STATUS_PL } from './web-words';

export interface Badge {
  tone: 'neutral' | 'progress' | 'success' | 'warning' | 'danger';
  icon: string;
  label: string;
}

/** Status badges carry an icon and words, never colour alone. */
export function shareBadge(status: string): Badge {
  const label = SHARE_STATUS_PL[status] ?? status;
  switch (status) {
    case 'CONFIRMED':
      return { tone: 'success', icon: '✓', label };
    case 'CHANGE_REQUESTED':
      return { tone: 'warning', icon: '!', label };
    case 'WITHDRAWN':
      return { tone: 'neutral', icon: '–', label };
    default:
      return { tone: 'progress', icon: '…', label };
  }
}

export function tenderBadge(status: string): Badge {
  const label = TENDER_STATUS_PL[status] ?? status;
  if (status === 'CANCELLED') return { tone: 'danger', icon: '✕', label };
  if (status === 'SETTLED' || status === 'CONTRACTED') return { tone: 'success', icon: '✓', label };
  if (status === 'DRAFT') return { tone: 'neutral', icon: '○', label };
  return { tone: 'progress', icon: '●', label };
}

export interface ChainStep {
  step: string;
  label: string;
  state: 'done' | 'current' | 'todo' | 'stopped';
  stateLabel: string;
  by: string | null;
  at: string | null;
}

const ORDER = ['COORDINATOR', 'TREASURER', 'HEAD'] as const;

/** coordinator → treasurer → head, with who did what when (void approvals are history only). */
export function chainSteps(
  share: Pick<ShareView, 'status' | 'approvals' | 'pendingStep'>,
): ChainStep[] {
  const live = share.approvals.filter((a) => !a.void);
  const stoppedAt =
    share.status === 'CHANGE_REQUESTED'
      ? [...live].reverse().find((a) => a.decision === 'CHANGE_REQUESTED')
      : undefined;
  return ORDER.map((step) => {
    const done = live.find((a) => a.step === step && a.decision === 'APPROVED');
    const base = { step, label: STEP_PL[step] };
    if (done)
      return {
        ...base,
        state: 'done',
        stateLabel: 'wykonano',
        by: done.userName,
        at: done.decidedAt,
      };
    if (stoppedAt?.step === step)
      return {
        ...base,
        state: 'stopped',
        stateLabel: 'poproszono o zmianę',
        by: stoppedAt.userName,
        at: stoppedAt.decidedAt,
      };
    if (share.pendingStep === step)
      return { ...base, state: 'current', stateLabel: 'oczekuje', by: null, at: null };
    return {
      ...base,
      state: 'todo',
      stateLabel: share.status === 'WITHDRAWN' ? 'nie dotyczy' : 'później',
      by: null,
      at: null,
    };
  });
}

export interface PagerLink {
  n: number;
  href: string;
  current: boolean;
}

export interface PagerView {
  pages: number;
  /** "12", or "ponad 50" when the count stopped at a cap (`more`). */
  pagesLabel: string;
  current: number;
  prev: string | null;
  next: string | null;
  /** The first and last page and those around the current one; `gap` between distant numbers. */
  links: (PagerLink | { gap: true })[];
}

/**
 * The pager partial's model; null when everything fits on one page. `more`: `total` is a lower
 * bound (a capped count), so a next page exists even at the last counted one.
 */
export function pagerView(
  total: number,
  size: number,
  current: number,
  link: (n: number) => string,
  more = false,
): PagerView | null {
  const pages = Math.ceil(total / size);
  if (pages <= 1 && !more) return null;
  const known = Math.max(pages, current);
  const numbers = [
    ...new Set([1, current - 2, current - 1, current, current + 1, current + 2, known]),
  ]
    .filter((n) => n >= 1 && n <= known)
    .sort((a, b) => a - b);
  const links: PagerView['links'] = [];
  for (const [i, n] of numbers.entries()) {
    if (i > 0 && n - numbers[i - 1] > 1) links.push({ gap: true });
    links.push({ n, href: link(n), current: n === current });
  }
  return {
    pages,
    pagesLabel: more ? `ponad ${pages}` : String(pages),
    current,
    prev: current > 1 ? link(current - 1) : null,
    next: current < pages || more ? link(current + 1) : null,
    links,
  };
}

/** `?strona=` as a page number, 1 for anything else. */
export const pageNumber = (strona: string | undefined): number =>
  Math.max(1, Math.min(100_000, Number.parseInt(strona ?? '1', 10) || 1));
