import { grossFromNet, splitLargestRemainder } from '../../common/money';
import { buildProtocolView, EMPTY_PROCEDURE, type ProtocolProcedureView } from './protocol-view';
import {
  APPROVAL_DECISION_LABEL,
  APPROVAL_STEP_LABEL,
  COST_SHARING_LABEL,
  DEADLINE_KIND_LABEL,
  DOCUMENT_KIND_LABEL,
  ORGANISATION_KIND_LABEL,
  PAYMENT_KIND_LABEL,
  PROCEDURE_LABEL,
  PROCEDURE_MODE,
  REGIME_LABEL,
  REGIME_SHORT_LABEL,
  SETTLEMENT_MODEL_LABEL,
  SHARE_STATUS_LABEL,
  SUBJECT_KIND_LABEL,
  TREASURER_TITLE,
} from './labels';
import {
  formatDatePl,
  formatDateTimePl,
  formatDateShortPl,
  formatDateTimeShortPl,
  formatPercentBp,
  formatVatRate,
} from './polish-format';
import type {
  AnyDocumentSnapshot,
  ApprovalSnapshot,
  CostSharingMethod,
  DeadlineKind,
  DocumentKind,
  OrganisationSnapshot,
  PartnershipSnapshot,
  PersonSnapshot,
  SettlementInvoiceSnapshot,
  SettlementPaymentSnapshot,
  SettlementStatementSnapshot,
  ShareSnapshot,
  TenderSnapshot,
} from './snapshot.types';
import { lotTitleWithoutNumber } from '../../common/vocabulary';

/*
 * The data a template sees. Everything a lawyer needs is precomputed here (totals, percentages,
 * labels, the leader first), so templates only place values and never do arithmetic.
 * templates/README.md documents these fields; keep the two in step.
 */

export class SnapshotError extends Error {
  readonly code = 'DOCUMENT_SNAPSHOT_INVALID';
}

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

export interface DeadlineModel {
  kind: DeadlineKind;
  label: string;
  dueAt: string;
  dueLabel: string;
  basis: string;
  responsibleName: string | null;
}

export interface ChronologyRow {
  ordinal: number;
  at: string;
  atLabel: string;
  what: string;
  who: string;
  isDeadline: boolean;
}

export interface EstimationModel {
  estimatedOnLabel: string;
  method: string;
  estimatedByName: string | null;
  eurRateLabel: string;
  valueEurLabel: string;
  nationalThresholdNet: number;
  euThresholdNet: number;
}

export interface TenderModel extends TenderSnapshot {
  subjectKindLabel: string;
  procedureLabel: string;
  /** "w trybie przetargu nieograniczonego, o którym mowa w art. 132 ustawy Pzp". */
  procedureMode: string;
  regimeLabel: string;
  regimeShortLabel: string;
  settlementModelLabel: string;
  costSharingMethod: CostSharingMethod;
  costSharingLabel: string;
  isSeparateContracts: boolean;
  isLeaderContract: boolean;
  isEu: boolean;
  isNational: boolean;
  isBelowNational: boolean;
  /** Where notices go, in the locative after "w": "Biuletynie Zamówień Publicznych". */
  noticeMedium: string;
}

export interface SettlementInvoiceModel extends SettlementInvoiceSnapshot {
  ordinal: number;
  issuedOnLabel: string;
  dueOnLabel: string;
}

export interface SettlementPaymentModel extends SettlementPaymentSnapshot {
  ordinal: number;
  kindLabel: string;
  /** "wpłata Partnera" / "zwrot na rzecz Partnera". */
  directionLabel: string;
  /** Who receives the money: "Gmina Skawina (Lider)", "wykonawca", the partner. */
  recipientLabel: string;
  dueOnLabel: string;
  paidOnLabel: string | null;
  /** "zapłacono 12 maja 2027 r.", "po terminie", "do zapłaty". */
  statusLabel: string;
  isSubsidy: boolean;
  useUntilLabel: string | null;
  agreementSignedOnLabel: string | null;
  settlementDueOnLabel: string | null;
  returnDueOnLabel: string | null;
  settledOnLabel: string | null;
  /** Unused part of a settled subsidy (amount − used), grosz; null until settled. */
  unusedAmount: number | null;
}

