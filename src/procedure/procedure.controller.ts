import { Body, Controller, Get, HttpCode, Param, Post, Put } from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiBearerAuth,
  ApiConflictResponse,
  ApiForbiddenResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
  ApiUnprocessableEntityResponse,
} from '@nestjs/swagger';
import type { Actor } from '../auth';
import { CurrentActor } from '../auth';
import { UuidParam } from '../common/http';
import {
  AppointCommitteeDto,
  ApproveDto,
  ExtendOfferValidityDto,
  CancelLotDto,
  DecideAppealDto,
  PlannedAmountDto,
  RecommendDto,
  RecordAppealDto,
  RecordNoticeDto,
  RecordOfferDto,
  RejectOfferDto,
  SetCriteriaDto,
  StatementDto,
} from './dto/procedure.dto';
import { EvaluationService } from './evaluation.service';
import { EvaluationView, ProcedureView } from './procedure-view';
import { ProcedureService } from './procedure.service';

const OFFICER = "Only the leader's procurement officers";
const STEP = 'PROCEDURE_STEP_NOT_ALLOWED (wrong tender status), PROCEDURE_VERSION_CONFLICT';

@ApiTags('procedure')
@ApiBearerAuth()
@ApiNotFoundResponse({ description: 'Unknown, or the tender is not visible to you' })
@Controller()
export class ProcedureController {
  constructor(
    private readonly procedure: ProcedureService,
    private readonly evaluation: EvaluationService,
  ) {}

  @Get('tenders/:id/procedure')
  @ApiOperation({
    summary:
      'The procedure of a tender: notices, committee, and per lot the criteria, planned amount, offers, ranking, outcome and appeals',
  })
  @ApiOkResponse({ type: ProcedureView })
  view(@CurrentActor() actor: Actor, @Param('id', UuidParam) id: string): Promise<ProcedureView> {
    return this.procedure.view(actor, id);
  }

  @Post('tenders/:id/notices')
  @HttpCode(200)
  @ApiOperation({
    summary:
      'Record a published notice (ogłoszenie) with its BZP/TED number and the e-Zamówienia ocid',
    description:
      'The contract notice is recorded while the tender is READY; PUBLISHED then counts from its day. The ocid is stored on the tender (`ocid`).',
  })
  @ApiOkResponse({ type: ProcedureView })
  @ApiBadRequestResponse({
    description: 'Invalid input (e.g. ocid without the ocds-148610- prefix)',
  })
  @ApiForbiddenResponse({ description: OFFICER })
  @ApiConflictResponse({ description: `NOTICE_EXISTS; ${STEP}` })
  @ApiUnprocessableEntityResponse({ description: 'NOTICE_IN_FUTURE, OCID_MISMATCH' })
  recordNotice(
    @CurrentActor() actor: Actor,
    @Param('id', UuidParam) id: string,
    @Body() dto: RecordNoticeDto,
  ): Promise<ProcedureView> {
    return this.procedure.recordNotice(actor, id, dto);
  }

  @Post('tenders/:id/offer-validity/extension')
  @HttpCode(200)
  @ApiOperation({
    summary: 'Record the extension of the offer validity (przedłużenie terminu związania ofertą)',
    description:
      'Once per tender, asked of the contractors before the validity ends: up to 60 days in the open procedure (art. 220 ust. 3 Pzp), up to 30 days in tryb podstawowy (art. 307 ust. 2 Pzp). The OFFER_VALIDITY deadline moves to validUntil (23:59 Europe/Warsaw); the protocol prints the extension.',
  })
  @ApiOkResponse({ type: ProcedureView })
  @ApiBadRequestResponse({
    description: 'Invalid input (dates as YYYY-MM-DD, reason of 5+ characters)',
  })
  @ApiForbiddenResponse({ description: OFFICER })
  @ApiConflictResponse({ description: `OFFER_VALIDITY_ALREADY_EXTENDED; ${STEP}` })
  @ApiUnprocessableEntityResponse({
    description:
      'OFFER_VALIDITY_NOT_SCHEDULED; OFFER_VALIDITY_EXTENSION_UNLAWFUL with errors[] (requestedOn notInFuture / beforeExpiry, validUntil afterCurrent / maxExtension)',
  })
  extendOfferValidity(
    @CurrentActor() actor: Actor,
    @Param('id', UuidParam) id: string,
    @Body() dto: ExtendOfferValidityDto,
  ): Promise<ProcedureView> {
    return this.procedure.extendOfferValidity(actor, id, dto);
  }

