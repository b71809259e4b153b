import type { EntityManager } from 'typeorm';
import { escapeLike, policySql } from '../auth';
import type { Actor } from '../auth';
import { hydrateJson } from '../common/db';
import { fieldError } from '../common/errors';
import { cappedTotal, decodeCursor, encodeCursor, type Page } from '../common/pagination';
import type { TendersQuery } from './dto/tender.dto';
import type { TenderSummaryView } from './dto/tender-view.dto';
import { toSummary } from './tender-view';
import { Tender } from './tender.entity';

/** Rows counted at most for `total` beyond the page asked for (see `cappedTotal`). */
export const TENDER_COUNT_CAP = 1000;

/** One page of the tender list: `Page` plus the capped count's flag and the keyset cursor. */
export interface TenderPage extends Page<TenderSummaryView> {
  /** true: more than `total` tenders match (counting stopped at the cap). */
  totalIsLowerBound: boolean;
  /** Pass as `cursor` for the page after this one; null on the last page. */
  nextCursor: string | null;
}

interface SortColumn {
  column: string;
  type: 'timestamptz' | 'bigint' | 'text';
  /** NOT NULL: ordered without NULLS LAST, so that the btree indexes serve the order. */
  notNull: boolean;
}

const SORTS: Record<string, SortColumn> = {
  createdAt: { column: 't.created_at', type: 'timestamptz', notNull: true },
  reference: { column: 't.reference', type: 'text', notNull: true },
  title: { column: 't.title', type: 'text', notNull: true },
  valueNet: { column: 't.value_net', type: 'bigint', notNull: true },
  shareDeadline: { column: 't.share_deadline', type: 'timestamptz', notNull: false },
};

/** What a cursor's key may be for each column type (the key goes to PostgreSQL as a value). */
const KEY_VALID: Record<SortColumn['type'], (key: string) => boolean> = {
  timestamptz: (k) =>
    /^\d{4}-\d{2}-\d{2}[ T]\d{2}:\d{2}:\d{2}(\.\d{1,6})?([+-]\d{2}(:?\d{2})?|Z)$/.test(k) &&
    !Number.isNaN(Date.parse(k.replace(' ', 'T').replace(/([+-]\d{2})$/, '$1:00'))),
  bigint: (k) => /^-?\d{1,18}$/.test(k),
  text: () => true,
};

const SUMMARY_COLUMNS = [
  'id',
  'partnership_id',
  'leader_organisation_id',
  'reference',
  'title',
  'status',
  'version',
  'subject_kind',
  'cpv_main',
  'procedure',
  'settlement_model',
  'regime',
  'value_net',
  'value_gross',
  'share_deadline',
  'created_at',
]
  .map((c) => `t.${c}`)
  .join(', ');

/**
 * The tender list: the tenders the actor may see (`policySql.tenderVisible`, through the
 * partnerships it sees), filtered, ordered by `sort` with `id` as the tie-break, one page cut by
 * `offset` or — for long lists — after the `cursor` of the previous page. Two statements, sent
 * together: the page (one row more than asked, to know whether a next page exists) and a count
 * that stops at `TENDER_COUNT_CAP` rows (or at the end of the page asked for, if later).
 */
export async function listTenders(
  manager: EntityManager,
  actor: Actor,
  organisationIds: string[],
  today: string,
  q: TendersQuery,
  countCap = TENDER_COUNT_CAP,
): Promise<TenderPage> {
  const sort = q.sort ?? '-createdAt';
  const desc = sort.startsWith('-');
  const key = SORTS[sort.replace(/^-/, '')];
  if (q.cursor !== undefined && q.offset > 0)
    throw fieldError('offset', 'withCursor', 'offset must be 0 (or left out) with cursor');
  const cursor = q.cursor === undefined ? null : decodeCursor(q.cursor, sort, KEY_VALID[key.type]);

  const params: unknown[] = [];
  const p = (value: unknown) => `$${params.push(value)}`;
  const where: string[] = [];
  if (!actor.admin) {
    const orgs = p(organisationIds);
    where.push(
      policySql.tenderVisible('t', (column) => `${column} = ANY(${orgs}::uuid[])`, p(today)),
    );
  }
  if (q.status) where.push(`t.status = ${p(q.status)}`);
  if (q.partnershipId) where.push(`t.partnership_id = ${p(q.partnershipId)}`);
  if (q.regime) where.push(`t.regime = ${p(q.regime)}`);
  if (q.organisationId)
    where.push(
      `EXISTS (SELECT 1 FROM shares x WHERE x.tender_id = t.id AND x.organisation_id = ${p(q.organisationId)} AND x.status <> 'WITHDRAWN')`,
    );
  if (q.q) {
    const text = p(`%${escapeLike(q.q)}%`);
    where.push(`(t.title ILIKE ${text} OR t.reference ILIKE ${text})`);
  }
  const filters = where.length > 0 ? `WHERE ${where.join(' AND ')}` : '';
  const filterParams = [...params];

  // The keyset condition: after (key, id) in the order `key dir NULLS LAST, id ASC`. Written with
  // the key's bound alone first (`key <= k`), so that an index on the key can start there.
  const seek: string[] = [];
  if (cursor) {
    const id = p(cursor.id);
    if (cursor.key === null) {
      seek.push(`${key.column} IS NULL AND t.id > ${id}::uuid`);
    } else {
      const k = `${p(cursor.key)}::${key.type}`;
      const [bound, strict] = desc ? ['<=', '<'] : ['>=', '>'];
      const after = `${key.column} ${bound} ${k} AND (${key.column} ${strict} ${k} OR t.id > ${id}::uuid)`;
      seek.push(key.notNull ? after : `((${after}) OR ${key.column} IS NULL)`);
    }
  }
  const pageWhere = [...where, ...seek];
  const order = `${key.column} ${desc ? 'DESC' : 'ASC'}${key.notNull ? '' : ' NULLS LAST'}, t.id ASC`;
  const limit = p(q.limit + 1);
  const offset = p(cursor ? 0 : q.offset);
  const countLimit = Math.max(countCap, q.offset + q.limit);

  const [rows, counted] = await Promise.all([
    manager.query<Record<string, unknown>[]>(
      `SELECT ${SUMMARY_COLUMNS}, (${key.column})::text AS cursor_key FROM tenders t
        ${pageWhere.length > 0 ? `WHERE ${pageWhere.join(' AND ')}` : ''}
        ORDER BY ${order} LIMIT ${limit} OFFSET ${offset}`,
      params,
    ),
    manager.query<{ n: number }[]>(
      `SELECT count(*)::int AS n FROM (SELECT 1 FROM tenders t ${filters}
        LIMIT ${countLimit + 1}) counted`,
      filterParams,
    ),
  ]);
  const more = rows.length > q.limit;
  const shown = more ? rows.slice(0, q.limit) : rows;
  const last = shown[shown.length - 1];
  const { total, totalIsLowerBound } = cappedTotal(counted[0].n, countLimit);
  return {
    items: shown.map((r) => toSummary(hydrateJson(manager, Tender, r))),
    total,
    limit: q.limit,
    offset: cursor ? 0 : q.offset,
    totalIsLowerBound,
    nextCursor:
      more && last
        ? encodeCursor({ sort, key: last.cursor_key as string | null, id: last.id as string })
        : null,
  };
}
