/**
 * Money in domain code is an integer number of grosz held in a JS `number` that must stay a safe
 * integer. Floats are never used for arithmetic: products and quotients go through BigInt, so a
 * value near Number.MAX_SAFE_INTEGER does not silently lose a grosz.
 *
 * The API carries amounts as strings with exactly two decimals (`"1234.56"`); `parseAmount` and
 * `formatAmount` convert at that boundary, `formatPln` renders amounts in Polish documents.
 */

/** Thrown for an amount string that is not in the API format; maps to 400 with the field named. */
export class AmountFormatError extends Error {
  readonly code = 'MONEY_AMOUNT_FORMAT';

  constructor(
    readonly input: unknown,
    reason: string,
  ) {
    super(
      `Invalid amount ${typeof input === 'string' ? JSON.stringify(input) : typeof input}: ${reason}`,
    );
    this.name = 'AmountFormatError';
  }
}

/**
 * Digits without a leading zero (so each amount has one spelling and format∘parse is the
 * identity), optionally a dot and exactly two decimals. No sign: amounts entered through the API
 * (shares, invoices, payments) are never negative; balances are computed, not entered.
 */
const AMOUNT_FORMAT = /^(0|[1-9]\d*)(?:\.(\d{2}))?$/;

const MAX_GROSZ = BigInt(Number.MAX_SAFE_INTEGER);

function assertGrosz(value: number, name: string): void {
  if (!Number.isSafeInteger(value)) {
    throw new RangeError(`${name} must be a safe integer number of grosz, got ${value}`);
  }
}

function assertNonNegativeGrosz(value: number, name: string): void {
  assertGrosz(value, name);
  if (value < 0) throw new RangeError(`${name} must not be negative, got ${value}`);
}

/** Divides and rounds half away from zero, the rounding of Polish VAT ("0,5 grosza i wyżej"). */
function divideRoundHalfUp(numerator: bigint, denominator: bigint): bigint {
  const negative = numerator < 0n !== denominator < 0n;
  const n = numerator < 0n ? -numerator : numerator;
  const d = denominator < 0n ? -denominator : denominator;
  let quotient = n / d;
  if ((n % d) * 2n >= d) quotient += 1n;
  return negative ? -quotient : quotient;
}

/** `"1234.56"` or `"1234"` → 123456 / 123400 grosz. Throws `AmountFormatError` otherwise. */
export function parseAmount(s: string): number {
  if (typeof s !== 'string') throw new AmountFormatError(s, 'expected a string');
  const match = AMOUNT_FORMAT.exec(s);
  if (match === null) {
    throw new AmountFormatError(s, 'expected digits with exactly two decimals, e.g. "1234.56"');
  }
  const [, whole, fraction = '00'] = match;
  // Checked before BigInt so an absurdly long string is not converted at all.
  if (whole.length > 14) throw new AmountFormatError(s, 'amount is too large');
  const grosz = BigInt(whole) * 100n + BigInt(fraction);
  if (grosz > MAX_GROSZ) throw new AmountFormatError(s, 'amount is too large');
  return Number(grosz);
}

function splitGrosz(grosz: number): { sign: string; whole: string; fraction: string } {
  assertGrosz(grosz, 'amount');
  const abs = BigInt(grosz < 0 ? -grosz : grosz);
  return {
    sign: grosz < 0 ? '-' : '',
    whole: (abs / 100n).toString(),
    fraction: (abs % 100n).toString().padStart(2, '0'),
  };
}

/** 123456 → `"1234.56"`; negative balances as `"-12.30"`. The inverse of `parseAmount`. */
export function formatAmount(grosz: number): string {
  const { sign, whole, fraction } = splitGrosz(grosz);
  return `${sign}${whole}.${fraction}`;
}

/**
 * 123456789 → `"1 234 567,89 zł"`. Thousands are separated by a plain space (U+0020), not the
 * non-breaking space of Intl, so text extracted from PDFs (pdftotext) is predictable in tests.
 */
