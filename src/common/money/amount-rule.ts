import { ValidateBy, ValidationOptions } from 'class-validator';
import { AmountFormatError, parseAmount, vatFromNet } from './money';

/**
 * The one rule for an amount entered through the API or a web form (shares, regime queries,
 * contracts, invoices, payments, subsidies, offers, planned amounts): a string of digits with
 * exactly two decimals (or none), at most 999 999 999 999,99 zł, and above zero where the field
 * is a price or a share. The cap is far above any municipal budget and leaves room for sums and
 * gross amounts of many such values inside a safe integer of grosz, so no total computed from
 * entered amounts can overflow `parseAmount`/`formatAmount`.
 */
export const MAX_AMOUNT_GROSZ = 99_999_999_999_999;
export const MAX_AMOUNT = '999999999999.99';

export type AmountRule = 'isAmount' | 'amountMax' | 'amountPositive';

export interface AmountRuleOptions {
  /** A price, a share, an invoice's net: zero is refused too. */
  positive?: boolean;
}

/** The rule the value breaks (first one), or null when it is an acceptable amount. */
export function amountViolation(
  value: unknown,
  options: AmountRuleOptions = {},
): AmountRule | null {
  const grosz = readAmount(value);
  if (grosz === null) return 'isAmount';
  if (grosz > MAX_AMOUNT_GROSZ) return 'amountMax';
  if (options.positive && grosz <= 0) return 'amountPositive';
  return null;
}

function readAmount(value: unknown): number | null {
  if (typeof value !== 'string') return null;
  try {
    return parseAmount(value);
  } catch (err) {
    if (err instanceof AmountFormatError) {
      // Well-formed digits beyond the parser's range are "too large", not "malformed".
      return /^[1-9]\d*(?:\.\d{2})?$/.test(value) && value.length <= 1000
        ? Number.MAX_SAFE_INTEGER
        : null;
    }
    throw err;
  }
}

export const AMOUNT_RULE_MESSAGES: Record<AmountRule, (field: string) => string> = {
  isAmount: (field) => `${field} must be an amount in PLN with two decimals, e.g. "1234.56"`,
  amountMax: (field) => `${field} must not exceed ${MAX_AMOUNT}`,
  amountPositive: (field) => `${field} must be greater than 0.00`,
};

/**
 * class-validator decorator for a money field. Each rule is its own constraint, so the error body
 * names it (`{field: 'amountNet', rule: 'amountPositive'}`); a malformed value reports only
 * `isAmount`.
 */
export function IsAmount(
  options: AmountRuleOptions = {},
  validationOptions?: ValidationOptions,
): PropertyDecorator {
  const rules: AmountRule[] = [
    'isAmount',
    'amountMax',
    ...(options.positive ? ['amountPositive' as const] : []),
  ];
  const decorators = rules.map((rule) =>
    ValidateBy(
      {
        name: rule,
        validator: {
          validate: (value) => {
            const broken = amountViolation(value, options);
            return broken !== rule;
          },
          defaultMessage: (args) => AMOUNT_RULE_MESSAGES[rule](args?.property ?? 'amount'),
        },
      },
      validationOptions,
    ),
  );
  return (target, propertyKey) => {
    for (const decorate of decorators) decorate(target, propertyKey);
  };
}

/**
 * VAT of an invoice may differ from net × rate by the rounding of its lines (art. 106e ust. 10–11
 * ustawy o VAT allows rounding per line or per rate); ten lines rounded half a grosz each, with
 * margin, is the tolerance.
 */
export const VAT_ROUNDING_TOLERANCE_GROSZ = 10;

/** True when `vat` is net × rate within rounding. */
export function vatMatchesRate(net: number, vat: number, vatRatePercent: number): boolean {
  return Math.abs(vatFromNet(net, vatRatePercent) - vat) <= VAT_ROUNDING_TOLERANCE_GROSZ;
}

/** A sum of grosz computed in BigInt; null when it leaves the range an entered amount may have. */
export function checkedSum(values: readonly (number | bigint | string)[]): number | null {
  let total = 0n;
  for (const v of values) total += BigInt(v);
  return total > BigInt(MAX_AMOUNT_GROSZ) || total < -BigInt(MAX_AMOUNT_GROSZ)
    ? null
    : Number(total);
}
