import { ValidationError } from 'class-validator';
import { DomainError, FieldViolation } from './domain-error';

/** Flattens class-validator's tree into `[{field: 'lots[0].vatRate', rule, message}]`. */
export function flattenValidationErrors(errors: ValidationError[], parent = ''): FieldViolation[] {
  const out: FieldViolation[] = [];
  for (const e of errors) {
    const field = parent
      ? /^\d+$/.test(e.property)
        ? `${parent}[${e.property}]`
        : `${parent}.${e.property}`
      : e.property;
    const constraints = Object.entries(e.constraints ?? {});
    if (
      e.value === undefined &&
      constraints.length > 0 &&
      !('whitelistValidation' in (e.constraints ?? {}))
    ) {
      // A missing field: one clear violation instead of every rule the absent value breaks.
      out.push({ field, rule: 'isDefined', message: `${field} is required` });
      continue;
    }
    for (const [rule, message] of constraints) {
      out.push({
        field,
        rule: rule === 'whitelistValidation' ? 'unknownField' : rule,
        message:
          rule === 'whitelistValidation'
            ? `${field} is not an accepted field`
            : message.replace(e.property, field),
      });
    }
    if (e.children?.length) out.push(...flattenValidationErrors(e.children, field));
  }
  return out;
}

export function validationFailed(errors: ValidationError[]): DomainError {
  const violations = flattenValidationErrors(errors);
  const summary = violations
    .slice(0, 3)
    .map((v) => v.message)
    .join('; ');
  return new DomainError(
    400,
    'VALIDATION_FAILED',
    `Invalid input: ${summary}${violations.length > 3 ? ` (and ${violations.length - 3} more)` : ''}`,
    violations,
  );
}
