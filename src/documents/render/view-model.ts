import { buildChronologyModel, isDateOnly, type ChronologyRowModel } from './chronology-model';
import {
  COST_SHARING_LABEL,
  DEADLINE_KIND_LABEL,
  DOCUMENT_KIND_LABEL,
  PROCEDURE_LABEL,
  PROCEDURE_MODE,
  REGIME_LABEL,
  REGIME_SHORT_LABEL,
  SETTLEMENT_MODEL_LABEL,
  SUBJECT_KIND_LABEL,
} from './labels';
import {
  buildLotModels,
  buildPartyModels,
  sumTotals,
  type LotModel,
  type MoneyTotals,
  type PartyModel,
} from './party-model';
import { formatDatePl, formatDateTimePl } from './polish-format';
import { buildProtocolView, EMPTY_PROCEDURE, type ProtocolProcedureView } from './protocol-view';
import { buildSettlementModel, type SettlementStatementModel } from './settlement-model';
import { SnapshotError } from './snapshot-error';
import { buildTaskAnnexModel, type TaskAnnexModel } from './task-annex-model';
import { warsawDate } from '../../common/polish-calendar';
import type {
  AnyDocumentSnapshot,
  CostSharingMethod,
  DeadlineKind,
  DocumentKind,
  PartnershipSnapshot,
  TenderSnapshot,
} from './snapshot.types';

/*
 * The data a template sees. Everything a lawyer needs is precomputed here (totals, percentages,
 * labels, the leader first), so templates only place values and never do arithmetic.
 * templates/README.md documents these fields; keep the two in step.
 */

export interface DeadlineModel {
  kind: DeadlineKind;
  label: string;
  dueAt: string;
  dueLabel: string;
  basis: string;
  responsibleName: string | null;
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
  chronology: ChronologyRowModel[];
  /** PROTOCOL only: the procedure's records as the statutory template prints them. */
  protocol: ProtocolProcedureView | null;
  estimation: EstimationModel | null;
  /** AGREEMENT only: the annex "Podział zadań i odpowiedzialności" from the responsibility matrix. */
  taskAnnex: TaskAnnexModel | null;
  /** Citations of statutes from templates/legal-references.json. */
  law: Record<string, string>;
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
  const { lots, sharesByOrg } = buildLotModels(snapshot.lots, byId);
  const parties = buildPartyModels(orderedOrgs, leaderOrg, lots, sharesByOrg);

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
    settlement = buildSettlementModel(snapshot.settlement, partner, parties[0], (id) =>
      id === undefined ? null : (byId.get(id)?.name ?? null),
    );
  }
  if (kind === 'PROTOCOL' && !('events' in snapshot && Array.isArray(snapshot.events))) {
    throw new SnapshotError('PROTOCOL needs events');
  }

  const chronology = 'events' in snapshot ? buildChronologyModel(snapshot.events, deadlines) : [];
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
    taskAnnex:
      kind === 'AGREEMENT'
        ? buildTaskAnnexModel(
            ('tasks' in snapshot ? snapshot.tasks : undefined) ?? [],
            parties,
            leaderOrg.id,
            warsawDate(new Date(snapshot.generatedAt)),
          )
        : null,
    law,
  };
}
