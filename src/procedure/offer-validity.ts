import type { EntityManager } from 'typeorm';
import type { Procedure } from '../common/vocabulary';
import { OFFER_VALIDITY_RULES, deadlineRows } from '../schedule';
import { OfferValidityExtension } from './offer-validity-extension.entity';
import { tenderRows } from '../tenders';

export { offerValidityExtensionProblem } from '../schedule';

/** The offer validity of a tender as the procedure view and the protocol show it. */
export interface OfferValidityRecord {
  /** Last day contractors are bound by their offers (Europe/Warsaw), as in force now. */
  until: string;
  /** The day set in the schedule (SWZ) before any extension. */
  originalUntil: string;
  basis: string;
  status: string;
  extension: {
    requestedOn: string;
    previousUntil: string;
    validUntil: string;
    reason: string;
    basis: string;
    recordedAt: string;
  } | null;
}

/** The legal basis of the extension for the procedure type (art. 220 ust. 3 / art. 307 ust. 2). */
export function extensionBasis(procedure: Procedure): string {
  const rule = OFFER_VALIDITY_RULES.find((r) => r.procedures.includes(procedure));
  return rule ? rule.extensionBasis : 'art. 220 ust. 3 Pzp';
}

/** The schedule's offer validity with its extension, or null when the schedule has none. */
export async function loadOfferValidity(
  manager: EntityManager,
  tenderId: string,
): Promise<OfferValidityRecord | null> {
  const [row] = await manager.query<{ until: string; procedure: Procedure; status: string }[]>(
    `SELECT (d.due_at AT TIME ZONE 'Europe/Warsaw')::date::text AS until, t.procedure, d.status
       FROM ${deadlineRows} d JOIN ${tenderRows} t ON t.id = d.tender_id
      WHERE d.tender_id = $1 AND d.kind = 'OFFER_VALIDITY' AND d.origin = 'SCHEDULE' AND d.status <> 'CANCELLED'`,
    [tenderId],
  );
  if (!row) return null;
  const ext = await manager.getRepository(OfferValidityExtension).findOne({ where: { tenderId } });
  return {
    until: row.until,
    originalUntil: ext ? ext.previousUntil : row.until,
    basis: OFFER_VALIDITY_RULES.find((r) => r.procedures.includes(row.procedure))?.basis ?? '',
    status: row.status,
    extension: ext
      ? {
          requestedOn: ext.requestedOn,
          previousUntil: ext.previousUntil,
          validUntil: ext.validUntil,
          reason: ext.reason,
          basis: ext.basis,
          recordedAt: ext.createdAt.toISOString(),
        }
      : null,
  };
}
