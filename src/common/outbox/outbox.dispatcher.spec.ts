import type { OutboxJob } from './outbox-job.entity';
import { segments } from './outbox.dispatcher';

const row = (
  id: string,
  jobId: string | null = null,
  operation: 'add' | 'remove' = 'add',
  replace = false,
  queue = 'reminders',
) => ({ id, jobId, operation, replace, queue }) as unknown as OutboxJob;

const ids = (rows: OutboxJob[]) => segments(rows).map((s) => s.map((r) => r.id).join(''));

describe('outbox batches', () => {
  it('keeps a whole batch of distinct jobs together, removals and replacements included', () => {
    const rows = [
      row('a', 'reminder.1'),
      row('b', 'reminder.2', 'add', true),
      row('c', 'reminder.3', 'remove'),
      row('d'),
      row('e', 'reminder.4', 'add', true),
    ];
    expect(ids(rows)).toEqual(['abcde']);
  });

  it('starts a new segment where a job id comes again, so its rows keep their order', () => {
    const rows = [
      row('a', 'reminder.1', 'add', true),
      row('b', 'reminder.2', 'add', true),
      row('c', 'reminder.1', 'remove'),
      row('d', 'reminder.3'),
      row('e', 'reminder.1', 'add', true),
      row('f', 'reminder.2', 'remove'),
    ];
    expect(ids(rows)).toEqual(['ab', 'cd', 'ef']);
  });

  it('tells the same job id on different queues apart', () => {
    expect(ids([row('a', 'x'), row('b', 'x', 'add', false, 'notifications')])).toEqual(['ab']);
  });

  it('never loses or repeats a row, and no segment names a job twice', () => {
    const rows = Array.from({ length: 200 }, (_, i) =>
      row(
        String(i),
        i % 3 === 0 ? null : `job.${i % 17}`,
        i % 7 === 0 ? 'remove' : 'add',
        i % 5 === 0,
      ),
    );
    const out = segments(rows);
    expect(out.flat()).toEqual(rows);
    for (const s of out) {
      const names = s.map((r) => `${r.queue}/${r.jobId ?? r.id}`);
      expect(new Set(names).size).toBe(names.length);
    }
  });
});
