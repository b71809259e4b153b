// ts-node compiles only what is imported: point it at the declaration of n2words/pl-PL.
// eslint-disable-next-line @typescript-eslint/triple-slash-reference
/// <reference path="./n2words.d.ts" />
import { toCardinal } from 'n2words/pl-PL';
import { formatPln as formatPlnShared } from '../../common/money';

// Dates come from the one Polish date formatting of the service (Intl 'pl-PL'), shared with e-mails.
export {
  formatDatePl,
  formatDateShortPl,
  formatDateTimePl,
  formatDateTimeShortPl,
} from '../../common/dates';

function assertGrosz(grosz: number): void {
  if (!Number.isSafeInteger(grosz)) {
    throw new RangeError(`Money must be an integer number of grosz, got ${grosz}`);
  }
}

/** 123456789 → "1 234 567,89 zł" (normal spaces, so pdftotext and search find it). */
export function formatPln(grosz: number): string {
  // One spelling of amounts in the whole service: the API, e-mails and documents share it.
  return formatPlnShared(grosz);
}

/** 123456789 → "1 234 567,89": for table columns whose header already says "zł". */
export function formatAmountPl(grosz: number): string {
  return formatPln(grosz).replace(/ zł$/, '');
}

/** Polish plural of "złoty": 1 złoty, 2–4 złote (not 12–14), otherwise złotych. */
export function zlotyForm(zloty: number): 'złoty' | 'złote' | 'złotych' {
  const n = Math.abs(zloty);
  if (n === 1) return 'złoty';
  const lastDigit = n % 10;
  const lastTwo = n % 100;
  if (lastDigit >= 2 && lastDigit <= 4 && (lastTwo < 12 || lastTwo > 14)) return 'złote';
  return 'złotych';
}

/**
 * 123456 → "tysiąc dwieście trzydzieści cztery złote 56/100": złote in words, grosze as NN/100,
 * the form used after "słownie:" on Polish invoices and agreements. n2words' toCurrency would
 * spell the grosze out too, so only its cardinal is used and the złoty form is chosen here.
 */
export function amountInWordsPl(grosz: number): string {
  assertGrosz(grosz);
  const abs = Math.abs(grosz);
  const zloty = Math.trunc(abs / 100);
  const rest = abs % 100;
  const words = `${toCardinal(zloty)} ${zlotyForm(zloty)} ${String(rest).padStart(2, '0')}/100`;
  return grosz < 0 ? `minus ${words}` : words;
}

/** "1 234,56 zł (słownie: tysiąc dwieście trzydzieści cztery złote 56/100)". */
export function formatPlnWithWords(grosz: number): string {
  return `${formatPln(grosz)} (słownie: ${amountInWordsPl(grosz)})`;
}

/** Basis points (1/100 of a percent) → "12,34%". */
export function formatPercentBp(basisPoints: number): string {
  assertGrosz(basisPoints);
  const sign = basisPoints < 0 ? '-' : '';
  const abs = Math.abs(basisPoints);
  return `${sign}${Math.trunc(abs / 100)},${String(abs % 100).padStart(2, '0')}%`;
}

/** 23 → "23%", 5.5 → "5,5%". */
export function formatVatRate(rate: number): string {
  return `${String(rate).replace('.', ',')}%`;
}
