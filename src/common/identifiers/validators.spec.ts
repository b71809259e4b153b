import { validate } from 'class-validator';
import { IsCpv, IsNip, IsPowiatTeryt, IsRegon, IsTeryt } from './validators';

class OrganisationInput {
  @IsNip()
  nip: unknown;

  @IsRegon()
  regon: unknown;

  @IsTeryt()
  teryt: unknown;

  @IsPowiatTeryt()
  powiatTeryt: unknown;

  @IsCpv()
  cpv: unknown;

  @IsCpv({ each: true })
  extraCpv: unknown;
}

class CustomMessageInput {
  @IsNip({ message: 'NIP partnera jest nieprawidłowy' })
  nip: unknown;
}

function input(overrides: Partial<OrganisationInput> = {}): OrganisationInput {
  return Object.assign(new OrganisationInput(), {
    nip: '856-734-62-15',
    regon: '192598184',
    teryt: '1261011',
    powiatTeryt: '1206',
    cpv: '45000000-7',
    extraCpv: ['45233140-2'],
    ...overrides,
  });
}

describe('identifier validators', () => {
  it('accepts valid identifiers', async () => {
    expect(await validate(input())).toEqual([]);
  });

  it.each([
    ['nip', '8567346216', 'isNip', 'nip must be a valid NIP (10 digits, check digit mod 11)'],
    [
      'regon',
      '12345678512348',
      'isRegon',
      'regon must be a valid REGON (9 or 14 digits, check digit mod 11)',
    ],
    [
      'teryt',
      '1261016',
      'isTeryt',
      'teryt must be a valid TERYT code (7 digits WWPPGGR: even voivodeship code 02-32, unit type R one of 1,2,3,4,5,8,9)',
    ],
    [
      'powiatTeryt',
      '1200',
      'isPowiatTeryt',
      'powiatTeryt must be a valid powiat TERYT code (4 digits WWPP: even voivodeship code 02-32, powiat code not 00)',
    ],
    [
      'cpv',
      '45000000-8',
      'isCpv',
      'cpv must be a CPV 2008 code from the official list (NNNNNNNN-C, e.g. 45000000-7)',
    ],
  ] as const)('reports %s=%j under rule %s', async (property, value, rule, message) => {
    const errors = await validate(input({ [property]: value }));
    expect(errors).toHaveLength(1);
    expect(errors[0].property).toBe(property);
    expect(errors[0].constraints).toEqual({ [rule]: message });
  });

  it('rejects non-string values instead of throwing', async () => {
    const errors = await validate(
      input({ nip: 8567346215, regon: null, teryt: 1261011, powiatTeryt: {}, cpv: undefined }),
    );
    expect(errors.map((e) => e.property).sort()).toEqual([
      'cpv',
      'nip',
      'powiatTeryt',
      'regon',
      'teryt',
    ]);
  });

  it('validates each element of an array with { each: true }', async () => {
    const errors = await validate(input({ extraCpv: ['45233140-2', '45233140-3'] }));
    expect(errors).toHaveLength(1);
    expect(errors[0].constraints).toEqual({
      isCpv:
        'each value in extraCpv must be a CPV 2008 code from the official list (NNNNNNNN-C, e.g. 45000000-7)',
    });
  });

  it('lets the caller override the message', async () => {
    const errors = await validate(Object.assign(new CustomMessageInput(), { nip: '1234567890' }));
    expect(errors[0].constraints).toEqual({ isNip: 'NIP partnera jest nieprawidłowy' });
  });
});
