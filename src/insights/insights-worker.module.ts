import { Module } from '@nestjs/common';
import { ScheduleWorkerModule } from '../schedule';
import { StallEscalationService } from './stall-escalation.service';
import { InsightsProcessor } from './insights.processor';
import { WeeklyDigestService } from './weekly-digest.service';

/** The worker side of insights: the stall sweep (escalation to partners' heads), the weekly digest. */
@Module({
  imports: [ScheduleWorkerModule],
  providers: [StallEscalationService, WeeklyDigestService, InsightsProcessor],
  exports: [StallEscalationService, WeeklyDigestService],
})
export class InsightsWorkerModule {}
