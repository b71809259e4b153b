/**
 * Reads what the settlement is computed from, with no Nest and no access checks: the caller has
 * already decided who may see it. SettlementService (the API and the CSV) and the documents
 * module (the per-partner settlement statement PDF) both use it, so the PDF and the API always
 * say the same thing.
 */
import type { EntityManager } from 'typeorm';
import { directionOf, payerOf, type Direction, type PaymentKind } from './payment-kinds';
import {
  computeSettlement,
  type PartnerSettlement,
  type SettlementInput,
  type SettlementOrganisation,
  type SettlementPayment,
} from './settlement';
import { organisationRows } from '../organisations';
import { lotRows, shareRows } from '../tenders';

export interface SettlementTenderRef {
  id: string;
  leaderOrganisationId: string;
}

interface PaymentRow {
  id: string;
  organisation_id: string;
  kind: PaymentKind;
  amount: string;
  due_on: string;
  paid_on: string | null;
  subsidy_id: string | null;
  used_amount: string | null;
  settled_on: string | null;
  return_due_on: string | null;
}

function toSettlementPayment(r: PaymentRow): SettlementPayment {
  return {
    id: r.id,
    organisationId: r.organisation_id,
    kind: r.kind,
    amount: Number(r.amount),
    dueOn: r.due_on,
    paidOn: r.paid_on,
    subsidyId: r.subsidy_id,
    usedAmount: r.used_amount === null ? null : Number(r.used_amount),
    settledOn: r.settled_on,
    returnDueOn: r.return_due_on,
  };
}

/**
 * The organisations of the tender's settlement (the leader first, then by name: the leader, every
 * active share, contract, allocation and payment) and the allocations, invoices and payments.
 */
export async function loadSettlementInput(
  manager: EntityManager,
  tender: SettlementTenderRef,
  today: string,
): Promise<SettlementInput> {
  // One query after another: inside a transaction the manager holds a single connection.
  const organisations = await manager.query<SettlementOrganisation[]>(
    `SELECT o.id, o.name, o.nip FROM ${organisationRows} o
        WHERE o.id = $2
           OR o.id IN (SELECT organisation_id FROM ${shareRows} shares WHERE tender_id = $1 AND status <> 'WITHDRAWN')
           OR o.id IN (SELECT organisation_id FROM contracts WHERE tender_id = $1 AND cancelled_at IS NULL)
           OR o.id IN (SELECT a.organisation_id FROM invoice_allocations a JOIN invoices i ON i.id = a.invoice_id
                        WHERE a.tender_id = $1 AND i.cancelled_at IS NULL AND i.corrected_by_id IS NULL)
           OR o.id IN (SELECT organisation_id FROM payments WHERE tender_id = $1 AND cancelled_at IS NULL)
        ORDER BY (o.id = $2) DESC, o.name, o.id`,
    [tender.id, tender.leaderOrganisationId],
  );
  const allocations = await manager.query<
    { invoice_id: string; organisation_id: string; net: string; vat: string; gross: string }[]
  >(
    `SELECT a.invoice_id, a.organisation_id, a.net, a.vat, a.gross
       FROM invoice_allocations a JOIN invoices i ON i.id = a.invoice_id
      WHERE a.tender_id = $1 AND i.cancelled_at IS NULL AND i.corrected_by_id IS NULL`,
    [tender.id],
  );
  const invoices = await manager.query<{ net: string; vat: string; gross: string }[]>(
    `SELECT net, vat, gross FROM invoices
      WHERE tender_id = $1 AND cancelled_at IS NULL AND corrected_by_id IS NULL`,
    [tender.id],
  );
  const payments = await manager.query<PaymentRow[]>(
    `SELECT id, organisation_id, kind, amount, due_on::text AS due_on, paid_on::text AS paid_on,
              subsidy_id, used_amount, settled_on::text AS settled_on,
              return_due_on::text AS return_due_on
         FROM payments WHERE tender_id = $1 AND cancelled_at IS NULL`,
    [tender.id],
  );
  return {
    leaderOrganisationId: tender.leaderOrganisationId,
    organisations,
    allocations: allocations.map((a) => ({
      invoiceId: a.invoice_id,
      organisationId: a.organisation_id,
      net: Number(a.net),
      vat: Number(a.vat),
      gross: Number(a.gross),
    })),
    invoices: invoices.map((i) => ({
      net: Number(i.net),
      vat: Number(i.vat),
      gross: Number(i.gross),
    })),
    payments: payments.map(toSettlementPayment),
    today,
  };
}

/**
 * One invoice as a partner's statement lists it: the whole invoice and this partner's part. A
 * correcting invoice is listed with its differences (signed: the invoice's and the partner's), so
 * that the parts listed add up to what is allocated; the invoice it corrected stays listed, marked.
 */
export interface StatementInvoice {
  /** A correcting invoice: the number of the invoice it corrects. */
  correctsNumber: string | null;
  correctionReason: string | null;
  /** Replaced by a correcting invoice: "skorygowana fakturą nr …". */
  correctedByNumber: string | null;
  number: string;
  contractorName: string;
  contractorNip: string;
  lotNumber: number;
  issuedOn: string;
  dueOn: string;
  invoiceNet: number;
  invoiceVat: number;
  invoiceGross: number;
  net: number;
  vat: number;
  gross: number;
}

/** A payment that concerns the partner: made by it, or (a refund) made to it by the leader. */
export interface StatementPayment {
  kind: PaymentKind;
  /** OUT: the partner pays; IN: it receives. */
  direction: Direction;
  payerOrganisationId: string;
  amount: number;
  dueOn: string;
  paidOn: string | null;
  reference: string | null;
  description: string | null;
  invoiceNumber: string | null;
  resolutionNumber: string | null;
  agreementSignedOn: string | null;
  useUntil: string | null;
  settlementDueOn: string | null;
  returnDueOn: string | null;
  usedAmount: number | null;
  settledOn: string | null;
}

