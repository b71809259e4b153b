import type { OutboxJob } from './outbox-job.entity';
import { segments } from './outbox.dispatcher';

const row = (id: string, operation: 'add' | 'remove' = 'add', replace = false) =>
  ({ id, operation, replace, queue: 'reminders' }) as unknown as OutboxJob;

describe('outbox batches', () => {
  it('groups consecutive plain additions and keeps removals and replacements alone, in order', () => {
    const rows = [
      row('a'),
      row('b'),
      row('c', 'remove'),
      row('d'),
      row('e', 'add', true),
      row('f'),
    ];
    expect(segments(rows).map((s) => [s.bulk, s.rows.map((r) => r.id).join('')])).toEqual([
      [true, 'ab'],
      [false, 'c'],
      [true, 'd'],
      [false, 'e'],
      [true, 'f'],
    ]);
  });

  it('never loses or repeats a row', () => {
    const rows = Array.from({ length: 50 }, (_, i) =>
      row(String(i), i % 7 === 0 ? 'remove' : 'add', i % 5 === 0),
    );
    expect(segments(rows).flatMap((s) => s.rows)).toEqual(rows);
  });
});
