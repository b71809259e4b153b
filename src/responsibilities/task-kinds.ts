/**
 * Kinds of tasks in a tender's responsibility matrix and the task sets the leader's officer
 * starts from (pure data, no Nest, no database). Art. 38 Pzp: in a joint procurement the leader
 * (upoważniony zamawiający) conducts the procedure on behalf of all; the partners prepare their own
 * needs and carry out their own contracts.
 */
export const TASK_KINDS = [
  'OPZ',
  'INPUT_DATA',
  'SWZ_REVIEW',
  'CONTRACT_REVIEW',
  'COMMITTEE_NOMINATION',
  'ACCEPTANCE',
  'INVOICE_VERIFICATION',
  'PAYMENT',
] as const;
export type TaskKind = (typeof TASK_KINDS)[number];

export const TASK_STATUSES = ['OPEN', 'DONE', 'WAIVED'] as const;
export type TaskStatus = (typeof TASK_STATUSES)[number];

/** LEADER_FOR_ALL: the leader acts for all partners (art. 38 Pzp); EACH_PARTNER: each alone. */
export const TASK_SCOPES = ['LEADER_FOR_ALL', 'EACH_PARTNER'] as const;
export type TaskScope = (typeof TASK_SCOPES)[number];

export const TASK_KIND_PL: Record<TaskKind, string> = {
  OPZ: 'Opis przedmiotu zamówienia (OPZ)',
  INPUT_DATA: 'Dane wejściowe',
  SWZ_REVIEW: 'Przegląd projektu SWZ',
  CONTRACT_REVIEW: 'Przegląd projektu umowy',
  COMMITTEE_NOMINATION: 'Wskazanie członka komisji przetargowej',
  ACCEPTANCE: 'Odbiór przedmiotu zamówienia (protokół odbioru)',
  INVOICE_VERIFICATION: 'Weryfikacja faktury',
  PAYMENT: 'Zapłata wynagrodzenia',
};

export const TASK_STATUS_PL: Record<TaskStatus, string> = {
  OPEN: 'Do wykonania',
  DONE: 'Wykonane',
  WAIVED: 'Odstąpiono',
};

export const SUBJECT_KINDS = ['WORKS', 'SUPPLIES', 'SERVICES'] as const;
export type TaskSetKind = (typeof SUBJECT_KINDS)[number];

/** One line of a task set: who does it (the leader for all, or each partner), per lot or once. */
export interface TaskTemplate {
  kind: TaskKind;
  scope: TaskScope;
  perLot: boolean;
  /** Due this many calendar days after the day the set is applied. */
  dueInDays: number;
}

const COMMON_BEFORE: TaskTemplate[] = [
  { kind: 'INPUT_DATA', scope: 'EACH_PARTNER', perLot: false, dueInDays: 7 },
  { kind: 'OPZ', scope: 'EACH_PARTNER', perLot: true, dueInDays: 14 },
  { kind: 'SWZ_REVIEW', scope: 'LEADER_FOR_ALL', perLot: false, dueInDays: 21 },
  { kind: 'CONTRACT_REVIEW', scope: 'LEADER_FOR_ALL', perLot: false, dueInDays: 21 },
  { kind: 'COMMITTEE_NOMINATION', scope: 'EACH_PARTNER', perLot: false, dueInDays: 21 },
];
const COMMON_AFTER: TaskTemplate[] = [
  { kind: 'INVOICE_VERIFICATION', scope: 'EACH_PARTNER', perLot: true, dueInDays: 120 },
  { kind: 'PAYMENT', scope: 'EACH_PARTNER', perLot: true, dueInDays: 150 },
];

/**
 * The sets per subject kind. Works: the leader's officer prepares the common SWZ and contract for
 * all, each partner accepts its own part of the works on site. Supplies and services: the same,
 * with the acceptance of each delivery (protokół odbioru) by each partner.
 */
export const TASK_SETS: Record<TaskSetKind, { label: string; tasks: TaskTemplate[] }> = {
  WORKS: {
    label: 'Roboty budowlane',
    tasks: [
      ...COMMON_BEFORE,
      { kind: 'ACCEPTANCE', scope: 'EACH_PARTNER', perLot: true, dueInDays: 180 },
      ...COMMON_AFTER.map((t) => ({ ...t, dueInDays: t.dueInDays + 90 })),
    ],
  },
  SUPPLIES: {
    label: 'Dostawy',
    tasks: [
      ...COMMON_BEFORE,
      { kind: 'ACCEPTANCE', scope: 'EACH_PARTNER', perLot: true, dueInDays: 90 },
      ...COMMON_AFTER,
    ],
  },
  SERVICES: {
    label: 'Usługi',
    tasks: [
      ...COMMON_BEFORE,
      { kind: 'ACCEPTANCE', scope: 'EACH_PARTNER', perLot: true, dueInDays: 100 },
      ...COMMON_AFTER,
    ],
  },
};

/** The title of a task as the matrix, reminders and the annex name it. */
export function taskTitle(kind: TaskKind, lotNumber: number | null): string {
  return lotNumber === null ? TASK_KIND_PL[kind] : `${TASK_KIND_PL[kind]} – część ${lotNumber}`;
}
