export { IsIsoDate, isIsoDate, todayInWarsaw } from './iso-date';
export { dateViolation } from './date-rules';
export type { DateBound, DateBounds } from './date-rules';
