export {
  STALL_STEPS,
  dueForEscalation,
  measure,
  median,
  monthlyTrend,
  perPartner,
  perStep,
  waitingNow,
  workingDaysBetween,
} from './stall-stats';
export { shareWaits } from './share-waits';
export type { ShareHistory } from './share-waits';
export type {
  MeasuredWait,
  MonthlyTrendPoint,
  StallFigure,
  StallStep,
  StepWait,
} from './stall-stats';
export { InsightsModule } from './insights.module';
export { InsightsWorkerModule } from './insights-worker.module';
export { StallEscalationService, workingDaysWord } from './stall-escalation.service';
export type { StallSweepResult } from './stall-escalation.service';
export {
  WeeklyDigestService,
  casesWaiting,
  digestBody,
  digestTitle,
  isoWeekOf,
} from './weekly-digest.service';
export type { DigestResult, DigestTask } from './weekly-digest.service';
export { StallsService } from './stalls.service';
export type { PartnershipStallReport, StallReport } from './stalls.service';
