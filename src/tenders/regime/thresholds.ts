/**
 * Procurement thresholds as versioned data. The law changes them (the national threshold by an
 * amendment of the Act, the EU thresholds and the PLN/EUR rate every two years), so each row holds
 * one period's complete set with its legal basis; code picks the row by date and never hard-codes
 * an amount. To follow a change, add a row (and close the previous one): no other code changes.
 *
 * All PLN amounts are net of VAT, in grosz. EUR amounts are whole euro as published.
 */

import { type SubjectKind } from '../../common/vocabulary';
export type { SubjectKind };

export interface EuThreshold {
  /** The threshold in euro as set by the EU (art. 4 of directive 2014/24/EU). */
  readonly eur: number;
  /** Its PLN equivalent announced by the President of UZP, in grosz. */
  readonly net: number;
  readonly basis: string;
}

export interface ThresholdRow {
  /** First day the row applies (YYYY-MM-DD, inclusive). */
  readonly validFrom: string;
  /**
   * Last day the row applies (inclusive), or null while it is the current law: the thresholds stay
   * in force until replaced, so an open row keeps working until the next one is added.
   */
  readonly validTo: string | null;
  readonly national: { readonly net: number; readonly basis: string };
  /** The PLN/EUR rate used to convert the EU thresholds, as a decimal string (no float rounding). */
  readonly plnPerEur: { readonly rate: string; readonly basis: string };
  /**
   * EU thresholds for a contracting authority that is a local government unit (or their union):
   * supplies and services use art. 4 lit. c of the directive, not the lower central-government one.
   * Social and other specific services (750 000 EUR) are not modelled: SubjectKind has no such kind.
   */
  readonly eu: Readonly<Record<SubjectKind, EuThreshold>>;
}

const ZL = 100;

const NATIONAL_BASIS = 'art. 2 ust. 1 pkt 1 Pzp';

const BASIS_2024 =
  'art. 3 ust. 1 Pzp w zw. z art. 4 dyrektywy 2014/24/UE; obwieszczenie Prezesa UZP z dnia ' +
  '3 grudnia 2023 r. (M.P. poz. 1344)';

const BASIS_2026 =
  'art. 3 ust. 1 Pzp w zw. z art. 4 dyrektywy 2014/24/UE; obwieszczenie Prezesa UZP ' +
  '(art. 3 ust. 3 Pzp) na lata 2026–2027';

/** Ordered by date, contiguous, non-overlapping (checked by the spec). */
export const THRESHOLDS: readonly ThresholdRow[] = [
  {
    validFrom: '2024-01-01',
    validTo: '2025-12-31',
    national: { net: 130_000 * ZL, basis: NATIONAL_BASIS },
    plnPerEur: { rate: '4.6371', basis: 'obwieszczenie Prezesa UZP z dnia 3 grudnia 2023 r.' },
    eu: {
      WORKS: { eur: 5_538_000, net: 25_680_260 * ZL, basis: `${BASIS_2024} (roboty budowlane)` },
      SUPPLIES: { eur: 221_000, net: 1_024_799 * ZL, basis: `${BASIS_2024} (dostawy, JST)` },
      SERVICES: { eur: 221_000, net: 1_024_799 * ZL, basis: `${BASIS_2024} (usługi, JST)` },
    },
  },
  {
    validFrom: '2026-01-01',
    validTo: null,
    national: {
      net: 170_000 * ZL,
      // Procedures started before 1.1.2026 keep 130 000 zł: pass their start date, not today.
      basis: `${NATIONAL_BASIS} w brzmieniu obowiązującym od 1 stycznia 2026 r.`,
    },
    plnPerEur: { rate: '4.31', basis: 'obwieszczenie Prezesa UZP na lata 2026–2027' },
    eu: {
      WORKS: { eur: 5_404_000, net: 23_291_240 * ZL, basis: `${BASIS_2026} (roboty budowlane)` },
      SUPPLIES: { eur: 216_000, net: 930_960 * ZL, basis: `${BASIS_2026} (dostawy, JST)` },
      SERVICES: { eur: 216_000, net: 930_960 * ZL, basis: `${BASIS_2026} (usługi, JST)` },
    },
  },
];

/** Thrown when no row covers the date; a data gap, so it must not be guessed around. */
export class ThresholdsNotDefinedError extends Error {
  readonly code = 'REGIME_THRESHOLDS_NOT_DEFINED';

  constructor(readonly on: string) {
    super(
      `No procurement thresholds are defined for ${on}; ` +
        `threshold data covers ${THRESHOLDS[0].validFrom} onwards`,
    );
    this.name = 'ThresholdsNotDefinedError';
  }
}

/** A real calendar day written YYYY-MM-DD, so string comparison orders dates correctly. */
export function assertIsoDate(on: string): void {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(on);
  const valid =
    match !== null &&
    (() => {
      const [y, m, d] = [Number(match[1]), Number(match[2]), Number(match[3])];
      const date = new Date(Date.UTC(y, m - 1, d));
      return date.getUTCFullYear() === y && date.getUTCMonth() === m - 1 && date.getUTCDate() === d;
    })();
  if (!valid) throw new RangeError(`Expected a date as YYYY-MM-DD, got "${on}"`);
}

/** The threshold row in force on a day (YYYY-MM-DD). */
export function thresholdsOn(on: string): ThresholdRow {
  assertIsoDate(on);
  const row = THRESHOLDS.find((r) => r.validFrom <= on && (r.validTo === null || on <= r.validTo));
  if (row === undefined) throw new ThresholdsNotDefinedError(on);
  return row;
}
