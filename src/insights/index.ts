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
export { StallsService } from './stalls.service';
export type { StallReport } from './stalls.service';
