/**
 * Minimum time limits of the Public Procurement Law (Pzp, ustawa z 11.09.2019) as versioned data,
 * and a lawful schedule proposal built on them.
 *
 * Every limit is a row with `validFrom` / `validTo?` and its `basis`, so an amendment is a new row,
 * not an edit of code. Rows are picked by the day the procedure started (its publication), because
 * a procedure runs to its end under the rules in force when it began; the Act in its current form
 * applies to procedures started from 1.01.2021, and there are no rows before that day.
 *
 * Days are counted by `computeTimeLimit` / `computeBackwardLimit` (KC art. 111–115, Pzp art. 8).
 * The statutory numbers are floors: the authority must set an adequate, often longer, time
 * (art. 283 for tryb podstawowy; art. 138 for the open procedure).
 *
 * Below the national threshold (`OUTSIDE_ACT`) the Act does not apply (art. 2 ust. 1 pkt 1 Pzp):
 * the minimum functions return `null`, meaning "no statutory minimum", never a made-up floor.
 */
import {
  addCalendarDays,
  assertIsoDate,
  isIsoDate,
  isWorkingDay,
  nextWorkingDay,
  toWarsawIso,
  warsawDate,
  warsawDateTime,
  workingDayOnOrAfter,
  computeBackwardLimit,
  computeTimeLimit,
  type TimeLimit,
} from '../../common/polish-calendar';

import {
  PROCEDURES,
  REGIMES,
  SUBJECT_KINDS,
  type Procedure,
  type Regime,
  type SubjectKind,
} from '../../common/vocabulary';
export { PROCEDURES, REGIMES, SUBJECT_KINDS };
export type { Procedure, Regime, SubjectKind };
/** The regimes in which the Act, and so its minimum time limits, apply. */
export type StatutoryRegime = Exclude<Regime, 'OUTSIDE_ACT'>;
export type AppealAgainst = 'ACT' | 'NOTICE_OR_DOCUMENTS';

/** The first day of the rows below: the Act applies to procedures started from this day. */
export const PZP_2019_IN_FORCE = '2021-01-01';

export const OUTSIDE_ACT_BASIS =
  'art. 2 ust. 1 pkt 1 Pzp: wartość poniżej progu stosowania ustawy – ustawowe terminy minimalne ' +
  'nie mają zastosowania; terminy określa regulamin wewnętrzny zamawiającego';

/** A row of versioned legal data: in force on days validFrom ≤ day ≤ validTo. */
export interface VersionedRule {
  /** YYYY-MM-DD, inclusive. */
  validFrom: string;
  /** YYYY-MM-DD, inclusive; absent while in force. */
  validTo?: string;
  /** Polish citation. */
  basis: string;
}

export interface OfferMinimumRule extends VersionedRule {
  regime: StatutoryRegime;
  procedures: readonly Procedure[];
  subjectKinds: readonly SubjectKind[];
  /** SHORTENED: after a prior information notice or for justified urgency (art. 138 ust. 2). */
  variant: 'STANDARD' | 'SHORTENED';
  days: number;
  /** The event the days count from (Polish). */
  countsFrom: string;
  /** An assumption the caller should show next to the result. */
  note?: string;
}

const FROM_BZP = 'dzień zamieszczenia ogłoszenia o zamówieniu w BZP';
const FROM_EU_SENDING = 'dzień przekazania ogłoszenia o zamówieniu Urzędowi Publikacji UE';

/**
 * RESTRICTED is two-stage (requests to participate, then offers counted from the invitation). We
 * do not model the stages, and we are not certain enough of its articles to cite them, so its
 * offer minimum is the open procedure's, counted from the notice. That figure is a lower bound
 * only: the real earliest offer date is later, because the invitation follows the requests period.
 */
const RESTRICTED_NOTE =
  'Założenie: dla przetargu ograniczonego przyjęto minimum przetargu nieograniczonego liczone od ' +
  'przekazania ogłoszenia. To tylko dolna granica – termin ofert biegnie od zaproszenia do ' +
  'składania ofert i musi zostać sprawdzony ręcznie.';

/**
 * The open or restricted procedure below EU thresholds: Pzp 2019 builds national procurement on
 * tryb podstawowy (art. 275). Should such a procedure be run, we apply the EU open-procedure floor,
 * which is longer than any national floor and so lawful either way.
 */
const NATIONAL_EU_PROCEDURE_NOTE =
  'Założenie: dla przetargu nieograniczonego/ograniczonego poniżej progów UE zastosowano ' +
  'zachowawczo minimum z art. 138 ust. 1 Pzp (dłuższe niż terminy krajowe).';

