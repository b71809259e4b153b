import { ArgumentMetadata, ValidationPipe } from '@nestjs/common';
import { DomainError, validationFailed } from '../errors';
import { inputViolations } from './input-limits';

/**
 * Whitelist, forbid unknown fields, transform; violations become the 400 error body. Before the
 * DTO, every body, query and path meets the input limits (no NUL, no `null` for a body field,
 * bounded strings and arrays) — on the API and the web pages alike, so each answers in its way.
 */
class LimitedValidationPipe extends ValidationPipe {
  override async transform(value: unknown, metadata: ArgumentMetadata): Promise<unknown> {
    if (metadata.type === 'body' || metadata.type === 'query' || metadata.type === 'param') {
      const root = metadata.data ?? metadata.type;
      const violations = inputViolations(value, root, metadata.type !== 'body');
      if (violations.length > 0)
        throw new DomainError(
          400,
          'VALIDATION_FAILED',
          `Invalid input: ${violations
            .slice(0, 3)
            .map((v) => v.message)
            .join('; ')}`,
          violations,
        );
    }
    return super.transform(value, metadata);
  }
}

export function createValidationPipe(): ValidationPipe {
  return new LimitedValidationPipe({
    whitelist: true,
    forbidNonWhitelisted: true,
    transform: true,
    transformOptions: { enableImplicitConversion: false },
    stopAtFirstError: false,
    exceptionFactory: (errors) => validationFailed(errors),
  });
}
