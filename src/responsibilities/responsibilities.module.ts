import { Module } from '@nestjs/common';
import { ScheduleModule } from '../schedule';
import { TendersModule } from '../tenders';
import { ResponsibilityTasksController } from './tasks.controller';
import { ResponsibilityTasksService } from './tasks.service';

/** The responsibility matrix of a tender: who does what by when (issue #14). */
@Module({
  imports: [TendersModule, ScheduleModule],
  controllers: [ResponsibilityTasksController],
  providers: [ResponsibilityTasksService],
  exports: [ResponsibilityTasksService],
})
export class ResponsibilitiesModule {}
