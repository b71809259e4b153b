import { formatDateShortPl, formatDateTimeShortPl } from './polish-format';

/* The protocol's chronology (PROTOCOL, Załącznik nr 1): audit events and deadlines by time. */

export interface ChronologyRowModel {
  ordinal: number;
  at: string;
  atLabel: string;
  what: string;
  who: string;
  isDeadline: boolean;
}

export function isDateOnly(value: string): boolean {
  return /^\d{4}-\d{2}-\d{2}$/.test(value);
}

export function buildChronologyModel(
  events: readonly { at: string; actorName: string; description: string }[],
  deadlines: readonly { dueAt: string; label: string; basis: string }[],
): ChronologyRowModel[] {
  const rows = [
    ...events.map((e) => ({
      at: e.at,
      what: e.description,
      who: e.actorName,
      isDeadline: false,
    })),
    ...deadlines.map((d) => ({
      at: d.dueAt,
      what: d.label.charAt(0).toLocaleUpperCase('pl-PL') + d.label.slice(1),
      who: d.basis,
      isDeadline: true,
    })),
  ];
  // Stable by time; at the same instant recorded acts come before the deadline that closes them.
  const indexed = rows.map((row, i) => ({ row, i, t: Date.parse(row.at) }));
  indexed.sort(
    (a, b) => a.t - b.t || Number(a.row.isDeadline) - Number(b.row.isDeadline) || a.i - b.i,
  );
  return indexed.map(({ row }, i) => ({
    ordinal: i + 1,
    at: row.at,
    atLabel: isDateOnly(row.at) ? formatDateShortPl(row.at) : formatDateTimeShortPl(row.at),
    what: row.what,
    who: row.who,
    isDeadline: row.isDeadline,
  }));
}
