import {
  TASK_KIND_PL,
  TASK_SETS,
  TASK_STATUS_PL,
  type TaskKind,
  type TaskMatrixView,
  type TaskStatus,
  type TaskView,
} from '../responsibilities';

/** "Wykonane", "Do wykonania – po terminie": the status in words, never by colour alone. */
export function taskStatusText(t: Pick<TaskView, 'status' | 'overdue'>): string {
  const label = TASK_STATUS_PL[t.status as TaskStatus] ?? t.status;
  return t.overdue ? `${label} – po terminie` : label;
}

/**
 * The matrix as the tender's page shows it: one row per task kind and lot, one column per
 * organisation (the leader first); each cell the status in words with the due day, or "—".
 */
export function taskMatrixModel(m: TaskMatrixView) {
  const rows = new Map<string, { label: string; cells: Map<string, TaskView> }>();
  for (const t of m.tasks) {
    const key = `${t.kind}/${t.lotNumber ?? ''}`;
    if (!rows.has(key)) rows.set(key, { label: t.title, cells: new Map() });
    rows.get(key)?.cells.set(t.organisationId, t);
  }
  const order = Object.keys(TASK_KIND_PL) as TaskKind[];
  const sorted = [...rows.entries()].sort(([a], [b]) => {
    const [ka, la] = a.split('/');
    const [kb, lb] = b.split('/');
    return order.indexOf(ka as TaskKind) - order.indexOf(kb as TaskKind) || la.localeCompare(lb);
  });
  return {
    organisations: m.organisations.map((o) => ({
      ...o,
      label: o.leader ? `${o.name} (lider)` : o.name,
    })),
    rows: sorted.map(([, r]) => ({
      label: r.label,
      cells: m.organisations.map((o) => {
        const t = r.cells.get(o.id);
        return t
          ? {
              present: true,
              href: `/zadania-postepowania/${t.id}`,
              status: taskStatusText(t),
              overdue: t.overdue,
              dueOn: t.dueOn,
              forAll: t.scope === 'LEADER_FOR_ALL',
            }
          : { present: false };
      }),
    })),
    count: m.tasks.length,
    overdue: m.tasks.filter((t) => t.overdue).length,
    mayManage: m.mayManage,
    sets: Object.entries(TASK_SETS).map(([value, s]) => ({ value, label: s.label })),
  };
}
