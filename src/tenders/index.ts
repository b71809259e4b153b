export { STEP_ROLE, pendingStep } from './share-chain';
export type { ShareStatus } from './share-chain';
export { thresholdsOn } from './regime/thresholds';
export type { SettlementModel, TenderStatus } from './tender-state';
export { Tender } from './tender.entity';
export { Lot } from './lot.entity';
export { Share } from './share.entity';
export type { TransitionListener, PublicationDateSource } from './tender-hooks';
export {
  decideRegime,
  loadTenderGraphs,
  loadTenderGraphWithParticipants,
  participantsOf,
  regimeDate,
  tenderFacts,
} from './tender-graph';
export { seedDemoTenders } from './demo-tenders';
export { TenderHooks } from './tender-hooks';
export type { TransitionGuard } from './tender-hooks';
export { TendersService } from './tenders.service';
export { TendersModule } from './tenders.module';
export {
  AddLotDto,
  ApproveShareDto,
  CreateShareDto,
  CreateTenderDto,
  LotInput,
  RequestChangeDto,
  TendersQuery,
  TransitionDto,
  UpdateShareDto,
  UpdateTenderDto,
  WithdrawShareDto,
} from './dto/tender.dto';
export type { LotView, ShareView, TenderView, TransitionCheckView } from './dto/tender-view.dto';
export { budgetClassificationProblem } from './share-chain';
export { ShareReviewService } from './share-review.service';
export type { ShareReview } from './share-review.service';
export { SharesService } from './shares.service';
export { ShareWithdrawalService } from './share-withdrawal.service';
export { TenderCreationService } from './tender-creation.service';
export type { InitialShare } from './tender-creation.service';
export { PROCEDURES, SETTLEMENT_MODELS, SUBJECT_KINDS } from './tender-state';
export { computeRegime } from './regime/regime';
export type { RegimeDecision } from './regime/regime';
export { TasksService } from './tasks.service';
export { TenderExportQuery } from './tender-export.query';
export { tenderIdsOfPartnership, tendersWithWaitingShares } from './waiting-shares.query';
export { confirmedShareOf } from './confirmed-share.query';
export type { TenderWithWaitingShares } from './waiting-shares.query';
export type { TenderExport } from './tender-export.query';
export { lotRows, shareRows, tenderRows } from './tender-relations';
