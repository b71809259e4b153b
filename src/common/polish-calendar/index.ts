export {
  WARSAW,
  addCalendarDays,
  assertIsoDate,
  countWorkingDays,
  daysBetween,
  isDayOff,
  isIsoDate,
  isWorkingDay,
  nextWorkingDay,
  toWarsawIso,
  warsawDate,
  warsawDateTime,
  workingDayOnOrAfter,
} from './calendar';
export { computeBackwardLimit, computeTimeLimit } from './time-limits';
export type { TimeLimit } from './time-limits';