export const OFFER_MINIMUM_RULES: readonly OfferMinimumRule[] = [
  {
    validFrom: PZP_2019_IN_FORCE,
    regime: 'NATIONAL',
    procedures: ['BASIC'],
    subjectKinds: ['SUPPLIES', 'SERVICES'],
    variant: 'STANDARD',
    days: 7,
    countsFrom: FROM_BZP,
    basis: 'art. 283 Pzp',
  },
  {
    validFrom: PZP_2019_IN_FORCE,
    regime: 'NATIONAL',
    procedures: ['BASIC'],
    subjectKinds: ['WORKS'],
    variant: 'STANDARD',
    days: 14,
    countsFrom: FROM_BZP,
    basis: 'art. 283 Pzp',
  },
  {
    validFrom: PZP_2019_IN_FORCE,
    regime: 'NATIONAL',
    procedures: ['OPEN', 'RESTRICTED'],
    subjectKinds: SUBJECT_KINDS,
    variant: 'STANDARD',
    days: 35,
    countsFrom: FROM_BZP,
    basis: 'art. 138 ust. 1 Pzp (zastosowany zachowawczo)',
    note: NATIONAL_EU_PROCEDURE_NOTE,
  },
  {
    validFrom: PZP_2019_IN_FORCE,
    regime: 'EU',
    procedures: ['OPEN'],
    subjectKinds: SUBJECT_KINDS,
    variant: 'STANDARD',
    days: 35,
    countsFrom: FROM_EU_SENDING,
    basis: 'art. 138 ust. 1 Pzp',
  },
  {
    validFrom: PZP_2019_IN_FORCE,
    regime: 'EU',
    procedures: ['OPEN'],
    subjectKinds: SUBJECT_KINDS,
    variant: 'SHORTENED',
    days: 15,
    countsFrom: FROM_EU_SENDING,
    basis: 'art. 138 ust. 2 Pzp',
  },
  {
    validFrom: PZP_2019_IN_FORCE,
    regime: 'EU',
    procedures: ['RESTRICTED'],
    subjectKinds: SUBJECT_KINDS,
    variant: 'STANDARD',
    days: 35,
    countsFrom: FROM_EU_SENDING,
    basis: 'art. 138 ust. 1 Pzp (przyjęty dla przetargu ograniczonego)',
    note: RESTRICTED_NOTE,
  },
  {
    validFrom: PZP_2019_IN_FORCE,
    regime: 'EU',
    procedures: ['RESTRICTED'],
    subjectKinds: SUBJECT_KINDS,
    variant: 'SHORTENED',
    days: 15,
    countsFrom: FROM_EU_SENDING,
    basis: 'art. 138 ust. 2 Pzp (przyjęty dla przetargu ograniczonego)',
    note: RESTRICTED_NOTE,
  },
];

/**
 * Requests to clarify the SWZ received at least `requestsDaysBefore` days before the offer deadline
 * must be answered at least `answersDaysBefore` days before it.
 */
export interface ClarificationRule extends VersionedRule {
  regime: StatutoryRegime;
  /** Only for a deadline shortened for urgency (art. 138 ust. 2 pkt 2); absent: any. */
  urgent?: boolean;
  requestsDaysBefore: number;
  answersDaysBefore: number;
}

export const CLARIFICATION_RULES: readonly ClarificationRule[] = [
  // National: no urgency variant, so `urgent` is absent (matches both).
  {
    validFrom: PZP_2019_IN_FORCE,
    regime: 'NATIONAL',
    requestsDaysBefore: 4,
    answersDaysBefore: 2,
    basis: 'art. 284 ust. 2 Pzp',
  },
  {
    validFrom: PZP_2019_IN_FORCE,
    regime: 'EU',
    urgent: false,
    requestsDaysBefore: 14,
    answersDaysBefore: 6,
    basis: 'art. 135 ust. 2 Pzp',
  },
  {
    validFrom: PZP_2019_IN_FORCE,
    regime: 'EU',
    urgent: true,
    requestsDaysBefore: 7,
    answersDaysBefore: 4,
    basis: 'art. 135 ust. 2 w zw. z art. 138 ust. 2 pkt 2 Pzp',
  },
];

/** Standstill: the contract may not be concluded before `days` days from sending the award notice. */
export interface StandstillRule extends VersionedRule {
  regime: StatutoryRegime;
  /** Whether the award notice was sent by electronic means. */
  electronic: boolean;
  days: number;
}

export const STANDSTILL_RULES: readonly StandstillRule[] = [
  {
    validFrom: PZP_2019_IN_FORCE,
    regime: 'NATIONAL',
    electronic: true,
    days: 5,
    basis: 'art. 308 ust. 2 Pzp',
  },
  {
    validFrom: PZP_2019_IN_FORCE,
    regime: 'NATIONAL',
    electronic: false,
    days: 10,
    basis: 'art. 308 ust. 2 Pzp',
  },
  {
    validFrom: PZP_2019_IN_FORCE,
    regime: 'EU',
    electronic: true,
    days: 10,
    basis: 'art. 264 ust. 1 Pzp',
  },
  {
    validFrom: PZP_2019_IN_FORCE,
    regime: 'EU',
    electronic: false,
    days: 15,
    basis: 'art. 264 ust. 1 Pzp',
  },
];

/** Time to appeal to KIO. */
export interface AppealRule extends VersionedRule {
  regime: StatutoryRegime;
  against: AppealAgainst;
  /** For ACT: how the information about the act was sent; absent: any. */
  electronic?: boolean;
  days: number;
  /** The event the days count from (Polish). */
  countsFrom: string;
}

const FROM_ACT_NOTICE = 'dzień przekazania informacji o czynności zamawiającego';

export const APPEAL_RULES: readonly AppealRule[] = [
  {
    validFrom: PZP_2019_IN_FORCE,
    regime: 'EU',
    against: 'ACT',
    electronic: true,
    days: 10,
    countsFrom: FROM_ACT_NOTICE,
    basis: 'art. 515 ust. 1 pkt 1 lit. a Pzp',
  },
  {
    validFrom: PZP_2019_IN_FORCE,
    regime: 'EU',
    against: 'ACT',
    electronic: false,
    days: 15,
    countsFrom: FROM_ACT_NOTICE,
    basis: 'art. 515 ust. 1 pkt 1 lit. b Pzp',
  },
  {
    validFrom: PZP_2019_IN_FORCE,
    regime: 'NATIONAL',
    against: 'ACT',
    electronic: true,
    days: 5,
    countsFrom: FROM_ACT_NOTICE,
    basis: 'art. 515 ust. 1 pkt 2 lit. a Pzp',
  },
  {
    validFrom: PZP_2019_IN_FORCE,
    regime: 'NATIONAL',
    against: 'ACT',
    electronic: false,
    days: 10,
    countsFrom: FROM_ACT_NOTICE,
    basis: 'art. 515 ust. 1 pkt 2 lit. b Pzp',
  },
  {
    validFrom: PZP_2019_IN_FORCE,
    regime: 'EU',
    against: 'NOTICE_OR_DOCUMENTS',
    days: 10,
    countsFrom: 'dzień publikacji ogłoszenia w Dz.Urz. UE lub zamieszczenia dokumentów zamówienia',
    basis: 'art. 515 ust. 2 pkt 1 Pzp',
  },
  {
    validFrom: PZP_2019_IN_FORCE,
    regime: 'NATIONAL',
    against: 'NOTICE_OR_DOCUMENTS',
    days: 5,
    countsFrom: 'dzień zamieszczenia ogłoszenia w BZP lub dokumentów zamówienia',
    basis: 'art. 515 ust. 2 pkt 2 Pzp',
  },
];

