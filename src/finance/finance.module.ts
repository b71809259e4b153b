import { Module, OnModuleInit } from '@nestjs/common';
import { ScheduleModule } from '../schedule';
import { TenderHooks, TendersModule } from '../tenders';
import { ContractsExportQuery } from './contracts-export.query';
import { FinanceController } from './finance.controller';
import { ContractsService } from './contracts.service';
import { FinanceAccess } from './finance-access.service';
import { FinanceViews } from './finance-views.service';
import { InvoiceCorrectionsService } from './invoice-corrections.service';
import { InvoicesService } from './invoices.service';
import { PaymentCorrectionsService } from './payment-corrections.service';
import { PaymentSchedule } from './payment-schedule';
import { PaymentsService } from './payments.service';
import { SubsidiesService } from './subsidies.service';
import { SubsidySettlementCorrectionService } from './subsidy-settlement-correction.service';
import { financeTransitionGuard } from './lifecycle-guard';
import { SettlementService } from './settlement.service';

/**
 * Contracts, invoices and their split, payments (advances, subsidies, refunds, invoice payments)
 * and the per-partner settlement. Adds two lifecycle conditions: CONTRACTED needs the contracts of
 * every awarded lot, SETTLED needs every payment paid and every subsidy settled.
 */
@Module({
  imports: [TendersModule, ScheduleModule],
  controllers: [FinanceController],
  providers: [
    FinanceAccess,
    FinanceViews,
    ContractsService,
    InvoicesService,
    InvoiceCorrectionsService,
    PaymentSchedule,
    PaymentsService,
    PaymentCorrectionsService,
    SubsidiesService,
    SettlementService,
    SubsidySettlementCorrectionService,
    ContractsExportQuery,
  ],
  exports: [
    FinanceAccess,
    ContractsService,
    InvoicesService,
    InvoiceCorrectionsService,
    PaymentsService,
    PaymentCorrectionsService,
    SubsidiesService,
    SettlementService,
    ContractsExportQuery,
  ],
})
export class FinanceModule implements OnModuleInit {
  constructor(private readonly hooks: TenderHooks) {}

  onModuleInit(): void {
    this.hooks.addTransitionGuard(financeTransitionGuard);
  }
}
