import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { REGIMES } from '../regime/regime-values';
import { SHARE_STATUSES, STEPS } from '../share-chain';
import { PROCEDURES, SETTLEMENT_MODELS, SUBJECT_KINDS, TENDER_STATUSES } from '../tender-state';

export class ApprovalView {
  @ApiProperty({ enum: STEPS, example: 'TREASURER' }) step: string;
  @ApiProperty({ enum: ['APPROVED', 'CHANGE_REQUESTED'], example: 'APPROVED' }) decision: string;
  @ApiProperty({ format: 'uuid' }) userId: string;
  @ApiProperty({ example: 'Barbara Zając' }) userName: string;
  @ApiProperty({ example: 'TREASURER' }) role: string;
  @ApiProperty({ nullable: true, example: 'Środki zabezpieczone w budżecie 2027' }) comment:
    string | null;
  @ApiProperty({ example: '250000.00' }) amountNet: string;
  @ApiProperty({ nullable: true, example: '600/60016/4270' }) budgetClassification: string | null;
  @ApiProperty({ example: '2026-11-26T10:15:00.000Z' }) decidedAt: string;
  @ApiProperty({ example: false, description: 'Voided by a later change of the amount' })
  void: boolean;
}

export class ShareView {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'uuid' }) lotId: string;
  @ApiProperty({ format: 'uuid' }) organisationId: string;
  @ApiProperty({ example: 'Gmina Liszki' }) organisationName: string;
  @ApiProperty({ example: '250000.00' }) amountNet: string;
  @ApiProperty({ example: '307500.00' }) amountGross: string;
  @ApiProperty({ enum: SHARE_STATUSES, example: 'COORDINATOR_ACCEPTED' }) status: string;
  @ApiProperty({
    enum: [...STEPS, null],
    nullable: true,
    example: 'TREASURER',
    description: 'The step the share waits for',
  })
  pendingStep: string | null;
  @ApiProperty({ example: 2 }) version: number;
  @ApiProperty({ nullable: true, example: '600/60016/4270' }) budgetClassification: string | null;
  @ApiProperty({ nullable: true, example: null }) wpfReference: string | null;
  @ApiProperty({ type: [ApprovalView] }) approvals: ApprovalView[];
  @ApiProperty({
    example: ['approve', 'requestChange'],
    description: 'What the current user may do with this share now',
  })
  allowedActions: string[];
}

export class LotView {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ example: 1 }) number: number;
  @ApiProperty({ example: 'Część 1: drogi gminne' }) title: string;
  @ApiProperty({ example: 23 }) vatRate: number;
  @ApiProperty({ example: '850000.00' }) valueNet: string;
  @ApiProperty({ example: '1045500.00' }) valueGross: string;
  @ApiPropertyOptional({ nullable: true, example: null }) award: {
    contractorName: string;
    contractorNip: string;
    amountNet: string;
  } | null;
  @ApiProperty({ type: [ShareView] }) shares: ShareView[];
}

export class TenderSummaryView {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'uuid' }) partnershipId: string;
  @ApiProperty({ format: 'uuid' }) leaderOrganisationId: string;
  @ApiProperty({ example: 'ZP.271.12.2026' }) reference: string;
  @ApiProperty({ example: 'Przebudowa dróg gminnych' }) title: string;
  @ApiProperty({ enum: TENDER_STATUSES }) status: string;
  @ApiProperty({ example: 1 }) version: number;
  @ApiProperty({ enum: SUBJECT_KINDS }) subjectKind: string;
  @ApiProperty({ example: '45233140-2' }) cpvMain: string;
  @ApiProperty({ enum: PROCEDURES }) procedure: string;
  @ApiProperty({ enum: SETTLEMENT_MODELS }) settlementModel: string;
  @ApiProperty({ enum: REGIMES }) regime: string;
  @ApiProperty({ example: '1250000.00' }) valueNet: string;
  @ApiProperty({ example: '1537500.00' }) valueGross: string;
  @ApiProperty({ nullable: true, example: '2026-12-18T14:00:00.000Z' }) shareDeadline:
    string | null;
  @ApiProperty({ example: '2026-11-26T09:00:00.000Z' }) createdAt: string;
}

export class RegimeView {
  @ApiProperty({ enum: REGIMES, example: 'NATIONAL' }) regime: string;
  @ApiProperty({ example: '170000.00', description: 'The threshold that decided the regime' })
  thresholdNet: string;
  @ApiProperty({ example: '170000.00' }) nationalThresholdNet: string;
  @ApiProperty({ example: '930960.00' }) euThresholdNet: string;
  @ApiProperty({ example: '2026-01-01' }) thresholdsValidFrom: string;
  @ApiProperty({ example: 'Wartość zamówienia … netto …' }) basis: string;
}

