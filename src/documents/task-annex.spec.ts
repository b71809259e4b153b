import { changedTasks, taskMatrixFingerprint, taskSnapshots, type SourceTask } from './task-annex';

const row = (over: Partial<SourceTask>): SourceTask => ({
  task_id: 'a',
  kind: 'INPUT_DATA',
  scope: 'EACH_PARTNER',
  lot_number: null,
  title: 'Dane wejściowe',
  organisation_id: 'o-liszki',
  organisation_name: 'Gmina Liszki',
  person_name: null,
  due_on: '2027-01-15',
  status: 'OPEN',
  note: null,
  created_at: new Date('2026-12-01T10:00:00Z'),
  ...over,
});

describe('the annex of tasks in an agreement snapshot', () => {
  it('puts the leader’s tasks for all first, then by due day and organisation', () => {
    const tasks = taskSnapshots([
      row({ task_id: 'c', due_on: '2027-01-10', organisation_name: 'Gmina Mogilany' }),
      row({ task_id: 'b', due_on: '2027-01-10', organisation_name: 'Gmina Czernichów' }),
      row({
        task_id: 'l',
        scope: 'LEADER_FOR_ALL',
        title: 'Przegląd projektu SWZ',
        due_on: '2027-02-01',
      }),
    ]);
    expect(tasks.map((t) => t.id)).toEqual(['l', 'b', 'c']);
  });

  it('freezes the day a task was done (Warsaw) and the reason it was waived', () => {
    const [done, waived] = taskSnapshots([
      row({
        task_id: 'a',
        status: 'DONE',
        note: 'Przekazano.',
        created_at: new Date('2026-12-01T23:30:00Z'),
      }),
      row({
        task_id: 'b',
        status: 'WAIVED',
        note: 'Gmina nie bierze udziału w części 2.',
        due_on: '2027-01-16',
      }),
    ]);
    expect(done).toMatchObject({ status: 'DONE', doneOn: '2026-12-02' });
    expect(done).not.toHaveProperty('waivedReason');
    expect(waived).toMatchObject({
      status: 'WAIVED',
      waivedReason: 'Gmina nie bierze udziału w części 2.',
    });
  });

  it('outdates the agreement when who, what, by when or waived changes, not when a task is done', () => {
    const base = taskSnapshots([row({}), row({ task_id: 'b', organisation_id: 'o-cz' })]);
    const print = taskMatrixFingerprint(base);
    const same = (over: Partial<SourceTask>) =>
      taskMatrixFingerprint(
        taskSnapshots([row(over), row({ task_id: 'b', organisation_id: 'o-cz' })]),
      ) === print;
    expect(taskMatrixFingerprint([...base].reverse())).toBe(print);
    expect(same({ status: 'DONE', note: 'Przekazano.' })).toBe(true);
    expect(same({ due_on: '2027-01-22' })).toBe(false);
    expect(same({ organisation_id: 'o-mog', organisation_name: 'Gmina Mogilany' })).toBe(false);
    expect(same({ person_name: 'Anna Nowak' })).toBe(false);
    expect(same({ status: 'WAIVED', note: 'Nie dotyczy.' })).toBe(false);
    expect(taskMatrixFingerprint(base.slice(1))).not.toBe(print);
    expect(taskMatrixFingerprint([])).not.toBe(print);
  });

  it('names what changed', () => {
    const printed = taskSnapshots([row({}), row({ task_id: 'b', title: 'OPZ – część 1' })]);
    const now = taskSnapshots([
      row({ due_on: '2027-01-22' }),
      row({
        task_id: 'c',
        title: 'Przegląd projektu umowy',
        scope: 'LEADER_FOR_ALL',
        organisation_name: 'Gmina Skawina',
      }),
    ]);
    expect(changedTasks(printed, now)).toEqual([
      'added: Przegląd projektu umowy (Gmina Skawina) 2027-01-15',
      'changed: Dane wejściowe (Gmina Liszki) 2027-01-15 → 2027-01-22',
      'removed: OPZ – część 1 (Gmina Liszki)',
    ]);
    expect(
      changedTasks(
        printed,
        taskSnapshots([
          row({ status: 'WAIVED', note: 'x' }),
          row({ task_id: 'b', title: 'OPZ – część 1' }),
        ]),
      ),
    ).toEqual(['waived: Dane wejściowe (Gmina Liszki)']);
    expect(changedTasks(printed, printed)).toEqual([]);
  });
});
