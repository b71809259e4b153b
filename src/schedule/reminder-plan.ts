/**
 * When the reminders of a deadline fire (pure functions, no Nest).
 *
 * Offsets are minutes before the due time. A whole number of days (a multiple of 1440) means "that
 * many calendar days before, at the reminder hour in Europe/Warsaw" (default 09:00), because people
 * read reminders at the start of the working day, not at 10:00 a week before an opening; offset 0 is
 * therefore 09:00 on the due day, or the due time itself when that is earlier. Any other offset is
 * exact (`dueAt − offset`), which is also how tests and benchmarks schedule reminders seconds apart.
 *
 * A reminder whose time has already passed when the deadline is (re)scheduled is not sent: a
 * deadline set two days ahead gets its 1-day and same-day reminders, not a late "7 days left".
 */
import { addCalendarDays, warsawDate, warsawDateTime } from '../common/polish-calendar';
import { jobIds } from '../common/jobs';
import { MINUTES_PER_DAY } from './deadline-kinds';

const MS_PER_MINUTE = 60_000;
/** A reminder due this little in the past is still sent (now), so none is lost to rounding. */
export const REMINDER_GRACE_MS = 60_000;

export interface PlannedReminder {
  offsetMinutes: number;
  fireAt: Date;
  jobId: string;
}

export interface PlanOptions {
  /** Hour of day in Europe/Warsaw for whole-day offsets. */
  hour: number;
  /** Reminders before `now − grace` are left out; omit to plan all of them. */
  now?: Date;
  /**
   * Real ms per minute of a non-whole-day offset (REMINDER_OFFSET_UNIT_MS): 60 000 in production;
   * tests and the benchmark use 1 000 so that "5m" means 5 seconds before the due time.
   */
  unitMs?: number;
}

/** The instant one offset's reminder fires for a deadline due at `dueAt`. */
export function reminderTime(
  dueAt: Date,
  offsetMinutes: number,
  hour: number,
  unitMs = MS_PER_MINUTE,
): Date {
  if (!Number.isInteger(offsetMinutes) || offsetMinutes < 0) {
    throw new RangeError(`offset must be a whole number of minutes ≥ 0, got ${offsetMinutes}`);
  }
  if (offsetMinutes % MINUTES_PER_DAY !== 0) {
    return new Date(dueAt.getTime() - offsetMinutes * unitMs);
  }
  const day = addCalendarDays(warsawDate(dueAt), -offsetMinutes / MINUTES_PER_DAY);
  const at = warsawDateTime(day, `${String(hour).padStart(2, '0')}:00`);
  return at.getTime() > dueAt.getTime() ? dueAt : at;
}

/** The reminders still to send for a deadline, earliest first, each with its BullMQ job id. */
export function planReminders(
  deadlineId: string,
  dueAt: Date,
  offsets: readonly number[],
  options: PlanOptions,
): PlannedReminder[] {
  const due = dueAt.toISOString();
  const notBefore = options.now ? options.now.getTime() - REMINDER_GRACE_MS : -Infinity;
  return [...new Set(offsets)]
    .map((offsetMinutes) => ({
      offsetMinutes,
      fireAt: reminderTime(dueAt, offsetMinutes, options.hour, options.unitMs),
      jobId: jobIds.reminder(deadlineId, due, offsetMinutes),
    }))
    .filter((r) => r.fireAt.getTime() >= notBefore)
    .sort((a, b) => a.fireAt.getTime() - b.fireAt.getTime() || b.offsetMinutes - a.offsetMinutes);
}

/** "za 3 dni", "jutro", "dziś", "za 2 godz.", "za 15 min" — how far the deadline is, in Polish. */
export function describeOffsetPl(offsetMinutes: number): string {
  if (offsetMinutes === 0) return 'dziś';
  if (offsetMinutes % MINUTES_PER_DAY === 0) {
    const days = offsetMinutes / MINUTES_PER_DAY;
    return days === 1 ? 'jutro' : `za ${days} dni`;
  }
  if (offsetMinutes % 60 === 0) return `za ${offsetMinutes / 60} godz.`;
  return `za ${offsetMinutes} min`;
}

/** Minutes → "7d", "2h", "30m" (the REMINDER_OFFSETS notation), for messages and the API docs. */
export function formatOffset(offsetMinutes: number): string {
  if (offsetMinutes % MINUTES_PER_DAY === 0) return `${offsetMinutes / MINUTES_PER_DAY}d`;
  if (offsetMinutes % 60 === 0) return `${offsetMinutes / 60}h`;
  return `${offsetMinutes}m`;
}
