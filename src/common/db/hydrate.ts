import type { EntityManager, EntityTarget, ObjectLiteral } from 'typeorm';
import type { ColumnMetadata } from 'typeorm/metadata/ColumnMetadata';

const TIMESTAMP_TYPES = new Set<unknown>([
  'timestamptz',
  'timestamp',
  'timestamp with time zone',
  'timestamp without time zone',
  Date,
]);

/**
 * Turns a row that PostgreSQL gave as JSON (`to_jsonb(t)`, column names as in the table) into the
 * entity TypeORM would have made of it: property names, `Date` for timestamps, column
 * transformers applied. For reads that aggregate a whole graph into one JSON value — one row to
 * parse instead of the cross product of a join, and no query builder on the hot path.
 */
export function hydrateJson<T extends ObjectLiteral>(
  manager: EntityManager,
  target: EntityTarget<T>,
  json: Record<string, unknown>,
): T {
  const metadata = manager.connection.getMetadata(target);
  const entity = metadata.create() as T;
  for (const column of metadata.columns) {
    if (!(column.databaseName in json)) continue;
    (entity as Record<string, unknown>)[column.propertyName] = convert(
      column,
      json[column.databaseName],
    );
  }
  return entity;
}

function convert(column: ColumnMetadata, value: unknown): unknown {
  if (value === null || value === undefined) {
    return column.transformer && !Array.isArray(column.transformer)
      ? column.transformer.from(null)
      : null;
  }
  let v = value;
  if (TIMESTAMP_TYPES.has(column.type) && typeof v === 'string') v = new Date(v);
  else if (column.type === 'bigint' && typeof v === 'number') v = String(v);
  const transformer = column.transformer;
  if (!transformer) return v;
  return Array.isArray(transformer)
    ? transformer.reduceRight<unknown>((acc, t) => t.from(acc) as unknown, v)
    : (transformer.from(v) as unknown);
}
