import { grossFromNet, splitLargestRemainder } from '../../common/money';
import { lotTitleWithoutNumber } from '../../common/vocabulary';
import {
  APPROVAL_DECISION_LABEL,
  APPROVAL_STEP_LABEL,
  ORGANISATION_KIND_LABEL,
  SHARE_STATUS_LABEL,
  TREASURER_TITLE,
} from './labels';
import {
  formatDateTimePl,
  formatDateTimeShortPl,
  formatPercentBp,
  formatVatRate,
} from './polish-format';
import { SnapshotError } from './snapshot-error';
import type {
  ApprovalSnapshot,
  LotSnapshot,
  OrganisationSnapshot,
  PersonSnapshot,
  ShareSnapshot,
} from './snapshot.types';

/*
 * The parties, lots and shares of a document as templates see them (every document kind prints
 * them): totals, percentages that add up to 100,00%, Polish labels and grammatical forms.
 */

export interface MoneyTotals {
  net: number;
  vat: number;
  gross: number;
}

export interface ApprovalModel extends ApprovalSnapshot {
  ordinal: number;
  stepLabel: string;
  decisionLabel: string;
  /** "zatwierdzono" or, for a voided entry, "zatwierdzono – unieważniono". */
  decisionWithVoid: string;
  decidedAtLabel: string;
  decidedAtShort: string;
}

export interface ShareModel {
  lotNumber: number;
  lotTitle: string;
  organisationId: string;
  organisationName: string;
  scope: string;
  amountNet: number;
  vatRate: number;
  vatRateLabel: string;
  vat: number;
  amountGross: number;
  budgetClassification: string;
  wpfReference: string | null;
  status: ShareSnapshot['status'];
  statusLabel: string;
  withdrawn: boolean;
  /** Share of the lot's net value among active shares, "12,34%"; the lot's shares sum to 100%. */
  percentOfLot: string;
  approvals: ApprovalModel[];
  /** The register of amounts: first proposal, then each change (who, from, to, why). */
  amountChanges: {
    ordinal: number;
    atShort: string;
    userName: string;
    from: number | null;
    to: number;
    reason: string | null;
  }[];
  /** The treasurer's countersignature and the head's signature are both on record and not void. */
  legallyConfirmed: boolean;
}

/**
 * Participles that agree with the party's grammatical gender ("Gmina … reprezentowana", "Powiat
 * … reprezentowany", "Miasto … reprezentowane"), so templates can write {{pl.zwana}} dalej….
 */
export interface PolishForms {
  reprezentowana: string;
  zwana: string;
  ktora: string;
  zobowiazana: string;
}

type Gender = 'f' | 'm' | 'n';

const FORMS: Record<Gender, PolishForms> = {
  f: {
    reprezentowana: 'reprezentowana',
    zwana: 'zwana',
    ktora: 'która',
    zobowiazana: 'zobowiązana',
  },
  m: {
    reprezentowana: 'reprezentowany',
    zwana: 'zwany',
    ktora: 'który',
    zobowiazana: 'zobowiązany',
  },
  n: {
    reprezentowana: 'reprezentowane',
    zwana: 'zwane',
    ktora: 'które',
    zobowiazana: 'zobowiązane',
  },
};

const GENDER_BY_FIRST_WORD: Record<string, Gender> = {
  gmina: 'f',
  powiat: 'm',
  miasto: 'n',
  województwo: 'n',
  związek: 'm',
  stowarzyszenie: 'n',
  fundacja: 'f',
  lokalna: 'f',
  spółka: 'f',
};

const GENDER_BY_KIND: Record<OrganisationSnapshot['kind'], Gender> = {
  GMINA_MIEJSKA: 'f',
  GMINA_WIEJSKA: 'f',
  GMINA_MIEJSKO_WIEJSKA: 'f',
  MIASTO_NA_PRAWACH_POWIATU: 'n',
  POWIAT: 'm',
  WOJEWODZTWO: 'n',
  ZWIAZEK: 'm',
  STOWARZYSZENIE: 'n',
  LGD: 'n',
};

/** The official name decides ("Gmina Miejska Kraków" is feminine); the kind is the fallback. */
function genderOf(org: OrganisationSnapshot): Gender {
  const first = org.name.trim().split(/\s+/)[0]?.toLocaleLowerCase('pl-PL') ?? '';
  return GENDER_BY_FIRST_WORD[first] ?? GENDER_BY_KIND[org.kind];
}

