import { Module } from '@nestjs/common';
import { PartnershipsModule } from '../partnerships';
import { LegalController } from './legal.controller';
import { MeController } from './me.controller';
import { SharesController } from './shares.controller';
import { ShareReviewService } from './share-review.service';
import { ShareWithdrawalService } from './share-withdrawal.service';
import { SharesService } from './shares.service';
import { TasksService } from './tasks.service';
import { TenderCreationService } from './tender-creation.service';
import { TenderExportQuery } from './tender-export.query';
import { TenderHooks } from './tender-hooks';
import { TendersController } from './tenders.controller';
import { TendersService } from './tenders.service';

@Module({
  imports: [PartnershipsModule],
  controllers: [TendersController, SharesController, MeController, LegalController],
  providers: [
    TendersService,
    SharesService,
    TasksService,
    TenderHooks,
    ShareReviewService,
    ShareWithdrawalService,
    TenderCreationService,
    TenderExportQuery,
  ],
  exports: [
    TendersService,
    TenderHooks,
    SharesService,
    TasksService,
    ShareReviewService,
    ShareWithdrawalService,
    TenderCreationService,
    TenderExportQuery,
  ],
})
export class TendersModule {}