export interface SettlementStatementModel {
  asOf: string;
  asOfLabel: string;
  invoices: SettlementInvoiceModel[];
  hasInvoices: boolean;
  /** "FV/2027/04/118, FV/2027/05/007" */
  invoiceNumbers: string;
  allocated: MoneyTotals;
  paid: number;
  refunded: number;
  receivedFromPartners: number;
  /** The leader's statement shows what the partners transferred to it. */
  showReceivedFromPartners: boolean;
  subsidies: SettlementStatementSnapshot['subsidies'] & { returnDueOnLabel: string | null };
  hasSubsidies: boolean;
  subsidyPayments: SettlementPaymentModel[];
  outstanding: number;
  overdue: number;
  balance: number;
  /** |balance|, for "do zapłaty: …" / "do zwrotu: …" sentences. */
  balanceAbs: number;
  owes: boolean;
  isOwed: boolean;
  isSettled: boolean;
  /** "Niedopłata – kwota do zapłaty przez Partnera" / "Nadpłata – kwota należna Partnerowi". */
  balanceLabel: string;
  nextDue:
    | (NonNullable<SettlementStatementSnapshot['nextDue']> & {
        kindLabel: string;
        dueOnLabel: string;
        payerName: string;
        /** "do zapłaty przez Gminę …" is avoided (declension): "płatnik: Gmina Liszki". */
        directionLabel: string;
      })
    | null;
  payments: SettlementPaymentModel[];
  hasPayments: boolean;
}

export interface DocumentModel {
  kind: DocumentKind;
  kindLabel: string;
  generatedAt: string;
  generatedOnLabel: string;
  partnership: PartnershipSnapshot & { agreementDateLabel: string | null };
  tender: TenderModel;
  leader: PartyModel;
  /** Leader first, then partners in snapshot order. */
  parties: PartyModel[];
  /** Parties other than the leader. */
  partners: PartyModel[];
  /** Parties that buy something (non-financial partners such as an LGD are left out). */
  payingParties: PartyModel[];
  /** Some lot is awarded: the cost split shows the estimate beside the awarded prices. */
  awarded: boolean;
  awardTotals: { net: number; gross: number } | null;
  /** Paying parties other than the leader (they fund the leader's contract). */
  payingPartners: PartyModel[];
  lots: LotModel[];
  multiLot: boolean;
  totals: MoneyTotals;
  deadlines: DeadlineModel[];
  /** The partner a per-partner document is for (POWER_OF_ATTORNEY, SHARE_CONFIRMATION, SETTLEMENT). */
  partner: PartyModel | null;
  /** COST_SPLIT, SETTLEMENT: who prepared the statement (the person who requested it). */
  preparedBy: { name: string; title: string } | null;
  /** POWER_OF_ATTORNEY only: the rendered agreement it cites ("w brzmieniu z dnia … (wersja 2)"). */
  agreement: { version: number; dateLabel: string } | null;
  /** SETTLEMENT only: the partner's settlement with its invoices and payments. */
  settlement: SettlementStatementModel | null;
  chronology: ChronologyRow[];
  /** PROTOCOL only: the procedure's records as the statutory template prints them. */
  protocol: ProtocolProcedureView | null;
  estimation: EstimationModel | null;
  /** Citations of statutes from templates/legal-references.json. */
  law: Record<string, string>;
}

