export { PageQuery, page } from './page';
export type { Page } from './page';
export { cappedTotal, decodeCursor, encodeCursor } from './keyset';
export type { KeysetCursor } from './keyset';
