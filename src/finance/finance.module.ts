import { Module, OnModuleInit } from '@nestjs/common';
import { ScheduleModule } from '../schedule';
import { TenderHooks, TendersModule } from '../tenders';
import { ContractsExportQuery } from './contracts-export.query';
import { FinanceController } from './finance.controller';
import { ContractsService } from './contracts.service';
import { FinanceAccess } from './finance-access.service';
import { FinanceViews } from './finance-views.service';
import { InvoicesService } from './invoices.service';
import { PaymentsService } from './payments.service';
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
    PaymentsService,
    SettlementService,
    ContractsExportQuery,
  ],
  exports: [
    FinanceAccess,
    ContractsService,
    InvoicesService,
    PaymentsService,
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
