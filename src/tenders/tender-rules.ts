import type { EntityManager } from 'typeorm';
import { dateViolation } from '../common/dates';
import { conflict, fieldError, rulesViolated } from '../common/errors';
import type { FieldViolation } from '../common/errors';
import { warsawDate } from '../common/polish-calendar';
import { Tender } from './tender.entity';

/** 409 when the leader already has a tender with this reference. */
export async function assertReferenceFree(
  manager: EntityManager,
  leaderOrganisationId: string,
  reference: string,
): Promise<void> {
  if (await manager.getRepository(Tender).exist({ where: { leaderOrganisationId, reference } })) {
    throw conflict(
      'TENDER_REFERENCE_TAKEN',
      `The leader already has a tender with reference ${reference}`,
      {
        errors: [
          {
            field: 'reference',
            rule: 'uniquePerLeader',
            message: `reference ${reference} is already used by the leader`,
          },
        ],
      },
    );
  }
}

/** 400 naming `lots[i].number` when a lot number is given twice. */
export function assertLotNumbersUnique(lots: { number: number }[]): void {
  const seen = new Set<number>();
  for (const [i, l] of lots.entries()) {
    if (seen.has(l.number))
      throw fieldError(
        `lots[${i}].number`,
        'unique',
        `lots[${i}].number ${l.number} is used twice`,
      );
    seen.add(l.number);
  }
}

/**
 * The share deadline lies ahead (today or later, in Warsaw) and not after the planned start of the
 * procedure: partners confirm their shares before the notice goes out. `keptDeadline` is a share
 * deadline already on the tender: only its order against a changed planned start is checked.
 */
export function assertScheduleDates(
  today: string,
  shareDeadline: string | null,
  plannedStartOn: string | null,
  keptDeadline: Date | null = null,
): void {
  const violations: FieldViolation[] = [];
  if (shareDeadline !== null) {
    const day = warsawDate(new Date(shareDeadline));
    const v = dateViolation('shareDeadline', day, {
      earliest: [{ on: today, rule: 'notInPast', what: 'today' }],
      latest: [{ on: plannedStartOn, rule: 'notAfterPlannedStart', what: 'plannedStartOn' }],
    });
    if (v) violations.push(v);
  } else if (keptDeadline !== null && plannedStartOn !== null) {
    const v = dateViolation('plannedStartOn', plannedStartOn, {
      earliest: [
        {
          on: warsawDate(keptDeadline),
          rule: 'notBeforeShareDeadline',
          what: 'the share deadline',
        },
      ],
    });
    if (v) violations.push(v);
  }
  if (violations.length > 0) throw rulesViolated(violations);
}
