/**
 * The procedure part of the PROTOCOL (protokół postępowania, art. 71 Pzp; Dz.U. 2020 poz. 2434,
 * Załącznik nr 1 – przetarg nieograniczony, nr 8 – tryb podstawowy): the snapshot the procedure
 * module hands over, turned into the rows and sentences the template prints. Pure.
 */
import {
  formatAmountPl,
  formatDatePl,
  formatDateTimePl,
  formatDateTimeShortPl,
  formatPlnWithWords,
} from './polish-format';

export interface ProcedureCriterionSnapshot {
  key: string;
  name: string;
  kind: 'PRICE' | 'OTHER';
  weight: number;
  direction: 'LOWER_BETTER' | 'HIGHER_BETTER';
}

export interface ProcedureOfferSnapshot {
  number: number;
  contractorName: string;
  contractorNip: string;
  contractorAddress: string;
  priceNet: number;
  priceGross: number;
  criteriaValues: Record<string, number>;
  receivedAt: string;
  status: 'VALID' | 'REJECTED';
  rejectionPoint: number | null;
  rejectionReason: string | null;
  /** Hundredths of a point per criterion key, for valid offers. */
  points: Record<string, number> | null;
  total: number | null;
  place: number | null;
}

export interface ProcedureLotSnapshot {
  number: number;
  title: string;
  criteria: ProcedureCriterionSnapshot[];
  plannedAmountGross: number | null;
  plannedBasis: 'SHARES' | 'OTHER' | null;
  plannedReason: string | null;
  offers: ProcedureOfferSnapshot[];
  outcome: 'PENDING' | 'RECOMMENDED' | 'AWARDED' | 'CANCELLED';
  tie: 'NONE' | 'LOWER_PRICE' | 'TIE';
  selectedOfferNumber: number | null;
  recommendation: string | null;
  recommendedAt: string | null;
  approvedAt: string | null;
  approvedByName: string | null;
  cancelPoint: number | null;
  cancelReason: string | null;
  cancelledAt: string | null;
  appeals: {
    appellant: string;
    filedOn: string;
    kioReference: string | null;
    subject: string;
    status: 'PENDING' | 'DISMISSED' | 'UPHELD' | 'WITHDRAWN' | 'DISCONTINUED';
    decidedOn: string | null;
    outcomeNote: string | null;
  }[];
  contracts: {
    organisationName: string;
    contractorName: string;
    signedOn: string;
    amountNet: number;
    amountGross: number;
  }[];
}

export interface ProcedureRecordSnapshot {
  notices: {
    type: 'CONTRACT_NOTICE' | 'RESULT_NOTICE';
    medium: 'BZP' | 'TED';
    number: string;
    publishedAt: string;
    ocid: string | null;
  }[];
  committee: {
    orderNumber: string;
    orderDate: string;
    members: {
      name: string;
      function: 'HEAD' | 'CHAIR' | 'SECRETARY' | 'MEMBER';
      statementOn: string | null;
      conflict: boolean | null;
      excluded: boolean;
    }[];
  } | null;
  openedAt: string | null;
  /** Termin związania ofertą (absent in snapshots stored before it was recorded). */
  offerValidity?: {
    until: string;
    originalUntil: string;
    basis: string;
    extension: {
      requestedOn: string;
      previousUntil: string;
      validUntil: string;
      reason: string;
      basis: string;
    } | null;
  } | null;
  lots: ProcedureLotSnapshot[];
}

/** A tender with nothing recorded by the procedure yet (before publication). */
export const EMPTY_PROCEDURE: ProcedureRecordSnapshot = {
  notices: [],
  committee: null,
  openedAt: null,
  lots: [],
};

const FUNCTION_PL = {
  HEAD: 'Kierownik zamawiającego',
  CHAIR: 'Przewodniczący komisji',
  SECRETARY: 'Sekretarz komisji',
  MEMBER: 'Członek komisji',
} as const;

