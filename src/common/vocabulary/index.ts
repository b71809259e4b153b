export { PROCEDURES, REGIMES, SETTLEMENT_MODELS, SUBJECT_KINDS } from './procurement';
export type { Procedure, Regime, SettlementModel, SubjectKind } from './procurement';
export { NOTIFICATION_KINDS } from './notifications';
export type { NotificationKind } from './notifications';
export { lotTitleWithoutNumber } from './lot-title';
