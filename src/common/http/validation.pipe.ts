import { ValidationPipe } from '@nestjs/common';
import { validationFailed } from '../errors';

/** Whitelist, forbid unknown fields, transform; violations become the 400 error body. */
export function createValidationPipe(): ValidationPipe {
  return new ValidationPipe({
    whitelist: true,
    forbidNonWhitelisted: true,
    transform: true,
    transformOptions: { enableImplicitConversion: false },
    stopAtFirstError: false,
    exceptionFactory: (errors) => validationFailed(errors),
  });
}
