import type { EntityManager } from 'typeorm';
import { warsawDate } from '../common/polish-calendar';
import { LotProcedure } from './lot-procedure.entity';

/** The day (Warsaw) the head approved the lot's award; null when the lot has no approved award. */
export async function lotAwardedOn(manager: EntityManager, lotId: string): Promise<string | null> {
  const row = await manager.getRepository(LotProcedure).findOne({ where: { lotId } });
  return row?.approvedAt ? warsawDate(row.approvedAt) : null;
}
