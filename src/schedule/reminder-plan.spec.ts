import { describeOffsetPl, formatOffset, planReminders, reminderTime } from './reminder-plan';

const DEADLINE = '6f1c2d3e-0000-4000-8000-000000000001';
const DAY = 1440;
const at = (iso: string) => new Date(iso);

describe('reminder times', () => {
  it('sends whole-day reminders at 09:00 Warsaw time on those days, the same day included', () => {
    const due = at('2027-01-26T10:00:00+01:00');
    const plan = planReminders(DEADLINE, due, [7 * DAY, 3 * DAY, DAY, 0], { hour: 9 });
    expect(plan.map((r) => [r.offsetMinutes, r.fireAt.toISOString()])).toEqual([
      [7 * DAY, '2027-01-19T08:00:00.000Z'],
      [3 * DAY, '2027-01-23T08:00:00.000Z'],
      [DAY, '2027-01-25T08:00:00.000Z'],
      [0, '2027-01-26T08:00:00.000Z'],
    ]);
  });

  it('keeps 09:00 on both sides of the spring DST change', () => {
    // Summer time starts on Sunday 28.03.2027.
    const due = at('2027-03-30T10:00:00+02:00');
    expect(reminderTime(due, 3 * DAY, 9).toISOString()).toBe('2027-03-27T08:00:00.000Z'); // CET
    expect(reminderTime(due, DAY, 9).toISOString()).toBe('2027-03-29T07:00:00.000Z'); // CEST
  });

  it('counts days in Warsaw even when the due time is another day in UTC', () => {
    // 00:30 on 1 Feb in Warsaw is still 31 Jan in UTC.
    const due = at('2027-02-01T00:30:00+01:00');
    expect(reminderTime(due, DAY, 9).toISOString()).toBe('2027-01-31T08:00:00.000Z');
  });

  it('sends the same-day reminder at the due time when that is before 09:00', () => {
    const due = at('2027-01-26T08:00:00+01:00');
    expect(reminderTime(due, 0, 9)).toEqual(due);
  });

  it('takes offsets that are not whole days exactly', () => {
    const due = at('2027-01-26T10:00:00+01:00');
    expect(reminderTime(due, 90, 9).toISOString()).toBe('2027-01-26T07:30:00.000Z');
    expect(reminderTime(due, 3, 9).toISOString()).toBe('2027-01-26T08:57:00.000Z');
  });

  it('leaves out reminders already past when the deadline is set, with a minute of grace', () => {
    const due = at('2027-01-26T10:00:00+01:00');
    const plan = planReminders(DEADLINE, due, [7 * DAY, 3 * DAY, DAY, 0], {
      hour: 9,
      now: at('2027-01-24T12:00:00+01:00'),
    });
    expect(plan.map((r) => r.offsetMinutes)).toEqual([DAY, 0]);
    const justPast = planReminders(DEADLINE, due, [DAY], {
      hour: 9,
      now: at('2027-01-25T09:00:30+01:00'),
    });
    expect(justPast.map((r) => r.offsetMinutes)).toEqual([DAY]);
  });

  it('derives one BullMQ-safe job id per deadline, due time and offset', () => {
    const due = at('2027-01-26T10:00:00+01:00');
    const a = planReminders(DEADLINE, due, [DAY, 0, DAY], { hour: 9 });
    const b = planReminders(DEADLINE, due, [0, DAY], { hour: 9 });
    expect(a.map((r) => r.jobId)).toEqual(b.map((r) => r.jobId));
    expect(a).toHaveLength(2);
    expect(a[0].jobId).toBe(`reminder.${DEADLINE}.20270126T090000000Z.1440`);
    expect(a.every((r) => !r.jobId.includes(':'))).toBe(true);
    const moved = planReminders(DEADLINE, at('2027-01-27T10:00:00+01:00'), [DAY], { hour: 9 });
    expect(moved[0].jobId).not.toBe(a[0].jobId);
  });

  it('refuses a negative or fractional offset', () => {
    expect(() => reminderTime(new Date(), -1, 9)).toThrow(RangeError);
    expect(() => reminderTime(new Date(), 1.5, 9)).toThrow(RangeError);
  });

  it('says how far the deadline is in Polish', () => {
    expect(describeOffsetPl(0)).toBe('dziś');
    expect(describeOffsetPl(DAY)).toBe('jutro');
    expect(describeOffsetPl(7 * DAY)).toBe('za 7 dni');
    expect(describeOffsetPl(120)).toBe('za 2 godz.');
    expect(describeOffsetPl(5)).toBe('za 5 min');
    expect([7 * DAY, 120, 5].map(formatOffset)).toEqual(['7d', '2h', '5m']);
  });
});

describe('the offset unit (REMINDER_OFFSET_UNIT_MS)', () => {
  it('scales exact offsets only; whole days stay at the reminder hour', () => {
    const due = at('2027-01-26T10:00:00+01:00');
    const plan = planReminders(DEADLINE, due, [DAY, 5, 2], { hour: 9, unitMs: 1000 });
    expect(plan.map((r) => [r.offsetMinutes, r.fireAt.toISOString()])).toEqual([
      [DAY, '2027-01-25T08:00:00.000Z'],
      [5, '2027-01-26T08:59:55.000Z'],
      [2, '2027-01-26T08:59:58.000Z'],
    ]);
    // The job ids do not depend on the unit: the same deadline and offset is the same job.
    expect(plan[1].jobId).toBe(planReminders(DEADLINE, due, [5], { hour: 9 })[0].jobId);
  });
});
