/**
 * NIP (Numer Identyfikacji Podatkowej): 10 digits, the last one a mod-11 check digit.
 * Pure functions; callers store the normalised 10-digit form.
 */

const NIP_WEIGHTS = [6, 5, 7, 2, 3, 4, 5, 6, 7] as const;

/**
 * Separators people actually type: `856-734-62-15`, `856 734 62 15`, the company style
 * `856-73-46-215`, and the EU VAT prefix `PL`. Anything else (letters, dots, a sign) is rejected
 * rather than silently stripped, so typos do not turn into a different, accidentally valid number.
 */
const NIP_INPUT = /^(?:PL)?\s*\d[\d\s-]*\d$/i;

/** The 10 digits of a NIP written with optional `PL` prefix, hyphens and spaces; otherwise null. */
export function normalizeNip(input: unknown): string | null {
  if (typeof input !== 'string') return null;
  const trimmed = input.trim();
  if (!NIP_INPUT.test(trimmed)) return null;
  const digits = trimmed.replace(/^PL/i, '').replace(/[\s-]/g, '');
  return /^\d{10}$/.test(digits) ? digits : null;
}

/**
 * The check digit for the first 9 digits of a NIP, or null when the weighted sum leaves
 * remainder 10: no NIP is ever issued with such a prefix.
 */
export function nipCheckDigit(first9: string): number | null {
  if (!/^\d{9}$/.test(first9)) {
    throw new RangeError(`NIP prefix must be exactly 9 digits, got "${first9}"`);
  }
  let sum = 0;
  for (let i = 0; i < NIP_WEIGHTS.length; i++) sum += Number(first9[i]) * NIP_WEIGHTS[i];
  const remainder = sum % 11;
  return remainder === 10 ? null : remainder;
}

/** True for a NIP (in any form `normalizeNip` accepts) whose check digit is right. */
export function isValidNip(input: unknown): boolean {
  const nip = normalizeNip(input);
  if (nip === null) return false;
  // 0000000000 satisfies the checksum but is a common placeholder, never a real taxpayer.
  if (/^0+$/.test(nip)) return false;
  return nipCheckDigit(nip.slice(0, 9)) === Number(nip[9]);
}
