export { PageQuery, page } from './page';
export type { Page } from './page';