export interface PartyModel {
  id: string;
  ordinal: number;
  name: string;
  kind: OrganisationSnapshot['kind'];
  kindLabel: string;
  nip: string;
  regon: string;
  teryt: string | null;
  addressLine: string;
  street: string;
  postalCode: string;
  city: string;
  headTitle: string;
  headName: string;
  representatives: PersonSnapshot[];
  /** "Jan Kowalski – Burmistrz Miasta i Gminy Skawina" (joined with ", " for two people). */
  representation: string;
  representingBody: string | null;
  treasurerName: string;
  treasurerTitle: string;
  contact: { name: string; email?: string } | null;
  isLeader: boolean;
  roleLabel: 'Lider' | 'Partner';
  /** For "zwana dalej „Liderem”": the role in the instrumental case. */
  roleInstrumental: 'Liderem' | 'Partnerem';
  pl: PolishForms;
  /** All shares of this party, withdrawn ones included (marked). */
  shares: ShareModel[];
  hasShares: boolean;
  totals: MoneyTotals;
  /** After an award: the party's parts of the awarded prices over all lots (null before). */
  awardTotals: { net: number; gross: number } | null;
  /** Share of the whole tender's net value, "12,34%"; all parties sum to 100%. */
  percentOfTotal: string;
}

export interface LotModel {
  number: number;
  title: string;
  /** Active (not withdrawn) shares. */
  shares: ShareModel[];
  totals: MoneyTotals;
  /** The awarded price split over the lot's shares in their proportion (largest remainder). */
  award: {
    contractorName: string;
    amountNet: number;
    amountGross: number;
    parts: {
      organisationId: string;
      organisationName: string;
      /** The confirmed share (the estimate) beside the part of the awarded price. */
      estimateNet: number;
      percentOfLot: string;
      amountNet: number;
      amountGross: number;
    }[];
  } | null;
  cancelled: boolean;
}

export function sumTotals(
  items: readonly { amountNet: number; amountGross: number }[],
): MoneyTotals {
  let net = 0;
  let gross = 0;
  for (const item of items) {
    net += item.amountNet;
    gross += item.amountGross;
  }
  return { net, gross, vat: gross - net };
}

/**
 * Largest-remainder split of 100,00% (10 000 basis points) by weight, so a column of
 * percentages in a document always adds up to exactly 100,00%. BigInt keeps grosz × 10 000 exact.
 */
export function percentagesBp(weights: readonly number[]): number[] {
  const total = weights.reduce((a, b) => a + BigInt(b), 0n);
  if (total <= 0n) return weights.map(() => 0);
  const floors = weights.map((w) => (BigInt(w) * 10000n) / total);
  const remainders = weights.map((w, i) => ({
    i,
    rem: (BigInt(w) * 10000n) % total,
  }));
  let missing = 10000 - floors.reduce((a, b) => a + Number(b), 0);
  remainders.sort((a, b) => (a.rem === b.rem ? a.i - b.i : a.rem > b.rem ? -1 : 1));
  const result = floors.map(Number);
  for (const { i } of remainders) {
    if (missing <= 0) break;
    result[i] += 1;
    missing -= 1;
  }
  return result;
}

function approvalView(approval: ApprovalSnapshot, index: number): ApprovalModel {
  const decisionLabel = APPROVAL_DECISION_LABEL[approval.decision];
  return {
    ...approval,
    ordinal: index + 1,
    stepLabel: APPROVAL_STEP_LABEL[approval.step],
    decisionLabel,
    decisionWithVoid: approval.void ? `${decisionLabel} – unieważniono` : decisionLabel,
    decidedAtLabel: formatDateTimePl(approval.decidedAt),
    decidedAtShort: formatDateTimeShortPl(approval.decidedAt),
  };
}

function isLegallyConfirmed(approvals: readonly ApprovalSnapshot[]): boolean {
  const valid = approvals.filter((a) => !a.void && a.decision === 'APPROVE');
  return valid.some((a) => a.step === 'TREASURER') && valid.some((a) => a.step === 'HEAD');
}

