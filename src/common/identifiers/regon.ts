/**
 * REGON (the national business register number): 9 digits for an entity, 14 for a local unit of
 * it. The 14-digit form starts with the parent's valid 9-digit REGON.
 */

const REGON9_WEIGHTS = [8, 9, 2, 3, 4, 5, 6, 7] as const;
const REGON14_WEIGHTS = [2, 4, 8, 5, 0, 9, 7, 3, 6, 1, 2, 4, 8] as const;

function weightedCheckDigit(digits: string, weights: readonly number[]): number {
  let sum = 0;
  for (let i = 0; i < weights.length; i++) sum += Number(digits[i]) * weights[i];
  // Remainder 10 maps to 0 (unlike NIP), so every prefix has a check digit.
  return (sum % 11) % 10;
}

/** The 9th digit of a REGON-9 for its first 8 digits. */
export function regon9CheckDigit(first8: string): number {
  if (!/^\d{8}$/.test(first8)) {
    throw new RangeError(`REGON-9 prefix must be exactly 8 digits, got "${first8}"`);
  }
  return weightedCheckDigit(first8, REGON9_WEIGHTS);
}

/** The 14th digit of a REGON-14 for its first 13 digits. */
export function regon14CheckDigit(first13: string): number {
  if (!/^\d{13}$/.test(first13)) {
    throw new RangeError(`REGON-14 prefix must be exactly 13 digits, got "${first13}"`);
  }
  return weightedCheckDigit(first13, REGON14_WEIGHTS);
}

export function isValidRegon9(input: unknown): boolean {
  if (typeof input !== 'string' || !/^\d{9}$/.test(input)) return false;
  // All zeros passes the checksum but is a placeholder, never an entity in the register.
  if (/^0+$/.test(input)) return false;
  return regon9CheckDigit(input.slice(0, 8)) === Number(input[8]);
}

export function isValidRegon14(input: unknown): boolean {
  if (typeof input !== 'string' || !/^\d{14}$/.test(input)) return false;
  return (
    isValidRegon9(input.slice(0, 9)) && regon14CheckDigit(input.slice(0, 13)) === Number(input[13])
  );
}

/**
 * A valid REGON of either length. Only bare digits are accepted: REGON is not written with
 * separators, so anything else is more likely a pasted NIP or KRS number than a REGON.
 */
export function isValidRegon(input: unknown): boolean {
  return isValidRegon9(input) || isValidRegon14(input);
}
