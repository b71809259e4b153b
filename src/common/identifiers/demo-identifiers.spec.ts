import fc from 'fast-check';
import { nipWithCheckDigit, regon14WithCheckDigit, regon9WithCheckDigit } from './demo-identifiers';
import { isValidNip } from './nip';
import { isValidRegon, isValidRegon9 } from './regon';

const digits = (length: number): fc.Arbitrary<string> =>
  fc.string({
    unit: fc.constantFrom(...'0123456789'.split('')),
    minLength: length,
    maxLength: length,
  });

describe('demo identifiers', () => {
  it('reproduces the DOMAIN.md vectors from their prefixes', () => {
    expect(nipWithCheckDigit('856734621')).toBe('8567346215');
    expect(regon9WithCheckDigit('19259818')).toBe('192598184');
    expect(regon9WithCheckDigit('12345678')).toBe('123456785');
    expect(regon14WithCheckDigit('123456785', '1234')).toBe('12345678512347');
  });

  it('makes a valid NIP from any prefix that has a check digit, and only that digit is valid', () => {
    fc.assert(
      fc.property(
        digits(9).filter((p) => p !== '000000000'),
        (prefix) => {
          let nip: string;
          try {
            nip = nipWithCheckDigit(prefix);
          } catch (e) {
            // Prefixes with remainder 10 have no valid NIP at all.
            expect(e).toBeInstanceOf(RangeError);
            for (let d = 0; d <= 9; d++) expect(isValidNip(`${prefix}${d}`)).toBe(false);
            return;
          }
          expect(nip.startsWith(prefix)).toBe(true);
          expect(isValidNip(nip)).toBe(true);
          for (let d = 0; d <= 9; d++) {
            if (String(d) !== nip[9]) expect(isValidNip(`${prefix}${d}`)).toBe(false);
          }
        },
      ),
    );
  });

  it('throws for a NIP prefix whose checksum leaves remainder 10', () => {
    expect(() => nipWithCheckDigit('100000016')).toThrow(/remainder 10/);
  });

  it('makes a valid REGON-9 from any 8-digit prefix, and only that digit is valid', () => {
    fc.assert(
      fc.property(
        digits(8).filter((p) => p !== '00000000'),
        (prefix) => {
          const regon = regon9WithCheckDigit(prefix);
          expect(regon).toHaveLength(9);
          expect(isValidRegon(regon)).toBe(true);
          for (let d = 0; d <= 9; d++) {
            if (String(d) !== regon[8]) expect(isValidRegon(`${prefix}${d}`)).toBe(false);
          }
        },
      ),
    );
  });

  it('makes a valid REGON-14 from a valid REGON-9 and a unit number', () => {
    fc.assert(
      fc.property(
        digits(8).filter((p) => p !== '00000000'),
        digits(4),
        (prefix, unit) => {
          const regon14 = regon14WithCheckDigit(regon9WithCheckDigit(prefix), unit);
          expect(isValidRegon(regon14)).toBe(true);
          expect(isValidRegon9(regon14.slice(0, 9))).toBe(true);
        },
      ),
    );
  });

  it('refuses malformed prefixes', () => {
    expect(() => nipWithCheckDigit('85673462')).toThrow(RangeError);
    expect(() => regon9WithCheckDigit('1234567')).toThrow(RangeError);
    expect(() => regon14WithCheckDigit('123456786', '1234')).toThrow(/valid REGON-9/);
    expect(() => regon14WithCheckDigit('123456785', '12')).toThrow(RangeError);
  });
});
