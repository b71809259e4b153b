import { ValidateBy, ValidationOptions } from 'class-validator';

/**
 * True for a real calendar date written `YYYY-MM-DD` in the years 0001–9999 (2026-02-30 and
 * 0000-01-01 are rejected; PostgreSQL and ISO 8601 without expansion agree on that range).
 */
export function isIsoDate(value: unknown): value is string {
  if (typeof value !== 'string' || !/^\d{4}-\d{2}-\d{2}$/.test(value)) return false;
  if (value.startsWith('0000')) return false;
  const d = new Date(`${value}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === value;
}

export function IsIsoDate(options?: ValidationOptions): PropertyDecorator {
  return ValidateBy(
    {
      name: 'isIsoDate',
      validator: {
        validate: (value) => isIsoDate(value),
        defaultMessage: (args) =>
          `${args?.property ?? 'value'} must be a date YYYY-MM-DD (years 0001–9999)`,
      },
    },
    options,
  );
}

/** One formatter for the whole process: building an Intl.DateTimeFormat costs more than using it. */
const WARSAW_DAY = new Intl.DateTimeFormat('en-CA', {
  timeZone: 'Europe/Warsaw',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
});

/** Today's date in Poland (day-level limits are counted in Europe/Warsaw). */
export function todayInWarsaw(now: Date = new Date()): string {
  return WARSAW_DAY.format(now);
}
