export { Clock } from './clock';
export { DeadlineWriter } from './deadline-writer.service';
export { ScheduleWorkerModule } from './schedule-worker.module';
export { ScheduleModule } from './schedule.module';
export { CalendarService } from './calendar.service';
export { DeadlinesQuery } from './dto/deadline.dto';
export { KIND_LABEL_PL } from './deadline-kinds';
export { DeadlinesService } from './deadlines.service';
