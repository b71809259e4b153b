import {
  addCalendarDays,
  dayOfWeek,
  isDayOff,
  warsawDate,
  warsawDateTime,
} from '../../src/common/polish-calendar/calendar';

/**
 * Fixture dates relative to today, so that the suites pass on whatever day they run (the API
 * refuses share deadlines and publications in the past).
 *
 * PUBLICATION_DAY is the first Monday at least 40 days ahead whose next eight weeks hold no
 * public holiday on a weekday: statutory periods counted from it then end where plain calendar
 * arithmetic says (14 days after a Monday is a Monday), so a test can state the expected day
 * as `onDay(14)` instead of asking the calendar under test.
 */
function quietMonday(fromToday: number, quietDays: number): string {
  const holidayOnWeekday = (d: string) => isDayOff(d) && dayOfWeek(d) !== 0 && dayOfWeek(d) !== 6;
  let day = addCalendarDays(warsawDate(new Date()), fromToday);
  for (;;) {
    if (
      dayOfWeek(day) === 1 &&
      Array.from({ length: quietDays }, (_, i) => addCalendarDays(day, i)).every(
        (d) => !holidayOnWeekday(d),
      )
    )
      return day;
    day = addCalendarDays(day, 1);
  }
}

export const PUBLICATION_DAY = quietMonday(40, 56);

/** The ISO date `days` after (or before, when negative) PUBLICATION_DAY. */
export const onDay = (days: number): string => addCalendarDays(PUBLICATION_DAY, days);

/** That day at a Warsaw wall-clock time, as an ISO instant (the offset follows summer time). */
export const atWarsaw = (days: number, time: string): string =>
  warsawDateTime(onDay(days), time).toISOString();

/** The share deadline of the fixtures: the Friday before the publication, 15:00. */
export const SHARE_DEADLINE = atWarsaw(-3, '15:00');

const POLISH_DAY = new Intl.DateTimeFormat('pl-PL', {
  day: 'numeric',
  month: 'long',
  year: 'numeric',
  timeZone: 'UTC',
});

/** An ISO date as Polish documents print it: `2027-07-15` → `15 lipca 2027 r.` */
export function polishDate(iso: string): string {
  return `${POLISH_DAY.format(new Date(`${iso}T00:00:00Z`))} r.`;
}
