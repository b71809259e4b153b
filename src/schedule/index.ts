export { Clock } from './clock';
export { DeadlineWriter } from './deadline-writer.service';
export { ScheduleWorkerModule } from './schedule-worker.module';
export { ScheduleModule } from './schedule.module';
