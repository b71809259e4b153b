import { Module } from '@nestjs/common';
import { Clock, SystemClock } from './clock';
import { RemindersReconciler } from './reminders-reconciler.service';
import { RemindersProcessor } from './reminders.processor';
import { RemindersService } from './reminders.service';

/** The worker side of the schedule: reminders, the overdue sweep and the reminders reconciler. */
@Module({
  providers: [
    { provide: Clock, useClass: SystemClock },
    RemindersService,
    RemindersReconciler,
    RemindersProcessor,
  ],
  exports: [RemindersService, RemindersReconciler, Clock],
})
export class ScheduleWorkerModule {}
