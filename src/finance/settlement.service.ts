import { Injectable } from '@nestjs/common';
import { toCsv } from '../common/csv';
import { DataSource } from 'typeorm';
import type { Actor } from '../auth';
import { forbidden, notFound } from '../common/errors';
import { formatAmount } from '../common/money';
import { TendersService } from '../tenders';
import type { Tender } from '../tenders';
import type {
  PartnerSettlementView,
  SettlementTotalsView,
  SettlementView,
} from './dto/finance.dto';
import { FinanceAccess } from './finance-access.service';
import { PAYMENT_KIND_PL } from './payment-kinds';
import {
  computeSettlement,
  type PartnerSettlement,
  type Settlement,
  type SettlementTotals,
} from './settlement';
import { loadSettlementInput } from './settlement-source';

/* The CSV export goes through toCsv: UTF-8 with a BOM, `;` separated, cells neutralised. */

/** 123456 → "1234,56"; −1230 → "-12,30" (no thousands separator, so spreadsheets read a number). */
export const csvAmount = (grosz: number): string => formatAmount(grosz).replace('.', ',');

const CSV_COLUMNS = [
  'Organizacja',
  'NIP',
  'Rola',
  'Liczba faktur',
  'Przypisano netto',
  'Przypisano VAT',
  'Przypisano brutto',
  'Wpłacono',
  'Zwrócono partnerowi',
  'Otrzymano od partnerów',
  'Dotacje przekazane',
  'Dotacje wykorzystane',
  'Dotacje do zwrotu',
  'Termin zwrotu dotacji',
  'Do zapłaty',
  'Po terminie',
  'Saldo',
  'Najbliższa płatność',
  'Termin najbliższej płatności',
  'Kwota najbliższej płatności',
  'Faktury korygujące',
];

/**
 * Per-partner settlement of a tender, and its CSV export. A partner's own treasurer, head and
 * coordinator see that partner's row; the leader's officers and treasurer see every row and the
 * totals; anyone else who sees the tender gets 403, and who does not see it 404.
 */
@Injectable()
export class SettlementService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly tenders: TendersService,
    private readonly finance: FinanceAccess,
  ) {}

  async settlement(
    actor: Actor,
    tenderId: string,
    organisationId?: string,
  ): Promise<SettlementView> {
    const { tender, settlement, visible } = await this.load(actor, tenderId, organisationId);
    return {
      tenderId: tender.id,
      reference: tender.reference,
      settlementModel: tender.settlementModel,
      asOf: this.finance.today(),
      partners: settlement.partners.filter((p) => visible.has(p.organisationId)).map(partnerView),
      totals:
        organisationId === undefined && visible.size === settlement.partners.length
          ? totalsView(settlement.totals)
          : null,
    };
  }

  /**
   * Whose finance in this tender the actor sees and whose they record (organisation ids, the
   * `finance.view` and `finance.manage` rules), so a page offers only what the service allows.
   */
  async rights(actor: Actor, tenderId: string): Promise<{ view: string[]; manage: string[] }> {
    const manager = this.dataSource.manager;
    const { tender, participants } = await this.tenders.loadVisible(
      manager,
      actor,
      tenderId,
      false,
    );
    const parties = [...new Set([tender.leaderOrganisationId, ...participants])];
    return {
      view: parties.filter((o) => this.finance.canView(actor, tender, participants, o)),
      manage: parties.filter((o) => this.finance.canManage(actor, tender, participants, o)),
    };
  }

  async csv(actor: Actor, tenderId: string): Promise<{ filename: string; body: string }> {
    const { tender, settlement, visible } = await this.load(actor, tenderId);
    const corrections = await this.correctionsOf(tender.id);
    const listed = (org: string | null) =>
      corrections
        .filter((c) => c.organisationId === org)
        .map(
          (c) =>
            `${c.number} koryguje ${c.correctsNumber} (skorygowana): ${csvAmount(Number(c.gross))} brutto`,
        )
        .join('; ');
    const rows = settlement.partners
      .filter((p) => visible.has(p.organisationId))
      .map((p) => [...csvRow(p), listed(p.organisationId)]);
    if (visible.size === settlement.partners.length)
      rows.push([...csvTotals(settlement.totals), listed(null)]);
    const safe = tender.reference.replace(/[^A-Za-z0-9._-]+/g, '_');
    return { filename: `rozliczenie-${safe}.csv`, body: toCsv([CSV_COLUMNS, ...rows]) };
  }

  /**
   * The correcting invoices of the tender, oldest first: each partner's signed difference, and
   * (organisationId null) the invoice's own difference for the totals row.
   */
  private correctionsOf(
    tenderId: string,
  ): Promise<
    { organisationId: string | null; number: string; correctsNumber: string; gross: string }[]
  > {
    return this.dataSource.query(
      `SELECT a.organisation_id AS "organisationId", i.number, p.number AS "correctsNumber",
              a.gross - pa.gross AS gross, i.issued_on, i.created_at
         FROM invoices i JOIN invoices p ON p.id = i.corrects_invoice_id
         JOIN invoice_allocations a ON a.invoice_id = i.id
         JOIN invoice_allocations pa ON pa.invoice_id = p.id AND pa.organisation_id = a.organisation_id
        WHERE i.tender_id = $1 AND i.cancelled_at IS NULL
       UNION ALL
       SELECT NULL, i.number, p.number, i.gross - p.gross, i.issued_on, i.created_at
         FROM invoices i JOIN invoices p ON p.id = i.corrects_invoice_id
        WHERE i.tender_id = $1 AND i.cancelled_at IS NULL
        ORDER BY issued_on, created_at, number`,
      [tenderId],
    );
  }

  private async load(
    actor: Actor,
    tenderId: string,
    organisationId?: string,
  ): Promise<{ tender: Tender; settlement: Settlement; visible: Set<string> }> {
    const manager = this.dataSource.manager;
    const { tender, participants } = await this.tenders.loadVisible(
      manager,
      actor,
      tenderId,
      false,
    );
    const input = await loadSettlementInput(manager, tender, this.finance.today());
    const organisations = input.organisations;
    if (organisationId !== undefined) {
      if (!organisations.some((o) => o.id === organisationId))
        throw notFound('Organisation', organisationId);
      this.finance.assertView(actor, tender, participants, organisationId);
    }
    const visible = new Set(
      organisations
        .map((o) => o.id)
        .filter(
          (id) =>
            (organisationId === undefined || id === organisationId) &&
            this.finance.canView(actor, tender, participants, id),
        ),
    );
    if (visible.size === 0) {
      throw forbidden(
        'FORBIDDEN',
        "Only the partner's own treasurer, head and coordinator, and the leader's procurement officers and treasurer, see a partner's finance",
      );
    }
    const settlement = computeSettlement(input);
    return { tender, settlement, visible };
  }
}

