export { IsIsoDate, isIsoDate, todayInWarsaw } from './iso-date';
export { dateViolation } from './date-rules';
export type { DateBound, DateBounds } from './date-rules';
export {
  formatDatePl,
  formatDateShortPl,
  formatDateTimePl,
  formatDateTimeShortPl,
} from './polish-dates';
