export { cpvLabel, searchCpv } from './cpv';
export { normalizeNip } from './nip';
export { nipWithCheckDigit, regon9WithCheckDigit } from './demo-identifiers';
export { isValidPowiatTeryt, isValidTeryt } from './teryt';
export { IsCpv, IsNip, IsRegon } from './validators';
export {
  CPV_NAME_MAX,
  CPV_NAME_MIN,
  cpvCodesWithoutName,
  cpvNamesAfter,
  cpvNamesMissing,
} from './cpv-names';
export type { CpvCodes, CpvNamesGiven } from './cpv-names';
