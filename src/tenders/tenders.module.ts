import { Module } from '@nestjs/common';
import { PartnershipsModule } from '../partnerships';
import { LegalController } from './legal.controller';
import { MeController } from './me.controller';
import { SharesController } from './shares.controller';
import { SharesService } from './shares.service';
import { TasksService } from './tasks.service';
import { TenderExportQuery } from './tender-export.query';
import { TenderHooks } from './tender-hooks';
import { TendersController } from './tenders.controller';
import { TendersService } from './tenders.service';

@Module({
  imports: [PartnershipsModule],
  controllers: [TendersController, SharesController, MeController, LegalController],
  providers: [TendersService, SharesService, TasksService, TenderHooks, TenderExportQuery],
  exports: [TendersService, TenderHooks, TenderExportQuery],
})
export class TendersModule {}
