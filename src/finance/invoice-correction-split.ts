import { splitInvoice, type AllocationAmounts } from './invoice-split';

/**
 * How a correcting invoice (faktura korygująca) is split among the partners (pure; amounts in
 * integer grosz). The correction keeps the weights of the invoice it corrects (the same rule the
 * original used, even if shares changed since), and the amounts after the correction are split
 * exactly as an invoice of those amounts would be (`splitInvoice`). Each partner's difference is
 * its part after less its part before. So, whatever the sign of the difference (a correction may
 * lower or raise net and VAT, even in opposite directions):
 *   - the differences add up to the invoice's difference in every column, to the grosz;
 *   - every part after the correction is ≥ 0 and consistent (net + VAT = gross), within 1 grosz of
 *     its exact share, so each difference is within 2 grosz of its exact share;
 *   - a correction of a correction never drifts: the latest state is always the plain split of the
 *     latest amounts, and a correction to zero takes each partner to exactly zero.
 * Splitting the signed difference itself would need none of this only when every part stays
 * non-negative, which a lowering correction cannot promise after rounding.
 */
export interface CorrectionPart {
  after: AllocationAmounts;
  difference: AllocationAmounts;
}

export function splitCorrection(
  before: readonly (AllocationAmounts & { weight: number })[],
  corrected: { net: number; vat: number },
): CorrectionPart[] {
  const after = splitInvoice(
    corrected,
    before.map((b) => b.weight),
  );
  return after.map((a, i) => ({
    after: a,
    difference: {
      net: a.net - before[i].net,
      vat: a.vat - before[i].vat,
      gross: a.gross - before[i].gross,
    },
  }));
}
