import { warsawDate } from '../common/polish-calendar';
import type { DeadlineKind, DeadlineSnapshot } from './render/snapshot.types';

/**
 * The order in which the steps of a joint tender follow each other: the partners confirm their
 * shares, sign the agreement, the leader publishes the notice, questions and answers to the SWZ
 * come before the offers, which are opened, the standstill runs out and the contract is signed.
 * Two steps of the same rank may fall on the same day; a later step never comes before an
 * earlier one. Offer validity ends no earlier than the offers are due; payments and custom
 * deadlines have no place in this order.
 */
const RANK: Partial<Record<DeadlineKind, number>> = {
  SHARE_CONFIRMATION: 0,
  AGREEMENT_SIGNING: 1,
  NOTICE_PUBLICATION: 2,
  QUESTIONS_CUTOFF: 3,
  ANSWERS_DUE: 4,
  OFFERS: 5,
  OPENING: 6,
  STANDSTILL_END: 7,
  CONTRACT_SIGNING: 8,
};

/** The calendar day (Warsaw) of an instant or of a bare "YYYY-MM-DD". */
function dayOf(dueAt: string): string {
  return /^\d{4}-\d{2}-\d{2}$/.test(dueAt) ? dueAt : warsawDate(new Date(dueAt));
}

/**
 * The deadlines of a schedule that is not lawful yet, without the dates that contradict the order
 * of the steps (an offers date before the agreement date): the largest set of ordered dates is
 * kept — among equally large sets the one keeping the earlier steps — and the rest is returned
 * as `left` so the document prints no date the others contradict. Input order is kept.
 */
export function orderedSchedule<D extends Pick<DeadlineSnapshot, 'kind' | 'dueAt'>>(
  deadlines: readonly D[],
): { kept: D[]; left: D[] } {
  const ranked = deadlines
    .map((d, index) => ({ d, index, rank: RANK[d.kind], day: dayOf(d.dueAt) }))
    .filter((r): r is typeof r & { rank: number } => r.rank !== undefined)
    .sort(
      (a, b) => a.rank - b.rank || (a.day < b.day ? -1 : a.day > b.day ? 1 : a.index - b.index),
    );
  // Longest chain with non-decreasing days over the rank order; the earliest-ranked predecessor
  // wins a tie, so a stray late date of an early step does not push out every later one alone.
  const length: number[] = [];
  const previous: number[] = [];
  ranked.forEach((r, i) => {
    length[i] = 1;
    previous[i] = -1;
    for (let j = 0; j < i; j++) {
      if (ranked[j].day <= r.day && length[j] + 1 > length[i]) {
        length[i] = length[j] + 1;
        previous[i] = j;
      }
    }
  });
  const keep = new Set<number>();
  let best = -1;
  ranked.forEach((_, i) => {
    if (best < 0 || length[i] > length[best]) best = i;
  });
  for (let i = best; i >= 0; i = previous[i]) keep.add(ranked[i].index);
  const offers = ranked.filter((r) => keep.has(r.index) && r.d.kind === 'OFFERS');
  const lastOffers = offers.length > 0 ? offers[offers.length - 1].day : null;
  const kept: D[] = [];
  const left: D[] = [];
  deadlines.forEach((d, index) => {
    const contradicts =
      RANK[d.kind] !== undefined
        ? !keep.has(index)
        : d.kind === 'OFFER_VALIDITY' && lastOffers !== null && dayOf(d.dueAt) < lastOffers;
    (contradicts ? left : kept).push(d);
  });
  return { kept, left };
}

/** A printed deadline's identity: its kind, the title of a custom one, whom it binds. */
const keyOf = (d: DeadlineSnapshot): string =>
  [d.kind, d.kind === 'CUSTOM' ? (d.title ?? '') : '', d.responsibleOrganisationId ?? ''].join('|');

/**
 * The dates an agreement printed that the schedule no longer holds: each printed deadline must
 * still be in the current schedule on the same day (a date printed as a plan — the planned start
 * — is a plan, not a promise). Dates added since were printed as "to be set by the leader" and do
 * not make the agreement outdated. One line per changed date, e.g. "OFFERS 2027-01-20 → 2027-01-27".
 */
export function outdatedScheduleDates(
  printed: readonly DeadlineSnapshot[],
  current: readonly DeadlineSnapshot[],
): string[] {
  const now = new Map<string, string[]>();
  for (const d of current) now.set(keyOf(d), [...(now.get(keyOf(d)) ?? []), dayOf(d.dueAt)]);
  const out: string[] = [];
  for (const d of printed) {
    if (d.basis === PLANNED_START_BASIS) continue;
    const days = now.get(keyOf(d)) ?? [];
    const day = dayOf(d.dueAt);
    if (!days.includes(day))
      out.push(`${d.kind} ${day} → ${days.length > 0 ? days.join(', ') : 'none'}`);
  }
  return out;
}

/** The basis printed beside the planned start when the notice is not published yet. */
export const PLANNED_START_BASIS = 'planowany termin wszczęcia';
