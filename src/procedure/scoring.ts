/**
 * Evaluation of offers in one lot (ocena ofert) as pure functions: the criteria with their weights,
 * the points of each offer per criterion and the ranking with the tie rules of art. 248 Pzp. No
 * Nest, no TypeORM. Points are kept as whole hundredths (1 pt = 100), so "rounded to two decimals
 * as the SWZ states" is exact and two offers with the same points really tie.
 */

export const CRITERION_KINDS = ['PRICE', 'OTHER'] as const;
export type CriterionKind = (typeof CRITERION_KINDS)[number];
export const CRITERION_DIRECTIONS = ['LOWER_BETTER', 'HIGHER_BETTER'] as const;
export type CriterionDirection = (typeof CRITERION_DIRECTIONS)[number];

export interface Criterion {
  /** Short key the offers' values use, e.g. `price`, `warranty`. */
  key: string;
  name: string;
  kind: CriterionKind;
  /** Points (weight) of the criterion; all weights of a lot sum to 100. */
  weight: number;
  /** For OTHER criteria; price is always lower-better. */
  direction: CriterionDirection;
}

export interface CriteriaSet {
  criteria: Criterion[];
  /**
   * Art. 246 ust. 2 Pzp: a local government may give price more than 60 points (or make it the
   * only criterion) only when the description of the subject sets the quality standards of all
   * its essential features; the SWZ then says so and the officer records it here.
   */
  qualityStandardsDescribed: boolean;
}

export interface CriteriaViolation {
  field: string;
  rule: string;
  message: string;
}

export const PRICE_WEIGHT_LIMIT = 60;

/** What is wrong with a lot's criteria (empty when they can be used). */
export function checkCriteria(set: CriteriaSet): CriteriaViolation[] {
  const out: CriteriaViolation[] = [];
  const { criteria } = set;
  const keys = new Set<string>();
  criteria.forEach((c, i) => {
    if (keys.has(c.key))
      out.push({
        field: `criteria[${i}].key`,
        rule: 'unique',
        message: `criterion key ${c.key} is used twice`,
      });
    keys.add(c.key);
    if (!Number.isInteger(c.weight) || c.weight <= 0 || c.weight > 100)
      out.push({
        field: `criteria[${i}].weight`,
        rule: 'weightRange',
        message: `criteria[${i}].weight must be a whole number of points from 1 to 100`,
      });
    if (c.kind === 'PRICE' && c.direction !== 'LOWER_BETTER')
      out.push({
        field: `criteria[${i}].direction`,
        rule: 'priceLowerBetter',
        message: 'the price criterion scores the lowest price best (LOWER_BETTER)',
      });
  });
  const prices = criteria.filter((c) => c.kind === 'PRICE');
  if (prices.length !== 1)
    out.push({
      field: 'criteria',
      rule: 'onePriceCriterion',
      message: `exactly one criterion must be the price (art. 242 ust. 1 Pzp); now ${prices.length}`,
    });
  const sum = criteria.reduce((s, c) => s + c.weight, 0);
  if (sum !== 100)
    out.push({
      field: 'criteria',
      rule: 'weightsSum100',
      message: `the weights must sum to 100 points; now ${sum}`,
    });
  const priceWeight = prices[0]?.weight ?? 0;
  if (priceWeight > PRICE_WEIGHT_LIMIT && !set.qualityStandardsDescribed)
    out.push({
      field: 'criteria',
      rule: 'priceWeightArt246',
      message:
        `price weighs ${priceWeight} points; above ${PRICE_WEIGHT_LIMIT} a local government needs the quality ` +
        'standards described in the SWZ (art. 246 ust. 2 Pzp): set qualityStandardsDescribed',
    });
  return out;
}

export interface ScoredOffer {
  id: string;
  /** Gross price in grosz (cena oferty brutto). */
  priceGross: number;
  /** Values of the OTHER criteria by key. */
  values: Record<string, number>;
}

export interface CriterionScore {
  key: string;
  /** Hundredths of a point. */
  points: number;
}

export interface OfferScore {
  offerId: string;
  scores: CriterionScore[];
  /** Sum of the rounded criterion points, hundredths. */
  total: number;
}