/** Every table, for data checks (no two rows of a table may apply to the same case and day). */
export const PZP_TIME_LIMIT_TABLES = {
  offers: OFFER_MINIMUM_RULES,
  clarifications: CLARIFICATION_RULES,
  standstill: STANDSTILL_RULES,
  appeals: APPEAL_RULES,
} as const;

// ---------------------------------------------------------------------------------------------
// Input checks: these functions sit behind HTTP query parameters, so values are checked at runtime
// and refused with a RangeError that names the field.

function assertOneOf<T extends string>(value: unknown, allowed: readonly T[], field: string): T {
  if (typeof value === 'string' && (allowed as readonly string[]).includes(value))
    return value as T;
  throw new RangeError(
    `${field} must be one of ${allowed.join(', ')}, got ${JSON.stringify(value)}`,
  );
}

const ISO_INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,3})?)?(Z|[+-]\d{2}:\d{2})$/;

/**
 * The Warsaw calendar day of a deadline given as YYYY-MM-DD, an ISO 8601 instant with an offset, or
 * a Date. An instant without an offset is refused: it would be read in the server's time zone.
 */
function warsawDayOf(value: string | Date, field: string): string {
  if (value instanceof Date) {
    if (Number.isNaN(value.getTime())) throw new RangeError(`${field} is an invalid Date`);
    return warsawDate(value);
  }
  if (isIsoDate(value)) return value;
  if (typeof value === 'string' && ISO_INSTANT.exec(value) && isIsoDate(value.slice(0, 10))) {
    const instant = new Date(value);
    if (!Number.isNaN(instant.getTime())) return warsawDate(instant);
  }
  throw new RangeError(
    `${field} must be YYYY-MM-DD or an ISO 8601 time with offset, got ${JSON.stringify(value)}`,
  );
}

function ruleInForce<R extends VersionedRule>(
  rows: readonly R[],
  on: string,
  matches: (row: R) => boolean,
  what: string,
): R {
  const found = rows.filter(
    (r) => matches(r) && r.validFrom <= on && (r.validTo === undefined || on <= r.validTo),
  );
  if (found.length === 0) {
    throw new RangeError(
      `No ${what} rule in force on ${on}: the Pzp 2019 minimums apply to procedures started ` +
        `from ${PZP_2019_IN_FORCE}`,
    );
  }
  if (found.length > 1) {
    // Overlapping rows are a data error, caught by the table checks in the spec.
    throw new Error(`Ambiguous ${what} rules on ${on}: ${found.map((r) => r.basis).join(' | ')}`);
  }
  return found[0];
}

// ---------------------------------------------------------------------------------------------
// Offers

export interface OfferDeadlineInput {
  regime: Regime;
  procedure: Procedure;
  subjectKind: SubjectKind;
  /**
   * The day the limit counts from: publication in BZP (NATIONAL) or sending of the notice to the
   * EU Publications Office (EU). Also picks the rule version.
   */
  publishedOn: string;
  /** Justified urgency (EU only: art. 138 ust. 2 pkt 2; the national minimums have no such cut). */
  urgent?: boolean;
  /** A prior information notice meeting art. 138 ust. 2 pkt 1 (EU only). */
  priorInformationNotice?: boolean;
}

export interface OfferMinimum {
  /** Statutory minimum in days. */
  days: number;
  /** The earliest lawful offer deadline day (Europe/Warsaw). */
  earliest: string;
  /** The rule's article, then the counting rules. */
  basis: string;
  countsFrom: string;
  /** The counted limit, with nominal end and the reason of any shift. */
  limit: TimeLimit;
  note?: string;
}

interface CheckedOfferInput {
  regime: Regime;
  procedure: Procedure;
  subjectKind: SubjectKind;
  publishedOn: string;
  urgent: boolean;
  priorInformationNotice: boolean;
}

function checkOfferInput(input: OfferDeadlineInput): CheckedOfferInput {
  const regime = assertOneOf(input.regime, REGIMES, 'regime');
  const procedure = assertOneOf(input.procedure, PROCEDURES, 'procedure');
  const subjectKind = assertOneOf(input.subjectKind, SUBJECT_KINDS, 'subjectKind');
  assertIsoDate(input.publishedOn, 'publishedOn');
  if (regime === 'EU' && procedure === 'BASIC') {
    throw new RangeError(
      'procedure BASIC (tryb podstawowy) is available only below the EU thresholds (art. 275 Pzp)',
    );
  }
  return {
    regime,
    procedure,
    subjectKind,
    publishedOn: input.publishedOn,
    urgent: input.urgent === true,
    priorInformationNotice: input.priorInformationNotice === true,
  };
}

