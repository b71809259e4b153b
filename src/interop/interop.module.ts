import { Module } from '@nestjs/common';
import { FinanceModule } from '../finance';
import { TendersModule } from '../tenders';
import { OcdsController } from './ocds.controller';
import { OcdsService } from './ocds.service';

/** Open data: the OCDS 1.1.5 export of the joint tenders (packages, records, the feed). */
@Module({
  imports: [TendersModule, FinanceModule],
  controllers: [OcdsController],
  providers: [OcdsService],
  exports: [OcdsService],
})
export class InteropModule {}
