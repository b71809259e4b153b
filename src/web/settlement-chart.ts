import { pln } from './web-format';

/**
 * The settlement chart of the Rozliczenie page (pure): per partner, two horizontal bars — the
 * invoices' gross allocated to it and what it paid — and its balance in words beside them. Bars
 * differ by pattern and carry their amounts as text, so nothing is said by colour alone; the
 * same figures are in the table next to the chart. Geometry only: amounts are drawn, not counted.
 */
export interface ChartPartner {
  organisationName: string;
  allocatedGross: string;
  paid: string;
  balance: string;
}

export interface ChartBar {
  y: number;
  width: number;
  text: string;
  textX: number;
}

export interface ChartRow {
  label: string;
  labelY: number;
  allocated: ChartBar;
  paid: ChartBar;
  balance: string;
  balanceY: number;
}

export interface SettlementChart {
  width: number;
  height: number;
  barX: number;
  barHeight: number;
  title: string;
  desc: string;
  rows: ChartRow[];
}

const WIDTH = 640;
const BAR_X = 8;
const BAR_MAX = 380;
const BAR_H = 20;
const ROW_H = 104;

/** What a balance means: below zero the partner owes, above zero it is owed. */
export function balanceState(balance: string): string {
  const value = Number(balance);
  if (value < 0) return 'niedopłata (partner ma do zapłaty)';
  if (value > 0) return 'nadpłata (należna partnerowi)';
  return 'rozliczony';
}

/** "saldo -1 234,56 zł: niedopłata (partner ma do zapłaty)". */
export function balanceWords(balance: string): string {
  return `saldo ${pln(balance)}: ${balanceState(balance)}`;
}

export function settlementChart(reference: string, partners: ChartPartner[]): SettlementChart {
  const max = Math.max(1, ...partners.flatMap((p) => [Number(p.allocatedGross), Number(p.paid)]));
  const bar = (amount: string, y: number, what: string): ChartBar => {
    const width = Math.max(1, Math.round((Number(amount) / max) * BAR_MAX));
    return { y, width, text: `${what}: ${pln(amount)}`, textX: BAR_X + width + 6 };
  };
  const rows = partners.map((p, i) => {
    const top = i * ROW_H + 8;
    return {
      label: p.organisationName,
      labelY: top + 16,
      allocated: bar(p.allocatedGross, top + 24, 'przypisano'),
      paid: bar(p.paid, top + 24 + BAR_H + 4, 'wpłacono'),
      balance: balanceWords(p.balance),
      balanceY: top + 24 + 2 * (BAR_H + 4) + 16,
    };
  });
  return {
    width: WIDTH,
    height: Math.max(ROW_H, partners.length * ROW_H + 8),
    barX: BAR_X,
    barHeight: BAR_H,
    title: `Rozliczenie partnerów postępowania ${reference}: przypisano i wpłacono`,
    desc: partners
      .map(
        (p) =>
          `${p.organisationName}: przypisano ${pln(p.allocatedGross)} brutto, wpłacono ${pln(p.paid)}, ${balanceWords(p.balance)}.`,
      )
      .join(' '),
    rows,
  };
}
