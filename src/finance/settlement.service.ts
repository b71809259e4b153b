import { Injectable } from '@nestjs/common';
import { stringify } from 'csv-stringify/sync';
import { DataSource } from 'typeorm';
import type { Actor } from '../auth/actor';
import { forbidden, notFound } from '../common/errors/domain-error';
import { formatAmount } from '../common/money/money';
import { TendersService } from '../tenders/tenders.service';
import type { Tender } from '../tenders/tender.entity';
import type {
  PartnerSettlementView,
  SettlementTotalsView,
  SettlementView,
} from './dto/finance.dto';
import { FinanceService } from './finance.service';
import { PAYMENT_KIND_PL, type PaymentKind } from './payment-kinds';
import {
  computeSettlement,
  type PartnerSettlement,
  type Settlement,
  type SettlementPayment,
  type SettlementTotals,
} from './settlement';

/** The CSV export: UTF-8 with a byte-order mark (Excel), `;` separated, decimal comma. */
export const CSV_BOM = '\uFEFF';

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
    private readonly finance: FinanceService,
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

  async csv(actor: Actor, tenderId: string): Promise<{ filename: string; body: string }> {
    const { tender, settlement, visible } = await this.load(actor, tenderId);
    const rows = settlement.partners.filter((p) => visible.has(p.organisationId)).map(csvRow);
    if (visible.size === settlement.partners.length) rows.push(csvTotals(settlement.totals));
    const body = stringify([CSV_COLUMNS, ...rows], { delimiter: ';', record_delimiter: '\r\n' });
    const safe = tender.reference.replace(/[^A-Za-z0-9._-]+/g, '_');
    return { filename: `rozliczenie-${safe}.csv`, body: CSV_BOM + body };
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
    const organisations = await manager.query<{ id: string; name: string; nip: string | null }[]>(
      `SELECT o.id, o.name, o.nip FROM organisations o
        WHERE o.id = $2
           OR o.id IN (SELECT organisation_id FROM shares WHERE tender_id = $1 AND status <> 'WITHDRAWN')
           OR o.id IN (SELECT organisation_id FROM contracts WHERE tender_id = $1)
           OR o.id IN (SELECT organisation_id FROM invoice_allocations WHERE tender_id = $1)
           OR o.id IN (SELECT organisation_id FROM payments WHERE tender_id = $1)
        ORDER BY (o.id = $2) DESC, o.name, o.id`,
      [tender.id, tender.leaderOrganisationId],
    );
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
    const [allocations, invoices, payments] = await Promise.all([
      manager.query<
        { invoice_id: string; organisation_id: string; net: string; vat: string; gross: string }[]
      >(
        'SELECT invoice_id, organisation_id, net, vat, gross FROM invoice_allocations WHERE tender_id = $1',
        [tender.id],
      ),
      manager.query<{ net: string; vat: string; gross: string }[]>(
        'SELECT net, vat, gross FROM invoices WHERE tender_id = $1',
        [tender.id],
      ),
      manager.query<PaymentRow[]>(
        `SELECT id, organisation_id, kind, amount, due_on::text AS due_on, paid_on::text AS paid_on,
                subsidy_id, used_amount, settled_on::text AS settled_on,
                return_due_on::text AS return_due_on
           FROM payments WHERE tender_id = $1`,
        [tender.id],
      ),
    ]);
    const settlement = computeSettlement({
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
      today: this.finance.today(),
    });
    return { tender, settlement, visible };
  }
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
