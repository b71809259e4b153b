import { Body, Controller, Get, HttpCode, Param, Patch, Post, Query } from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiConflictResponse,
  ApiCreatedResponse,
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
import type { Page } from '../common/pagination';
import { DeadlinesService } from './deadlines.service';
import {
  ApplyScheduleDto,
  CancelDeadlineDto,
  CompleteDeadlineDto,
  CreateDeadlineDto,
  DeadlineListView,
  DeadlinesQuery,
  DeadlineView,
  ScheduleProposalView,
  ScheduleQuery,
  UpdateDeadlineDto,
} from './dto/deadline.dto';
import { ScheduleService } from './schedule.service';

const MINIMUM_422 =
  'DEADLINE_BEFORE_STATUTORY_MINIMUM: an offer deadline or standstill end before the statutory ' +
  'minimum; the body names `earliest` (YYYY-MM-DD) and `basis` (the article). ' +
  'DEADLINE_MINIMUM_UNKNOWN: the publication day is unknown (give countedFrom).';

@ApiTags('schedule')
@ApiBearerAuth()
@ApiNotFoundResponse({ description: 'Unknown, or the tender is not visible to you' })
@Controller()
export class DeadlinesController {
  constructor(
    private readonly deadlines: DeadlinesService,
    private readonly schedule: ScheduleService,
  ) {}

  @Get('tenders/:id/deadlines')
  @ApiOperation({ summary: "A tender's deadlines by due time (everyone who sees the tender)" })
  list(
    @CurrentActor() actor: Actor,
    @Param('id', UuidParam) id: string,
    @Query() q: DeadlinesQuery,
  ): Promise<Page<DeadlineView>> {
    return this.deadlines.list(actor, id, q);
  }

  @Post('tenders/:id/deadlines')
  @ApiOperation({
    summary: "Add a deadline (the leader's procurement officers)",
    description:
      'Reminders go out 7, 3 and 1 days before and on the day at 09:00 Warsaw time unless ' +
      '`reminderOffsets` says otherwise. OFFERS and STANDSTILL_END are checked against the Pzp minimum.',
  })
  @ApiCreatedResponse({ type: DeadlineView })
  @ApiForbiddenResponse({ description: "Only the leader's procurement officers" })
  @ApiUnprocessableEntityResponse({ description: MINIMUM_422 })
  create(
    @CurrentActor() actor: Actor,
    @Param('id', UuidParam) id: string,
    @Body() dto: CreateDeadlineDto,
  ): Promise<DeadlineView> {
    return this.deadlines.create(actor, id, dto);
  }

  @Get('deadlines/:id')
  @ApiOperation({ summary: 'One deadline with its statutory minimum and upcoming reminders' })
  @ApiOkResponse({ type: DeadlineView })
  get(@CurrentActor() actor: Actor, @Param('id', UuidParam) id: string): Promise<DeadlineView> {
    return this.deadlines.get(actor, id);
  }

  @Patch('deadlines/:id')
  @ApiOperation({
    summary: 'Move or edit a deadline; send the version you edit',
    description:
      'Moving replaces its reminders. A MISSED deadline moved into the future is OPEN again.',
  })
  @ApiOkResponse({ type: DeadlineView })
  @ApiConflictResponse({ description: 'Stale version (currentVersion), or DONE / CANCELLED' })
  @ApiUnprocessableEntityResponse({ description: MINIMUM_422 })
  update(
    @CurrentActor() actor: Actor,
    @Param('id', UuidParam) id: string,
    @Body() dto: UpdateDeadlineDto,
  ): Promise<DeadlineView> {
    return this.deadlines.update(actor, id, dto);
  }

  @Post('deadlines/:id/done')
  @HttpCode(200)
  @ApiOperation({ summary: 'Record that the act was done (idempotent); its reminders stop' })
  @ApiOkResponse({ type: DeadlineView })
  @ApiConflictResponse({ description: 'Cancelled, or stale version' })
  done(
    @CurrentActor() actor: Actor,
    @Param('id', UuidParam) id: string,
    @Body() dto: CompleteDeadlineDto,
  ): Promise<DeadlineView> {
    return this.deadlines.complete(actor, id, dto);
  }

  @Post('deadlines/:id/cancel')
  @HttpCode(200)
  @ApiOperation({ summary: 'Cancel a deadline that no longer applies (with a reason)' })
  @ApiOkResponse({ type: DeadlineView })
  @ApiConflictResponse({ description: 'Already DONE or CANCELLED, or stale version' })
  cancel(
    @CurrentActor() actor: Actor,
    @Param('id', UuidParam) id: string,
    @Body() dto: CancelDeadlineDto,
  ): Promise<DeadlineView> {
    return this.deadlines.cancel(actor, id, dto);
  }

  @Get('tenders/:id/schedule/proposal')
  @ApiOperation({
    summary: 'A complete lawful schedule from the Pzp minimum time limits',
    description:
      'Each item has the statutory limit day (`minimum`), how it binds (`constraint`) and the ' +
      'legal basis. Below the national threshold the dates are suggestions (`statutory: false`).',
  })
  @ApiOkResponse({ type: ScheduleProposalView })
  @ApiUnprocessableEntityResponse({ description: 'The rules cannot produce a schedule (message)' })
  proposal(
    @CurrentActor() actor: Actor,
    @Param('id', UuidParam) id: string,
    @Query() q: ScheduleQuery,
  ): Promise<ScheduleProposalView> {
    return this.schedule.proposal(actor, id, q);
  }

  @Post('tenders/:id/schedule/apply')
  @HttpCode(200)
  @ApiOperation({
    summary: 'Create (or move) the deadlines of the proposed schedule',
    description: 'Idempotent: one deadline per kind; applying again moves them.',
  })
  @ApiOkResponse({ type: DeadlineListView })
  @ApiForbiddenResponse({ description: "Only the leader's procurement officers" })
  apply(
    @CurrentActor() actor: Actor,
    @Param('id', UuidParam) id: string,
    @Body() dto: ApplyScheduleDto,
  ): Promise<DeadlineListView> {
    return this.schedule.apply(actor, id, dto);
  }
}
