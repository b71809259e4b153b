export { groszTransformer } from './columns';
