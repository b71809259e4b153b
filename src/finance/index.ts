export { loadPartnerStatement } from './settlement-source';
export type { PartnerStatement } from './settlement-source';
export { FinanceModule } from './finance.module';
