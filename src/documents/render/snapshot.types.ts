import type { ProcedureRecordSnapshot } from './protocol-view';
/**
 * Input snapshots of the rendering layer.
 *
 * A snapshot is the frozen data a document is rendered from: the worker builds it from the
 * database, stores it as jsonb next to the document row and passes it here. It is plain JSON on
 * purpose (ISO strings, integer grosz as JS numbers, ids instead of object references), so a
 * stored snapshot re-renders to the very same bytes years later.
 */

export type DocumentKind =
  | 'AGREEMENT'
  | 'POWER_OF_ATTORNEY'
  | 'SHARE_CONFIRMATION'
  | 'COST_SPLIT'
  | 'PROTOCOL'
  | 'SETTLEMENT';

export type OrganisationKind =
  | 'GMINA_MIEJSKA'
  | 'GMINA_WIEJSKA'
  | 'GMINA_MIEJSKO_WIEJSKA'
  | 'MIASTO_NA_PRAWACH_POWIATU'
  | 'POWIAT'
  | 'WOJEWODZTWO'
  | 'ZWIAZEK'
  | 'STOWARZYSZENIE'
  | 'LGD';

/** The shared procurement vocabulary (src/common/vocabulary); OUTSIDE_ACT is below the national threshold. */
import type {
  Procedure as ProcedureKind,
  Regime,
  SettlementModel,
  SubjectKind,
} from '../../common/vocabulary';
export type { ProcedureKind, Regime, SettlementModel, SubjectKind };

/** How the costs of running the procedure (publications, experts, legal advice) are shared. */
export type CostSharingMethod = 'PROPORTIONAL' | 'EQUAL' | 'LEADER_BEARS';

export type ShareStatus =
  | 'PROPOSED'
  | 'COORDINATOR_ACCEPTED'
  | 'COUNTERSIGNED'
  | 'CONFIRMED'
  | 'CHANGE_REQUESTED'
  | 'WITHDRAWN';

export type ApprovalStep = 'COORDINATOR' | 'TREASURER' | 'HEAD';

export type ApprovalDecision = 'APPROVE' | 'REQUEST_CHANGE';

export type DeadlineKind =
  | 'SHARE_CONFIRMATION'
  | 'AGREEMENT_SIGNING'
  | 'NOTICE_PUBLICATION'
  | 'QUESTIONS_CUTOFF'
  | 'ANSWERS_DUE'
  | 'OFFERS'
  | 'OPENING'
  | 'STANDSTILL_END'
  | 'CONTRACT_SIGNING'
  | 'OFFER_VALIDITY'
  | 'PAYMENT'
  | 'CUSTOM';

export interface AddressSnapshot {
  /** "ul. Rynek 1" or "Mogilany 59" */
  street: string;
  postalCode: string;
  city: string;
}

export interface PersonSnapshot {
  /** Full official title, e.g. "Wójt Gminy Liszki", "Wicestarosta Krakowski". */
  title: string;
  name: string;
}

export interface OrganisationSnapshot {
  id: string;
  /** Official name in the nominative: "Gmina Skawina", "Powiat Krakowski". */
  name: string;
  kind: OrganisationKind;
  nip: string;
  regon: string;
  teryt?: string;
  address: AddressSnapshot;
  /** "Burmistrz Miasta i Gminy Skawina", "Starosta Krakowski". */
  headTitle: string;
  headName: string;
  /**
   * A powiat acts through two board members (u.s.p. art. 48): the starosta is the head, the
   * second member goes here. Gminy leave it empty.
   */
  additionalRepresentatives?: PersonSnapshot[];
  /** The collective body that acts for the organisation, e.g. "Zarząd Powiatu Krakowskiego". */
  representingBody?: string;
  treasurerName: string;
  /** Defaults to "Skarbnik Gminy" / "Skarbnik Powiatu" … by kind when absent. */
  treasurerTitle?: string;
  /** The person for contacts on the tender: the partner's coordinator, the leader's officer. */
  contact?: { name: string; email?: string };
}

export interface CpvSnapshot {
  code: string;
  label: string;
}

export interface ApprovalSnapshot {
  step: ApprovalStep;
  decision: ApprovalDecision;
  userName: string;
  /** The role as shown to people, e.g. "Skarbnik Gminy Liszki". */
  role: string;
  decidedAt: string;
  /** Net amount of the share at the moment of the decision, grosz. */
  amountNet: number;
  comment?: string;
  /** True when a later change of the amount voided this approval. */
  void: boolean;
}

