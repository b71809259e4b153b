import { formatPln } from '../../common/money';
import { thresholdsOn, type SubjectKind } from './thresholds';

export type { SubjectKind } from './thresholds';

import { type Regime } from '../../common/vocabulary';
export type { Regime };

export interface RegimeDecision {
  readonly regime: Regime;
  /** The national threshold in force on the date, grosz net. */
  readonly nationalThresholdNet: number;
  /** The EU threshold for the subject kind in force on the date, grosz net. */
  readonly euThresholdNet: number;
  /**
   * The threshold that decided the regime: the EU one for EU, otherwise the national one (the
   * value reached it for NATIONAL; for OUTSIDE_ACT it is the line the value stays below, the one
   * a growing partnership must watch).
   */
  readonly thresholdNet: number;
  /** First day of the threshold row used, so a stored decision can be traced to its data. */
  readonly thresholdsValidFrom: string;
  /** Polish justification for the procedure record and the agreement. */
  readonly basis: string;
}

const SUBJECT_PL: Record<SubjectKind, string> = {
  SUPPLIES: 'dostawy',
  SERVICES: 'usługi',
  WORKS: 'roboty budowlane',
};

/** 5404000 → "5 404 000", the way the euro amounts are written in the announcements. */
function groupThousands(n: number): string {
  return String(n).replace(/\B(?=(\d{3})+(?!\d))/g, ' ');
}

/**
 * The regime for a procedure of total net value `valueNetGrosz` (all partners' shares, art. 28 and
 * art. 38 Pzp) and subject kind, under the thresholds in force on `on` (YYYY-MM-DD). Pass the day
 * the procedure starts (or is planned to start), not today: a procedure keeps the thresholds of
 * its start date. Thresholds are inclusive: a value equal to a threshold reaches it.
 */
export function computeRegime(
  valueNetGrosz: number,
  subjectKind: SubjectKind,
  on: string,
): RegimeDecision {
  if (!Number.isSafeInteger(valueNetGrosz) || valueNetGrosz < 0) {
    throw new RangeError(
      `Value must be a non-negative whole number of grosz, got ${valueNetGrosz}`,
    );
  }
  if (!Object.prototype.hasOwnProperty.call(SUBJECT_PL, subjectKind)) {
    throw new RangeError(`Unknown subject kind "${String(subjectKind)}"`);
  }
  const row = thresholdsOn(on);
  const national = row.national;
  const eu = row.eu[subjectKind];
  const value = `Wartość zamówienia ${formatPln(valueNetGrosz)} netto`;
  const nationalText = `próg stosowania ustawy: ${formatPln(national.net)} netto (${national.basis})`;
  const euText =
    `próg unijny dla zamówień na ${SUBJECT_PL[subjectKind]}: ${formatPln(eu.net)} netto ` +
    `(${groupThousands(eu.eur)} euro; ${eu.basis})`;
  const common = {
    nationalThresholdNet: national.net,
    euThresholdNet: eu.net,
    thresholdsValidFrom: row.validFrom,
  };

  if (valueNetGrosz >= eu.net) {
    return {
      ...common,
      regime: 'EU',
      thresholdNet: eu.net,
      basis:
        `${value} nie jest niższa niż ${euText}. Stosuje się przepisy o zamówieniach o wartości ` +
        `równej lub przekraczającej progi unijne; ogłoszenie w Dzienniku Urzędowym Unii Europejskiej.`,
    };
  }
  if (valueNetGrosz >= national.net) {
    return {
      ...common,
      regime: 'NATIONAL',
      thresholdNet: national.net,
      basis:
        `${value} nie jest niższa niż ${nationalText} i jest niższa niż ${euText}. Stosuje się ` +
        `przepisy o zamówieniach o wartości mniejszej niż progi unijne; ogłoszenie w Biuletynie ` +
        `Zamówień Publicznych.`,
    };
  }
  return {
    ...common,
    regime: 'OUTSIDE_ACT',
    thresholdNet: national.net,
    basis:
      `${value} jest niższa niż ${nationalText}. Przepisów ustawy Pzp nie stosuje się; ` +
      `zamówienia udziela się według wewnętrznych zasad zamawiających.`,
  };
}
