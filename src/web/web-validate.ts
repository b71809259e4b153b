import { plainToInstance } from 'class-transformer';
import { validate } from 'class-validator';
import type { FieldViolation } from '../common/errors';
import { flattenValidationErrors } from '../common/errors';
import type { FieldErrorView } from './web-pages.service';
import type { FieldWords } from './web-words-admin';

/**
 * Checks form input against the API's own DTO class (the same rules, not a copy), so a page and
 * the API refuse the same input. Returns the typed value or the violations.
 */
export async function validateAs<T extends object>(
  cls: new () => T,
  plain: Record<string, unknown>,
): Promise<{ value: T; violations: FieldViolation[] }> {
  const value = plainToInstance(cls, plain, { enableImplicitConversion: false });
  const errors = await validate(value, { whitelist: true, forbidNonWhitelisted: false });
  return { value, violations: flattenValidationErrors(errors) };
}

/**
 * The API's violations (from a DTO or a service's refusal) in the form's Polish words: each names
 * its field and says the rule; one message per field, in the order of the form.
 */
export function formErrors(
  words: Record<string, FieldWords>,
  violations: readonly FieldViolation[],
): FieldErrorView[] {
  const out: FieldErrorView[] = [];
  for (const name of Object.keys(words)) {
    const v = violations.find((x) => x.field === name);
    if (!v) continue;
    const w = words[name];
    const field = w.id ?? name;
    if (out.some((e) => e.field === field)) continue;
    out.push({ field, label: w.label, message: w.rules[v.rule] ?? w.otherwise });
  }
  if (out.length === 0 && violations.length > 0)
    out.push({ field: 'bledy', label: 'Formularz', message: 'Sprawdź wpisane dane.' });
  return out;
}