  @Put('lots/:lotId/criteria')
  @ApiOperation({
    summary: 'Set the evaluation criteria of a lot (as in the SWZ), until the opening',
    description:
      'Weights are whole points summing to 100; exactly one price criterion; price above 60 points only with qualityStandardsDescribed (art. 246 ust. 2 Pzp).',
  })
  @ApiOkResponse({ type: ProcedureView })
  @ApiBadRequestResponse({
    description: 'weightsSum100, onePriceCriterion, priceWeightArt246, unique …',
  })
  @ApiForbiddenResponse({ description: OFFICER })
  @ApiConflictResponse({ description: STEP })
  setCriteria(
    @CurrentActor() actor: Actor,
    @Param('lotId', UuidParam) lotId: string,
    @Body() dto: SetCriteriaDto,
  ): Promise<ProcedureView> {
    return this.procedure.setCriteria(actor, lotId, dto);
  }

  @Post('lots/:lotId/planned-amount')
  @HttpCode(200)
  @ApiOperation({
    summary:
      'Record the amount planned for financing the lot (art. 222 ust. 4 Pzp), before the opening',
    description:
      'Without amountGross: the sum of the confirmed gross shares. Another figure needs a reason.',
  })
  @ApiOkResponse({ type: ProcedureView })
  @ApiBadRequestResponse({ description: 'requiredWhenNotShares (reason)' })
  @ApiForbiddenResponse({ description: OFFICER })
  @ApiConflictResponse({ description: STEP })
  setPlannedAmount(
    @CurrentActor() actor: Actor,
    @Param('lotId', UuidParam) lotId: string,
    @Body() dto: PlannedAmountDto,
  ): Promise<ProcedureView> {
    return this.procedure.setPlannedAmount(actor, lotId, dto);
  }

  @Post('tenders/:id/committee')
  @HttpCode(200)
  @ApiOperation({
    summary:
      'Record the head’s order appointing the tender committee, with its members and the head',
  })
  @ApiOkResponse({ type: ProcedureView })
  @ApiBadRequestResponse({ description: 'oneHead, atLeastThreeMembers, oneChair' })
  @ApiForbiddenResponse({ description: OFFICER })
  @ApiConflictResponse({ description: `COMMITTEE_EXISTS; ${STEP}` })
  appoint(
    @CurrentActor() actor: Actor,
    @Param('id', UuidParam) id: string,
    @Body() dto: AppointCommitteeDto,
  ): Promise<ProcedureView> {
    return this.procedure.appointCommittee(actor, id, dto);
  }

  @Post('committee-members/:memberId/statement')
  @HttpCode(200)
  @ApiOperation({
    summary:
      'Record the art. 56 statement of a committee member or the head; a member with a conflict is excluded',
  })
  @ApiOkResponse({ type: ProcedureView })
  @ApiForbiddenResponse({ description: OFFICER })
  @ApiConflictResponse({ description: `STATEMENT_EXISTS; ${STEP}` })
  statement(
    @CurrentActor() actor: Actor,
    @Param('memberId', UuidParam) memberId: string,
    @Body() dto: StatementDto,
  ): Promise<ProcedureView> {
    return this.procedure.recordStatement(actor, memberId, dto);
  }

  @Post('lots/:lotId/offers')
  @HttpCode(201)
  @ApiOperation({
    summary:
      'Record an offer received on the e-procurement platform for the lot (after the opening)',
  })
  @ApiOkResponse({ type: ProcedureView })
  @ApiBadRequestResponse({ description: 'isNip, notBelowNet, criterionValue, criterionOfLot' })
  @ApiForbiddenResponse({ description: OFFICER })
  @ApiConflictResponse({ description: STEP })
  @ApiUnprocessableEntityResponse({ description: 'OFFER_AFTER_DEADLINE' })
  recordOffer(
    @CurrentActor() actor: Actor,
    @Param('lotId', UuidParam) lotId: string,
    @Body() dto: RecordOfferDto,
  ): Promise<ProcedureView> {
    return this.evaluation.recordOffer(actor, lotId, dto);
  }

  @Post('offers/:offerId/reject')
  @HttpCode(200)
  @ApiOperation({
    summary: 'Reject an offer with its legal basis (art. 226 ust. 1 pkt N Pzp) and reason',
  })
  @ApiOkResponse({ type: ProcedureView })
  @ApiForbiddenResponse({ description: OFFICER })
  @ApiConflictResponse({ description: `OFFER_ALREADY_REJECTED, LOT_ALREADY_DECIDED; ${STEP}` })
  reject(
    @CurrentActor() actor: Actor,
    @Param('offerId', UuidParam) offerId: string,
    @Body() dto: RejectOfferDto,
  ): Promise<ProcedureView> {
    return this.evaluation.rejectOffer(actor, offerId, dto);
  }