export class TenderView extends TenderSummaryView {
  @ApiProperty({ nullable: true }) description: string | null;
  @ApiProperty({ type: [String], example: ['45233142-6'] }) cpvAdditional: string[];
  @ApiProperty({
    nullable: true,
    example: 'Roboty w zakresie nawierzchni dróg',
    description: 'The Polish name of cpvMain (null until the officer gives it)',
  })
  cpvMainName: string | null;
  @ApiProperty({
    type: [String],
    example: ['Roboty w zakresie naprawy dróg'],
    description: 'The Polish names of cpvAdditional in its order (null where not given yet)',
  })
  cpvAdditionalNames: (string | null)[];
  @ApiProperty({ nullable: true, example: '2027-01-11' }) plannedStartOn: string | null;
  @ApiProperty({ nullable: true, example: null }) publishedOn: string | null;
  @ApiProperty({ nullable: true, example: null }) cancelReason: string | null;
  @ApiProperty({ type: RegimeView }) regimeDecision: RegimeView;
  @ApiProperty({ type: [LotView] }) lots: LotView[];
  @ApiProperty({
    example: [
      'update',
      'addLot',
      'proposeShare',
      'transition:COLLECTING_SHARES',
      'transition:CANCELLED',
    ],
    description: 'What the current user may do with the tender now',
  })
  allowedActions: string[];
}

export class TaskView {
  @ApiProperty({
    enum: [
      'SHARE_AWAITING_STEP',
      'SHARE_CHANGE_REQUESTED',
      'TENDER_READY_TO_PUBLISH',
      'RESPONSIBILITY_TASK',
    ],
  })
  kind: string;
  @ApiPropertyOptional({
    format: 'uuid',
    nullable: true,
    description: 'RESPONSIBILITY_TASK: the task of the matrix (`step` holds its title)',
  })
  taskId: string | null;
  @ApiProperty({ format: 'uuid' }) tenderId: string;
  @ApiProperty({ example: 'ZP.271.12.2026' }) tenderReference: string;
  @ApiProperty({ example: 'Przebudowa dróg gminnych' }) tenderTitle: string;
  @ApiPropertyOptional({ format: 'uuid', nullable: true }) shareId: string | null;
  @ApiPropertyOptional({ nullable: true, example: 'Gmina Liszki' }) organisationName: string | null;
  @ApiPropertyOptional({ nullable: true, example: 1, description: 'The lot of the share' })
  lotNumber: number | null;
  @ApiPropertyOptional({ nullable: true, example: 'TREASURER' }) step: string | null;
  @ApiPropertyOptional({ nullable: true, example: '250000.00' }) amountNet: string | null;
  @ApiPropertyOptional({
    nullable: true,
    example: '2026-12-18T14:00:00.000Z',
    description: 'The deadline to act by',
  })
  deadline: string | null;
  @ApiProperty({ example: '2026-11-26T10:00:00.000Z', description: 'Waiting since' }) since: string;
}

/** One transition open from the current status and what blocks it now (GET /tenders/:id/transitions). */
export class TransitionCheckView {
  @ApiProperty({ enum: TENDER_STATUSES, example: 'PUBLISHED' }) to: string;
  @ApiProperty({ example: false, description: 'No condition is missing now' }) allowed: boolean;
  @ApiProperty({
    example: false,
    description: 'Needs `reason` in the transition body (cancellation)',
  })
  needsReason: boolean;
  @ApiProperty({
    type: [String],
    example: [
      'AGREEMENT_REQUIRED: a READY joint procurement agreement (document kind AGREEMENT) is required before publication',
    ],
    description: 'The same conditions POST /tenders/:id/transition answers 422 with',
  })
  missing: string[];
}

/**
 * What share actions answer: `POST /tenders/:id/shares` the share it created (API.md), and the
 * decisions and changes on a share (`PATCH /shares/:id`, `/approve`, `/request-change`,
 * `/withdraw`) the share after the change — each with the tender's summary (version, status,
 * totals, regime), not the whole tender.
 */
export class ShareActionView extends ShareView {
  @ApiProperty({
    type: () => TenderSummaryView,
    description: 'The tender after the change: its version, status, new totals and regime',
  })
  tender: TenderSummaryView;
}

/** The answer of `POST /tenders/:id/shares` (the same shape as every share action). */
export class CreatedShareView extends ShareActionView {}