/** The lots in number order with their shares' models, and each organisation's shares. */
export function buildLotModels(
  snapshotLots: readonly LotSnapshot[],
  byId: ReadonlyMap<string, OrganisationSnapshot>,
): { lots: LotModel[]; sharesByOrg: Map<string, ShareModel[]> } {
  const sharesByOrg = new Map<string, ShareModel[]>();
  const lots: LotModel[] = [...snapshotLots]
    .sort((a, b) => a.number - b.number)
    .map((lot) => {
      const active = lot.shares.filter((s) => s.status !== 'WITHDRAWN');
      const bp = percentagesBp(active.map((s) => s.amountNet));
      const views = lot.shares.map((share): ShareModel => {
        const org = byId.get(share.organisationId);
        if (!org) {
          throw new SnapshotError(
            `Share in lot ${lot.number} names unknown organisation ${share.organisationId}`,
          );
        }
        const activeIndex = active.indexOf(share);
        const view: ShareModel = {
          lotNumber: lot.number,
          lotTitle: lotTitleWithoutNumber(lot.number, lot.title),
          organisationId: org.id,
          organisationName: org.name,
          scope: share.scope,
          amountNet: share.amountNet,
          vatRate: share.vatRate,
          vatRateLabel: formatVatRate(share.vatRate),
          vat: share.amountGross - share.amountNet,
          amountGross: share.amountGross,
          // "600/60016/4270": no spaces, so a table cell never breaks it across lines.
          budgetClassification: share.budgetClassification.replace(/\s*\/\s*/g, '/'),
          wpfReference: share.wpfReference ?? null,
          status: share.status,
          statusLabel: SHARE_STATUS_LABEL[share.status],
          withdrawn: share.status === 'WITHDRAWN',
          percentOfLot: activeIndex >= 0 ? formatPercentBp(bp[activeIndex]) : '—',
          approvals: share.approvals.map(approvalView),
          amountChanges: (share.amountChanges ?? []).map((c, i) => ({
            ordinal: i + 1,
            atShort: formatDateTimeShortPl(c.at),
            userName: c.userName,
            from: c.from ?? null,
            to: c.to,
            reason: c.reason ?? null,
          })),
          legallyConfirmed: isLegallyConfirmed(share.approvals),
        };
        const list = sharesByOrg.get(org.id) ?? [];
        list.push(view);
        sharesByOrg.set(org.id, list);
        return view;
      });
      const activeViews = views.filter((v) => !v.withdrawn);
      return {
        number: lot.number,
        title: lotTitleWithoutNumber(lot.number, lot.title),
        shares: activeViews,
        totals: sumTotals(activeViews),
        award: lot.award ? awardView(lot.award, activeViews) : null,
        cancelled: lot.cancelled === true,
      };
    });
  return { lots, sharesByOrg };
}

/** The parties, the leader first, with their shares, totals and percentages of the tender. */
export function buildPartyModels(
  orderedOrgs: readonly OrganisationSnapshot[],
  leaderOrg: OrganisationSnapshot,
  lots: readonly LotModel[],
  sharesByOrg: ReadonlyMap<string, ShareModel[]>,
): PartyModel[] {
  const partyTotals = orderedOrgs.map((org) =>
    sumTotals((sharesByOrg.get(org.id) ?? []).filter((s) => !s.withdrawn)),
  );
  const partyBp = percentagesBp(partyTotals.map((t) => t.net));

  const parties: PartyModel[] = orderedOrgs.map((org, index) => {
    const representatives: PersonSnapshot[] = [
      { title: org.headTitle, name: org.headName },
      ...(org.additionalRepresentatives ?? []),
    ];
    const shares = sharesByOrg.get(org.id) ?? [];
    return {
      id: org.id,
      ordinal: index + 1,
      name: org.name,
      kind: org.kind,
      kindLabel: ORGANISATION_KIND_LABEL[org.kind],
      nip: org.nip,
      regon: org.regon,
      teryt: org.teryt ?? null,
      addressLine: `${org.address.street}, ${org.address.postalCode} ${org.address.city}`,
      street: org.address.street,
      postalCode: org.address.postalCode,
      city: org.address.city,
      headTitle: org.headTitle,
      headName: org.headName,
      representatives,
      representation: representatives.map((r) => `${r.name} – ${r.title}`).join(', '),
      representingBody: org.representingBody ?? null,
      treasurerName: org.treasurerName,
      treasurerTitle: org.treasurerTitle ?? TREASURER_TITLE[org.kind],
      contact: org.contact ?? null,
      isLeader: org.id === leaderOrg.id,
      roleLabel: org.id === leaderOrg.id ? 'Lider' : 'Partner',
      roleInstrumental: org.id === leaderOrg.id ? 'Liderem' : 'Partnerem',
      pl: FORMS[genderOf(org)],
      shares,
      hasShares: shares.some((s) => !s.withdrawn),
      totals: partyTotals[index],
      awardTotals: awardTotalsOf(lots, org.id),
      percentOfTotal: formatPercentBp(partyBp[index]),
    };
  });
  return parties;
}

function awardView(
  award: { contractorName: string; amountNet: number },
  shares: readonly ShareModel[],
): NonNullable<LotModel['award']> {
  const nets =
    shares.length > 0
      ? splitLargestRemainder(
          award.amountNet,
          shares.map((s) => s.amountNet),
        )
      : [];
  const parts = shares.map((s, i) => ({
    organisationId: s.organisationId,
    organisationName: s.organisationName,
    estimateNet: s.amountNet,
    percentOfLot: s.percentOfLot,
    amountNet: nets[i],
    amountGross: grossFromNet(nets[i], s.vatRate),
  }));
  return {
    contractorName: award.contractorName,
    amountNet: award.amountNet,
    amountGross: parts.reduce((sum, p) => sum + p.amountGross, 0),
    parts,
  };
}

function awardTotalsOf(lots: readonly LotModel[], organisationId: string) {
  const parts = lots.flatMap((l) =>
    (l.award?.parts ?? []).filter((p) => p.organisationId === organisationId),
  );
  if (!lots.some((l) => l.award)) return null;
  return {
    net: parts.reduce((sum, p) => sum + p.amountNet, 0),
    gross: parts.reduce((sum, p) => sum + p.amountGross, 0),
  };
}
