import type { EntityManager } from 'typeorm';
import type { Actor } from '../auth';
import { recordAudit } from '../audit';
import { assertVersion, conflict, notFound } from '../common/errors';
import { grossFromNet } from '../common/money';
import { Lot } from '../tenders';
import { Share } from '../tenders';
import type { TenderStatus } from '../tenders';
import type { Tender } from '../tenders';
import { LotProcedure } from './lot-procedure.entity';

/** Reads and small writes shared by the procedure's use cases, inside the caller's transaction. */

export async function lotOf(manager: EntityManager, lotId: string): Promise<Lot> {
  const lot = await manager.getRepository(Lot).findOne({ where: { id: lotId } });
  if (!lot) throw notFound('Lot', lotId);
  return lot;
}

/** The lot's procedure row, created on first use and locked for the change. */
export async function lotRowForChange(manager: EntityManager, lot: Lot): Promise<LotProcedure> {
  await manager.query(
    `INSERT INTO lot_procedures (tender_id, lot_id) VALUES ($1, $2) ON CONFLICT (lot_id) DO NOTHING`,
    [lot.tenderId, lot.id],
  );
  return manager
    .getRepository(LotProcedure)
    .findOneOrFail({ where: { lotId: lot.id }, lock: { mode: 'pessimistic_write' } });
}

export function assertStatus(tender: Tender, allowed: readonly TenderStatus[], what: string): void {
  if (!allowed.includes(tender.status)) {
    throw conflict(
      'PROCEDURE_STEP_NOT_ALLOWED',
      `${what} is possible while the tender is ${allowed.join(' or ')}; it is ${tender.status}`,
      { currentStatus: tender.status, allowed },
    );
  }
}

export function assertProcedureVersion(
  row: { version: number },
  version: number,
  what: string,
): void {
  assertVersion(
    row.version,
    version,
    'PROCEDURE_VERSION_CONFLICT',
    `The ${what} was changed by someone else (current version ${row.version}); reload and retry`,
  );
}

/** Gross sum of the lot's confirmed shares, grosz (each share's VAT rounded on its own). */
export async function confirmedSharesGross(manager: EntityManager, lot: Lot): Promise<number> {
  const shares = await manager
    .getRepository(Share)
    .find({ where: { lotId: lot.id, status: 'CONFIRMED' } });
  return shares.reduce((s, x) => s + grossFromNet(x.amountNet, lot.vatRate), 0);
}

export async function audit(
  manager: EntityManager,
  actor: Actor,
  tender: Tender,
  action: string,
  entity: { type: string; id: string },
  data: Record<string, unknown>,
): Promise<void> {
  await recordAudit(manager, actor, {
    action,
    entityType: entity.type,
    entityId: entity.id,
    tenderId: tender.id,
    partnershipId: tender.partnershipId,
    organisationId: tender.leaderOrganisationId,
    data,
  });
}
