import { In, type EntityManager } from 'typeorm';
import { Partnership } from './partnership.entity';

/** Each partnership's stall escalation threshold in working days (the stall sweep reads it). */
export async function stallEscalationThresholds(
  manager: EntityManager,
  ids: string[],
): Promise<Map<string, number>> {
  if (ids.length === 0) return new Map();
  const rows = await manager
    .getRepository(Partnership)
    .find({ where: { id: In(ids) }, select: { id: true, stallEscalationWorkingDays: true } });
  return new Map(rows.map((p) => [p.id, p.stallEscalationWorkingDays]));
}
