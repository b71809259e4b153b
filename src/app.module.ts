import { Module } from '@nestjs/common';
import { CommentsModule } from './comments';
import { CoreModule } from './core.module';
import { DocumentsModule } from './documents';
import { FinanceModule } from './finance';
import { ResponsibilitiesModule } from './responsibilities';
import { HealthModule } from './health';
import { InsightsModule } from './insights';
import { InteropModule } from './interop';
import { OrganisationsModule } from './organisations';
import { NotificationsModule } from './notifications';
import { OperationsModule } from './operations';
import { PartnershipsModule } from './partnerships';
import { ProcedureModule } from './procedure';
import { ProjectsModule } from './projects';
import { ScheduleModule } from './schedule';
import { TendersModule } from './tenders';
import { WebModule } from './web';

/** The HTTP API and the web pages. Rendering and e-mail never run here: they go through the outbox to the worker. */
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
    ResponsibilitiesModule,
    WebModule,
    InteropModule,
    InsightsModule,
    OperationsModule,
    CommentsModule,
    ProcedureModule,
    ProjectsModule,
  ],
})
export class AppModule {}
