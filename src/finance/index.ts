export { loadPartnerStatement } from './settlement-source';
export type { PartnerStatement } from './settlement-source';
export { FinanceModule } from './finance.module';
export { ContractsExportQuery } from './contracts-export.query';
export { SettlementService } from './settlement.service';
