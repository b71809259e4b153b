import { plainToInstance } from 'class-transformer';
import { validate } from 'class-validator';
import type { FieldViolation } from '../common/errors';
import { flattenValidationErrors } from '../common/errors';

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
