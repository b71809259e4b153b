import { cpvCodeCount, cpvLabel, isValidCpv, searchCpv } from './cpv';

describe('CPV', () => {
  it('accepts 45000000-7 (construction work)', () => {
    expect(isValidCpv('45000000-7')).toBe(true);
    expect(cpvLabel('45000000-7')).toBe('Construction work');
  });

  it('accepts other codes from the list', () => {
    expect(isValidCpv('03000000-1')).toBe(true);
    expect(isValidCpv('45233140-2')).toBe(true);
    expect(cpvLabel('45233140-2')).toBe('Roadworks');
  });

  it('rejects a known code with a wrong check digit', () => {
    for (let d = 0; d <= 9; d++) {
      if (d === 7) continue;
      expect(isValidCpv(`45000000-${d}`)).toBe(false);
    }
  });

  it('rejects a well-formed code that is not in the vocabulary', () => {
    expect(isValidCpv('99999999-9')).toBe(false);
    expect(isValidCpv('12345678-9')).toBe(false);
    expect(cpvLabel('12345678-9')).toBeUndefined();
  });

  it.each([
    '',
    '45000000',
    '450000007',
    '45000000-',
    '45000000-77',
    '4500000-7',
    '45 000000-7',
    ' 45000000-7',
    '45000000-7 ',
    '45000000–7',
    'ABCDEFGH-7',
  ])('rejects malformed %j', (v) => {
    expect(isValidCpv(v)).toBe(false);
    expect(cpvLabel(v)).toBeUndefined();
  });

  it('rejects values that are not strings', () => {
    expect(isValidCpv(45000000)).toBe(false);
    expect(isValidCpv(null)).toBe(false);
  });

  it('loads the full CPV 2008 main vocabulary (9,457 codes)', () => {
    expect(cpvCodeCount()).toBe(9457);
  });

  it('does not treat inherited object properties as codes', () => {
    expect(cpvLabel('constructor')).toBeUndefined();
    expect(isValidCpv('__proto__')).toBe(false);
  });
});

describe('searchCpv', () => {
  it('finds codes by their first digits and by the words of their label', () => {
    expect(searchCpv('45233140')).toEqual([{ code: '45233140-2', label: cpvLabel('45233140-2') }]);
    const byWords = searchCpv('road repair', 5);
    expect(byWords.length).toBeGreaterThan(0);
    expect(byWords.length).toBeLessThanOrEqual(5);
    for (const hit of byWords) expect(hit.label.toLowerCase()).toMatch(/road.*repair|repair.*road/);
    expect(searchCpv('   ')).toEqual([]);
    expect(searchCpv('zzzzqqq')).toEqual([]);
  });
});
