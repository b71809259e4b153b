import { ROLE_LABEL_PL } from '../auth';
import { cpvCodesWithoutName, cpvNamesMissing } from '../common/identifiers';
import type { Actor } from '../auth';
import type { ProcedureRecordSnapshot } from './render/protocol-view';
import type { DocumentKind } from './document-kinds';
import { isPerPartnerKind } from './document-kinds';
import { orderedSchedule, PLANNED_START_BASIS } from './schedule-order';
import { taskSnapshots, type SourceTask } from './task-annex';
import type {
  AmountChangeSnapshot,
  AnyDocumentSnapshot,
  ApprovalSnapshot,
  AuditEventSnapshot,
  CpvSnapshot,
  DeadlineKind,
  DeadlineSnapshot,
  DocumentSnapshotBase,
  LotSnapshot,
  OrganisationSnapshot,
  SettlementStatementSnapshot,
  ShareSnapshot,
  ValueEstimationSnapshot,
} from './render/snapshot.types';

/*
 * Builds the frozen input of a document from what the database holds. Pure (no Nest, no
 * TypeORM): the service loads the rows, this decides what the document says, and the spec
 * proves it. The shapes below are the parts of the entities it reads.
 */

export interface SourceOrganisation {
  id: string;
  name: string;
  kind: OrganisationSnapshot['kind'];
  nip: string;
  regon: string;
  teryt: string | null;
  addressStreet: string | null;
  addressPostalCode: string | null;
  addressCity: string | null;
  headTitle: string | null;
  headName: string | null;
  treasurerName: string | null;
  /** The coordinator (partners) or officer (leader) to name for contacts, when one has an account. */
  contactName?: string | null;
  contactEmail?: string | null;
}

export interface SourceApproval {
  step: 'COORDINATOR' | 'TREASURER' | 'HEAD';
  decision: 'APPROVED' | 'CHANGE_REQUESTED';
  userName: string;
  comment: string | null;
  amountNet: number;
  decidedAt: Date;
  void: boolean;
}

export interface SourceShare {
  id: string;
  organisationId: string;
  amountNet: number;
  status: ShareSnapshot['status'];
  budgetClassification: string | null;
  wpfReference: string | null;
  approvals?: SourceApproval[];
}

export interface SourceLot {
  id: string;
  number: number;
  title: string;
  vatRate: number;
  shares?: SourceShare[];
  /** Set by the award (the head's approval of the evaluation). */
  contractorName?: string | null;
  awardedNet?: number | null;
  /** The procedure in this lot was cancelled (art. 255 Pzp). */
  cancelled?: boolean;
}

export interface SourceTender {
  id: string;
  reference: string;
  title: string;
  subjectKind: DocumentSnapshotBase['tender']['subjectKind'];
  cpvMain: string;
  cpvAdditional: string[];
  /** The Polish name of each code as the officer gave it (code → name). */
  cpvNamesPl: Readonly<Record<string, string>> | null;
  procedure: DocumentSnapshotBase['tender']['procedure'];
  settlementModel: DocumentSnapshotBase['tender']['settlementModel'];
  regime: 'OUTSIDE_ACT' | 'NATIONAL' | 'EU';
  valueNet: number;
  valueGross: number;
  leaderOrganisationId: string;
  ocid: string | null;
  shareDeadline: Date | null;
  plannedStartOn: string | null;
  publishedOn: string | null;
  lots?: SourceLot[];
}

export interface SourcePartnership {
  name: string;
  agreementReference: string | null;
  agreementSignedOn: string | null;
}

/** A deadline from the schedule, as the schedule module hands it over. */
export interface SourceDeadline {
  kind: string;
  title: string | null;
  /** ISO 8601. */
  dueAt: string;
  basis: string | null;
  responsibleOrganisationId: string | null;
}

export interface SnapshotInput {
  kind: DocumentKind;
  organisationId: string | null;
  generatedAt: Date;
  tender: SourceTender;
  partnership: SourcePartnership;
  /** Every organisation the tender's shares name, the leader included. */
  organisations: SourceOrganisation[];
  deadlines: SourceDeadline[];
  /** For PROTOCOL: the tender's audit trail, already in Polish. */
  events?: AuditEventSnapshot[];
  /** For PROTOCOL: the procedure's records from the procedure module. */
  procedure?: ProcedureRecordSnapshot;
  /** The thresholds of the regime decision (tenders/regime), for the value estimation. */
  estimation?: Pick<ValueEstimationSnapshot, 'eurRate' | 'nationalThresholdNet' | 'euThresholdNet'>;
  /** For SHARE_CONFIRMATION: each share's register of amounts, by share id, oldest first. */
  amountChanges?: Record<string, AmountChangeSnapshot[]>;
  /** For SETTLEMENT: the partner's settlement from the finance module (settlement-snapshot.ts). */
  settlement?: SettlementStatementSnapshot | null;
  /** For POWER_OF_ATTORNEY: the newest rendered agreement of the tender, if any. */
  agreement?: { version: number; generatedAt: string } | null;
  /** For AGREEMENT: the current version of each task of the responsibility matrix (its annex). */
  tasks?: SourceTask[];
  grossFromNet: (net: number, vatRate: number) => number;
}

