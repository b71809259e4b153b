import { DomainError, fieldError, unprocessable } from '../common/errors';
import { warsawDate } from '../common/polish-calendar';
import { Tender } from '../tenders';
import { ENFORCED_MINIMUM_KINDS, type DeadlineKind } from './deadline-kinds';
import { Deadline, type StatutoryFlags } from './deadline.entity';
import { checkStatutoryMinimum, type StatutoryContext } from './statutory-check';
import type { PresetMinimum } from './deadline-inputs';

// The checks a deadline passes before it is written: statutory minimum, participant, valid time.

/**
 * The statutory minimum columns for a deadline due at `dueAt`, or a 422 when it breaks one.
 * Enforced kinds are recomputed from the tender; other kinds keep the preset (proposal) minimum.
 */
export function minimumFor(
  tender: Tender,
  kind: DeadlineKind,
  dueAt: Date,
  input: { countedFrom: string | null; flags: StatutoryFlags; preset: PresetMinimum | null },
): Pick<Deadline, 'minimumOn' | 'minimumConstraint' | 'basis' | 'countedFrom'> {
  if (!ENFORCED_MINIMUM_KINDS.includes(kind)) {
    // The offer validity set in the SWZ is a ceiling: a longer one only by a recorded extension.
    const ceiling = input.preset?.constraint === 'NOT_AFTER' ? input.preset : null;
    if (kind === 'OFFER_VALIDITY' && ceiling && warsawDate(dueAt) > ceiling.on) {
      const message = `The offer validity may not end after ${ceiling.on} (${ceiling.basis}); a longer one needs the contractors' consent, recorded as an extension (POST /tenders/:id/offer-validity/extension)`;
      throw new DomainError(422, 'OFFER_VALIDITY_TOO_LONG', message, [
        { field: 'dueAt', rule: 'offerValidityMaximum', message },
      ]);
    }
    return {
      minimumOn: input.preset?.on ?? null,
      minimumConstraint: input.preset?.constraint ?? null,
      basis: input.preset?.basis ?? null,
      countedFrom: input.countedFrom,
    };
  }
  const context: StatutoryContext = {
    regime: tender.regime,
    procedure: tender.procedure,
    subjectKind: tender.subjectKind,
    publishedOn:
      tender.publishedOn ??
      (kind === 'OFFERS' ? input.countedFrom : null) ??
      tender.plannedStartOn ??
      null,
    awardSentOn: kind === 'STANDSTILL_END' ? input.countedFrom : null,
    urgent: input.flags.urgent ?? false,
    priorInformationNotice: input.flags.priorInformationNotice ?? false,
    electronic: input.flags.electronic ?? true,
    stored:
      input.preset && input.preset.constraint === 'NOT_BEFORE'
        ? { minimumOn: input.preset.on, basis: input.preset.basis }
        : null,
  };
  const verdict = checkStatutoryMinimum(kind, dueAt, context);
  if (verdict.ok) {
    const m = verdict.minimum;
    return {
      minimumOn: m.minimumOn,
      minimumConstraint: m.minimumOn ? 'NOT_BEFORE' : null,
      basis: m.basis,
      countedFrom: m.countedFrom ?? input.countedFrom,
    };
  }
  if (verdict.problem === 'TOO_EARLY') {
    const what = kind === 'OFFERS' ? 'The offer deadline' : 'The end of the standstill';
    const message =
      `${what} may not fall before ${verdict.earliest}` +
      (verdict.days !== undefined ? ` (a statutory minimum of ${verdict.days} days)` : '') +
      `: ${verdict.basis}`;
    throw new DomainError(
      422,
      'DEADLINE_BEFORE_STATUTORY_MINIMUM',
      message,
      [{ field: 'dueAt', rule: 'statutoryMinimum', message }],
      {
        earliest: verdict.earliest,
        basis: verdict.basis,
        ...(verdict.days !== undefined ? { days: verdict.days } : {}),
        ...(verdict.note ? { note: verdict.note } : {}),
      },
    );
  }
  throw unprocessable(
    verdict.problem === 'UNKNOWN' ? 'DEADLINE_MINIMUM_UNKNOWN' : 'SCHEDULE_NOT_COMPUTABLE',
    verdict.message,
  );
}

export function assertValidInstant(at: Date): void {
  if (Number.isNaN(at.getTime())) throw fieldError('dueAt', 'isDate', 'dueAt is not a valid time');
}

export function assertParticipant(
  tender: Tender,
  participants: string[],
  organisationId: string,
): void {
  if (organisationId !== tender.leaderOrganisationId && !participants.includes(organisationId)) {
    throw fieldError(
      'responsibleOrganisationId',
      'tenderParticipant',
      'responsibleOrganisationId must be the leader or a partner of the tender',
    );
  }
}

export function flagsOf(
  input: { urgent?: boolean; priorInformationNotice?: boolean; electronic?: boolean },
  base: StatutoryFlags,
): StatutoryFlags {
  return {
    ...base,
    ...(input.urgent !== undefined ? { urgent: input.urgent } : {}),
    ...(input.priorInformationNotice !== undefined
      ? { priorInformationNotice: input.priorInformationNotice }
      : {}),
    ...(input.electronic !== undefined ? { electronic: input.electronic } : {}),
  };
}
