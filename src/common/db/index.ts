export { groszTransformer } from './columns';
export { hydrateJson } from './hydrate';
