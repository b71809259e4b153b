/**
 * "Nazwa kodu CPV w języku polskim": one input per CPV code of a tender, on the wizard's basics step
 * and on the tender's own "Kody CPV" page. The officer types the Polish name (the documents print
 * "kod – polska nazwa"); the English label of the search list is shown only as a hint. The rule
 * (length) is the DTO's (`cpvMainName`, `cpvAdditionalNames`); this file says it in Polish.
 */
import { CPV_NAME_MAX, CPV_NAME_MIN, cpvLabel } from '../common/identifiers';
import type { FieldViolation } from '../common/errors';
import type { Form } from './procedure-forms';
import type { FieldErrorView } from './web-pages.service';

export const CPV_MAIN_NAME_INPUT = 'cpvMainName';
/** The input of an additional code's name: named by the code, so it follows the code's place. */
export const cpvNameInput = (code: string): string => `cpvNazwa-${code}`;

export interface CpvNameRow {
  name: string;
  code: string;
  label: string;
  hint: string;
  value: string;
  error?: string;
}

const hint = (code: string): string => {
  const english = cpvLabel(code);
  return english
    ? `Nazwa w angielskiej wersji słownika (tylko do wyszukiwania): „${english}”. W dokumentach znajdzie się nazwa polska.`
    : 'Kodu nie ma w słowniku CPV 2008 (sprawdź kod); w dokumentach znajdzie się nazwa polska.';
};

const NAME_RULE = (code: string) =>
  `Podaj nazwę kodu ${code} w języku polskim (od ${CPV_NAME_MIN} do ${CPV_NAME_MAX} znaków), np. z polskiej wersji Wspólnego Słownika Zamówień.`;

/** The name inputs of the additional codes, each with its English hint and its error. */
export function cpvNameRows(
  additional: readonly string[],
  names: Readonly<Record<string, string>>,
  errors: readonly FieldErrorView[],
): CpvNameRow[] {
  return additional.map((code) => ({
    name: cpvNameInput(code),
    code,
    label: `Nazwa kodu CPV w języku polskim: ${code}`,
    hint: hint(code),
    value: names[code] ?? '',
    error: errors.find((e) => e.field === cpvNameInput(code))?.message,
  }));
}

/** The hint of the main code's name input (empty until a code is given). */
export const cpvMainHint = (code: string): string =>
  /^\d{8}-\d$/.test(code) ? hint(code) : 'Np. dla kodu 09310000-5: „Elektryczność”.';

/** The typed names of the additional codes: code → name as typed (absent inputs keep the stored). */
export function additionalNamesFromForm(
  additional: readonly string[],
  form: Form,
  before: Readonly<Record<string, string>>,
): Record<string, string> {
  const out: Record<string, string> = {};
  for (const code of additional) {
    const typed = form[cpvNameInput(code)];
    out[code] = (typed ?? before[code] ?? '').trim();
  }
  return out;
}

/** The DTO's refusals of the names, said on each input in Polish. */
export function cpvNameErrors(
  violations: readonly FieldViolation[],
  main: string,
  additional: readonly string[],
  names: Readonly<Record<string, string>>,
): FieldErrorView[] {
  const errors: FieldErrorView[] = [];
  if (violations.some((v) => v.field === 'cpvMainName'))
    errors.push({
      field: CPV_MAIN_NAME_INPUT,
      label: 'Nazwa głównego kodu CPV w języku polskim',
      message: NAME_RULE(main || 'głównego'),
    });
  if (violations.some((v) => v.field.startsWith('cpvAdditionalNames')))
    for (const code of additional) {
      const n = (names[code] ?? '').trim().length;
      if (n < CPV_NAME_MIN || n > CPV_NAME_MAX)
        errors.push({
          field: cpvNameInput(code),
          label: `Nazwa kodu CPV w języku polskim: ${code}`,
          message: NAME_RULE(code),
        });
    }
  return errors;
}
