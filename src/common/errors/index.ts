export {
  DomainError,
  badRequest,
  conflict,
  fieldError,
  forbidden,
  notFound,
  tooManyRequests,
  unauthorized,
  unprocessable,
} from './domain-error';
export { AllExceptionsFilter } from './http-exception.filter';
export { validationFailed } from './validation';
