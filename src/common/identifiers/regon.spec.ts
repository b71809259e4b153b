import {
  isValidRegon,
  isValidRegon14,
  isValidRegon9,
  regon14CheckDigit,
  regon9CheckDigit,
} from './regon';

describe('REGON', () => {
  it.each(['192598184', '123456785', '12345678512347'])('accepts the DOMAIN.md vector %s', (v) => {
    expect(isValidRegon(v)).toBe(true);
  });

  it('rejects 12345678612342: its first 9 digits are not a valid REGON-9', () => {
    expect(isValidRegon9('123456786')).toBe(false);
    expect(isValidRegon('12345678612342')).toBe(false);
  });

  it('rejects 12345678512348: wrong 14th check digit', () => {
    expect(isValidRegon('12345678512348')).toBe(false);
  });

  it('rejects REGON-9 with a wrong check digit', () => {
    expect(isValidRegon('192598185')).toBe(false);
    expect(isValidRegon('123456784')).toBe(false);
  });

  it.each([
    '',
    '12345678',
    '1234567851',
    '1234567851234',
    '123456785123470',
    '123-456-785',
    ' 123456785',
    '12345678a',
    '000000000',
    '00000000000000',
  ])('rejects malformed or placeholder %j', (v) => {
    expect(isValidRegon(v)).toBe(false);
  });

  it('rejects values that are not strings', () => {
    expect(isValidRegon(123456785)).toBe(false);
    expect(isValidRegon(null)).toBe(false);
  });

  it('maps remainder 10 to check digit 0 for REGON-9', () => {
    // Find a prefix whose weighted sum leaves remainder 10 (NIP would reject it; REGON uses 0).
    let prefix: string | undefined;
    for (let n = 10000000; n < 10000200 && prefix === undefined; n++) {
      const p = String(n);
      const sum = [8, 9, 2, 3, 4, 5, 6, 7].reduce((s, w, i) => s + w * Number(p[i]), 0);
      if (sum % 11 === 10) prefix = p;
    }
    expect(prefix).toBeDefined();
    expect(regon9CheckDigit(prefix as string)).toBe(0);
    expect(isValidRegon9(`${prefix as string}0`)).toBe(true);
  });

  it('computes the documented check digits', () => {
    expect(regon9CheckDigit('19259818')).toBe(4);
    expect(regon14CheckDigit('1234567851234')).toBe(7);
    expect(isValidRegon14('12345678512347')).toBe(true);
  });

  it('refuses prefixes of the wrong length', () => {
    expect(() => regon9CheckDigit('1234567')).toThrow(RangeError);
    expect(() => regon14CheckDigit('123456785123')).toThrow(RangeError);
  });
});
