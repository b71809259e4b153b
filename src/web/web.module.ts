import { Module } from '@nestjs/common';
import { CommentsModule } from '../comments';
import { ProjectsModule } from '../projects';
import { DocumentsModule } from '../documents';
import { FinanceModule } from '../finance';
import { InsightsModule } from '../insights';
import { OrganisationsModule } from '../organisations';
import { PartnershipsModule } from '../partnerships';
import { ProcedureModule } from '../procedure';
import { ResponsibilitiesModule } from '../responsibilities';
import { ScheduleModule } from '../schedule';
import { TendersModule } from '../tenders';
import { AdminPagesGuard } from './admin-pages.guard';
import { AccountPagesController } from './controllers/account-pages.controller';
import { AdminOrganisationsPagesController } from './controllers/admin-organisations-pages.controller';
import { AdminPartnershipsPagesController } from './controllers/admin-partnerships-pages.controller';
import { AdminUsersPagesController } from './controllers/admin-users-pages.controller';
import { AuditPageController } from './controllers/audit-page.controller';
import { CommentsPagesController } from './controllers/comments-pages.controller';
import { ProjectSheetsPagesController } from './controllers/project-sheets-pages.controller';
import { DocumentsPagesController } from './controllers/documents-pages.controller';
import { DeadlinePagesController } from './controllers/deadline-pages.controller';
import { TenderCpvPagesController } from './controllers/tender-cpv-pages.controller';
import { TenderLotsPagesController } from './controllers/tender-lots-pages.controller';
import { FinancePagesController } from './controllers/finance-pages.controller';
import { InvitationsPagesController } from './controllers/invitations-pages.controller';
import { ProcedureDecisionsPagesController } from './controllers/procedure-decisions-pages.controller';
import { ProcedureLotPagesController } from './controllers/procedure-lot-pages.controller';
import { ProcedurePagesController } from './controllers/procedure-pages.controller';
import { ProcedurePagesSupport } from './controllers/procedure-support';
import { SchedulePagesController } from './controllers/schedule-pages.controller';
import { SettlementPagesController } from './controllers/settlement-pages.controller';
import { ShareChangesPagesController } from './controllers/share-changes-pages.controller';
import { SharesPagesController } from './controllers/shares-pages.controller';
import { SignInController } from './controllers/sign-in.controller';
import { StallsPagesController } from './controllers/stalls-pages.controller';
import { TasksPageController } from './controllers/tasks.controller';
import { TaskMatrixPagesController } from './controllers/task-matrix-pages.controller';
import { TendersPagesController } from './controllers/tenders-pages.controller';
import { TenderWizardPagesController } from './controllers/tender-wizard-pages.controller';
import { WebSessionsService } from './session/web-sessions.service';
import { FinanceContextLoader } from './finance-context';
import { WebAuthGuard } from './web-auth.guard';
import { WebPages } from './web-pages.service';

/**
 * The web application in Polish (server-rendered pages). Pages call the modules' services with
 * the same Actor and access policy as the API; nothing here calls the API over HTTP.
 */
@Module({
  imports: [
    TendersModule,
    DocumentsModule,
    ScheduleModule,
    OrganisationsModule,
    PartnershipsModule,
    ProcedureModule,
    FinanceModule,
    InsightsModule,
    CommentsModule,
    ResponsibilitiesModule,
    ProjectsModule,
  ],
  controllers: [
    SignInController,
    TasksPageController,
    InvitationsPagesController,
    TenderWizardPagesController,
    TendersPagesController,
    SharesPagesController,
    CommentsPagesController,
    TaskMatrixPagesController,
    ProjectSheetsPagesController,
    DocumentsPagesController,
    SchedulePagesController,
    DeadlinePagesController,
    TenderLotsPagesController,
    TenderCpvPagesController,
    ShareChangesPagesController,
    StallsPagesController,
    FinancePagesController,
    SettlementPagesController,
    ProcedurePagesController,
    ProcedureLotPagesController,
    ProcedureDecisionsPagesController,
    AccountPagesController,
    AdminUsersPagesController,
    AdminOrganisationsPagesController,
    AdminPartnershipsPagesController,
    AuditPageController,
  ],
  providers: [
    WebSessionsService,
    WebPages,
    WebAuthGuard,
    AdminPagesGuard,
    ProcedurePagesSupport,
    FinanceContextLoader,
  ],
})
export class WebModule {}
