import { Module } from '@nestjs/common';
import { CoreModule } from './core.module';
import { DocumentsModule } from './documents/documents.module';
import { FinanceModule } from './finance/finance.module';
import { HealthModule } from './health/health.module';
import { OrganisationsModule } from './organisations/organisations.module';
import { NotificationsModule } from './notifications/notifications.module';
import { PartnershipsModule } from './partnerships/partnerships.module';
import { ProcedureModule } from './procedure/procedure.module';
import { ScheduleModule } from './schedule/schedule.module';
import { TendersModule } from './tenders/tenders.module';

/** The HTTP API. Rendering and e-mail never run here: they go through the outbox to the worker. */
@Module({
  imports: [
    CoreModule,
    HealthModule,
    OrganisationsModule,
    PartnershipsModule,
    NotificationsModule,
    TendersModule,
    ScheduleModule,
    DocumentsModule,
    FinanceModule,
    ProcedureModule,
  ],
})
export class AppModule {}
