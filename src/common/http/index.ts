export {
  FILE_BODY_ROUTE,
  INPUT_LIMITS,
  inputViolations,
  jsonDepthExceeds,
  tooDeep,
} from './input-limits';
export { UuidParam } from './uuid-param.pipe';
export { createValidationPipe } from './validation.pipe';
export { isQuietPath, requestLogOptions, routeOf, type LoggedRequest } from './request-log';
