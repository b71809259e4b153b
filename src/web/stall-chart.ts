/**
 * The charts of the "Gdzie czekają decyzje" pages (pure): per partner (or step), two horizontal
 * bars — the median wait and the slowest wait in working days — with their figures as text; and
 * the monthly trend as vertical bars of the median. Bars differ by pattern, figures are written
 * beside them, and the same figures are in the tables next to the charts.
 */
import { FORMS, plural } from './web-format';

export interface WaitFigure {
  label: string;
  medianWorkingDays: number;
  slowestWorkingDays: number;
  count: number;
}

export interface WaitBar {
  y: number;
  width: number;
  text: string;
  textX: number;
}

export interface WaitChart {
  width: number;
  height: number;
  barX: number;
  barHeight: number;
  title: string;
  desc: string;
  rows: Array<{ label: string; labelY: number; median: WaitBar; slowest: WaitBar }>;
}

export interface TrendChart {
  width: number;
  height: number;
  baseY: number;
  title: string;
  desc: string;
  bars: Array<{
    x: number;
    y: number;
    width: number;
    height: number;
    value: string;
    valueY: number;
    label: string;
    labelX: number;
  }>;
}

const WIDTH = 640;
const BAR_X = 8;
const BAR_MAX = 420;
const BAR_H = 20;
const ROW_H = 80;

/** "4,5" — a median may fall between two whole days. */
export function days(n: number): string {
  return String(Math.round(n * 10) / 10).replace('.', ',');
}

/** "1 dzień roboczy", "4 dni robocze", "21 dni roboczych", "10,5 dnia roboczego". */
export function workingDays(n: number): string {
  const rounded = Math.round(n * 10) / 10;
  return Number.isInteger(rounded)
    ? plural(rounded, FORMS.workingDay)
    : `${days(rounded)} dnia roboczego`;
}

export function waitChart(title: string, figures: WaitFigure[]): WaitChart {
  const max = Math.max(1, ...figures.map((f) => f.slowestWorkingDays));
  const bar = (value: number, y: number, what: string): WaitBar => {
    const width = Math.max(1, Math.round((value / max) * BAR_MAX));
    return { y, width, text: `${what}: ${days(value)}`, textX: BAR_X + width + 6 };
  };
  return {
    width: WIDTH,
    height: Math.max(ROW_H, figures.length * ROW_H + 8),
    barX: BAR_X,
    barHeight: BAR_H,
    title,
    desc: figures
      .map(
        (f) =>
          `${f.label}: mediana ${workingDays(f.medianWorkingDays)}, najdłużej ${workingDays(f.slowestWorkingDays)} (oczekiwań: ${f.count}).`,
      )
      .join(' '),
    rows: figures.map((f, i) => {
      const top = i * ROW_H + 8;
      return {
        label: f.label,
        labelY: top + 16,
        median: bar(f.medianWorkingDays, top + 24, 'mediana'),
        slowest: bar(f.slowestWorkingDays, top + 24 + BAR_H + 4, 'najdłużej'),
      };
    }),
  };
}

const MONTH = new Intl.DateTimeFormat('pl-PL', {
  month: 'short',
  year: 'numeric',
  timeZone: 'UTC',
});
const TREND_H = 220;
const TREND_BASE = 180;
const TREND_MAX = 150;

/** "2026-10" → "paź 2026". */
export function monthLabel(month: string): string {
  return MONTH.format(new Date(`${month}-01T00:00:00Z`));
}

export function trendChart(
  title: string,
  points: Array<{ month: string; count: number; medianWorkingDays: number }>,
): TrendChart {
  const max = Math.max(1, ...points.map((p) => p.medianWorkingDays));
  const slot = Math.floor((WIDTH - 16) / Math.max(1, points.length));
  const width = Math.max(8, Math.min(48, slot - 12));
  return {
    width: WIDTH,
    height: TREND_H,
    baseY: TREND_BASE,
    title,
    desc: points
      .map(
        (p) =>
          `${monthLabel(p.month)}: mediana ${workingDays(p.medianWorkingDays)} (zakończonych oczekiwań: ${p.count}).`,
      )
      .join(' '),
    bars: points.map((p, i) => {
      const height = Math.max(1, Math.round((p.medianWorkingDays / max) * TREND_MAX));
      const x = 8 + i * slot;
      return {
        x,
        y: TREND_BASE - height,
        width,
        height,
        value: days(p.medianWorkingDays),
        valueY: TREND_BASE - height - 6,
        label: monthLabel(p.month),
        labelX: x + width / 2,
      };
    }),
  };
}
