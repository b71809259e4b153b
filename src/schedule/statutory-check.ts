/**
 * Whether a deadline's due time keeps the Pzp minimum (pure). Only the offer deadline and the end
 * of the standstill are bounded from below by the Act in a way the service can check on its own
 * (see ENFORCED_MINIMUM_KINDS); the other kinds keep the minimum the schedule proposal gave them,
 * for display.
 */
import { warsawDate } from '../common/polish-calendar';
import {
  minimumOfferDeadline,
  minimumStandstillEnd,
  OUTSIDE_ACT_BASIS,
  type Procedure,
  type Regime,
  type SubjectKind,
} from './rules/pzp-time-limits';
import type { DeadlineKind } from './deadline-kinds';

export interface StatutoryContext {
  regime: Regime;
  procedure: Procedure;
  subjectKind: SubjectKind;
  /** OFFERS: the day the notice was (or will be) published in BZP / sent to the EU office. */
  publishedOn: string | null;
  /** STANDSTILL_END: the day the notice of the choice of the best offer was sent. */
  awardSentOn: string | null;
  urgent: boolean;
  priorInformationNotice: boolean;
  /** The award notice is sent electronically (standstill length). */
  electronic: boolean;
  /** A minimum stored earlier (the proposal's standstill estimate) when it cannot be recomputed. */
  stored: { minimumOn: string; basis: string } | null;
}

export interface StatutoryMinimum {
  /** The earliest lawful day (Europe/Warsaw) or null when the Act sets none or it is unknown. */
  minimumOn: string | null;
  basis: string | null;
  /** The day the limit was counted from, when it was computed here. */
  countedFrom: string | null;
  days?: number;
  note?: string;
}

export type StatutoryVerdict =
  | { ok: true; minimum: StatutoryMinimum }
  | {
      ok: false;
      problem: 'TOO_EARLY';
      earliest: string;
      basis: string;
      days?: number;
      note?: string;
    }
  | { ok: false; problem: 'UNKNOWN' | 'NOT_COMPUTABLE'; message: string };

const NONE: StatutoryMinimum = { minimumOn: null, basis: null, countedFrom: null };

function judge(dueDay: string, minimum: StatutoryMinimum): StatutoryVerdict {
  if (minimum.minimumOn === null || dueDay >= minimum.minimumOn) return { ok: true, minimum };
  return {
    ok: false,
    problem: 'TOO_EARLY',
    earliest: minimum.minimumOn,
    basis: minimum.basis ?? '',
    ...(minimum.days !== undefined ? { days: minimum.days } : {}),
    ...(minimum.note ? { note: minimum.note } : {}),
  };
}

function offersMinimum(ctx: StatutoryContext): StatutoryMinimum | StatutoryVerdict {
  if (ctx.regime === 'OUTSIDE_ACT') return { ...NONE, basis: OUTSIDE_ACT_BASIS };
  if (ctx.publishedOn === null) {
    return {
      ok: false,
      problem: 'UNKNOWN',
      message:
        'The statutory minimum of the offer deadline counts from the publication of the notice: ' +
        'give countedFrom (the publication day) or set the tender’s plannedStartOn',
    };
  }
  const m = minimumOfferDeadline({
    regime: ctx.regime,
    procedure: ctx.procedure,
    subjectKind: ctx.subjectKind,
    publishedOn: ctx.publishedOn,
    urgent: ctx.urgent,
    priorInformationNotice: ctx.priorInformationNotice,
  });
  if (m === null) return { ...NONE, basis: OUTSIDE_ACT_BASIS };
  return {
    minimumOn: m.earliest,
    basis: m.basis,
    countedFrom: ctx.publishedOn,
    days: m.days,
    ...(m.note ? { note: m.note } : {}),
  };
}

function standstillMinimum(ctx: StatutoryContext): StatutoryMinimum {
  if (ctx.regime === 'OUTSIDE_ACT') return { ...NONE, basis: OUTSIDE_ACT_BASIS };
  if (ctx.awardSentOn === null) {
    return ctx.stored
      ? { minimumOn: ctx.stored.minimumOn, basis: ctx.stored.basis, countedFrom: null }
      : NONE;
  }
  const s = minimumStandstillEnd({
    regime: ctx.regime,
    sentOn: ctx.awardSentOn,
    electronic: ctx.electronic,
    ...(ctx.publishedOn ? { procedureStartedOn: ctx.publishedOn } : {}),
  });
  if (s === null) return { ...NONE, basis: OUTSIDE_ACT_BASIS };
  return { minimumOn: s.end, basis: s.basis, countedFrom: ctx.awardSentOn, days: s.days };
}

/**
 * Checks `dueAt` (judged by its Warsaw day, since limits in days are counted in whole days) against
 * the statutory minimum of `kind`. Kinds without an enforced minimum are always ok.
 */
export function checkStatutoryMinimum(
  kind: DeadlineKind,
  dueAt: Date,
  ctx: StatutoryContext,
): StatutoryVerdict {
  try {
    const dueDay = warsawDate(dueAt);
    if (kind === 'OFFERS') {
      const m = offersMinimum(ctx);
      return 'ok' in m ? m : judge(dueDay, m);
    }
    if (kind === 'STANDSTILL_END') return judge(dueDay, standstillMinimum(ctx));
    return { ok: true, minimum: NONE };
  } catch (err) {
    if (err instanceof RangeError) {
      return { ok: false, problem: 'NOT_COMPUTABLE', message: err.message };
    }
    throw err;
  }
}
