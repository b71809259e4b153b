import { isValidNip, nipCheckDigit, normalizeNip } from './nip';

describe('NIP', () => {
  describe('normalizeNip', () => {
    it.each([
      ['8567346215', '8567346215'],
      ['856-734-62-15', '8567346215'],
      ['856 734 62 15', '8567346215'],
      ['856-73-46-215', '8567346215'],
      ['PL8567346215', '8567346215'],
      ['pl 856-734-62-15', '8567346215'],
      ['  8567346215  ', '8567346215'],
    ])('reads %j as %s', (input, expected) => {
      expect(normalizeNip(input)).toBe(expected);
    });

    it.each([
      '',
      '856734621',
      '85673462150',
      'PL',
      'DE8567346215',
      '856.734.62.15',
      '-8567346215',
      '8567346215-',
      '85673x6215',
      'PLPL8567346215',
    ])('rejects %j', (input) => {
      expect(normalizeNip(input)).toBeNull();
    });

    it('rejects values that are not strings, because a number loses leading zeros', () => {
      expect(normalizeNip(8567346215)).toBeNull();
      expect(normalizeNip(null)).toBeNull();
      expect(normalizeNip(undefined)).toBeNull();
      expect(normalizeNip({})).toBeNull();
    });
  });

  describe('isValidNip', () => {
    it('accepts the DOMAIN.md vector 8567346215', () => {
      expect(isValidNip('8567346215')).toBe(true);
    });

    it('rejects the DOMAIN.md vector 8567346216 (wrong check digit)', () => {
      expect(isValidNip('8567346216')).toBe(false);
    });

    it('accepts a valid NIP written with separators and the PL prefix', () => {
      expect(isValidNip('PL 856-734-62-15')).toBe(true);
    });

    it('rejects every other check digit of a valid number', () => {
      for (let d = 0; d <= 9; d++) {
        if (d === 5) continue;
        expect(isValidNip(`856734621${d}`)).toBe(false);
      }
    });

    it('rejects the all-zero placeholder even though its checksum adds up', () => {
      expect(nipCheckDigit('000000000')).toBe(0);
      expect(isValidNip('0000000000')).toBe(false);
    });

    it('rejects a prefix whose weighted sum leaves remainder 10, whatever the last digit', () => {
      expect(nipCheckDigit('100000016')).toBeNull();
      for (let d = 0; d <= 9; d++) expect(isValidNip(`100000016${d}`)).toBe(false);
    });

    it.each(['', 'abc', '856734621', '85673462150', '8567346215x'])('rejects malformed %j', (v) => {
      expect(isValidNip(v)).toBe(false);
    });
  });

  describe('nipCheckDigit', () => {
    it('computes the weighted sum mod 11', () => {
      // 8*6 + 5*5 + 6*7 + 7*2 + 3*3 + 4*4 + 6*5 + 2*6 + 1*7 = 203; 203 mod 11 = 5
      expect(nipCheckDigit('856734621')).toBe(5);
    });

    it('refuses a prefix that is not 9 digits', () => {
      expect(() => nipCheckDigit('85673462')).toThrow(RangeError);
      expect(() => nipCheckDigit('85673462a')).toThrow(RangeError);
    });
  });
});
