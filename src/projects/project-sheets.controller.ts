import { Body, Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiBody,
  ApiConflictResponse,
  ApiCreatedResponse,
  ApiForbiddenResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
  ApiUnprocessableEntityResponse,
} from '@nestjs/swagger';
import { CurrentActor, type Actor } from '../auth';
import { UuidParam } from '../common/http';
import {
  ConvertSheetDto,
  CreateProjectSheetDto,
  ProjectSheetPage,
  ProjectSheetView,
  ProjectSheetsQuery,
  RecordInterestDto,
  WithdrawInterestDto,
} from './dto/project-sheet.dto';
import { MIN_INTERESTED_PARTNERS, ProjectSheetsService } from './project-sheets.service';

const NOT_VISIBLE = 'Unknown sheet, or its partnership not yours to see';

@ApiTags('project-sheets')
@ApiBearerAuth()
@Controller('project-sheets')
export class ProjectSheetsController {
  constructor(private readonly sheets: ProjectSheetsService) {}

  @Get()
  @ApiOperation({
    summary: 'Project sheets (fiszki projektów) of the partnerships you see, newest first',
    description:
      'Filter by `partnershipId`, or by `tenderId` to find the sheet a tender came from.',
  })
  @ApiOkResponse({ type: ProjectSheetPage })
  list(@CurrentActor() actor: Actor, @Query() q: ProjectSheetsQuery): Promise<ProjectSheetPage> {
    return this.sheets.list(actor, q);
  }

  @Post()
  @ApiOperation({
    summary: 'Write a project sheet',
    description:
      "A member's coordinator or the leader's procurement officer. The concerned partners are " +
      'active members of the partnership (or its leader). Audit event `project_sheet.created`.',
  })
  @ApiBody({
    type: CreateProjectSheetDto,
    examples: {
      energia: {
        value: {
          partnershipId: '6f1c2a40-5b7e-4c1d-9a55-0d3c1e9b7a10',
          title: 'Wspólny zakup energii elektrycznej na lata 2028–2029',
          need: 'Umowy na dostawę energii wygasają w grudniu 2027; wspólny zakup obniży cenę.',
          subjectKind: 'SUPPLIES',
          cpvMain: '09310000-5',
          estimatedValueNet: '1200000.00',
          partnerIds: ['0b7f5c1e-2d3a-4e5f-8a9b-1c2d3e4f5a6b'],
          plannedAnnouncementMonth: '2027-09',
          plannedStartOn: '2028-01-01',
        },
      },
    },
  })
  @ApiCreatedResponse({ type: ProjectSheetView })
  @ApiForbiddenResponse({ description: "Neither a member's coordinator nor the leader's officer" })
  @ApiNotFoundResponse({ description: 'Unknown partnership, or not yours to see' })
  @ApiUnprocessableEntityResponse({
    description: 'A partner that is not an active member (errors[].field = partnerIds)',
  })
  create(
    @CurrentActor() actor: Actor,
    @Body() dto: CreateProjectSheetDto,
  ): Promise<ProjectSheetView> {
    return this.sheets.create(actor, dto);
  }

  @Get(':id')
  @ApiOperation({
    summary: 'A project sheet with each partner’s interest and its trail',
    description: 'Who sees the partnership (404 otherwise).',
  })
  @ApiOkResponse({ type: ProjectSheetView })
  @ApiNotFoundResponse({ description: NOT_VISIBLE })
  get(@CurrentActor() actor: Actor, @Param('id', UuidParam) id: string): Promise<ProjectSheetView> {
    return this.sheets.get(actor, id);
  }

  @Post(':id/interests/:organisationId')
  @HttpCode(200)
  @ApiOperation({
    summary: 'Record (or change) a partner’s preliminary interest',
    description:
      "The partner's coordinator, while the sheet is open. Optionally the head's preliminary oral " +
      'consent (wstępna zgoda szefa) with its day and who gave it. Each call is a new version; ' +
      'audit events `project_sheet.interest_declared` / `project_sheet.interest_changed`.',
  })
  @ApiBody({
    type: RecordInterestDto,
    examples: {
      zgoda: {
        value: {
          amountNet: '350000.00',
          headConsentOn: '2026-11-20',
          headName: 'Wójt Jan Kowalski',
        },
      },
    },
  })
  @ApiOkResponse({ type: ProjectSheetView })
  @ApiForbiddenResponse({ description: "Not the partner's coordinator" })
  @ApiNotFoundResponse({ description: `${NOT_VISIBLE}; or the partner is not concerned` })
  @ApiConflictResponse({ description: 'The sheet is already a tender' })
  @ApiUnprocessableEntityResponse({
    description: 'headConsentOn in the future, or missing while headName is given',
  })
  recordInterest(
    @CurrentActor() actor: Actor,
    @Param('id', UuidParam) id: string,
    @Param('organisationId', UuidParam) organisationId: string,
    @Body() dto: RecordInterestDto,
  ): Promise<ProjectSheetView> {
    return this.sheets.recordInterest(actor, id, organisationId, dto);
  }

  @Post(':id/interests/:organisationId/withdraw')
  @HttpCode(200)
  @ApiOperation({
    summary: 'Withdraw a partner’s interest (a new version; the trail is kept)',
    description: "The partner's coordinator. Audit event `project_sheet.interest_withdrawn`.",
  })
  @ApiBody({
    type: WithdrawInterestDto,
    examples: { rada: { value: { note: 'Rada gminy nie zabezpieczy środków w budżecie.' } } },
  })
  @ApiOkResponse({ type: ProjectSheetView })
  @ApiForbiddenResponse({ description: "Not the partner's coordinator" })
  @ApiNotFoundResponse({ description: `${NOT_VISIBLE}; or the partner is not concerned` })
  @ApiConflictResponse({ description: 'No interest to withdraw, or the sheet is already a tender' })
  withdrawInterest(
    @CurrentActor() actor: Actor,
    @Param('id', UuidParam) id: string,
    @Param('organisationId', UuidParam) organisationId: string,
    @Body() dto: WithdrawInterestDto,
  ): Promise<ProjectSheetView> {
    return this.sheets.withdrawInterest(actor, id, organisationId, dto);
  }

  @Post(':id/tender')
  @ApiOperation({
    summary: 'Turn the sheet into a tender DRAFT',
    description:
      "The leader's procurement officer, once at least " +
      `${MIN_INTERESTED_PARTNERS} partners declared interest. One transaction: the tender with ` +
      'one lot (or one per partner) and a proposed share per interested partner, the link from ' +
      'the sheet, and the audit event `project_sheet.converted` in the tender history.',
  })
  @ApiBody({
    type: ConvertSheetDto,
    examples: {
      jednaCzesc: {
        value: {
          reference: 'ZP.271.3.2027',
          procedure: 'BASIC',
          settlementModel: 'SEPARATE_CONTRACTS',
          lots: 'SINGLE',
          vatRate: 23,
        },
      },
    },
  })
  @ApiCreatedResponse({ type: ProjectSheetView })
  @ApiForbiddenResponse({ description: "Not the leader's procurement officer" })
  @ApiNotFoundResponse({ description: NOT_VISIBLE })
  @ApiConflictResponse({
    description: 'Already a tender, not enough interest, or the reference is taken',
  })
  convert(
    @CurrentActor() actor: Actor,
    @Param('id', UuidParam) id: string,
    @Body() dto: ConvertSheetDto,
  ): Promise<ProjectSheetView> {
    return this.sheets.convert(actor, id, dto);
  }
}
