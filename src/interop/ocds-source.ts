/**
 * What the OCDS export reads, in plain data (no entities): one tender with its organisations,
 * lots, shares, contracts, invoices and the dated milestones of its audit trail. Amounts are grosz.
 */
export interface OcdsOrganisation {
  id: string;
  name: string;
  nip: string;
  regon: string;
  street: string | null;
  postalCode: string | null;
  city: string | null;
  email: string | null;
}

export interface OcdsShare {
  organisationId: string;
  amountNet: number;
}

export interface OcdsLot {
  id: string;
  number: number;
  title: string;
  vatRate: number;
  contractorName: string | null;
  contractorNip: string | null;
  awardedNet: number | null;
  /** Active shares only (never withdrawn ones, never the approvals behind them). */
  shares: OcdsShare[];
}

export interface OcdsContract {
  id: string;
  lotId: string;
  organisationId: string;
  contractorName: string;
  contractorNip: string;
  amountNet: number;
  amountGross: number;
  signedOn: string;
}

export interface OcdsInvoice {
  id: string;
  contractId: string;
  organisationId: string;
  number: string;
  issuedOn: string;
  gross: number;
}

export type OcdsMilestoneAction =
  'tender.transitioned' | 'contract.recorded' | 'invoice.recorded' | 'invoice.corrected';

/** One audit event that makes (or may make) a release: its id orders the feed. */
export interface OcdsMilestone {
  eventId: string;
  at: Date;
  action: OcdsMilestoneAction;
  entityId: string | null;
  /** For tender.transitioned: the status reached. */
  to: string | null;
}

export interface OcdsTenderSource {
  tender: {
    id: string;
    ocid: string | null;
    reference: string;
    title: string;
    description: string | null;
    subjectKind: 'SUPPLIES' | 'SERVICES' | 'WORKS';
    cpvMain: string;
    cpvAdditional: string[];
    procedure: string;
    status: string;
    publishedOn: string | null;
    valueNet: number;
    cancelReason: string | null;
    updatedAt: Date;
    version: number;
  };
  leader: OcdsOrganisation;
  /** Every organisation named by a share or a contract, the leader included. */
  organisations: OcdsOrganisation[];
  lots: OcdsLot[];
  contracts: OcdsContract[];
  invoices: OcdsInvoice[];
  /** Ascending by event id. */
  milestones: OcdsMilestone[];
}