function offerMinimum(input: CheckedOfferInput): OfferMinimum | null {
  const { regime } = input;
  if (regime === 'OUTSIDE_ACT') return null;
  const variant =
    regime === 'EU' && (input.urgent || input.priorInformationNotice) ? 'SHORTENED' : 'STANDARD';
  const rule = ruleInForce(
    OFFER_MINIMUM_RULES,
    input.publishedOn,
    (r) =>
      r.regime === regime &&
      r.variant === variant &&
      r.procedures.includes(input.procedure) &&
      r.subjectKinds.includes(input.subjectKind),
    'offer time limit',
  );
  const limit = computeTimeLimit(input.publishedOn, rule.days);
  const notes = [rule.note];
  if (regime === 'NATIONAL' && input.urgent) {
    notes.push('Pilna potrzeba nie skraca minimalnego terminu składania ofert poniżej progów UE.');
  }
  const note = notes.filter((n): n is string => n !== undefined).join(' ');
  return {
    days: rule.days,
    earliest: limit.end,
    basis: `${rule.basis}; ${limit.basis}`,
    countsFrom: rule.countsFrom,
    limit,
    ...(note ? { note } : {}),
  };
}

/**
 * The statutory minimum offer deadline, or `null` for OUTSIDE_ACT (the Act's minimums do not
 * apply; see OUTSIDE_ACT_BASIS). The deadline may be set at any hour of `earliest`: limits in days
 * are counted in whole days (KC art. 111), which is how this check reads the Act. The schedule
 * proposal is stricter (see `proposeSchedule`).
 */
export function minimumOfferDeadline(input: OfferDeadlineInput): OfferMinimum | null {
  return offerMinimum(checkOfferInput(input));
}

export type OfferDeadlineCheck =
  { ok: true } | { ok: false; earliest: string; days: number; basis: string; note?: string };

/**
 * Whether an offer deadline (day, ISO time with offset, or Date; judged by its Warsaw day) keeps
 * the statutory minimum. When it does not, the answer carries what the API's 422 needs: the
 * earliest lawful day and the article. Always ok for OUTSIDE_ACT.
 */
export function checkOfferDeadline(
  input: OfferDeadlineInput & { offerDeadline: string | Date },
): OfferDeadlineCheck {
  const checked = checkOfferInput(input);
  const day = warsawDayOf(input.offerDeadline, 'offerDeadline');
  const minimum = offerMinimum(checked);
  if (minimum === null || day >= minimum.earliest) return { ok: true };
  return {
    ok: false,
    earliest: minimum.earliest,
    days: minimum.days,
    basis: minimum.basis,
    ...(minimum.note ? { note: minimum.note } : {}),
  };
}

// ---------------------------------------------------------------------------------------------
// Clarifications of the SWZ

export interface ClarificationDeadline {
  /** Days before the offer deadline. */
  days: number;
  /** The day that counts: the last day, by the end of which (Europe/Warsaw) it applies. */
  date: string;
  /** offer deadline − days, before moving off a day off. */
  nominal: string;
  shifted: boolean;
  basis: string;
  reason?: string;
  note?: string;
}

function clarificationRule(
  regime: StatutoryRegime,
  urgent: boolean,
  on: string,
): ClarificationRule {
  return ruleInForce(
    CLARIFICATION_RULES,
    on,
    (r) => r.regime === regime && (r.urgent === undefined || r.urgent === urgent),
    'SWZ clarification',
  );
}

function clarificationDeadline(
  offerDeadline: string | Date,
  regime: Regime,
  urgent: boolean,
  procedureStartedOn: string | undefined,
  pick: (rule: ClarificationRule) => number,
): ClarificationDeadline | null {
  const r = assertOneOf(regime, REGIMES, 'regime');
  const offersDay = warsawDayOf(offerDeadline, 'offerDeadline');
  if (procedureStartedOn !== undefined) assertIsoDate(procedureStartedOn, 'procedureStartedOn');
  if (r === 'OUTSIDE_ACT') return null;
  const rule = clarificationRule(r, urgent, procedureStartedOn ?? offersDay);
  const days = pick(rule);
  const limit = computeBackwardLimit(offersDay, days);
  return {
    days,
    date: limit.latest,
    nominal: limit.nominalLatest,
    shifted: limit.shifted,
    basis: `${rule.basis}; ${limit.basis}`,
    ...(limit.reason ? { reason: limit.reason } : {}),
  };
}

/**
 * The last day on which a request to clarify the SWZ must arrive for the authority to be obliged
 * to answer (NATIONAL: 4 days before the offer deadline, art. 284 ust. 2; EU: 14, or 7 when the
 * deadline was shortened for urgency, art. 135 ust. 2). `null` for OUTSIDE_ACT.
 *
 * Pass the ORIGINAL offer deadline: extending it does not move this cut-off (art. 135 and art. 284
 * Pzp). `procedureStartedOn` picks the rule version (default: the offer deadline).
 *
 * A cut-off on a day off moves earlier like every backward limit here. Some commentators instead
 * let a request in on the next working day (KC art. 115); when the cut-off moved, `note` tells the
 * authority that answering those requests too is the safe course. `proposeSchedule` announces that
 * generous day and picks offer dates where it still falls before the answers day.
 */
export function questionsCutoff(
  offerDeadline: string | Date,
  regime: Regime,
  urgent = false,
  procedureStartedOn?: string,
): ClarificationDeadline | null {
  const result = clarificationDeadline(
    offerDeadline,
    regime,
    urgent,
    procedureStartedOn,
    (r) => r.requestsDaysBefore,
  );
  if (result === null || !result.shifted) return result;
  return {
    ...result,
    note:
      `Bezpieczniej odpowiedzieć także na wnioski, które wpłyną do ${nextWorkingDay(result.nominal)}: ` +
      `część komentatorów stosuje tu art. 115 KC.`,
  };
}

/**
 * The last day on which the authority must answer timely requests (NATIONAL: 2 days before the
 * offer deadline, art. 284 ust. 2; EU: 6, or 4 under urgency, art. 135 ust. 2); moved to the
 * previous working day when it falls on a day off. `null` for OUTSIDE_ACT.
 */
