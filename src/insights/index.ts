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
export type { MeasuredWait, MonthlyTrendPoint, StallFigure, StallStep, StepWait } from './stall-stats';