const MEDIUM_PL = {
  BZP: 'Biuletyn Zamówień Publicznych',
  TED: 'Dziennik Urzędowy Unii Europejskiej',
};
const MEDIUM_IN_PL = {
  BZP: 'w Biuletynie Zamówień Publicznych',
  TED: 'w Dzienniku Urzędowym Unii Europejskiej',
};
const NOTICE_PL = {
  CONTRACT_NOTICE: 'Ogłoszenie o zamówieniu',
  RESULT_NOTICE: 'Ogłoszenie o wyniku postępowania',
};
const APPEAL_PL = {
  PENDING:
    'w toku – do czasu ogłoszenia wyroku lub postanowienia kończącego postępowanie odwoławcze umowy w tej części nie zawiera się (art. 577 ustawy Pzp)',
  DISMISSED: 'oddalone',
  UPHELD: 'uwzględnione',
  WITHDRAWN: 'wycofane',
  DISCONTINUED: 'postępowanie odwoławcze umorzone',
};

/** "9235" → "92,35" */
export function points(hundredths: number): string {
  return `${Math.floor(hundredths / 100)},${String(hundredths % 100).padStart(2, '0')}`;
}

function criterionFormula(c: ProcedureCriterionSnapshot): string {
  if (c.kind === 'PRICE') return `cena najniższa ÷ cena oferty badanej × ${c.weight} pkt`;
  return c.direction === 'HIGHER_BETTER'
    ? `wartość oferty badanej ÷ wartość najwyższa × ${c.weight} pkt`
    : `wartość najniższa ÷ wartość oferty badanej × ${c.weight} pkt`;
}