export function answersDue(
  offerDeadline: string | Date,
  regime: Regime,
  urgent = false,
  procedureStartedOn?: string,
): ClarificationDeadline | null {
  return clarificationDeadline(
    offerDeadline,
    regime,
    urgent,
    procedureStartedOn,
    (r) => r.answersDaysBefore,
  );
}

// ---------------------------------------------------------------------------------------------
// Standstill and appeals

export interface StandstillInput {
  regime: Regime;
  /** The day the notice of the choice of the best offer was sent. */
  sentOn: string;
  /** Sent by electronic means (default true: communication under Pzp is electronic by default). */
  electronic?: boolean;
  /** Picks the rule version (default: sentOn). */
  procedureStartedOn?: string;
}

export interface StandstillEnd {
  days: number;
  /** Last day of the standstill (the contract may not be concluded on or before it). */
  end: string;
  /** The first day the contract may be concluded: the day after `end`. */
  earliestContractDate: string;
  basis: string;
  limit: TimeLimit;
}

/**
 * The end of the standstill period, or `null` for OUTSIDE_ACT. "Not earlier than N days from
 * sending" is a period counted forward; moving its end later under KC art. 115 only lengthens the
 * wait, which is always lawful, and keeps it equal to the appeal limit of the same length, so an
 * appeal filed on the last day is never overtaken by a signed contract. An appeal then blocks the
 * contract until KIO decides (art. 577 Pzp).
 */
export function minimumStandstillEnd(input: StandstillInput): StandstillEnd | null {
  const regime = assertOneOf(input.regime, REGIMES, 'regime');
  assertIsoDate(input.sentOn, 'sentOn');
  if (input.procedureStartedOn !== undefined) {
    assertIsoDate(input.procedureStartedOn, 'procedureStartedOn');
  }
  if (regime === 'OUTSIDE_ACT') return null;
  const electronic = input.electronic ?? true;
  const rule = ruleInForce(
    STANDSTILL_RULES,
    input.procedureStartedOn ?? input.sentOn,
    (r) => r.regime === regime && r.electronic === electronic,
    'standstill',
  );
  const limit = computeTimeLimit(input.sentOn, rule.days);
  return {
    days: rule.days,
    end: limit.end,
    earliestContractDate: addCalendarDays(limit.end, 1),
    basis: `${rule.basis}; ${limit.basis}`,
    limit,
  };
}

export interface AppealInput {
  regime: Regime;
  /** ACT: an act of the authority notified to the bidder; NOTICE_OR_DOCUMENTS: the notice/SWZ. */
  against?: AppealAgainst;
  /** The day the information was sent (ACT) or the notice/documents were published. */
  from: string;
  /** For ACT: the information was sent by electronic means (default true). */
  electronic?: boolean;
  /** Picks the rule version (default: from). */
  procedureStartedOn?: string;
}

export interface AppealLimit {
  days: number;
  /** Last day to lodge the appeal with the President of KIO. */
  end: string;
  countsFrom: string;
  basis: string;
  limit: TimeLimit;
}

/** The time to appeal to KIO (art. 515 Pzp), or `null` for OUTSIDE_ACT (no appeal to KIO). */
export function appealLimit(input: AppealInput): AppealLimit | null {
  const regime = assertOneOf(input.regime, REGIMES, 'regime');
  const against = assertOneOf(input.against ?? 'ACT', ['ACT', 'NOTICE_OR_DOCUMENTS'], 'against');
  assertIsoDate(input.from, 'from');
  if (input.procedureStartedOn !== undefined) {
    assertIsoDate(input.procedureStartedOn, 'procedureStartedOn');
  }
  if (regime === 'OUTSIDE_ACT') return null;
  const electronic = input.electronic ?? true;
  const rule = ruleInForce(
    APPEAL_RULES,
    input.procedureStartedOn ?? input.from,
    (r) =>
      r.regime === regime &&
      r.against === against &&
      (r.electronic === undefined || r.electronic === electronic),
    'appeal',
  );
  const limit = computeTimeLimit(input.from, rule.days);
  return {
    days: rule.days,
    end: limit.end,
    countsFrom: rule.countsFrom,
    basis: `${rule.basis}; ${limit.basis}; art. 509 Pzp`,
    limit,
  };
}

// ---------------------------------------------------------------------------------------------
// Offer validity (termin związania ofertą)

/**
 * How long contractors are bound by their offers: at most `days` from the offer deadline, the
 * deadline's own day counting as the first day (art. 220 ust. 2, art. 307 ust. 1 Pzp), and one
 * extension of at most `extensionDays`, asked of the contractors before expiry (art. 220 ust. 3,
 * art. 307 ust. 2 Pzp), which each contractor accepts in writing.
 */
export interface OfferValidityRule extends VersionedRule {
  procedures: readonly Procedure[];
  days: number;
  extensionDays: number;
  extensionBasis: string;
  note?: string;
}

export const OFFER_VALIDITY_RULES: readonly OfferValidityRule[] = [
  {
    validFrom: PZP_2019_IN_FORCE,
    procedures: ['BASIC'],
    days: 30,
    basis: 'art. 307 ust. 1 Pzp',
    extensionDays: 30,
    extensionBasis: 'art. 307 ust. 2 i 3 Pzp',
  },
  {
    validFrom: PZP_2019_IN_FORCE,
    procedures: ['OPEN', 'RESTRICTED'],
    days: 90,
    basis: 'art. 220 ust. 2 Pzp',
    extensionDays: 60,
    extensionBasis: 'art. 220 ust. 3 i 4 Pzp',
    note:
      'Dla zamówień o wartości równej lub wyższej niż 20 000 000 euro (roboty budowlane) lub ' +
      '10 000 000 euro (dostawy i usługi) termin może wynosić do 120 dni – sprawdź wartość.',
  },
];

