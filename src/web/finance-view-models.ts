import type { ContractView, InvoiceView, PaymentView } from '../finance';
import { FINANCE_ACTIONS } from './finance-actions';
import type { FinanceContext } from './finance-context';
import { PAYMENT_STATUS_PL } from './finance-words';
import { dateLong, lotName, pln } from './web-format';
import type { Badge } from './web-view-models';

interface Link {
  href: string;
  label: string;
}

const link = (ctx: FinanceContext, akcja: string, rekord?: string): Link => ({
  href: `/postepowania/${ctx.tender.id}/finanse/${akcja}${rekord ? `?rekord=${rekord}` : ''}`,
  label: FINANCE_ACTIONS[akcja].title,
});

export function paymentBadge(status: string): Badge {
  const label = PAYMENT_STATUS_PL[status] ?? status;
  switch (status) {
    case 'PAID':
      return { tone: 'success', icon: '✓', label };
    case 'OVERDUE':
      return { tone: 'danger', icon: '!', label };
    case 'CANCELLED':
      return { tone: 'neutral', icon: '✕', label };
    default:
      return { tone: 'progress', icon: '…', label };
  }
}

const cancelled: Badge = { tone: 'neutral', icon: '✕', label: 'anulowana' };
const recorded: Badge = { tone: 'success', icon: '✓', label: 'zapisana' };
const corrected: Badge = { tone: 'neutral', icon: '↺', label: 'skorygowana' };

/**
 * The finance page's tables: every record the user sees, corrected ones marked (cancelled with the
 * reason, amended with the amounts before, reversed with the payment it had), and the actions the
 * user may take on each (what the services would accept of them; the services decide again).
 */
export function financeOverview(ctx: FinanceContext) {
  const may = (...orgs: string[]) => ctx.open && orgs.some((o) => ctx.rights.manage.includes(o));
  const leaderManages = may(ctx.tender.leaderOrganisationId);
  const leaderModel = ctx.tender.settlementModel === 'LEADER_CONTRACT';
  const lots = ctx.tender.lots.map((l) => ({
    name: lotName(l.number, l.title),
    contracts: ctx.contracts.filter((c) => c.lotId === l.id).map((c) => contractRow(ctx, c, may)),
  }));
  // Under the leader's contract the leader signs, is billed and pays the contractor; the partners
  // transfer advances and subsidies to it. Under separate contracts each partner does its own.
  const partnerSide = ctx.rights.manage.filter((o) => o !== ctx.tender.leaderOrganisationId);
  const contractor = leaderModel ? leaderManages : may(...ctx.rights.manage);
  const recordLinks = [
    ...(contractor ? [link(ctx, 'umowa'), link(ctx, 'faktura'), link(ctx, 'zaplata-faktury')] : []),
    ...(leaderModel && may(...partnerSide) ? [link(ctx, 'zaliczka'), link(ctx, 'dotacja')] : []),
    ...(leaderModel && leaderManages ? [link(ctx, 'zwrot')] : []),
  ];
  return {
    open: ctx.open,
    recordLinks,
    lots,
    invoices: ctx.invoices.map((i) => invoiceRow(ctx, i, may)),
    payments: ctx.payments.map((p) => paymentRow(ctx, p, may, leaderManages)),
    settlementHref: `/postepowania/${ctx.tender.id}/rozliczenie`,
  };
}

function contractRow(ctx: FinanceContext, c: ContractView, may: (...orgs: string[]) => boolean) {
  const live = !c.cancelledAt;
  return {
    ...c,
    badge: live ? { ...recorded, label: 'zawarta' } : { ...cancelled, label: 'anulowana' },
    amendments: c.amendments.map((a) => ({
      ...a,
      text: `Aneks z ${dateLong(a.signedOn)}: netto ${pln(a.amountNetBefore)} → ${pln(a.amountNet)}, brutto ${pln(a.amountGrossBefore)} → ${pln(a.amountGross)}. ${a.reason}`,
    })),
    actions:
      live && may(c.organisationId)
        ? [link(ctx, 'aneks', c.id), link(ctx, 'anuluj-umowe', c.id)]
        : [],
  };
}

function invoiceRow(ctx: FinanceContext, i: InvoiceView, may: (...orgs: string[]) => boolean) {
  const lot = ctx.tender.lots.find((l) => l.id === i.lotId);
  const live = !i.cancelledAt;
  return {
    ...i,
    lotNumber: lot?.number,
    addressee: ctx.settlement.partners.find((p) => p.organisationId === i.organisationId)
      ?.organisationName,
    badge: live ? (i.correctedBy ? corrected : recorded) : cancelled,
    correctedNote: i.correctedBy ? `Skorygowana fakturą nr ${i.correctedBy.number}.` : null,
    correctionNote: i.correction
      ? `Faktura korygująca do faktury nr ${i.correction.correctsNumber}: różnica ${pln(i.correction.difference.net)} netto, ${pln(i.correction.difference.vat)} VAT, ${pln(i.correction.difference.gross)} brutto. Przyczyna: ${i.correction.reason}`
      : null,
    differences: i.correction?.allocations ?? [],
    actions:
      i.inForce && may(i.organisationId)
        ? [
            link(ctx, 'korekta', i.id),
            ...(i.correction ? [] : [link(ctx, 'anuluj-fakture', i.id)]),
          ]
        : [],
  };
}

function paymentRow(
  ctx: FinanceContext,
  p: PaymentView,
  may: (...orgs: string[]) => boolean,
  leaderManages: boolean,
) {
  const mine = may(p.organisationId, p.payerOrganisationId);
  const unpaid = p.status === 'DUE' || p.status === 'OVERDUE';
  const actions: Link[] = [];
  if (mine && unpaid)
    actions.push(link(ctx, 'zaplacono', p.id), link(ctx, 'anuluj-platnosc', p.id));
  if (mine && p.status === 'PAID' && !(p.kind === 'SUBSIDY' && p.settledOn))
    actions.push(link(ctx, 'storno', p.id));
  if (leaderManages && p.kind === 'SUBSIDY' && p.status === 'PAID' && !p.settledOn)
    actions.push(link(ctx, 'rozlicz-dotacje', p.id));
  const invoice = p.invoiceId ? ctx.invoices.find((i) => i.id === p.invoiceId) : undefined;
  return {
    ...p,
    badge: paymentBadge(p.status),
    invoiceNumber: invoice?.number ?? null,
    subsidy:
      p.kind === 'SUBSIDY'
        ? {
            resolution: p.resolutionNumber,
            useUntil: p.useUntil,
            settlementDueOn: p.settlementDueOn,
            returnDueOn: p.returnDueOn,
            returnBasis: p.returnBasis,
            usedAmount: p.usedAmount,
            settledOn: p.settledOn,
          }
        : null,
    actions,
  };
}
