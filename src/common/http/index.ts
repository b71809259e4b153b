export { UuidParam } from './uuid-param.pipe';
export { createValidationPipe } from './validation.pipe';
