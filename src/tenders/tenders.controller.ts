import { Body, Controller, Get, HttpCode, Param, Patch, Post, Query } from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiExtraModels,
  ApiConflictResponse,
  ApiCreatedResponse,
  ApiForbiddenResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
  ApiUnprocessableEntityResponse,
  getSchemaPath,
} from '@nestjs/swagger';
import type { Actor } from '../auth';
import { CurrentActor } from '../auth';
import { AuditEventView } from '../audit';
import { UuidParam } from '../common/http';
import { PageQuery, type Page } from '../common/pagination';
import {
  AddLotDto,
  CreateShareDto,
  CreateTenderDto,
  TendersQuery,
  TransitionDto,
  UpdateTenderDto,
} from './dto/tender.dto';
import {
  CreatedShareView,
  TenderSummaryView,
  TenderView,
  TransitionCheckView,
} from './dto/tender-view.dto';
import { SharesService } from './shares.service';
import { TENDER_COUNT_CAP, type TenderPage } from './tender-list.query';
import { TendersService } from './tenders.service';

@ApiTags('tenders')
@ApiBearerAuth()
@ApiNotFoundResponse({
  description: 'Unknown, or not visible to you (drafts are visible to the leader only)',
})
@Controller('tenders')
export class TendersController {
  constructor(
    private readonly tenders: TendersService,
    private readonly shares: SharesService,
  ) {}

  @Get()
  @ApiOperation({
    summary: 'Tenders you may see, filtered, sorted and paginated',
    description:
      'Pages by `limit`/`offset`, or — for long lists — by keyset: pass the `nextCursor` of a ' +
      'page as `cursor` (same `sort` and filters) for the page after it, at the cost of the first ' +
      `page however deep. \`total\` is exact up to ${TENDER_COUNT_CAP} tenders (or to the end of ` +
      'the page asked for, if later); beyond it counting stops, `total` is that bound and ' +
      '`totalIsLowerBound` is true: more than `total` tenders match.',
  })
  @ApiOkResponse({
    schema: {
      type: 'object',
      properties: {
        items: { type: 'array', items: { $ref: getSchemaPath(TenderSummaryView) } },
        total: { type: 'integer', example: 1000 },
        totalIsLowerBound: {
          type: 'boolean',
          example: true,
          description: `true: more than \`total\` tenders match (counting stops at ${TENDER_COUNT_CAP})`,
        },
        limit: { type: 'integer', example: 20 },
        offset: { type: 'integer', example: 0 },
        nextCursor: {
          type: 'string',
          nullable: true,
          example: 'WyItY3JlYXRlZEF0IiwiMjAyNi0xMS0yNiAwOTowMDowMCswMCIsIjk1…',
          description: 'Pass as `cursor` for the next page; null on the last page',
        },
      },
    },
  })
  @ApiExtraModels(TenderSummaryView)
  list(@CurrentActor() actor: Actor, @Query() q: TendersQuery): Promise<TenderPage> {
    return this.tenders.list(actor, q);
  }

  @Post()
  @ApiOperation({
    summary: "Create a joint tender (the leader's procurement officers)",
    description: 'Starts as DRAFT, visible to the leader only.',
  })
  @ApiCreatedResponse({ type: TenderView })
  @ApiConflictResponse({ description: 'The reference is already used by the leader' })
  create(@CurrentActor() actor: Actor, @Body() dto: CreateTenderDto): Promise<TenderView> {
    return this.tenders.create(actor, dto);
  }

  @Get(':id')
  @ApiOperation({
    summary:
      'A tender with lots, shares and their approval trail, totals, regime and your allowed actions',
  })
  @ApiOkResponse({ type: TenderView })
  get(@CurrentActor() actor: Actor, @Param('id', UuidParam) id: string): Promise<TenderView> {
    return this.tenders.get(actor, id);
  }

  @Patch(':id')
  @ApiOperation({ summary: 'Edit a tender before publication; send the version you edit' })
  @ApiOkResponse({ type: TenderView })
  @ApiConflictResponse({
    description: 'Stale version (body has currentVersion), reference taken, or no longer editable',
  })
  update(
    @CurrentActor() actor: Actor,
    @Param('id', UuidParam) id: string,
    @Body() dto: UpdateTenderDto,
  ): Promise<TenderView> {
    return this.tenders.update(actor, id, dto);
  }

  @Post(':id/lots')
  @ApiOperation({ summary: 'Add a lot (część zamówienia)' })
  @ApiCreatedResponse({ type: TenderView })
  addLot(
    @CurrentActor() actor: Actor,
    @Param('id', UuidParam) id: string,
    @Body() dto: AddLotDto,
  ): Promise<TenderView> {
    return this.tenders.addLot(actor, id, dto);
  }

  @Get(':id/transitions')
  @ApiOperation({
    summary: 'Transitions open now and what blocks each',
    description:
      'For the leader’s officers: every status the tender may move to from the current one, with the conditions missing now — the same ones `POST /tenders/:id/transition` checks (lifecycle, documents, procedure, finance). A cancellation also needs a reason in its body.',
  })
  @ApiOkResponse({ type: [TransitionCheckView] })
  transitions(
    @CurrentActor() actor: Actor,
    @Param('id', UuidParam) id: string,
  ): Promise<TransitionCheckView[]> {
    return this.tenders.transitionChecks(actor, id);
  }

  @Post(':id/transition')
  @HttpCode(200)
  @ApiOperation({
    summary: 'Move the tender through its lifecycle',
    description:
      'DRAFT → COLLECTING_SHARES → READY → PUBLISHED → OFFERS_OPENED → AWARDED (with awards per lot) → CONTRACTED → SETTLED; CANCELLED (with reason) before CONTRACTED.',
  })
  @ApiOkResponse({ type: TenderView })
  @ApiConflictResponse({ description: 'Illegal from the current status, or stale version' })
  @ApiUnprocessableEntityResponse({ description: 'A condition is missing; `missing` lists them' })
  transition(
    @CurrentActor() actor: Actor,
    @Param('id', UuidParam) id: string,
    @Body() dto: TransitionDto,
  ): Promise<TenderView> {
    return this.tenders.transition(actor, id, dto);
  }

  @Post(':id/shares')
  @ApiOperation({
    summary:
      "Propose a partner's share (leader's officers) or declare your own organisation's need (coordinator, while collecting)",
  })
  @ApiCreatedResponse({
    type: CreatedShareView,
    description: 'The share created, with `tender`: the tender’s summary after the change',
  })
  @ApiForbiddenResponse({
    description: 'Not the leader’s officer nor the coordinator of that organisation',
  })
  @ApiConflictResponse({ description: 'The organisation already has a share in that lot' })
  propose(
    @CurrentActor() actor: Actor,
    @Param('id', UuidParam) id: string,
    @Body() dto: CreateShareDto,
  ): Promise<CreatedShareView> {
    return this.shares.propose(actor, id, dto);
  }

  @Get(':id/history')
  @ApiOperation({ summary: "The tender's timeline from the audit trail" })
  history(
    @CurrentActor() actor: Actor,
    @Param('id', UuidParam) id: string,
    @Query() q: PageQuery,
  ): Promise<Page<AuditEventView>> {
    return this.tenders.history(actor, id, q);
  }
}
