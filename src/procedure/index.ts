/** The procedure module's public face: what other modules may use. */
export { loadProcedureRecord, type ProcedureRecord } from './protocol-record';
export { ProcedureModule } from './procedure.module';
export { ProcedureService } from './procedure.service';
export { EvaluationService } from './evaluation.service';
export * from './dto/procedure.dto';
export type {
  AppealView,
  LotProcedureView,
  OfferView,
  ProcedureView,
  RankingRowView,
} from './procedure-view';
export { MEMBER_FUNCTIONS, type MemberFunction } from './committee.entity';
export { APPEAL_STATUSES } from './appeal.entity';
export { cancelledLotIds } from './protocol-record';
export { loadLotContractFacts, lotContractProblems, warsawLabel } from './lifecycle-gates';
export { lotAwardedOn } from './award-date';
