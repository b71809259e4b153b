/**
 * TERYT (TERC register) codes of local government units. There is no check digit, so validation is
 * structural: WW voivodeship, PP powiat, GG gmina, R the type of unit.
 */

/** The type digit R of a 7-digit TERC code and its meaning in the register (Polish). */
export const TERYT_UNIT_TYPES = {
  '1': 'gmina miejska',
  '2': 'gmina wiejska',
  '3': 'gmina miejsko-wiejska',
  '4': 'miasto w gminie miejsko-wiejskiej',
  '5': 'obszar wiejski w gminie miejsko-wiejskiej',
  '8': 'dzielnica m.st. Warszawy',
  '9': 'delegatura w gminie miejskiej',
} as const;

export type TerytUnitTypeDigit = keyof typeof TERYT_UNIT_TYPES;

function isTerytUnitTypeDigit(digit: string): digit is TerytUnitTypeDigit {
  return Object.prototype.hasOwnProperty.call(TERYT_UNIT_TYPES, digit);
}

/** The 16 voivodeships have the even codes 02..32 (dolnośląskie 02 … zachodniopomorskie 32). */
function isVoivodeshipCode(ww: string): boolean {
  const n = Number(ww);
  return n >= 2 && n <= 32 && n % 2 === 0;
}

/**
 * A 7-digit TERC code of a gmina or its part, e.g. `1261011` (Kraków, gmina miejska).
 * PP and GG of `00` denote the voivodeship and the powiat themselves, never a gmina.
 */
export function isValidTeryt(input: unknown): boolean {
  if (typeof input !== 'string' || !/^\d{7}$/.test(input)) return false;
  return (
    isVoivodeshipCode(input.slice(0, 2)) &&
    input.slice(2, 4) !== '00' &&
    input.slice(4, 6) !== '00' &&
    isTerytUnitTypeDigit(input[6])
  );
}

/** A 4-digit TERC code of a powiat (WWPP), e.g. `1206` (powiat krakowski). */
export function isValidPowiatTeryt(input: unknown): boolean {
  if (typeof input !== 'string' || !/^\d{4}$/.test(input)) return false;
  return isVoivodeshipCode(input.slice(0, 2)) && input.slice(2, 4) !== '00';
}

/**
 * The Polish description of the unit type of a 7-digit TERC code (its R digit), e.g.
 * `gmina miejsko-wiejska`; null when the code is not a valid 7-digit TERC code.
 */
export function describeTerytUnitType(teryt: string): string | null {
  if (!isValidTeryt(teryt)) return null;
  const digit = teryt[6];
  return isTerytUnitTypeDigit(digit) ? TERYT_UNIT_TYPES[digit] : null;
}
