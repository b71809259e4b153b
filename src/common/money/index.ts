export {
  AmountFormatError,
  formatAmount,
  formatPln,
  grossFromNet,
  parseAmount,
  splitLargestRemainder,
} from './money';
export {
  AMOUNT_RULE_MESSAGES,
  IsAmount,
  MAX_AMOUNT,
  MAX_AMOUNT_GROSZ,
  VAT_ROUNDING_TOLERANCE_GROSZ,
  amountViolation,
  checkedSum,
  vatMatchesRate,
} from './amount-rule';
export type { AmountRule, AmountRuleOptions } from './amount-rule';
