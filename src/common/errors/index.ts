export {
  DomainError,
  badRequest,
  conflict,
  fieldError,
  fieldRuleError,
  rulesViolated,
  forbidden,
  notFound,
  tooManyRequests,
  unauthorized,
  unprocessable,
} from './domain-error';
export { AllExceptionsFilter } from './http-exception.filter';
export { assertVersion } from './version-check';
export { validationFailed } from './validation';
export type { FieldViolation } from './domain-error';
export { flattenValidationErrors } from './validation';
