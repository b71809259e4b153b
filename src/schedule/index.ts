export { Clock } from './clock';
export { DeadlinesService } from './deadlines.service';
export { ScheduleWorkerModule } from './schedule-worker.module';
export { ScheduleModule } from './schedule.module';