const f = formatAmount;

function partnerView(p: PartnerSettlement): PartnerSettlementView {
  return {
    organisationId: p.organisationId,
    organisationName: p.organisationName,
    nip: p.nip,
    leader: p.leader,
    invoices: p.invoices,
    allocated: { net: f(p.allocated.net), vat: f(p.allocated.vat), gross: f(p.allocated.gross) },
    paid: f(p.paid),
    refunded: f(p.refunded),
    receivedFromPartners: f(p.receivedFromPartners),
    subsidies: {
      granted: f(p.subsidies.granted),
      received: f(p.subsidies.received),
      used: f(p.subsidies.used),
      toReturn: f(p.subsidies.toReturn),
      returned: f(p.subsidies.returned),
      returnDueOn: p.subsidies.returnDueOn,
    },
    outstanding: f(p.outstanding),
    overdue: f(p.overdue),
    balance: f(p.balance),
    nextDue: p.nextDue && { ...p.nextDue, amount: f(p.nextDue.amount) },
  };
}

function totalsView(t: SettlementTotals): SettlementTotalsView {
  return {
    invoices: t.invoices,
    allocated: { net: f(t.allocated.net), vat: f(t.allocated.vat), gross: f(t.allocated.gross) },
    paid: f(t.paid),
    refunded: f(t.refunded),
    receivedFromPartners: f(t.receivedFromPartners),
    subsidies: {
      granted: f(t.subsidies.granted),
      received: f(t.subsidies.received),
      used: f(t.subsidies.used),
      toReturn: f(t.subsidies.toReturn),
      returned: f(t.subsidies.returned),
    },
    outstanding: f(t.outstanding),
    overdue: f(t.overdue),
    balance: f(t.balance),
    invoiced: {
      count: t.invoiced.count,
      net: f(t.invoiced.net),
      vat: f(t.invoiced.vat),
      gross: f(t.invoiced.gross),
    },
    paidToContractors: f(t.paidToContractors),
    reconciled: t.reconciled,
  };
}

function csvRow(p: PartnerSettlement): string[] {
  const c = csvAmount;
  return [
    p.organisationName,
    p.nip ?? '',
    p.leader ? 'lider' : 'partner',
    String(p.invoices),
    c(p.allocated.net),
    c(p.allocated.vat),
    c(p.allocated.gross),
    c(p.paid),
    c(p.refunded),
    c(p.receivedFromPartners),
    c(p.subsidies.received),
    c(p.subsidies.used),
    c(p.subsidies.toReturn),
    p.subsidies.returnDueOn ?? '',
    c(p.outstanding),
    c(p.overdue),
    c(p.balance),
    p.nextDue
      ? `${PAYMENT_KIND_PL[p.nextDue.kind]} (${p.nextDue.direction === 'OUT' ? 'do zapłaty' : 'do otrzymania'})`
      : '',
    p.nextDue?.dueOn ?? '',
    p.nextDue ? c(p.nextDue.amount) : '',
  ];
}

function csvTotals(t: SettlementTotals): string[] {
  const c = csvAmount;
  return [
    'RAZEM',
    '',
    '',
    String(t.invoices),
    c(t.allocated.net),
    c(t.allocated.vat),
    c(t.allocated.gross),
    c(t.paid),
    c(t.refunded),
    c(t.receivedFromPartners),
    c(t.subsidies.received),
    c(t.subsidies.used),
    c(t.subsidies.toReturn),
    '',
    c(t.outstanding),
    c(t.overdue),
    c(t.balance),
    '',
    '',
    '',
  ];
}