export function buildProtocolView(p: ProcedureRecordSnapshot) {
  const contractNotice = p.notices.find((n) => n.type === 'CONTRACT_NOTICE') ?? null;
  const notices = p.notices.map((n) => ({
    kindLabel: NOTICE_PL[n.type],
    mediumLabel: MEDIUM_PL[n.medium],
    number: n.number,
    publishedLabel: formatDateTimePl(n.publishedAt),
  }));
  const members = (p.committee?.members ?? []).map((m, i) => ({
    ordinal: i + 1,
    name: m.name,
    functionLabel: FUNCTION_PL[m.function],
    statementLabel:
      m.conflict === null
        ? 'nie złożono'
        : `${m.statementOn ? formatDatePl(m.statementOn) : ''} – ${m.conflict ? 'oświadczenie o istnieniu okoliczności, o których mowa w art. 56 ust. 2 ustawy Pzp' : 'brak okoliczności, o których mowa w art. 56 ust. 2 ustawy Pzp'}`,
    excludedLabel: m.excluded ? 'wyłączony z postępowania (art. 56 ust. 1 ustawy Pzp)' : '—',
  }));
  const lots = p.lots.map((lot) => {
    const criteria = lot.criteria.map((c, i) => ({
      ordinal: i + 1,
      name: c.name,
      weight: c.weight,
      formula: criterionFormula(c),
    }));
    const offers = lot.offers.map((o) => ({
      number: o.number,
      contractor: `${o.contractorName}, ${o.contractorAddress}, NIP ${o.contractorNip}`,
      receivedLabel: formatDateTimeShortPl(o.receivedAt),
      priceNet: formatAmountPl(o.priceNet),
      priceGross: formatAmountPl(o.priceGross),
      otherValues: lot.criteria
        .filter((c) => c.kind === 'OTHER')
        .map((c) => `${c.name}: ${String(o.criteriaValues[c.key] ?? '—').replace('.', ',')}`)
        .join('; '),
    }));
    const rejected = lot.offers
      .filter((o) => o.status === 'REJECTED')
      .map((o) => ({
        number: o.number,
        contractorName: o.contractorName,
        basis: `art. 226 ust. 1 pkt ${o.rejectionPoint ?? '?'} ustawy Pzp`,
        reason: o.rejectionReason ?? '',
      }));
    const scored = lot.offers
      .filter((o) => o.status === 'VALID' && o.total !== null)
      .sort((a, b) => (a.place ?? 0) - (b.place ?? 0))
      .map((o) => ({
        number: o.number,
        contractorName: o.contractorName,
        scores: lot.criteria.map((c) => points(o.points?.[c.key] ?? 0)).join(' / '),
        total: points(o.total ?? 0),
        place: o.place,
      }));
    const selected = lot.offers.find((o) => o.number === lot.selectedOfferNumber) ?? null;
    const awarded = lot.outcome === 'AWARDED' && selected !== null;
    return {
      number: lot.number,
      title: lot.title,
      criteria,
      criteriaHeader: lot.criteria.map((c) => c.name).join(' / '),
      plannedLabel:
        lot.plannedAmountGross === null ? null : formatPlnWithWords(lot.plannedAmountGross),
      plannedBasisLabel:
        lot.plannedBasis === 'OTHER'
          ? `kwota ustalona odrębnie: ${lot.plannedReason ?? ''}`
          : 'suma potwierdzonych udziałów brutto zamawiających w tej części',
      offersCount: lot.offers.length,
      offers,
      hasOffers: offers.length > 0,
      rejected,
      hasRejected: rejected.length > 0,
      scored,
      hasScored: scored.length > 0,
      awarded,
      cancelled: lot.outcome === 'CANCELLED',
      undecided: lot.outcome === 'PENDING' || lot.outcome === 'RECOMMENDED',
      selected: selected
        ? {
            number: selected.number,
            contractor: `${selected.contractorName}, ${selected.contractorAddress}, NIP ${selected.contractorNip}`,
            priceGrossLabel: formatPlnWithWords(selected.priceGross),
            total: points(selected.total ?? 0),
          }
        : null,
      tieLowerPrice: lot.tie === 'LOWER_PRICE',
      recommendation: lot.recommendation,
      approvedLabel: lot.approvedAt ? formatDatePl(lot.approvedAt) : null,
      approvedByName: lot.approvedByName,
      cancelBasis: lot.cancelPoint ? `art. 255 pkt ${lot.cancelPoint} ustawy Pzp` : null,
      cancelReason: lot.cancelReason,
      cancelledLabel: lot.cancelledAt ? formatDatePl(lot.cancelledAt) : null,
      appeals: lot.appeals.map((a) => ({
        appellant: a.appellant,
        filedLabel: formatDatePl(a.filedOn),
        kioReference: a.kioReference ?? 'bez sygnatury',
        subject: a.subject,
        outcomeLabel: APPEAL_PL[a.status] + (a.decidedOn ? ` (${formatDatePl(a.decidedOn)})` : ''),
        outcomeNote: a.outcomeNote,
      })),
      hasAppeals: lot.appeals.length > 0,
      contracts: lot.contracts.map((c) => ({
        organisationName: c.organisationName,
        contractorName: c.contractorName,
        signedLabel: formatDatePl(c.signedOn),
        amountNet: formatAmountPl(c.amountNet),
        amountGross: formatAmountPl(c.amountGross),
      })),
      hasContracts: lot.contracts.length > 0,
    };
  });
  return {
    contractNotice: contractNotice
      ? {
          mediumLabel: MEDIUM_IN_PL[contractNotice.medium],
          number: contractNotice.number,
          publishedLabel: formatDateTimePl(contractNotice.publishedAt),
        }
      : null,
    notices,
    hasNotices: notices.length > 0,
    committee: p.committee
      ? {
          orderNumber: p.committee.orderNumber,
          orderDateLabel: formatDatePl(p.committee.orderDate),
        }
      : null,
    members,
    openedLabel: p.openedAt ? formatDateTimePl(p.openedAt) : null,
    offerValidity: p.offerValidity
      ? {
          originalLabel: formatDatePl(p.offerValidity.originalUntil),
          basis: p.offerValidity.basis.replace(/ Pzp$/, ' ustawy Pzp'),
          extension: p.offerValidity.extension
            ? {
                requestedLabel: formatDatePl(p.offerValidity.extension.requestedOn),
                validLabel: formatDatePl(p.offerValidity.extension.validUntil),
                basis: p.offerValidity.extension.basis.replace(/ Pzp$/, ' ustawy Pzp'),
                reason: p.offerValidity.extension.reason,
              }
            : null,
        }
      : null,
    lots,
    hasAppeals: lots.some((l) => l.hasAppeals),
    hasContracts: lots.some((l) => l.hasContracts),
  };
}

export type ProtocolProcedureView = ReturnType<typeof buildProtocolView>;
