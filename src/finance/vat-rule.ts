import { fieldRuleError } from '../common/errors';
import { formatAmount, vatMatchesRate } from '../common/money';

/**
 * VAT entered with a contract or an invoice follows the lot's rate within rounding, unless the
 * person entering it says why not (an exemption, reverse charge, an invoice with several rates):
 * an invoice of 0.00 VAT on a 23 % lot is a typo far more often than an exemption.
 */
export function assertVatFollowsRate(
  field: 'vat' | 'amountGross',
  net: number,
  vat: number,
  vatRatePercent: number,
  exemptionReason: string | undefined,
): void {
  if (exemptionReason?.trim()) return;
  if (vatMatchesRate(net, vat, vatRatePercent)) return;
  throw fieldRuleError(
    field,
    'vatFollowsLotRate',
    `${field}: VAT ${formatAmount(vat)} does not follow the lot's ${vatRatePercent} % rate on ${formatAmount(net)} net; correct it or give vatExemptionReason`,
  );
}
