export { cpvLabel, searchCpv } from './cpv';
export { normalizeNip } from './nip';
export { nipWithCheckDigit, regon9WithCheckDigit } from './demo-identifiers';
export { isValidPowiatTeryt, isValidTeryt } from './teryt';
export { IsCpv, IsNip, IsRegon } from './validators';
