import type { EntityManager } from 'typeorm';
import { Share } from './share.entity';

/**
 * The organisation's confirmed share in the lot, if it has one: what a contract under separate
 * contracts, signed by that partner for that lot, needs. Runs on the caller's manager.
 */
export async function confirmedShareOf(
  manager: EntityManager,
  lotId: string,
  organisationId: string,
): Promise<{ id: string } | null> {
  return manager.getRepository(Share).findOne({
    select: { id: true },
    where: { lotId, organisationId, status: 'CONFIRMED' },
  });
}
