export { loadPartnerStatement } from './settlement-source';
export type { PartnerStatement } from './settlement-source';
export { FinanceModule } from './finance.module';
export { ContractsExportQuery } from './contracts-export.query';
export { SettlementService } from './settlement.service';
export { ContractsService } from './contracts.service';
export { InvoicesService } from './invoices.service';
export { InvoiceCorrectionsService } from './invoice-corrections.service';
export { CorrectInvoiceDto } from './dto/invoice.dto';
export type { InvoiceCorrectionPreview } from './dto/invoice.dto';
export { PaymentsService } from './payments.service';
export { PaymentCorrectionsService } from './payment-corrections.service';
export { SubsidiesService } from './subsidies.service';
export { FINANCE_OPEN } from './finance-access.service';
export { PAYMENT_KIND_PL } from './payment-kinds';
export {
  AmendContractDto,
  CorrectionReasonDto,
  CreateContractDto,
  CreateInvoiceDto,
  CreatePaymentDto,
  MarkPaidDto,
  SettleSubsidyDto,
} from './dto/finance.dto';
export type {
  ContractView,
  InvoicePreview,
  InvoiceView,
  PartnerSettlementView,
  PaymentView,
  SettlementView,
} from './dto/finance.dto';
export { contractRows } from './contract-relations';