export type SnapshotResult =
  { ok: true; snapshot: AnyDocumentSnapshot } | { ok: false; missing: string[] };

const RENDER_DEADLINE_KINDS: readonly DeadlineKind[] = [
  'SHARE_CONFIRMATION',
  'AGREEMENT_SIGNING',
  'NOTICE_PUBLICATION',
  'QUESTIONS_CUTOFF',
  'ANSWERS_DUE',
  'OFFERS',
  'OPENING',
  'STANDSTILL_END',
  'CONTRACT_SIGNING',
  'OFFER_VALIDITY',
  'PAYMENT',
  'CUSTOM',
];

/** Polish role of the person who took a step, as printed in the approval trail. */
function approvalRole(step: SourceApproval['step'], org: SourceOrganisation, userName: string) {
  switch (step) {
    case 'COORDINATOR':
      return `koordynator gminny – ${org.name}`;
    case 'TREASURER':
      return `skarbnik – ${org.name}`;
    case 'HEAD':
      return org.headTitle && org.headName === userName
        ? org.headTitle
        : `kierownik jednostki – ${org.name}`;
  }
}

function approvalSnapshot(a: SourceApproval, org: SourceOrganisation): ApprovalSnapshot {
  return {
    step: a.step,
    decision: a.decision === 'APPROVED' ? 'APPROVE' : 'REQUEST_CHANGE',
    userName: a.userName,
    role: approvalRole(a.step, org, a.userName),
    decidedAt: a.decidedAt.toISOString(),
    amountNet: a.amountNet,
    ...(a.comment ? { comment: a.comment } : {}),
    void: a.void,
  };
}

/** A CPV code with the Polish name the officer gave (empty when none was given). */
export function cpvSnapshot(tender: Pick<SourceTender, 'cpvNamesPl'>, code: string): CpvSnapshot {
  return { code, label: tender.cpvNamesPl?.[code]?.trim() ?? '' };
}

/** Fields a party must have filled in before a legal document can name it. */
function missingFields(org: SourceOrganisation): string[] {
  const fields: [string, string | null][] = [
    ['addressStreet', org.addressStreet],
    ['addressPostalCode', org.addressPostalCode],
    ['addressCity', org.addressCity],
    ['headTitle', org.headTitle],
    ['headName', org.headName],
    ['treasurerName', org.treasurerName],
  ];
  return fields.filter(([, v]) => !v || !v.trim()).map(([k]) => k);
}

function organisationSnapshot(org: SourceOrganisation): OrganisationSnapshot {
  return {
    id: org.id,
    name: org.name,
    kind: org.kind,
    nip: org.nip,
    regon: org.regon,
    ...(org.teryt ? { teryt: org.teryt } : {}),
    address: {
      street: org.addressStreet ?? '',
      postalCode: org.addressPostalCode ?? '',
      city: org.addressCity ?? '',
    },
    headTitle: org.headTitle ?? '',
    headName: org.headName ?? '',
    treasurerName: org.treasurerName ?? '',
    ...(org.contactName
      ? { contact: { name: org.contactName, ...(org.contactEmail ? { email: org.contactEmail } : {}) } }
      : {}),
  };
}

/**
 * Deadlines of the schedule plus the dates the tender itself carries (share confirmation, the
 * planned or actual publication) when the schedule has none of that kind. A schedule that is not
 * lawful yet may hold dates that contradict the order of the steps (offers due before the
 * agreement is signed): those are left out (schedule-order.ts), so a document never prints two
 * dates that contradict each other; the template's fallback wording stands in for them.
 */
export function snapshotDeadlines(
  tender: SourceTender,
  schedule: readonly SourceDeadline[],
): DeadlineSnapshot[] {
  return orderedSchedule(scheduleDates(tender, schedule)).kept;
}

