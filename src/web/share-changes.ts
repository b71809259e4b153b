/**
 * What a change of the partners' shares on an existing tender leads to, for the review page
 * before the officer's final button (WCAG 3.3.4): the tender's value before and after, the regime
 * and its threshold under the dated thresholds the service itself uses (`decideRegime`), the
 * stage going back to collecting shares, the approvals made void and the documents that print the
 * shares and stop matching them. Nothing is decided here: the services decide when saving.
 */
import type { DocumentView } from '../documents';
import { formatAmount, parseAmount } from '../common/money';
import { decideRegime, type TenderView } from '../tenders';
import { DOCUMENT_KIND_PL, REGIME_PL } from './web-words';

export interface RegimeLine {
  code: string;
  label: string;
  threshold: string;
  basis: string;
  validFrom: string;
}

export interface ShareConsequences {
  valueBefore: string;
  valueAfter: string;
  regimeBefore: RegimeLine | null;
  regimeAfter: RegimeLine | null;
  regimeChanges: boolean;
  /** The date whose thresholds decide (publication, else planned start, else today). */
  regimeOn: string;
  /** READY → COLLECTING_SHARES: the tender goes back to collecting shares. */
  reopens: boolean;
  /** Partner's approvals that become void (kept in the history, marked void). */
  voidedApprovals: number;
  outdated: string[];
}

/** Documents that print the shares: the agreement, the cost split and the partner's confirmation. */
const PRINTS_SHARES = ['AGREEMENT', 'COST_SPLIT'];

function regimeLine(valueGrosz: number, tender: TenderView): RegimeLine | null {
  try {
    const d = decideRegime(valueGrosz, {
      subjectKind: tender.subjectKind as 'WORKS',
      publishedOn: tender.publishedOn,
      plannedStartOn: tender.plannedStartOn,
    });
    return {
      code: d.regime,
      label: REGIME_PL[d.regime] ?? d.regime,
      threshold: formatAmount(d.thresholdNet),
      basis: d.basis,
      validFrom: d.thresholdsValidFrom,
    };
  } catch {
    return null;
  }
}

/** The newest READY version of each document kind (and partner) that prints the changed shares. */
function outdatedDocuments(documents: DocumentView[], organisationId: string): string[] {
  const newest = new Map<string, DocumentView>();
  for (const d of documents) {
    const key = `${d.kind}:${d.organisationId ?? ''}`;
    const seen = newest.get(key);
    if (!seen || seen.version < d.version) newest.set(key, d);
  }
  return [...newest.values()]
    .filter(
      (d) =>
        d.status === 'READY' &&
        (PRINTS_SHARES.includes(d.kind) ||
          (d.kind === 'SHARE_CONFIRMATION' && d.organisationId === organisationId)),
    )
    .map((d) => `${DOCUMENT_KIND_PL[d.kind] ?? d.kind}, wersja ${d.version}`);
}

/**
 * The consequences of moving one partner's amount in the tender by `deltaGrosz` (a new share: its
 * amount; a withdrawal: minus its amount), with the approvals of that share that become void.
 */
export function shareConsequences(
  tender: TenderView,
  documents: DocumentView[],
  change: { organisationId: string; deltaGrosz: number; voidedApprovals: number },
): ShareConsequences {
  const before = parseAmount(tender.valueNet);
  const after = Math.max(0, before + change.deltaGrosz);
  const regimeBefore = regimeLine(before, tender);
  const regimeAfter = regimeLine(after, tender);
  return {
    valueBefore: formatAmount(before),
    valueAfter: formatAmount(after),
    regimeBefore,
    regimeAfter,
    regimeChanges: !!regimeBefore && !!regimeAfter && regimeBefore.code !== regimeAfter.code,
    regimeOn: tender.publishedOn ?? tender.plannedStartOn ?? '',
    reopens: tender.status === 'READY',
    voidedApprovals: change.voidedApprovals,
    outdated: outdatedDocuments(documents, change.organisationId),
  };
}

/** The words of each share-change form: its title, review, button and the message after it. */
export type Words = { title: string; review: string; button: string; done: string };
export const SHARE_CHANGE_WORDS: Record<'declare' | 'propose' | 'change' | 'withdraw', Words> = {
  declare: {
    title: 'Zgłoś zapotrzebowanie jednostki',
    review: 'Sprawdź przed zgłoszeniem zapotrzebowania',
    button: 'Zgłoś zapotrzebowanie',
    done: 'Zgłoszono zapotrzebowanie',
  },
  propose: {
    title: 'Zaproponuj udział partnera',
    review: 'Sprawdź przed zaproponowaniem udziału',
    button: 'Zaproponuj udział',
    done: 'Zaproponowano udział',
  },
  change: {
    title: 'Zmień kwotę udziału',
    review: 'Sprawdź przed zmianą kwoty udziału',
    button: 'Zmień kwotę udziału',
    done: 'Zmieniono kwotę udziału',
  },
  withdraw: {
    title: 'Wycofaj udział partnera',
    review: 'Sprawdź przed wycofaniem udziału',
    button: 'Wycofaj udział',
    done: 'Wycofano udział',
  },
};
