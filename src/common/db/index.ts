export { groszTransformer } from './columns';
export { hydrateJson } from './hydrate';
export { borrowRelation, lendRelation } from './lent-relations';
export type { LentRelationName } from './lent-relations';