export interface OfferValidity {
  /** The last day contractors are bound by their offers (YYYY-MM-DD), the maximum allowed. */
  until: string;
  days: number;
  basis: string;
  /** The longest extension (days) and its basis. */
  extensionDays: number;
  extensionBasis: string;
  note?: string;
}

/**
 * The longest lawful offer validity for an offer deadline on `offersDay`: the deadline's day is
 * the first day, so the last one is `offersDay` + days − 1. A date set by the authority, not a
 * time limit counted under KC art. 115: it does not move off a day off.
 */
export function offerValidity(input: {
  procedure: Procedure;
  offersDay: string;
  procedureStartedOn?: string;
}): OfferValidity {
  const procedure = assertOneOf(input.procedure, PROCEDURES, 'procedure');
  assertIsoDate(input.offersDay, 'offersDay');
  const rule = ruleInForce(
    OFFER_VALIDITY_RULES,
    input.procedureStartedOn ?? input.offersDay,
    (r) => r.procedures.includes(procedure),
    'offer validity',
  );
  return {
    until: addCalendarDays(input.offersDay, rule.days - 1),
    days: rule.days,
    basis: rule.basis,
    extensionDays: rule.extensionDays,
    extensionBasis: rule.extensionBasis,
    ...(rule.note ? { note: rule.note } : {}),
  };
}

/** Why an extension of the offer validity is unlawful, or null when it may be recorded. */
export function offerValidityExtensionProblem(input: {
  procedure: Procedure;
  /** The validity day in force (YYYY-MM-DD). */
  currentUntil: string;
  /** The day the authority asked the contractors to agree. */
  requestedOn: string;
  /** The new last day of validity. */
  validUntil: string;
  /** Today (Europe/Warsaw). */
  today: string;
  alreadyExtended: boolean;
  procedureStartedOn?: string;
}): { field: string; rule: string; message: string } | null {
  const rule = ruleInForce(
    OFFER_VALIDITY_RULES,
    input.procedureStartedOn ?? input.currentUntil,
    (r) => r.procedures.includes(input.procedure),
    'offer validity',
  );
  if (input.alreadyExtended)
    return {
      field: 'validUntil',
      rule: 'once',
      message: `the offer validity may be extended once only (${rule.extensionBasis})`,
    };
  if (input.requestedOn > input.today)
    return {
      field: 'requestedOn',
      rule: 'notInFuture',
      message: `requestedOn ${input.requestedOn} is after today (${input.today})`,
    };
  if (input.requestedOn > input.currentUntil)
    return {
      field: 'requestedOn',
      rule: 'beforeExpiry',
      message: `the contractors must be asked before the offer validity ends on ${input.currentUntil} (${rule.extensionBasis})`,
    };
  if (input.validUntil <= input.currentUntil)
    return {
      field: 'validUntil',
      rule: 'afterCurrent',
      message: `validUntil must be after the current offer validity ${input.currentUntil}`,
    };
  const latest = addCalendarDays(input.currentUntil, rule.extensionDays);
  if (input.validUntil > latest)
    return {
      field: 'validUntil',
      rule: 'maxExtension',
      message: `the extension may not exceed ${rule.extensionDays} days: validUntil at the latest ${latest} (${rule.extensionBasis})`,
    };
  return null;
}

// ---------------------------------------------------------------------------------------------
// Schedule proposal

export type ScheduleItemKind =
  | 'SHARE_CONFIRMATION'
  | 'QUESTIONS_CUTOFF'
  | 'ANSWERS_DUE'
  | 'OFFERS'
  | 'OPENING'
  | 'STANDSTILL_END'
  | 'CONTRACT_SIGNING'
  | 'OFFER_VALIDITY';

/**
 * How `minimum` binds `dueAt`'s day: NOT_BEFORE (a floor: offers, opening, standstill, contract,
 * the questions cut-off the authority may not bring forward), NOT_AFTER (a ceiling: answers, share
 * confirmation), NONE (no statutory minimum: OUTSIDE_ACT).
 */
export type ScheduleConstraint = 'NOT_BEFORE' | 'NOT_AFTER' | 'NONE';

export interface ScheduleItem {
  kind: ScheduleItemKind;
  /** ISO 8601 with the Warsaw offset, e.g. "2026-05-12T10:00:00+02:00". */
  dueAt: string;
  /** The statutory limit day (YYYY-MM-DD) that `dueAt` must respect per `constraint`; null: none. */
  minimum: string | null;
  constraint: ScheduleConstraint;
  basis: string;
  note?: string;
}

export interface ScheduleProposal {
  regime: Regime;
  /** False for OUTSIDE_ACT: the dates are suggestions, not statutory minimums. */
  statutory: boolean;
  items: ScheduleItem[];
}

export interface ScheduleInput extends OfferDeadlineInput {
  /** How the award notice will be sent (standstill length); default true. */
  electronic?: boolean;
  /** Day by which every partner's share must be confirmed; must be before publishedOn. */
  shareDeadline?: string;
  /** Calendar days from opening to sending the award notice (an estimate); default 14. */
  evaluationDays?: number;
}

/**
 * Wall-clock times (Europe/Warsaw) of the proposal:
 * - OFFERS 10:00: a morning deadline, so the opening and any problem with the platform fall within
 *   the same working day, with staff present;
 * - OPENING 10:30: "immediately after" the deadline and no later than the next day (art. 222
 *   ust. 1); 30 minutes leave time to decrypt the offers on the platform;
 * - QUESTIONS_CUTOFF 23:59 and STANDSTILL_END 23:59: limits in days run to the end of their last
 *   day (KC art. 111 § 1);
 * - ANSWERS_DUE 15:00 and SHARE_CONFIRMATION 15:00: within the office hours of a typical urząd
 *   (7:30–15:30), so the act is done by staff on the day, not at midnight;
 * - CONTRACT_SIGNING 12:00: midday of the first working day after the standstill.
 */