  @Get('lots/:lotId/evaluation')
  @ApiOperation({
    summary:
      'The ranking of the lot’s valid offers: points per criterion (two decimals), total, and the best offer',
  })
  @ApiOkResponse({ type: EvaluationView })
  evaluationOf(
    @CurrentActor() actor: Actor,
    @Param('lotId', UuidParam) lotId: string,
  ): Promise<EvaluationView> {
    return this.evaluation.evaluation(actor, lotId);
  }

  @Post('lots/:lotId/recommendation')
  @HttpCode(200)
  @ApiOperation({ summary: 'Record the committee’s recommendation of the best offer of the lot' })
  @ApiOkResponse({ type: ProcedureView })
  @ApiForbiddenResponse({ description: OFFICER })
  @ApiConflictResponse({ description: `LOT_ALREADY_DECIDED; ${STEP}` })
  @ApiUnprocessableEntityResponse({ description: 'NOT_THE_BEST_OFFER, OFFERS_TIE, NO_VALID_OFFER' })
  recommend(
    @CurrentActor() actor: Actor,
    @Param('lotId', UuidParam) lotId: string,
    @Body() dto: RecommendDto,
  ): Promise<ProcedureView> {
    return this.evaluation.recommend(actor, lotId, dto);
  }

  @Post('lots/:lotId/award/approve')
  @HttpCode(200)
  @ApiOperation({
    summary: 'The head approves the recommendation: the lot is awarded to the selected offer',
    description:
      'Sets the lot’s contractor and awarded net amount (the offer’s net price), which finance then uses.',
  })
  @ApiOkResponse({ type: ProcedureView })
  @ApiForbiddenResponse({ description: "Only the leader's head" })
  @ApiConflictResponse({ description: `LOT_NOT_RECOMMENDED; ${STEP}` })
  approve(
    @CurrentActor() actor: Actor,
    @Param('lotId', UuidParam) lotId: string,
    @Body() dto: ApproveDto,
  ): Promise<ProcedureView> {
    return this.evaluation.approve(actor, lotId, dto);
  }

  @Post('lots/:lotId/cancel')
  @HttpCode(200)
  @ApiOperation({
    summary:
      'Cancel the procedure in one lot (art. 255 pkt N Pzp) while the other lots go on; the partners’ shares are released',
  })
  @ApiOkResponse({ type: ProcedureView })
  @ApiForbiddenResponse({ description: OFFICER })
  @ApiConflictResponse({ description: `LOT_ALREADY_DECIDED; ${STEP}` })
  cancel(
    @CurrentActor() actor: Actor,
    @Param('lotId', UuidParam) lotId: string,
    @Body() dto: CancelLotDto,
  ): Promise<ProcedureView> {
    return this.evaluation.cancelLot(actor, lotId, dto);
  }

  @Post('lots/:lotId/appeals')
  @HttpCode(201)
  @ApiOperation({
    summary: 'Record an appeal to KIO concerning the lot; while pending, no contract for the lot',
  })
  @ApiOkResponse({ type: ProcedureView })
  @ApiForbiddenResponse({ description: OFFICER })
  @ApiConflictResponse({ description: STEP })
  appeal(
    @CurrentActor() actor: Actor,
    @Param('lotId', UuidParam) lotId: string,
    @Body() dto: RecordAppealDto,
  ): Promise<ProcedureView> {
    return this.evaluation.recordAppeal(actor, lotId, dto);
  }

  @Post('appeals/:appealId/decision')
  @HttpCode(200)
  @ApiOperation({
    summary: 'Record the outcome of an appeal (dismissed, upheld, withdrawn, discontinued)',
  })
  @ApiOkResponse({ type: ProcedureView })
  @ApiForbiddenResponse({ description: OFFICER })
  @ApiConflictResponse({ description: 'APPEAL_DECIDED, PROCEDURE_VERSION_CONFLICT' })
  decide(
    @CurrentActor() actor: Actor,
    @Param('appealId', UuidParam) appealId: string,
    @Body() dto: DecideAppealDto,
  ): Promise<ProcedureView> {
    return this.evaluation.decideAppeal(actor, appealId, dto);
  }
}
