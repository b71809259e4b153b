import { Module } from '@nestjs/common';
import { DocumentsModule } from '../documents';
import { FinanceModule } from '../finance';
import { OrganisationsModule } from '../organisations';
import { ScheduleModule } from '../schedule';
import { TendersModule } from '../tenders';
import { AccountPagesController } from './controllers/account-pages.controller';
import { DocumentsPagesController } from './controllers/documents-pages.controller';
import { FinancePagesController } from './controllers/finance-pages.controller';
import { SchedulePagesController } from './controllers/schedule-pages.controller';
import { SettlementPagesController } from './controllers/settlement-pages.controller';
import { SharesPagesController } from './controllers/shares-pages.controller';
import { SignInController } from './controllers/sign-in.controller';
import { TasksPageController } from './controllers/tasks.controller';
import { TendersPagesController } from './controllers/tenders-pages.controller';
import { WebSessionsService } from './session/web-sessions.service';
import { FinanceContextLoader } from './finance-context';
import { WebAuthGuard } from './web-auth.guard';
import { WebPages } from './web-pages.service';

/**
 * The web application in Polish (server-rendered pages). Pages call the modules' services with
 * the same Actor and access policy as the API; nothing here calls the API over HTTP.
 */
@Module({
  imports: [TendersModule, DocumentsModule, ScheduleModule, OrganisationsModule, FinanceModule],
  controllers: [
    SignInController,
    TasksPageController,
    TendersPagesController,
    SharesPagesController,
    DocumentsPagesController,
    SchedulePagesController,
    FinancePagesController,
    SettlementPagesController,
    AccountPagesController,
  ],
  providers: [WebSessionsService, WebPages, WebAuthGuard, FinanceContextLoader],
})
export class WebModule {}