export const SCHEDULE_TIMES: Readonly<Record<ScheduleItemKind, string>> = {
  SHARE_CONFIRMATION: '15:00',
  QUESTIONS_CUTOFF: '23:59',
  ANSWERS_DUE: '15:00',
  OFFERS: '10:00',
  OPENING: '10:30',
  STANDSTILL_END: '23:59',
  CONTRACT_SIGNING: '12:00',
  OFFER_VALIDITY: '23:59',
};

export const DEFAULT_EVALUATION_DAYS = 14;

/** OUTSIDE_ACT has no floors; the proposal borrows the tryb podstawowy ones as good practice. */
const OUTSIDE_ACT_SUGGESTED_OFFER_DAYS: Readonly<Record<SubjectKind, number>> = {
  SUPPLIES: 7,
  SERVICES: 7,
  WORKS: 14,
};

/** How far the proposal may move the offer day to keep the clarification days on working days. */
const MAX_OFFER_DAY_SEARCH = 60;

function at(kind: ScheduleItemKind, day: string): string {
  return toWarsawIso(warsawDateTime(day, SCHEDULE_TIMES[kind]));
}

/**
 * The first working day after a counted limit whose full length has surely passed by 10:00: the
 * limit's end when it was shifted (it is then at least a day past the nominal end), else the next
 * working day. A notice can appear in BZP late in the day, and one reading of the Act (UZP) asks for
 * N full days between publication and the hour of the deadline; this day satisfies both readings.
 */
function firstSafeOfferDay(limit: TimeLimit): string {
  return limit.end > limit.nominalEnd ? limit.end : nextWorkingDay(limit.end);
}

function shareConfirmationItem(shareDeadline: string, publishedOn: string): ScheduleItem {
  assertIsoDate(shareDeadline, 'shareDeadline');
  const latest = addCalendarDays(publishedOn, -1);
  if (shareDeadline > latest) {
    throw new RangeError(
      `shareDeadline ${shareDeadline} must be before publishedOn ${publishedOn}: the value of a ` +
        'joint procurement is the sum of the partners’ shares and must be known before the ' +
        'procedure starts',
    );
  }
  return {
    kind: 'SHARE_CONFIRMATION',
    dueAt: at('SHARE_CONFIRMATION', shareDeadline),
    minimum: latest,
    constraint: 'NOT_AFTER',
    basis:
      'art. 28 i art. 38 Pzp: wartość wspólnego zamówienia (suma udziałów partnerów) ustala się ' +
      'przed wszczęciem postępowania',
  };
}

function assertEvaluationDays(days: number): void {
  if (!Number.isInteger(days) || days < 0 || days > 365) {
    throw new RangeError(`evaluationDays must be a whole number 0–365, got ${String(days)}`);
  }
}

/**
 * A lawful schedule from the publication day: every `dueAt` keeps its `minimum` per `constraint`.
 *
 * - OFFERS: the first working day on or after `firstSafeOfferDay` whose answers day falls on a
 *   working day and whose questions cut-off, even read generously, falls before it, so no reading
 *   of backward counting on days off can make the schedule unlawful;
 * - QUESTIONS_CUTOFF / ANSWERS_DUE: counted back from that (original) offer deadline; when the
 *   cut-off falls on a day off, `minimum` is the statutory day (moved earlier) and `dueAt` the next
 *   working day: the authority accepts requests for longer than it must, which is always lawful;
 * - OPENING: the same day, 30 minutes later;
 * - STANDSTILL_END: an ESTIMATE: the award notice is assumed sent on the first working day
 *   `evaluationDays` (default 14) after the opening, then the statutory standstill runs;
 * - CONTRACT_SIGNING: the first working day after the standstill.
 *
 * OUTSIDE_ACT: OFFERS / OPENING / CONTRACT_SIGNING only, with `minimum: null`, `constraint: NONE`.
 */
