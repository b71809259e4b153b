import { Injectable } from '@nestjs/common';
import type { Actor } from '../auth';
import { forbidden, notFound } from '../common/errors';
import {
  ContractsService,
  FINANCE_OPEN,
  InvoicesService,
  PaymentsService,
  SettlementService,
  type ContractView,
  type InvoiceView,
  type PaymentView,
  type SettlementView,
} from '../finance';
import { TendersService, type TenderView } from '../tenders';
import type { FinanceAction, OptionList, RecordKind } from './finance-actions';
import { PAYMENT_STATUS_PL } from './finance-words';
import { dateLong, lotName, pln } from './web-format';

export interface FinanceContext {
  tender: TenderView;
  rights: { view: string[]; manage: string[] };
  settlement: SettlementView;
  contracts: ContractView[];
  invoices: InvoiceView[];
  payments: PaymentView[];
  /** Finance is recorded while AWARDED or CONTRACTED. */
  open: boolean;
}

export interface Option {
  value: string;
  label: string;
}

/**
 * What the finance pages read, through the finance services with the page user's Actor: the
 * tender, whose finance they see and record, and the records. Nobody's finance → 403.
 */
@Injectable()
export class FinanceContextLoader {
  constructor(
    private readonly tenders: TendersService,
    private readonly settlements: SettlementService,
    private readonly contracts: ContractsService,
    private readonly invoices: InvoicesService,
    private readonly payments: PaymentsService,
  ) {}

  async load(actor: Actor, tenderId: string): Promise<FinanceContext> {
    const tender = await this.tenders.get(actor, tenderId);
    const rights = await this.settlements.rights(actor, tenderId);
    if (rights.view.length === 0)
      throw forbidden('FORBIDDEN', 'You do not see the finance of any party of this tender');
    const [settlement, contracts, invoices, payments] = await Promise.all([
      this.settlements.settlement(actor, tenderId),
      this.contracts.listContracts(actor, tenderId),
      this.invoices.listInvoices(actor, tenderId),
      this.payments.listPayments(actor, tenderId),
    ]);
    return {
      tender,
      rights,
      settlement,
      contracts,
      invoices,
      payments,
      open: FINANCE_OPEN.includes(tender.status),
    };
  }
}

export function nameOf(ctx: FinanceContext, organisationId: string): string {
  return (
    ctx.settlement.partners.find((p) => p.organisationId === organisationId)?.organisationName ?? ''
  );
}

/** The choices of a select field, limited to what the user may record. */
export function optionsOf(ctx: FinanceContext, list: OptionList, action: FinanceAction): Option[] {
  const leader = ctx.tender.leaderOrganisationId;
  switch (list) {
    case 'lots':
      return ctx.tender.lots.map((l) => ({ value: l.id, label: lotName(l.number, l.title) }));
    case 'partners':
      return ctx.settlement.partners
        .filter((p) => ctx.rights.manage.includes(p.organisationId))
        .filter((p) => !(action.model === 'LEADER_CONTRACT' && p.organisationId === leader))
        .map((p) => ({ value: p.organisationId, label: p.organisationName }));
    case 'invoices':
      return ctx.invoices
        .filter((i) => i.inForce)
        .map((i) => ({
          value: i.id,
          label: `${i.number}${i.correction ? ` (korekta faktury ${i.correction.originalNumber})` : ''}, ${pln(i.gross)} brutto`,
        }));
    case 'subsidies':
      return ctx.payments
        .filter((p) => p.kind === 'SUBSIDY' && p.settledOn)
        .map((p) => ({
          value: p.id,
          label: `${p.organisationName}: ${p.resolutionNumber ?? ''}, ${pln(p.amount)}`,
        }));
  }
}

/** The record a form acts on, as facts for the page; unknown or not visible → 404. */
export function recordFacts(
  ctx: FinanceContext,
  kind: RecordKind,
  id: string,
): { facts: { label: string; value: string }[]; version: number | null; organisations: string[] } {
  if (kind === 'contract') {
    const c = ctx.contracts.find((x) => x.id === id);
    if (!c) throw notFound('Contract', id);
    return {
      version: null,
      organisations: [c.organisationId],
      facts: [
        { label: 'Umowa', value: `część ${c.lotNumber}, ${c.organisationName}` },
        { label: 'Wykonawca', value: `${c.contractorName}, NIP ${c.contractorNip}` },
        { label: 'Kwota', value: `${pln(c.amountNet)} netto, ${pln(c.amountGross)} brutto` },
        { label: 'Zawarta', value: dateLong(c.signedOn) },
      ],
    };
  }
  if (kind === 'invoice') {
    const i = ctx.invoices.find((x) => x.id === id);
    if (!i) throw notFound('Invoice', id);
    return {
      version: i.version,
      organisations: [i.organisationId],
      facts: [
        { label: 'Faktura', value: `${i.number}, NIP wystawcy ${i.contractorNip}` },
        {
          label: 'Kwota',
          value: `${pln(i.net)} netto + ${pln(i.vat)} VAT = ${pln(i.gross)} brutto`,
        },
        { label: 'Wystawiona', value: dateLong(i.issuedOn) },
      ],
    };
  }
  const p = ctx.payments.find((x) => x.id === id);
  if (!p) throw notFound('Payment', id);
  return {
    version: p.version,
    organisations: [p.organisationId, p.payerOrganisationId],
    facts: [
      { label: 'Płatność', value: `${p.kindLabel}, ${p.organisationName}` },
      { label: 'Kwota', value: pln(p.amount) },
      { label: 'Termin', value: dateLong(p.dueOn) },
      { label: 'Stan', value: PAYMENT_STATUS_PL[p.status] ?? p.status },
    ],
  };
}
