import { buildMessage, ValidateBy, type ValidationOptions } from 'class-validator';
import { isValidCpv } from './cpv';
import { isValidNip } from './nip';
import { isValidRegon } from './regon';
import { isValidPowiatTeryt, isValidTeryt } from './teryt';

/**
 * class-validator decorators for Polish identifiers. The constraint names are stable: clients and
 * the error filter see them as the rule of a per-field violation.
 */

export const IS_NIP = 'isNip';
export const IS_REGON = 'isRegon';
export const IS_TERYT = 'isTeryt';
export const IS_POWIAT_TERYT = 'isPowiatTeryt';
export const IS_CPV = 'isCpv';

/**
 * Accepts `856-734-62-15` and `PL8567346215` as well as bare digits; store `normalizeNip(value)`.
 */
export function IsNip(validationOptions?: ValidationOptions): PropertyDecorator {
  return ValidateBy(
    {
      name: IS_NIP,
      validator: {
        validate: (value: unknown): boolean => isValidNip(value),
        defaultMessage: buildMessage(
          (eachPrefix) =>
            `${eachPrefix}$property must be a valid NIP (10 digits, check digit mod 11)`,
          validationOptions,
        ),
      },
    },
    validationOptions,
  );
}

export function IsRegon(validationOptions?: ValidationOptions): PropertyDecorator {
  return ValidateBy(
    {
      name: IS_REGON,
      validator: {
        validate: (value: unknown): boolean => isValidRegon(value),
        defaultMessage: buildMessage(
          (eachPrefix) =>
            `${eachPrefix}$property must be a valid REGON (9 or 14 digits, check digit mod 11)`,
          validationOptions,
        ),
      },
    },
    validationOptions,
  );
}

/** A 7-digit TERC code of a gmina (WWPPGGR). For a powiat use `IsPowiatTeryt`. */
export function IsTeryt(validationOptions?: ValidationOptions): PropertyDecorator {
  return ValidateBy(
    {
      name: IS_TERYT,
      validator: {
        validate: (value: unknown): boolean => isValidTeryt(value),
        defaultMessage: buildMessage(
          (eachPrefix) =>
            `${eachPrefix}$property must be a valid TERYT code (7 digits WWPPGGR: even voivodeship ` +
            `code 02-32, unit type R one of 1,2,3,4,5,8,9)`,
          validationOptions,
        ),
      },
    },
    validationOptions,
  );
}

/** A 4-digit TERC code of a powiat (WWPP), which has no gmina part and no type digit. */
export function IsPowiatTeryt(validationOptions?: ValidationOptions): PropertyDecorator {
  return ValidateBy(
    {
      name: IS_POWIAT_TERYT,
      validator: {
        validate: (value: unknown): boolean => isValidPowiatTeryt(value),
        defaultMessage: buildMessage(
          (eachPrefix) =>
            `${eachPrefix}$property must be a valid powiat TERYT code (4 digits WWPP: even ` +
            `voivodeship code 02-32, powiat code not 00)`,
          validationOptions,
        ),
      },
    },
    validationOptions,
  );
}

export function IsCpv(validationOptions?: ValidationOptions): PropertyDecorator {
  return ValidateBy(
    {
      name: IS_CPV,
      validator: {
        validate: (value: unknown): boolean => isValidCpv(value),
        defaultMessage: buildMessage(
          (eachPrefix) =>
            `${eachPrefix}$property must be a CPV 2008 code from the official list ` +
            `(NNNNNNNN-C, e.g. 45000000-7)`,
          validationOptions,
        ),
      },
    },
    validationOptions,
  );
}