/** One entry of a share's register of amounts: the first proposal, then every change. */
export interface AmountChangeSnapshot {
  at: string;
  userName: string;
  /** Grosz before the change; absent for the first proposal or declaration. */
  from?: number;
  to: number;
  reason?: string;
}

export interface ShareSnapshot {
  organisationId: string;
  /** What this partner buys in this lot, in words a council member understands. */
  scope: string;
  amountNet: number;
  /** VAT rate in percent (23, 8, 5, 0). */
  vatRate: number;
  amountGross: number;
  /** "dział / rozdział / paragraf", e.g. "900 / 90015 / 4260". */
  budgetClassification: string;
  /** WPF entry for multi-year shares; absent for single-year ones. */
  wpfReference?: string;
  status: ShareStatus;
  approvals: ApprovalSnapshot[];
  /** The register of amounts (SHARE_CONFIRMATION); absent in snapshots taken before it existed. */
  amountChanges?: AmountChangeSnapshot[];
}

export interface LotSnapshot {
  number: number;
  title: string;
  shares: ShareSnapshot[];
  /** The awarded contractor and net price, once the head approved the evaluation. */
  award?: { contractorName: string; amountNet: number };
  /** The procedure in this lot was cancelled: its shares are released. */
  cancelled?: boolean;
}

export interface DeadlineSnapshot {
  kind: DeadlineKind;
  dueAt: string;
  /** Legal basis or reason, e.g. "art. 138 ust. 1 Pzp". */
  basis: string;
  /** Replaces the standard label (required for CUSTOM). */
  title?: string;
  /** Organisation that must act; absent means every partner. */
  responsibleOrganisationId?: string;
}

export interface AuditEventSnapshot {
  at: string;
  /** Machine name of the action, e.g. "share.approved". */
  action: string;
  actorName: string;
  description: string;
}

export interface ValueEstimationSnapshot {
  /** Day the value was estimated (art. 34–35 Pzp: not earlier than 3/6 months before the start). */
  estimatedOn: string;
  method: string;
  estimatedByName?: string;
  /** PLN per EUR used for thresholds, as a decimal string ("4.31"). */
  eurRate: string;
  nationalThresholdNet: number;
  euThresholdNet: number;
}

export interface TenderSnapshot {
  id: string;
  reference: string;
  title: string;
  subjectKind: SubjectKind;
  cpvMain: CpvSnapshot;
  cpvAdditional: CpvSnapshot[];
  procedure: ProcedureKind;
  settlementModel: SettlementModel;
  regime: Regime;
  /** Total of all shares, grosz (art. 28 Pzp: without VAT). */
  valueNet: number;
  valueGross: number;
  leaderOrganisationId: string;
  costSharing?: CostSharingMethod;
  valueEstimation?: ValueEstimationSnapshot;
  /** BZP or TED notice number once published. */
  noticeReference?: string;
  ocid?: string;
  /** Period the contract will run, free text ("od 1 stycznia 2027 r. do 31 grudnia 2028 r."). */
  performancePeriod?: string;
}

export interface PartnershipSnapshot {
  name: string;
  /** Reference and date of the framework agreement that set the partnership up, if any. */
  agreementReference?: string;
  agreementDate?: string;
}

export interface DocumentSnapshotBase {
  /** ISO timestamp; also the PDF creation date, so a re-render gives the same bytes. */
  generatedAt: string;
  partnership: PartnershipSnapshot;
  tender: TenderSnapshot;
  /** Every party of the tender, the leader included. */
  parties: OrganisationSnapshot[];
  lots: LotSnapshot[];
  deadlines: DeadlineSnapshot[];
  /** COST_SPLIT and SETTLEMENT: who prepared the statement ("Sporządził"), i.e. who requested it. */
  preparedBy?: { name: string; title: string };
}

/**
 * One task of the tender's responsibility matrix as the agreement's annex prints it ("Podział
 * zadań i odpowiedzialności"): who does what by when, and its state on the document's day.
 */
export interface TaskSnapshot {
  id: string;
  /** Machine kind (OPZ, INPUT_DATA, SWZ_REVIEW …). */
  kind: string;
  /** LEADER_FOR_ALL: the leader does it on behalf of all parties (art. 38 ust. 1 Pzp). */
  scope: 'LEADER_FOR_ALL' | 'EACH_PARTNER';
  /** Polish title, e.g. "Opis przedmiotu zamówienia (OPZ) – część 1". */
  title: string;
  lotNumber?: number;
  organisationId: string;
  /** As on the document's day (a task may stay with an organisation that is no longer a party). */
  organisationName: string;
  /** The person named as responsible, if one is. */
  personName?: string;
  /** YYYY-MM-DD (the task is due by the end of that day). */
  dueOn: string;
  status: 'OPEN' | 'DONE' | 'WAIVED';
  /** DONE: the day it was done (Warsaw). */
  doneOn?: string;
  /** WAIVED: the reason. */
  waivedReason?: string;
}