/** A partner's settlement with the invoices and payments behind it, amounts in grosz. */
export interface PartnerStatement {
  asOf: string;
  settlement: PartnerSettlement;
  invoices: StatementInvoice[];
  payments: StatementPayment[];
  /** Names of the organisations the payments name (the leader, the partner). */
  organisationNames: Record<string, string>;
}

/**
 * The settlement of one organisation of the tender on `today`, or null when the organisation
 * takes no part in it. Invoices in issue order, payments by due date.
 */
export async function loadPartnerStatement(
  manager: EntityManager,
  tender: SettlementTenderRef,
  organisationId: string,
  today: string,
): Promise<PartnerStatement | null> {
  const input = await loadSettlementInput(manager, tender, today);
  const settlement = computeSettlement(input).partners.find(
    (p) => p.organisationId === organisationId,
  );
  if (!settlement) return null;
  const invoices = await manager.query<
    {
      corrects_number: string | null;
      correction_reason: string | null;
      corrected_by_number: string | null;
      number: string;
      contractor_name: string | null;
      contractor_nip: string;
      lot_number: number;
      issued_on: string;
      due_on: string;
      invoice_net: string;
      invoice_vat: string;
      invoice_gross: string;
      net: string;
      vat: string;
      gross: string;
    }[]
  >(
    `SELECT i.number, c.contractor_name, i.contractor_nip, l.number AS lot_number,
              i.issued_on::text AS issued_on, i.due_on::text AS due_on,
              i.net - COALESCE(p.net, 0) AS invoice_net, i.vat - COALESCE(p.vat, 0) AS invoice_vat,
              i.gross - COALESCE(p.gross, 0) AS invoice_gross,
              a.net - COALESCE(pa.net, 0) AS net, a.vat - COALESCE(pa.vat, 0) AS vat,
              a.gross - COALESCE(pa.gross, 0) AS gross,
              p.number AS corrects_number, i.correction_reason, n.number AS corrected_by_number
         FROM invoice_allocations a
         JOIN invoices i ON i.id = a.invoice_id
         JOIN ${lotRows} l ON l.id = i.lot_id
         LEFT JOIN contracts c ON c.id = i.contract_id
         LEFT JOIN invoices p ON p.id = i.corrects_invoice_id
         LEFT JOIN invoice_allocations pa
                ON pa.invoice_id = p.id AND pa.organisation_id = a.organisation_id
         LEFT JOIN invoices n ON n.id = i.corrected_by_id
        WHERE a.tender_id = $1 AND a.organisation_id = $2 AND i.cancelled_at IS NULL
        ORDER BY COALESCE((SELECT o.issued_on FROM invoices o WHERE o.id = i.original_invoice_id), i.issued_on),
                 l.number, COALESCE(i.original_invoice_id, i.id), i.issued_on, i.created_at, i.id`,
    [tender.id, organisationId],
  );
  const payments = await manager.query<
    (PaymentRow & {
      reference: string | null;
      description: string | null;
      invoice_number: string | null;
      resolution_number: string | null;
      agreement_signed_on: string | null;
      use_until: string | null;
      settlement_due_on: string | null;
    })[]
  >(
    `SELECT p.id, p.organisation_id, p.kind, p.amount, p.due_on::text AS due_on,
              p.paid_on::text AS paid_on, p.subsidy_id, p.used_amount,
              p.settled_on::text AS settled_on, p.return_due_on::text AS return_due_on,
              p.reference, p.description, i.number AS invoice_number, p.resolution_number,
              p.agreement_signed_on::text AS agreement_signed_on, p.use_until::text AS use_until,
              p.settlement_due_on::text AS settlement_due_on
         FROM payments p LEFT JOIN invoices i ON i.id = p.invoice_id
        WHERE p.tender_id = $1 AND p.organisation_id = $2 AND p.cancelled_at IS NULL
        ORDER BY p.due_on, p.created_at, p.id`,
    [tender.id, organisationId],
  );
  return {
    asOf: today,
    settlement,
    invoices: invoices.map((i) => ({
      correctsNumber: i.corrects_number,
      correctionReason: i.correction_reason,
      correctedByNumber: i.corrected_by_number,
      number: i.number,
      contractorName: i.contractor_name ?? '',
      contractorNip: i.contractor_nip,
      lotNumber: Number(i.lot_number),
      issuedOn: i.issued_on,
      dueOn: i.due_on,
      invoiceNet: Number(i.invoice_net),
      invoiceVat: Number(i.invoice_vat),
      invoiceGross: Number(i.invoice_gross),
      net: Number(i.net),
      vat: Number(i.vat),
      gross: Number(i.gross),
    })),
    payments: payments.map((p) => ({
      kind: p.kind,
      direction: directionOf(p.kind),
      payerOrganisationId: payerOf(
        { kind: p.kind, organisationId: p.organisation_id },
        tender.leaderOrganisationId,
      ),
      amount: Number(p.amount),
      dueOn: p.due_on,
      paidOn: p.paid_on,
      reference: p.reference,
      description: p.description,
      invoiceNumber: p.invoice_number,
      resolutionNumber: p.resolution_number,
      agreementSignedOn: p.agreement_signed_on,
      useUntil: p.use_until,
      settlementDueOn: p.settlement_due_on,
      returnDueOn: p.return_due_on,
      usedAmount: p.used_amount === null ? null : Number(p.used_amount),
      settledOn: p.settled_on,
    })),
    organisationNames: Object.fromEntries(input.organisations.map((o) => [o.id, o.name])),
  };
}
