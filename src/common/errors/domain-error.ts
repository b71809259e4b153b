/**
 * A refusal the API explains to its caller: a stable machine code, an HTTP status and a message an
 * operator or a user can act on. Modules throw these; one filter maps them to the error body.
 */
export interface FieldViolation {
  field: string;
  rule: string;
  message: string;
}

export class DomainError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly errors?: FieldViolation[],
    readonly details?: Record<string, unknown>,
  ) {
    super(message);
    this.name = 'DomainError';
  }
}

export const badRequest = (code: string, message: string, errors?: FieldViolation[]) =>
  new DomainError(400, code, message, errors);
export const fieldError = (field: string, rule: string, message: string) =>
  new DomainError(400, 'VALIDATION_FAILED', message, [{ field, rule, message }]);
/** A well-formed value that breaks a rule about other facts (VAT against the lot's rate, a total). */
export const fieldRuleError = (field: string, rule: string, message: string) =>
  new DomainError(422, 'RULE_VIOLATED', message, [{ field, rule, message }]);
/** Several such rules at once, each naming its field (dates checked against the facts they follow). */
export const rulesViolated = (violations: FieldViolation[]) =>
  new DomainError(422, 'RULE_VIOLATED', violations.map((v) => v.message).join('; '), violations);
export const unauthorized = (code: string, message: string) => new DomainError(401, code, message);
export const forbidden = (code: string, message: string) => new DomainError(403, code, message);
export const notFound = (entity: string, id?: string) =>
  new DomainError(
    404,
    `${entity.toUpperCase()}_NOT_FOUND`,
    id ? `${entity} ${id} was not found` : `${entity} was not found`,
  );
export const conflict = (code: string, message: string, details?: Record<string, unknown>) =>
  new DomainError(409, code, message, undefined, details);
export const unprocessable = (code: string, message: string, details?: Record<string, unknown>) =>
  new DomainError(422, code, message, undefined, details);
export const tooManyRequests = (code: string, message: string, details?: Record<string, unknown>) =>
  new DomainError(429, code, message, undefined, details);
