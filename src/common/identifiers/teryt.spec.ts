import { describeTerytUnitType, isValidPowiatTeryt, isValidTeryt, TERYT_UNIT_TYPES } from './teryt';

describe('TERYT', () => {
  describe('isValidTeryt (7-digit TERC WWPPGGR)', () => {
    it.each([
      '1261011',
      '0201011',
      '3299995',
      '1465018',
      '1206013',
      '1206042',
      '1206093',
      '1261059',
    ])('accepts %s', (v) => {
      expect(isValidTeryt(v)).toBe(true);
    });

    it.each([
      ['0001011', 'voivodeship 00'],
      ['1361011', 'odd voivodeship code'],
      ['3461011', 'voivodeship above 32'],
      ['1200011', 'powiat 00 is the voivodeship itself'],
      ['1206001', 'gmina 00 is the powiat itself'],
      ['1206010', 'type digit 0'],
      ['1206016', 'type digit 6'],
      ['1206017', 'type digit 7'],
      ['126101', 'six digits'],
      ['12610111', 'eight digits'],
      ['12 61 01 1', 'separators'],
      ['126101a', 'a letter'],
      ['', 'empty'],
    ])('rejects %j (%s)', (v) => {
      expect(isValidTeryt(v)).toBe(false);
    });

    it('rejects values that are not strings', () => {
      expect(isValidTeryt(1261011)).toBe(false);
      expect(isValidTeryt(undefined)).toBe(false);
    });

    it('accepts every even voivodeship code from 02 to 32 and nothing else', () => {
      const accepted: string[] = [];
      for (let ww = 0; ww <= 99; ww++) {
        const code = `${String(ww).padStart(2, '0')}01011`;
        if (isValidTeryt(code)) accepted.push(code.slice(0, 2));
      }
      expect(accepted).toEqual([
        '02',
        '04',
        '06',
        '08',
        '10',
        '12',
        '14',
        '16',
        '18',
        '20',
        '22',
        '24',
        '26',
        '28',
        '30',
        '32',
      ]);
    });
  });

  describe('isValidPowiatTeryt (WWPP)', () => {
    it.each(['1206', '1261', '0201', '3263'])('accepts %s', (v) => {
      expect(isValidPowiatTeryt(v)).toBe(true);
    });

    it.each(['1200', '1306', '0006', '3406', '120', '12061', '1261011', '12a6'])(
      'rejects %j',
      (v) => {
        expect(isValidPowiatTeryt(v)).toBe(false);
      },
    );
  });

  describe('describeTerytUnitType', () => {
    it.each([
      ['1261011', 'gmina miejska'],
      ['1206042', 'gmina wiejska'],
      ['1206093', 'gmina miejsko-wiejska'],
      ['1206094', 'miasto w gminie miejsko-wiejskiej'],
      ['1206095', 'obszar wiejski w gminie miejsko-wiejskiej'],
      ['1465018', 'dzielnica m.st. Warszawy'],
      ['1261059', 'delegatura w gminie miejskiej'],
    ])('describes %s as %s', (code, label) => {
      expect(describeTerytUnitType(code)).toBe(label);
    });

    it('returns null for an invalid code', () => {
      expect(describeTerytUnitType('1206096')).toBeNull();
      expect(describeTerytUnitType('1206')).toBeNull();
    });

    it('covers exactly the type digits 1,2,3,4,5,8,9', () => {
      expect(Object.keys(TERYT_UNIT_TYPES).sort()).toEqual(['1', '2', '3', '4', '5', '8', '9']);
    });
  });
});
