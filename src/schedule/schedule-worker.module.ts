import { Module } from '@nestjs/common';
import { Clock, SystemClock } from './clock';
import { RemindersProcessor } from './reminders.processor';
import { RemindersService } from './reminders.service';

/** The worker side of the schedule: reminders and the overdue sweep. */
@Module({
  providers: [{ provide: Clock, useClass: SystemClock }, RemindersService, RemindersProcessor],
  exports: [RemindersService],
})
export class ScheduleWorkerModule {}
