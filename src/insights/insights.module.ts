import { Module } from '@nestjs/common';
import { PartnershipsModule } from '../partnerships';
import { ScheduleModule } from '../schedule';
import { TendersModule } from '../tenders';
import { StallsController } from './stalls.controller';
import { StallsService } from './stalls.service';

/** Insights into the joint procurement: where decisions stall (issue #14). */
@Module({
  imports: [TendersModule, ScheduleModule, PartnershipsModule],
  controllers: [StallsController],
  providers: [StallsService],
  exports: [StallsService],
})
export class InsightsModule {}