/** a × b ÷ c rounded half up, exact for bigints (grosz prices times hundredths overflow doubles). */
function mulDivRound(a: bigint, b: bigint, c: bigint): number {
  if (c === 0n) return 0;
  return Number((a * b * 2n + c) / (2n * c));
}

/**
 * Points of every offer: price = lowest price ÷ offer price × weight; other criteria = value ÷ best
 * value × weight (higher better) or best value ÷ value × weight (lower better); each rounded to two
 * decimals, then summed.
 */
export function scoreOffers(criteria: Criterion[], offers: ScoredOffer[]): OfferScore[] {
  if (offers.length === 0) return [];
  return offers.map((o) => {
    const scores = criteria.map((c) => ({ key: c.key, points: criterionPoints(c, o, offers) }));
    return { offerId: o.id, scores, total: scores.reduce((s, x) => s + x.points, 0) };
  });
}

function criterionPoints(c: Criterion, offer: ScoredOffer, all: ScoredOffer[]): number {
  const hundredths = BigInt(c.weight * 100);
  if (c.kind === 'PRICE') {
    const lowest = Math.min(...all.map((o) => o.priceGross));
    if (offer.priceGross <= 0) return c.weight * 100;
    return mulDivRound(BigInt(lowest), hundredths, BigInt(offer.priceGross));
  }
  const value = offer.values[c.key] ?? 0;
  const values = all.map((o) => o.values[c.key] ?? 0);
  if (c.direction === 'HIGHER_BETTER') {
    const best = Math.max(...values);
    if (best <= 0) return 0;
    return roundHalfUp((value * c.weight * 100) / best);
  }
  const best = Math.min(...values);
  if (value <= 0) return c.weight * 100;
  return roundHalfUp((best * c.weight * 100) / value);
}

/** Half up, forgiving the binary noise of decimal values (0.5 stored as 0.49999…). */
function roundHalfUp(x: number): number {
  return Math.floor(x + 0.5 + 1e-9);
}

export interface RankedOffer extends OfferScore {
  priceGross: number;
  /** 1 for the best; offers that tie share their place. */
  place: number;
}

export interface Ranking {
  ranked: RankedOffer[];
  /** The offer to select, or null when there is none or the tie rule leaves two (art. 248 ust. 3). */
  bestOfferId: string | null;
  /**
   * Why the best offer was chosen among equals: `LOWER_PRICE` when two offers had the same points
   * and the lower price decided (art. 248 ust. 1), `TIE` when they also had the same price: the
   * contracting authority must ask them for additional offers (art. 248 ust. 3).
   */
  tie: 'NONE' | 'LOWER_PRICE' | 'TIE';
}

/** Orders the valid offers by points (then lower price) and names the best one. */
export function rankOffers(criteria: Criterion[], offers: ScoredOffer[]): Ranking {
  const scores = scoreOffers(criteria, offers);
  const price = new Map(offers.map((o) => [o.id, o.priceGross]));
  const rows = scores
    .map((s) => ({ ...s, priceGross: price.get(s.offerId) as number, place: 0 }))
    .sort(
      (a, b) =>
        b.total - a.total || a.priceGross - b.priceGross || a.offerId.localeCompare(b.offerId),
    );
  rows.forEach((r, i) => {
    const prev = rows[i - 1];
    r.place =
      prev && prev.total === r.total && prev.priceGross === r.priceGross ? prev.place : i + 1;
  });
  if (rows.length === 0) return { ranked: [], bestOfferId: null, tie: 'NONE' };
  const [first, second] = rows;
  if (second && second.total === first.total) {
    if (second.priceGross === first.priceGross)
      return { ranked: rows, bestOfferId: null, tie: 'TIE' };
    return { ranked: rows, bestOfferId: first.offerId, tie: 'LOWER_PRICE' };
  }
  return { ranked: rows, bestOfferId: first.offerId, tie: 'NONE' };
}

/** "9235" → "92,35" (points in Polish notation). */
export function formatPoints(hundredths: number): string {
  const sign = hundredths < 0 ? '-' : '';
  const abs = Math.abs(hundredths);
  return `${sign}${Math.floor(abs / 100)},${String(abs % 100).padStart(2, '0')}`;
}
