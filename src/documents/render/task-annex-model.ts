import type { PartyModel } from './party-model';
import { formatDatePl } from './polish-format';
import type { TaskSnapshot } from './snapshot.types';

/*
 * The agreement's annex "Podział zadań i odpowiedzialności" (załącznik nr 3) as its template sees
 * it: what the leader does on behalf of all parties (art. 38 ust. 1 Pzp) and what each party does
 * in its own part, each task with who, by when and its state on the document's day.
 */

export interface TaskRowModel {
  /** Lp. within its table. */
  ordinal: number;
  /** "Opis przedmiotu zamówienia (OPZ) – część 1", with the person when one is named. */
  title: string;
  /** The organisation that does it; "Gmina Skawina (Lider)" for the leader. */
  responsible: string;
  personName: string | null;
  dueOn: string;
  /** "15 stycznia 2027 r." */
  dueLabel: string;
  /** "do wykonania", "nie wykonano w terminie", "wykonano 2 grudnia 2026 r.", "odstąpiono: …". */
  statusLabel: string;
  overdue: boolean;
  done: boolean;
  waived: boolean;
}

export interface TaskPartModel {
  organisationId: string;
  name: string;
  /** "Lider" (its own part, beside what it does for all), "Partner". */
  roleLabel: string;
  tasks: TaskRowModel[];
}

export interface TaskAnnexModel {
  /** The matrix has tasks: the agreement has the annex (else one sentence says there is none). */
  any: boolean;
  /** LEADER_FOR_ALL tasks: the leader acts on behalf of all parties. */
  leaderForAll: TaskRowModel[];
  /** EACH_PARTNER tasks per organisation, in the parties' order (the leader first). */
  ownParts: TaskPartModel[];
  count: number;
  openCount: number;
  overdueCount: number;
  doneCount: number;
  waivedCount: number;
}

function rowModel(t: TaskSnapshot, ordinal: number, today: string, leaderId: string): TaskRowModel {
  const overdue = t.status === 'OPEN' && t.dueOn < today;
  const statusLabel =
    t.status === 'DONE'
      ? t.doneOn
        ? `wykonano ${formatDatePl(t.doneOn)}`
        : 'wykonano'
      : t.status === 'WAIVED'
        ? `odstąpiono${t.waivedReason ? `: ${t.waivedReason}` : ''}`
        : overdue
          ? 'nie wykonano w terminie'
          : 'do wykonania';
  return {
    ordinal,
    title: t.personName ? `${t.title} (odpowiada: ${t.personName})` : t.title,
    responsible:
      t.organisationId === leaderId ? `${t.organisationName} (Lider)` : t.organisationName,
    personName: t.personName ?? null,
    dueOn: t.dueOn,
    dueLabel: formatDatePl(t.dueOn),
    statusLabel,
    overdue,
    done: t.status === 'DONE',
    waived: t.status === 'WAIVED',
  };
}

/**
 * The annex of an agreement snapshot's tasks (in the snapshot's order) on the day `today`
 * (YYYY-MM-DD, Warsaw, the document's day): an open task due before it is overdue.
 */
export function buildTaskAnnexModel(
  tasks: readonly TaskSnapshot[],
  parties: readonly PartyModel[],
  leaderId: string,
  today: string,
): TaskAnnexModel {
  const leaderForAll = tasks
    .filter((t) => t.scope === 'LEADER_FOR_ALL')
    .map((t, i) => rowModel(t, i + 1, today, leaderId));
  const own = tasks.filter((t) => t.scope !== 'LEADER_FOR_ALL');
  const order = new Map(parties.map((p, i) => [p.id, i]));
  const byOrg = new Map<string, TaskSnapshot[]>();
  for (const t of own) byOrg.set(t.organisationId, [...(byOrg.get(t.organisationId) ?? []), t]);
  const ownParts: TaskPartModel[] = [...byOrg.entries()]
    .map(([organisationId, list]) => ({
      organisationId,
      name: list[0].organisationName,
      roleLabel: organisationId === leaderId ? 'Lider' : 'Partner',
      tasks: list.map((t, i) => rowModel(t, i + 1, today, leaderId)),
    }))
    .sort(
      (a, b) =>
        (order.get(a.organisationId) ?? parties.length) -
          (order.get(b.organisationId) ?? parties.length) || a.name.localeCompare(b.name, 'pl'),
    );
  const rows = [...leaderForAll, ...ownParts.flatMap((p) => p.tasks)];
  return {
    any: rows.length > 0,
    leaderForAll,
    ownParts,
    count: rows.length,
    openCount: rows.filter((r) => !r.done && !r.waived).length,
    overdueCount: rows.filter((r) => r.overdue).length,
    doneCount: rows.filter((r) => r.done).length,
    waivedCount: rows.filter((r) => r.waived).length,
  };
}