/** Every date of the schedule and of the tender, by due time, contradicting ones included. */
export function scheduleDates(
  tender: SourceTender,
  schedule: readonly SourceDeadline[],
): DeadlineSnapshot[] {
  const out: DeadlineSnapshot[] = [];
  for (const d of schedule) {
    const kind = RENDER_DEADLINE_KINDS.find((k) => k === d.kind) ?? 'CUSTOM';
    out.push({
      kind,
      dueAt: d.dueAt,
      basis: d.basis ?? 'harmonogram postępowania',
      ...(kind === 'CUSTOM' ? { title: d.title ?? 'termin' } : {}),
      ...(d.responsibleOrganisationId
        ? { responsibleOrganisationId: d.responsibleOrganisationId }
        : {}),
    });
  }
  const has = (kind: DeadlineKind) => out.some((d) => d.kind === kind);
  if (tender.shareDeadline && !has('SHARE_CONFIRMATION')) {
    out.push({
      kind: 'SHARE_CONFIRMATION',
      dueAt: tender.shareDeadline.toISOString(),
      basis: 'harmonogram partnerstwa',
    });
  }
  const publication = tender.publishedOn ?? tender.plannedStartOn;
  if (publication && !has('NOTICE_PUBLICATION')) {
    out.push({
      kind: 'NOTICE_PUBLICATION',
      dueAt: publication,
      basis: tender.publishedOn ? 'data publikacji ogłoszenia' : PLANNED_START_BASIS,
    });
  }
  return out.sort((a, b) => Date.parse(a.dueAt) - Date.parse(b.dueAt));
}

/**
 * The snapshot of one document, or the data that is missing for it (a party without a head or a
 * treasurer cannot be named in an agreement it must sign). Parties are the leader and every
 * organisation with an active share, the leader first and the others in Polish alphabetical
 * order; shares of an organisation that withdrew entirely are left out, a party's withdrawn share
 * in another lot stays (flagged by its status).
 */
