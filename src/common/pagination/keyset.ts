/**
 * Keyset pages ("seek" pagination) for long lists: the next page starts after the last row of the
 * previous one — `(sort key, id)` — instead of skipping `offset` rows, so page 500 costs what page
 * 1 costs. The cursor is opaque to clients (base64url of JSON); it names the sort it was made
 * for, and a cursor of another sort or one that does not parse is a 400 naming `cursor`.
 */
import { fieldError } from '../errors';

export interface KeysetCursor {
  /** The `sort` parameter the cursor was made for. */
  sort: string;
  /** The last row's sort key as PostgreSQL wrote it (text), null for a NULL key. */
  key: string | null;
  /** The last row's id, the tie-break. */
  id: string;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
/** Far beyond any sort key of the service (a title, a reference, a timestamp). */
const MAX_KEY = 1000;

export function encodeCursor(c: KeysetCursor): string {
  return Buffer.from(JSON.stringify([c.sort, c.key, c.id]), 'utf8').toString('base64url');
}

const invalid = (message: string) => fieldError('cursor', 'cursor', message);

/**
 * The cursor of `raw`, checked: made for `sort`, with an id and a key that `keyValid` accepts
 * (so that a forged key never reaches PostgreSQL as a value of the wrong type).
 */
export function decodeCursor(
  raw: string,
  sort: string,
  keyValid: (key: string) => boolean,
): KeysetCursor {
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(raw, 'base64url').toString('utf8'));
  } catch {
    throw invalid('cursor must be the nextCursor of a previous page');
  }
  if (
    !Array.isArray(parsed) ||
    parsed.length !== 3 ||
    typeof parsed[0] !== 'string' ||
    !(
      parsed[1] === null ||
      (typeof parsed[1] === 'string' &&
        parsed[1].length <= MAX_KEY &&
        !parsed[1].includes('\u0000'))
    ) ||
    typeof parsed[2] !== 'string' ||
    !UUID.test(parsed[2])
  ) {
    throw invalid('cursor must be the nextCursor of a previous page');
  }
  const [cursorSort, key, id] = parsed as [string, string | null, string];
  if (cursorSort !== sort) {
    throw fieldError(
      'cursor',
      'sameSort',
      `cursor was made for sort=${cursorSort}; repeat that sort or start again without cursor`,
    );
  }
  if (key !== null && !keyValid(key))
    throw invalid('cursor must be the nextCursor of a previous page');
  return { sort, key, id };
}

/**
 * A count that stays cheap: rows are counted up to `cap` (at least up to the end of the page
 * asked for); beyond it the answer is `{ total: cap, totalIsLowerBound: true }` — more than
 * `total` rows match. `counted` is the count of a `LIMIT cap + 1` subquery.
 */
export function cappedTotal(
  counted: number,
  cap: number,
): { total: number; totalIsLowerBound: boolean } {
  return counted > cap
    ? { total: cap, totalIsLowerBound: true }
    : { total: counted, totalIsLowerBound: false };
}
