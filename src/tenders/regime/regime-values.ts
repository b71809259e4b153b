export { REGIMES } from '../../common/vocabulary';