function sumTotals(items: readonly { amountNet: number; amountGross: number }[]): MoneyTotals {
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

function isDateOnly(value: string): boolean {
  return /^\d{4}-\d{2}-\d{2}$/.test(value);
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

/** PLN/EUR rate "4.31" → ten-thousandths (43100), so EUR maths stays in integers. */
function rateToUnits(rate: string): bigint {
  const m = /^(\d+)(?:[.,](\d{1,4}))?$/.exec(rate.trim());
  if (!m) throw new SnapshotError(`Invalid EUR rate: ${rate}`);
  return BigInt(m[1]) * 10000n + BigInt((m[2] ?? '').padEnd(4, '0'));
}

function formatEur(cents: bigint): string {
  const whole = (cents / 100n).toString().replace(/\B(?=(\d{3})+(?!\d))/g, ' ');
  return `${whole},${(cents % 100n).toString().padStart(2, '0')} euro`;
}

/** Locative, to follow "w": "publikacja w Biuletynie Zamówień Publicznych". */
const NOTICE_MEDIUM: Record<TenderSnapshot['regime'], string> = {
  OUTSIDE_ACT: 'Biuletynie Informacji Publicznej Lidera',
  NATIONAL: 'Biuletynie Zamówień Publicznych',
  EU: 'Dzienniku Urzędowym Unii Europejskiej',
};

export function buildDocumentModel(
  kind: DocumentKind,
  snapshot: AnyDocumentSnapshot,
  law: Record<string, string>,
): DocumentModel {
  // Snapshots stored before the regime took the API's spelling say BELOW_NATIONAL.
  const stored = snapshot.tender;
  const legacy = (stored.regime as string) === 'BELOW_NATIONAL';
  const tender = legacy ? { ...stored, regime: 'OUTSIDE_ACT' as const } : stored;
  const byId = new Map(snapshot.parties.map((p) => [p.id, p]));
  const leaderOrg = byId.get(tender.leaderOrganisationId);
  if (!leaderOrg) {
    throw new SnapshotError(`Leader ${tender.leaderOrganisationId} is not among the parties`);
  }
  const orderedOrgs = [leaderOrg, ...snapshot.parties.filter((p) => p.id !== leaderOrg.id)];

  // Shares per lot, with percentages among the lot's active shares.
  const sharesByOrg = new Map<string, ShareModel[]>();
  const lots: LotModel[] = [...snapshot.lots]
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
  const nameOf = (id: string | undefined): string | null =>
    id === undefined ? null : (byId.get(id)?.name ?? null);

  const deadlines: DeadlineModel[] = [...snapshot.deadlines]
    .sort((a, b) => Date.parse(a.dueAt) - Date.parse(b.dueAt))
    .map((d) => ({
      kind: d.kind,
      label: d.title ?? DEADLINE_KIND_LABEL[d.kind],
      dueAt: d.dueAt,
      dueLabel: isDateOnly(d.dueAt) ? formatDatePl(d.dueAt) : formatDateTimePl(d.dueAt),
      basis: d.basis,
      responsibleName: nameOf(d.responsibleOrganisationId),
    }));

  let partner: PartyModel | null = null;
  if ('forOrganisationId' in snapshot) {
    partner = parties.find((p) => p.id === snapshot.forOrganisationId) ?? null;
    if (!partner) {
      throw new SnapshotError(`Organisation ${snapshot.forOrganisationId} is not a party`);
    }
  }
  // The types say so, but snapshots come back from jsonb: a per-partner document without its
  // partner would print blanks where names belong, so refuse it.
  if (
    (kind === 'POWER_OF_ATTORNEY' || kind === 'SHARE_CONFIRMATION' || kind === 'SETTLEMENT') &&
    !partner
  ) {
    throw new SnapshotError(`${kind} needs forOrganisationId`);
  }
  let settlement: SettlementStatementModel | null = null;
  if (kind === 'SETTLEMENT') {
    if (!('settlement' in snapshot) || snapshot.settlement === null || !partner) {
      throw new SnapshotError('SETTLEMENT needs settlement');
    }
    settlement = buildSettlementView(snapshot.settlement, partner, parties[0], (id) =>
      id === undefined ? null : (byId.get(id)?.name ?? null),
    );
  }
  if (kind === 'PROTOCOL' && !('events' in snapshot && Array.isArray(snapshot.events))) {
    throw new SnapshotError('PROTOCOL needs events');
  }

  const chronology = 'events' in snapshot ? buildChronology(snapshot.events, deadlines) : [];
  const totals = sumTotals(lots.flatMap((l) => l.shares));

  let estimation: EstimationModel | null = null;
  const est = tender.valueEstimation;
  if (est) {
    const units = rateToUnits(est.eurRate);
    // grosz → euro cents: value / rate, rounded half up.
    const cents = (BigInt(totals.net) * 10000n * 2n + units) / (units * 2n);
    estimation = {
      estimatedOnLabel: formatDatePl(est.estimatedOn),
      method: est.method,
      estimatedByName: est.estimatedByName ?? null,
      eurRateLabel: `${est.eurRate.replace('.', ',')} zł`,
      valueEurLabel: formatEur(cents),
      nationalThresholdNet: est.nationalThresholdNet,
      euThresholdNet: est.euThresholdNet,
    };
  }

  const costSharingMethod = tender.costSharing ?? 'PROPORTIONAL';
  return {
    kind,
    kindLabel: DOCUMENT_KIND_LABEL[kind],
    generatedAt: snapshot.generatedAt,
    generatedOnLabel: formatDatePl(snapshot.generatedAt),
    partnership: {
      ...snapshot.partnership,
      agreementDateLabel: snapshot.partnership.agreementDate
        ? formatDatePl(snapshot.partnership.agreementDate)
        : null,
    },
    tender: {
      ...tender,
      subjectKindLabel: SUBJECT_KIND_LABEL[tender.subjectKind],
      procedureLabel: PROCEDURE_LABEL[tender.procedure],
      procedureMode: PROCEDURE_MODE[tender.procedure],
      regimeLabel: REGIME_LABEL[tender.regime],
      regimeShortLabel: REGIME_SHORT_LABEL[tender.regime],
      settlementModelLabel: SETTLEMENT_MODEL_LABEL[tender.settlementModel],
      costSharingMethod,
      costSharingLabel: COST_SHARING_LABEL[costSharingMethod],
      isSeparateContracts: tender.settlementModel === 'SEPARATE_CONTRACTS',
      isLeaderContract: tender.settlementModel === 'LEADER_CONTRACT',
      isEu: tender.regime === 'EU',
      isNational: tender.regime === 'NATIONAL',
      isBelowNational: tender.regime === 'OUTSIDE_ACT',
      noticeMedium: NOTICE_MEDIUM[tender.regime],
    },
    leader: parties[0],
    parties,
    partners: parties.slice(1),
    payingParties: parties.filter((p) => p.hasShares),
    awarded: lots.some((l) => l.award !== null),
    awardTotals: lots.some((l) => l.award !== null)
      ? {
          net: lots.reduce((sum, l) => sum + (l.award?.amountNet ?? 0), 0),
          gross: lots.reduce((sum, l) => sum + (l.award?.amountGross ?? 0), 0),
        }
      : null,
    payingPartners: parties.filter((p) => p.hasShares && !p.isLeader),
    lots,
    multiLot: lots.length > 1,
    totals,
    deadlines,
    partner,
    preparedBy: snapshot.preparedBy ?? null,
    agreement:
      'agreement' in snapshot && snapshot.agreement
        ? {
            version: snapshot.agreement.version,
            dateLabel: formatDatePl(snapshot.agreement.generatedAt),
          }
        : null,
    settlement,
    chronology,
    protocol:
      kind === 'PROTOCOL'
        ? buildProtocolView(
            ('procedure' in snapshot ? snapshot.procedure : undefined) ?? EMPTY_PROCEDURE,
          )
        : null,
    estimation,
    law,
  };
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

const dateOrNull = (d: string | undefined | null): string | null => (d ? formatDatePl(d) : null);

function buildSettlementView(
  s: SettlementStatementSnapshot,
  partner: PartyModel,
  leader: PartyModel,
  nameOf: (id: string | undefined) => string | null,
): SettlementStatementModel {
  const role = partner.isLeader ? 'Lidera' : 'Partnera';
  const payments = s.payments.map((p, i): SettlementPaymentModel => {
    const recipient =
      p.kind === 'INVOICE_PAYMENT'
        ? `wykonawca${p.invoiceNumber ? ` (faktura ${p.invoiceNumber})` : ''}`
        : p.direction === 'IN'
          ? partner.name
          : `${leader.name} (Lider)`;
    return {
      ...p,
      ordinal: i + 1,
      kindLabel: PAYMENT_KIND_LABEL[p.kind],
      directionLabel: p.direction === 'IN' ? `wpływ na rzecz ${role}` : `wydatek ${role}`,
      recipientLabel: recipient,
      dueOnLabel: formatDatePl(p.dueOn),
      paidOnLabel: dateOrNull(p.paidOn),
      statusLabel: p.paidOn
        ? `zapłacono ${formatDatePl(p.paidOn)}`
        : p.dueOn < s.asOf
          ? 'po terminie'
          : 'do zapłaty',
      isSubsidy: p.kind === 'SUBSIDY',
      useUntilLabel: dateOrNull(p.useUntil),
      agreementSignedOnLabel: dateOrNull(p.agreementSignedOn),
      settlementDueOnLabel: dateOrNull(p.settlementDueOn),
      returnDueOnLabel: dateOrNull(p.returnDueOn),
      settledOnLabel: dateOrNull(p.settledOn),
      unusedAmount: p.usedAmount === undefined ? null : p.amount - p.usedAmount,
    };
  });
  const balanceLabel =
    s.balance < 0
      ? `Niedopłata – kwota do zapłaty przez ${role}`
      : s.balance > 0
        ? `Nadpłata – kwota należna ${partner.isLeader ? 'Liderowi' : 'Partnerowi'}`
        : 'rozliczono w całości';
  const next = s.nextDue;
  return {
    asOf: s.asOf,
    asOfLabel: formatDatePl(s.asOf),
    invoices: s.invoices.map((inv, i) => ({
      ...inv,
      ordinal: i + 1,
      issuedOnLabel: formatDatePl(inv.issuedOn),
      dueOnLabel: formatDatePl(inv.dueOn),
    })),
    hasInvoices: s.invoices.length > 0,
    invoiceNumbers: s.invoices.map((inv) => inv.number).join(', '),
    allocated: { ...s.allocated },
    paid: s.paid,
    refunded: s.refunded,
    receivedFromPartners: s.receivedFromPartners,
    showReceivedFromPartners: partner.isLeader && s.receivedFromPartners !== 0,
    subsidies: { ...s.subsidies, returnDueOnLabel: dateOrNull(s.subsidies.returnDueOn) },
    hasSubsidies: s.subsidies.granted > 0,
    subsidyPayments: payments.filter((p) => p.isSubsidy),
    outstanding: s.outstanding,
    overdue: s.overdue,
    balance: s.balance,
    balanceAbs: Math.abs(s.balance),
    owes: s.balance < 0,
    isOwed: s.balance > 0,
    isSettled: s.balance === 0,
    balanceLabel,
    nextDue: next
      ? {
          ...next,
          kindLabel: PAYMENT_KIND_LABEL[next.kind],
          dueOnLabel: formatDatePl(next.dueOn),
          payerName: nameOf(next.payerOrganisationId) ?? '',
          directionLabel:
            next.direction === 'IN' ? `do otrzymania przez ${role}` : `do zapłaty przez ${role}`,
        }
      : null,
    payments,
    hasPayments: payments.length > 0,
  };
}

function buildChronology(
  events: readonly { at: string; actorName: string; description: string }[],
  deadlines: readonly DeadlineModel[],
): ChronologyRow[] {
  const rows = [
    ...events.map((e) => ({
      at: e.at,
      what: e.description,
      who: e.actorName,
      isDeadline: false,
    })),
    ...deadlines.map((d) => ({
      at: d.dueAt,
      what: d.label.charAt(0).toLocaleUpperCase('pl-PL') + d.label.slice(1),
      who: d.basis,
      isDeadline: true,
    })),
  ];
  // Stable by time; at the same instant recorded acts come before the deadline that closes them.
  const indexed = rows.map((row, i) => ({ row, i, t: Date.parse(row.at) }));
  indexed.sort(
    (a, b) => a.t - b.t || Number(a.row.isDeadline) - Number(b.row.isDeadline) || a.i - b.i,
  );
  return indexed.map(({ row }, i) => ({
    ordinal: i + 1,
    at: row.at,
    atLabel: isDateOnly(row.at) ? formatDateShortPl(row.at) : formatDateTimeShortPl(row.at),
    what: row.what,
    who: row.who,
    isDeadline: row.isDeadline,
  }));
}