export interface AgreementSnapshot extends DocumentSnapshotBase {
  /** The responsibility matrix (absent in agreements rendered before the annex existed). */
  tasks?: TaskSnapshot[];
}

export interface PowerOfAttorneySnapshot extends DocumentSnapshotBase {
  /** The partner that grants the power of attorney. */
  forOrganisationId: string;
  /** The newest rendered version of the tender's agreement, which the power of attorney cites. */
  agreement?: { version: number; generatedAt: string };
}

export interface ShareConfirmationSnapshot extends DocumentSnapshotBase {
  forOrganisationId: string;
}

export type CostSplitSnapshot = DocumentSnapshotBase;

export interface ProtocolSnapshot extends DocumentSnapshotBase {
  events: AuditEventSnapshot[];
  /** The procedure's records (notices, committee, offers, evaluation, outcome per lot). */
  procedure?: ProcedureRecordSnapshot;
}

export type PaymentKindSnapshot = 'ADVANCE' | 'SUBSIDY' | 'REFUND' | 'INVOICE_PAYMENT';

/** An invoice as a partner's settlement lists it: the whole invoice and the partner's part. */
export interface SettlementInvoiceSnapshot {
  number: string;
  /** A correcting invoice: the invoice it corrects; its amounts are then the differences. */
  correctsNumber?: string;
  correctionReason?: string;
  /** Replaced by a correcting invoice ("skorygowana fakturą nr …"). */
  correctedByNumber?: string;
  contractorName: string;
  contractorNip: string;
  lotNumber: number;
  /** YYYY-MM-DD */
  issuedOn: string;
  dueOn: string;
  invoiceGross: number;
  /** The partner's part, grosz (largest-remainder split of the invoice by confirmed shares). */
  net: number;
  vat: number;
  gross: number;
}

/** A payment the partner makes, or (a refund) receives from the leader. */
export interface SettlementPaymentSnapshot {
  kind: PaymentKindSnapshot;
  /** OUT: the partner pays; IN: it receives. */
  direction: 'OUT' | 'IN';
  payerOrganisationId: string;
  amount: number;
  dueOn: string;
  paidOn: string | null;
  reference?: string;
  description?: string;
  /** INVOICE_PAYMENT: the invoice it pays. */
  invoiceNumber?: string;
  /** SUBSIDY: council resolution, agreement date, term of use, settlement and return dates. */
  resolutionNumber?: string;
  agreementSignedOn?: string;
  useUntil?: string;
  settlementDueOn?: string;
  returnDueOn?: string;
  usedAmount?: number;
  settledOn?: string;
}

/** The partner's settlement as the finance module computed it on `asOf` (all amounts grosz). */
export interface SettlementStatementSnapshot {
  /** YYYY-MM-DD: the day the figures are stated for. */
  asOf: string;
  invoices: SettlementInvoiceSnapshot[];
  allocated: { net: number; vat: number; gross: number };
  /** Transferred by the partner and booked as paid (advances, subsidies, invoice payments). */
  paid: number;
  /** Returned to the partner by the leader. */
  refunded: number;
  /** The leader only: partners' advances and subsidies less refunds. */
  receivedFromPartners: number;
  subsidies: {
    granted: number;
    received: number;
    used: number;
    toReturn: number;
    returned: number;
    returnDueOn: string | null;
  };
  outstanding: number;
  overdue: number;
  /** paid − refunded − receivedFromPartners − allocated gross: < 0 owes, > 0 is owed. */
  balance: number;
  nextDue: {
    kind: PaymentKindSnapshot;
    direction: 'OUT' | 'IN';
    payerOrganisationId: string;
    amount: number;
    dueOn: string;
    overdue: boolean;
  } | null;
  payments: SettlementPaymentSnapshot[];
}

export interface SettlementSnapshot extends DocumentSnapshotBase {
  forOrganisationId: string;
  settlement: SettlementStatementSnapshot;
}

export interface SnapshotByKind {
  AGREEMENT: AgreementSnapshot;
  POWER_OF_ATTORNEY: PowerOfAttorneySnapshot;
  SHARE_CONFIRMATION: ShareConfirmationSnapshot;
  COST_SPLIT: CostSplitSnapshot;
  PROTOCOL: ProtocolSnapshot;
  SETTLEMENT: SettlementSnapshot;
}

export type AnyDocumentSnapshot = SnapshotByKind[DocumentKind];
