import { In, type EntityManager } from 'typeorm';
import { Organisation } from './organisation.entity';

/**
 * The names of the organisations asked for, by id (an unknown id is absent from the map). Other
 * modules ask this instead of reading the `organisations` table themselves; it runs on the
 * caller's manager, so inside its transaction.
 */
export async function organisationNames(
  manager: EntityManager,
  ids: readonly string[],
): Promise<Map<string, string>> {
  if (ids.length === 0) return new Map();
  const rows = await manager
    .getRepository(Organisation)
    .find({ select: { id: true, name: true }, where: { id: In([...new Set(ids)]) } });
  return new Map(rows.map((o) => [o.id, o.name]));
}
