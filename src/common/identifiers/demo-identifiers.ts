import { nipCheckDigit } from './nip';
import { isValidRegon9, regon14CheckDigit, regon9CheckDigit } from './regon';

/**
 * Generators of checksum-valid identifiers for demo and test data. Demo organisations carry real
 * names but must never carry another entity's real numbers, so the seed builds them from chosen
 * prefixes and marks the records as demo data.
 */

/**
 * A 10-digit NIP: the 9-digit prefix plus its check digit. Throws when the prefix has no check
 * digit (weighted sum mod 11 = 10); pick another prefix then, as the tax office would.
 */
export function nipWithCheckDigit(prefix9: string): string {
  const check = nipCheckDigit(prefix9);
  if (check === null) {
    throw new RangeError(`NIP prefix ${prefix9} has no check digit (remainder 10); choose another`);
  }
  return `${prefix9}${check}`;
}

/** A 9-digit REGON: the 8-digit prefix plus its check digit. */
export function regon9WithCheckDigit(prefix8: string): string {
  return `${prefix8}${regon9CheckDigit(prefix8)}`;
}

/** A 14-digit REGON of a local unit: a valid REGON-9, a 4-digit unit number and the check digit. */
export function regon14WithCheckDigit(regon9: string, unit4: string): string {
  if (!isValidRegon9(regon9)) {
    throw new RangeError(`REGON-14 must start with a valid REGON-9, got "${regon9}"`);
  }
  if (!/^\d{4}$/.test(unit4)) {
    throw new RangeError(`REGON-14 unit number must be exactly 4 digits, got "${unit4}"`);
  }
  const first13 = `${regon9}${unit4}`;
  return `${first13}${regon14CheckDigit(first13)}`;
}