export function proposeSchedule(input: ScheduleInput): ScheduleProposal {
  const checked = checkOfferInput(input);
  const evaluationDays = input.evaluationDays ?? DEFAULT_EVALUATION_DAYS;
  assertEvaluationDays(evaluationDays);
  const items: ScheduleItem[] = [];
  if (input.shareDeadline !== undefined) {
    items.push(shareConfirmationItem(input.shareDeadline, checked.publishedOn));
  }

  const { regime } = checked;
  if (regime === 'OUTSIDE_ACT') {
    const suggested = computeTimeLimit(
      checked.publishedOn,
      OUTSIDE_ACT_SUGGESTED_OFFER_DAYS[checked.subjectKind],
    );
    const offersDay = firstSafeOfferDay(suggested);
    const contractDay = workingDayOnOrAfter(addCalendarDays(offersDay, evaluationDays));
    const common = { minimum: null, constraint: 'NONE', basis: OUTSIDE_ACT_BASIS } as const;
    items.push(
      {
        kind: 'OFFERS',
        dueAt: at('OFFERS', offersDay),
        ...common,
        note: `Propozycja: ${suggested.days} dni jak w trybie podstawowym (art. 283 Pzp) – dobra praktyka, nie wymóg.`,
      },
      { kind: 'OPENING', dueAt: at('OPENING', offersDay), ...common },
      { kind: 'CONTRACT_SIGNING', dueAt: at('CONTRACT_SIGNING', contractDay), ...common },
    );
    return { regime, statutory: false, items };
  }

  const minimum = offerMinimum(checked);
  if (minimum === null) throw new Error('unreachable: statutory regime without an offer minimum');
  const urgent = regime === 'EU' && checked.urgent;
  const clarification = clarificationRule(regime, urgent, checked.publishedOn);

  // The offer day must leave the clarification days unambiguous: the answers day (a ceiling the
  // authority must meet) on a working day as counted, and even the most generous reading of the
  // questions cut-off (moved to the next working day under KC art. 115) strictly before it, so every
  // request that might be timely can still be answered in time.
  const start = firstSafeOfferDay(minimum.limit);
  let offersDay: string | undefined;
  for (let i = 0, day = start; i <= MAX_OFFER_DAY_SEARCH; i++, day = addCalendarDays(day, 1)) {
    const cutoff = addCalendarDays(day, -clarification.requestsDaysBefore);
    const answers = addCalendarDays(day, -clarification.answersDaysBefore);
    if (
      isWorkingDay(day) &&
      isWorkingDay(answers) &&
      workingDayOnOrAfter(cutoff) < answers &&
      cutoff > checked.publishedOn
    ) {
      offersDay = day;
      break;
    }
  }
  if (offersDay === undefined) {
    throw new Error(`No lawful offer day within ${MAX_OFFER_DAY_SEARCH} days of ${start}`);
  }

  const cutoff = questionsCutoff(offersDay, regime, urgent, checked.publishedOn);
  const answers = answersDue(offersDay, regime, urgent, checked.publishedOn);
  if (cutoff === null || answers === null) throw new Error('unreachable: statutory regime');
  // Announce the generous cut-off: answering more requests than required is always lawful.
  const announcedCutoff = workingDayOnOrAfter(cutoff.nominal);
  const awardSentOn = workingDayOnOrAfter(addCalendarDays(offersDay, evaluationDays));
  const standstill = minimumStandstillEnd({
    regime,
    sentOn: awardSentOn,
    electronic: input.electronic ?? true,
    procedureStartedOn: checked.publishedOn,
  });
  if (standstill === null) throw new Error('unreachable: statutory regime');
  const contractDay = workingDayOnOrAfter(standstill.earliestContractDate);

  const offersNotes = [
    offersDay > minimum.earliest
      ? `Zaproponowano ${offersDay} zamiast minimum ${minimum.earliest}: pełne ${minimum.days} dni ` +
        'upływa przed godziną składania ofert niezależnie od godziny publikacji, a termin ' +
        'udzielenia wyjaśnień przypada w dzień roboczy po terminie na wnioski.'
      : undefined,
    minimum.note,
    'Minimum ustawowe; termin musi uwzględniać złożoność zamówienia.',
  ].filter((n): n is string => n !== undefined);

  items.push(
    {
      kind: 'QUESTIONS_CUTOFF',
      dueAt: at('QUESTIONS_CUTOFF', announcedCutoff),
      minimum: cutoff.date,
      constraint: 'NOT_BEFORE',
      basis: cutoff.basis,
      note: [
        announcedCutoff !== cutoff.date
          ? `Dzień ${cutoff.nominal} jest wolny od pracy; zaproponowano przyjmowanie wniosków do ` +
            `${announcedCutoff}, co spełnia każdą wykładnię (ustawowo: do ${cutoff.date}).`
          : undefined,
        'Liczony od pierwotnego terminu składania ofert; jego przedłużenie nie przesuwa tego dnia.',
      ]
        .filter((n): n is string => n !== undefined)
        .join(' '),
    },
    {
      kind: 'ANSWERS_DUE',
      dueAt: at('ANSWERS_DUE', answers.date),
      minimum: answers.date,
      constraint: 'NOT_AFTER',
      basis: answers.basis,
    },
    {
      kind: 'OFFERS',
      dueAt: at('OFFERS', offersDay),
      minimum: minimum.earliest,
      constraint: 'NOT_BEFORE',
      basis: minimum.basis,
      note: offersNotes.join(' '),
    },
    {
      kind: 'OPENING',
      dueAt: at('OPENING', offersDay),
      minimum: offersDay,
      constraint: 'NOT_BEFORE',
      basis: 'art. 222 ust. 1 Pzp',
      note: 'Otwarcie niezwłocznie po upływie terminu składania ofert, najpóźniej następnego dnia.',
    },
    {
      kind: 'STANDSTILL_END',
      dueAt: at('STANDSTILL_END', standstill.end),
      minimum: standstill.end,
      constraint: 'NOT_BEFORE',
      basis: standstill.basis,
      note:
        `Szacunek: zawiadomienie o wyborze oferty przyjęto na ${awardSentOn} ` +
        `(${evaluationDays} dni na badanie i ocenę ofert); przelicz po jego wysłaniu.`,
    },
    {
      kind: 'CONTRACT_SIGNING',
      dueAt: at('CONTRACT_SIGNING', contractDay),
      minimum: standstill.earliestContractDate,
      constraint: 'NOT_BEFORE',
      basis: `${standstill.basis}; art. 577 Pzp`,
      note: 'Wniesienie odwołania wstrzymuje zawarcie umowy do rozstrzygnięcia przez KIO (art. 577 Pzp).',
    },
  );
  const validity = offerValidity({
    procedure: checked.procedure,
    offersDay,
    procedureStartedOn: checked.publishedOn,
  });
  items.push({
    kind: 'OFFER_VALIDITY',
    dueAt: at('OFFER_VALIDITY', validity.until),
    minimum: validity.until,
    constraint: 'NOT_AFTER',
    basis: validity.basis,
    note: [
      `Najdłuższy dopuszczalny termin: ${validity.days} dni, licząc dzień upływu terminu składania ofert jako pierwszy.`,
      contractDay > validity.until
        ? `Umowa planowana na ${contractDay} – po terminie związania ofertą: przed jego upływem trzeba zwrócić się do wykonawców o przedłużenie (${validity.extensionBasis}).`
        : undefined,
      validity.note,
    ]
      .filter((n): n is string => n !== undefined)
      .join(' '),
  });
  // In time order (stable): the validity usually ends after the planned contract, not always.
  items.sort((a, b) => Date.parse(a.dueAt) - Date.parse(b.dueAt));
  return { regime, statutory: true, items };
}