export function formatPln(grosz: number): string {
  const { sign, whole, fraction } = splitGrosz(grosz);
  const grouped = whole.replace(/\B(?=(\d{3})+(?!\d))/g, ' ');
  return `${sign}${grouped},${fraction} zł`;
}

function assertVatRate(vatRatePercent: number): void {
  // Polish VAT rates (23, 8, 5, 0; historically 22, 7, 3) are whole percents.
  if (!Number.isInteger(vatRatePercent) || vatRatePercent < 0 || vatRatePercent > 100) {
    throw new RangeError(`VAT rate must be a whole percent 0..100, got ${vatRatePercent}`);
  }
}

/**
 * VAT on a net amount, rounded half-up to the grosz. Negative nets (corrections) round
 * symmetrically, so a correction's VAT mirrors the original's.
 */
export function vatFromNet(net: number, vatRatePercent: number): number {
  assertGrosz(net, 'net');
  assertVatRate(vatRatePercent);
  return Number(divideRoundHalfUp(BigInt(net) * BigInt(vatRatePercent), 100n));
}

/** Net plus VAT rounded half-up to the grosz. */
export function grossFromNet(net: number, vatRatePercent: number): number {
  const gross = net + vatFromNet(net, vatRatePercent);
  assertGrosz(gross, 'gross');
  return gross;
}

/**
 * Splits `total` grosz into parts proportional to `weights` that sum exactly to `total`
 * (largest-remainder method): every part first gets the floor of its exact share, then the grosz
 * left over go one each to the parts with the largest remainders, lower index first on a tie so
 * the result is deterministic. Each part is within 1 grosz of its exact share, and a zero weight
 * always gets 0.
 *
 * Weights are non-negative safe integers (typically the partners' net shares in grosz); at least
 * one must be positive unless `total` is 0.
 */
export function splitLargestRemainder(total: number, weights: readonly number[]): number[] {
  assertNonNegativeGrosz(total, 'total');
  weights.forEach((w, i) => {
    if (!Number.isSafeInteger(w) || w < 0) {
      throw new RangeError(`weights[${i}] must be a non-negative safe integer, got ${w}`);
    }
  });
  const weightSum = weights.reduce((sum, w) => sum + BigInt(w), 0n);
  if (weightSum === 0n) {
    if (total === 0) return weights.map(() => 0);
    throw new RangeError(`cannot split ${total} grosz: no positive weight`);
  }

  const bigTotal = BigInt(total);
  const parts = weights.map((w) => {
    const product = bigTotal * BigInt(w);
    return { floor: product / weightSum, remainder: product % weightSum };
  });
  let leftover = bigTotal - parts.reduce((sum, p) => sum + p.floor, 0n);

  // Array.prototype.sort is stable, so equal remainders keep index order.
  const byRemainder = parts
    .map((p, index) => ({ index, remainder: p.remainder }))
    .sort((a, b) => (a.remainder === b.remainder ? 0 : a.remainder > b.remainder ? -1 : 1));
  const result = parts.map((p) => p.floor);
  for (const { index } of byRemainder) {
    if (leftover === 0n) break;
    result[index] += 1n;
    leftover -= 1n;
  }
  return result.map((part) => Number(part));
}

/**
 * `part` as a percentage of `whole` with two decimals, rounded half-up: (1, 3) → `"33.33"`.
 * A zero whole gives `"0.00"` for a zero part (an empty cost-split table).
 *
 * Rounded percentages need not add up to 100.00; a table that must can split 10000 basis points
 * with `splitLargestRemainder(10000, parts)` instead.
 */
export function percentage(part: number, whole: number): string {
  assertGrosz(part, 'part');
  assertGrosz(whole, 'whole');
  if (whole === 0) {
    if (part === 0) return '0.00';
    throw new RangeError(`cannot express ${part} as a percentage of 0`);
  }
  const hundredths = divideRoundHalfUp(BigInt(part) * 10000n, BigInt(whole));
  const negative = hundredths < 0n;
  const abs = negative ? -hundredths : hundredths;
  return `${negative ? '-' : ''}${abs / 100n}.${(abs % 100n).toString().padStart(2, '0')}`;
}
