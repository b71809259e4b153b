export { Clock } from './clock';
export { DeadlineWriter } from './deadline-writer.service';
export { ScheduleWorkerModule } from './schedule-worker.module';
export { ScheduleModule } from './schedule.module';
export { CalendarService } from './calendar.service';
export {
  ApplyScheduleDto,
  DeadlinesQuery,
  ScheduleQuery,
  UpdateDeadlineDto,
} from './dto/deadline.dto';
export type { DeadlineView, ScheduleProposalView } from './dto/deadline.dto';
export { ScheduleService } from './schedule.service';
export { KIND_LABEL_PL } from './deadline-kinds';
export { DeadlinesService } from './deadlines.service';
export {
  OFFER_VALIDITY_RULES,
  offerValidity,
  offerValidityExtensionProblem,
} from './rules/pzp-time-limits';
import './finance-record-relations';
export { deadlineRows } from './deadline-relations';