export function buildSnapshot(input: SnapshotInput): SnapshotResult {
  const { tender } = input;
  const orgs = new Map(input.organisations.map((o) => [o.id, o]));
  const lots = [...(tender.lots ?? [])].sort((a, b) => a.number - b.number);
  const partyIds = new Set<string>([tender.leaderOrganisationId]);
  for (const lot of lots)
    for (const s of lot.shares ?? []) if (s.status !== 'WITHDRAWN') partyIds.add(s.organisationId);

  const missing: string[] = [];
  const parties: SourceOrganisation[] = [];
  for (const id of partyIds) {
    const org = orgs.get(id);
    if (!org) {
      missing.push(`organisation ${id} is not loaded`);
      continue;
    }
    const fields = missingFields(org);
    if (fields.length > 0) missing.push(`${org.name}: ${fields.join(', ')}`);
    parties.push(org);
  }
  if (input.organisationId !== null && !partyIds.has(input.organisationId)) {
    missing.push(
      `organisation ${input.organisationId} is not a party of the tender (the leader or a partner with an active share)`,
    );
  }
  // The agreement names the subject by its CPV codes in Polish, never by the English list.
  const unnamed = cpvCodesWithoutName(tender);
  if (input.kind === 'AGREEMENT' && unnamed.length > 0) missing.push(cpvNamesMissing(unnamed));
  if (input.kind === 'SETTLEMENT' && !input.settlement) {
    missing.push(
      `the settlement of organisation ${input.organisationId ?? '(none)'}: it takes no part in the tender's finance`,
    );
  }
  if (missing.length > 0) return { ok: false, missing };

  const leader = parties.find((p) => p.id === tender.leaderOrganisationId) as SourceOrganisation;
  const others = parties
    .filter((p) => p.id !== leader.id)
    .sort((a, b) => a.name.localeCompare(b.name, 'pl') || (a.id < b.id ? -1 : 1));

  const lotSnapshots: LotSnapshot[] = lots.map((lot) => ({
    number: lot.number,
    title: lot.title,
    ...(lot.awardedNet !== null && lot.awardedNet !== undefined && lot.contractorName
      ? { award: { contractorName: lot.contractorName, amountNet: lot.awardedNet } }
      : {}),
    ...(lot.cancelled ? { cancelled: true } : {}),
    shares: (lot.shares ?? [])
      .filter((s) => partyIds.has(s.organisationId))
      .map((s): ShareSnapshot => {
        const org = orgs.get(s.organisationId) as SourceOrganisation;
        return {
          organisationId: s.organisationId,
          scope: lot.title,
          amountNet: s.amountNet,
          vatRate: lot.vatRate,
          amountGross: input.grossFromNet(s.amountNet, lot.vatRate),
          budgetClassification: s.budgetClassification ?? '',
          ...(s.wpfReference ? { wpfReference: s.wpfReference } : {}),
          status: s.status,
          approvals: [...(s.approvals ?? [])]
            .sort((a, b) => a.decidedAt.getTime() - b.decidedAt.getTime())
            .map((a) => approvalSnapshot(a, org)),
          ...(input.amountChanges ? { amountChanges: input.amountChanges[s.id] ?? [] } : {}),
        };
      }),
  }));

  // The value is the sum of the confirmed shares: it was fixed on the day the last one was
  // signed by its head (or, before that, is being estimated today).
  const headSignatures = lotSnapshots
    .flatMap((l) => l.shares)
    .filter((s) => s.status !== 'WITHDRAWN')
    .flatMap((s) => s.approvals)
    .filter((a) => a.step === 'HEAD' && a.decision === 'APPROVE' && !a.void)
    .map((a) => a.decidedAt)
    .sort();
  const estimatedOn = (headSignatures.at(-1) ?? input.generatedAt.toISOString()).slice(0, 10);

  const base: DocumentSnapshotBase = {
    generatedAt: input.generatedAt.toISOString(),
    partnership: {
      name: input.partnership.name,
      ...(input.partnership.agreementReference
        ? { agreementReference: input.partnership.agreementReference }
        : {}),
      ...(input.partnership.agreementSignedOn
        ? { agreementDate: input.partnership.agreementSignedOn }
        : {}),
    },
    tender: {
      id: tender.id,
      reference: tender.reference,
      title: tender.title,
      subjectKind: tender.subjectKind,
      cpvMain: cpvSnapshot(tender, tender.cpvMain),
      cpvAdditional: tender.cpvAdditional.map((code) => cpvSnapshot(tender, code)),
      procedure: tender.procedure,
      settlementModel: tender.settlementModel,
      regime: tender.regime,
      valueNet: tender.valueNet,
      valueGross: tender.valueGross,
      leaderOrganisationId: tender.leaderOrganisationId,
      ...(input.estimation
        ? {
            valueEstimation: {
              estimatedOn,
              method:
                'na podstawie udziałów zgłoszonych przez Strony i potwierdzonych przez ich kierowników z kontrasygnatą skarbników',
              eurRate: input.estimation.eurRate,
              nationalThresholdNet: input.estimation.nationalThresholdNet,
              euThresholdNet: input.estimation.euThresholdNet,
            },
          }
        : {}),
      ...(tender.ocid ? { ocid: tender.ocid } : {}),
    },
    parties: [leader, ...others].map(organisationSnapshot),
    lots: lotSnapshots,
    deadlines: snapshotDeadlines(tender, input.deadlines),
  };

  if (input.kind === 'SETTLEMENT') {
    return {
      ok: true,
      snapshot: {
        ...base,
        forOrganisationId: input.organisationId as string,
        settlement: input.settlement as SettlementStatementSnapshot,
      },
    };
  }
  if (isPerPartnerKind(input.kind)) {
    return {
      ok: true,
      snapshot: {
        ...base,
        forOrganisationId: input.organisationId as string,
        ...(input.kind === 'POWER_OF_ATTORNEY' && input.agreement
          ? { agreement: input.agreement }
          : {}),
      },
    };
  }
  if (input.kind === 'PROTOCOL') {
    return {
      ok: true,
      snapshot: {
        ...base,
        events: input.events ?? [],
        ...(input.procedure ? { procedure: input.procedure } : {}),
      },
    };
  }
  if (input.kind === 'AGREEMENT')
    return { ok: true, snapshot: { ...base, tasks: taskSnapshots(input.tasks ?? []) } };
  return { ok: true, snapshot: base };
}

/**
 * A statement (cost split, settlement) says who prepared it: the person who requested it, with the
 * function they hold at the leader (or at any organisation), not the head who approves it.
 */
export function withPreparer(
  snapshot: AnyDocumentSnapshot,
  kind: DocumentKind,
  actor: Actor,
  leaderId: string,
): AnyDocumentSnapshot {
  if (kind !== 'COST_SPLIT' && kind !== 'SETTLEMENT') return snapshot;
  const role =
    actor.memberships.find((m) => m.organisationId === leaderId)?.role ??
    actor.memberships[0]?.role;
  const title = role ? ROLE_LABEL_PL[role] : 'administrator systemu';
  return { ...snapshot, preparedBy: { name: actor.displayName, title } };
}
