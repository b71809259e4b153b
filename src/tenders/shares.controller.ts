import { Body, Controller, HttpCode, Param, Patch, Post } from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiConflictResponse,
  ApiForbiddenResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
} from '@nestjs/swagger';
import type { Actor } from '../auth';
import { CurrentActor } from '../auth';
import { UuidParam } from '../common/http';
import {
  ApproveShareDto,
  RequestChangeDto,
  UpdateShareDto,
  WithdrawShareDto,
} from './dto/tender.dto';
import { ShareActionView } from './dto/tender-view.dto';
import { ShareWithdrawalService } from './share-withdrawal.service';
import { SharesService } from './shares.service';

const ANSWER =
  "The share after the change, with `tender`: the tender's summary (version, status, totals, regime) — not the whole tender";

@ApiTags('shares')
@ApiBearerAuth()
@Controller('shares')
export class SharesController {
  constructor(
    private readonly shares: SharesService,
    private readonly withdrawal: ShareWithdrawalService,
  ) {}

  @Patch(':id')
  @ApiOperation({
    summary: 'Change the amount; the chain restarts at PROPOSED and earlier approvals are voided',
  })
  @ApiOkResponse({ type: ShareActionView, description: ANSWER })
  @ApiConflictResponse({ description: 'Stale version or withdrawn share' })
  update(
    @CurrentActor() actor: Actor,
    @Param('id', UuidParam) id: string,
    @Body() dto: UpdateShareDto,
  ): Promise<ShareActionView> {
    return this.shares.updateAmount(actor, id, dto);
  }

  @Post(':id/approve')
  @HttpCode(200)
  @ApiOperation({
    summary: 'Perform the step the share waits for',
    description:
      "Coordinator accepts → treasurer countersigns with `budgetClassification` (600/60016/4270) → head signs. Each step by a different person holding that role in the share's organisation.",
  })
  @ApiOkResponse({ type: ShareActionView, description: ANSWER })
  @ApiConflictResponse({ description: 'Stale version (someone approved first) or no step pending' })
  @ApiForbiddenResponse({
    description: 'Missing role in that organisation, or separation of duties',
  })
  approve(
    @CurrentActor() actor: Actor,
    @Param('id', UuidParam) id: string,
    @Body() dto: ApproveShareDto,
  ): Promise<ShareActionView> {
    return this.shares.approve(actor, id, dto);
  }

  @Post(':id/request-change')
  @HttpCode(200)
  @ApiOperation({
    summary: 'Instead of approving, ask the leader to change the share (with a reason)',
  })
  @ApiOkResponse({ type: ShareActionView, description: ANSWER })
  requestChange(
    @CurrentActor() actor: Actor,
    @Param('id', UuidParam) id: string,
    @Body() dto: RequestChangeDto,
  ): Promise<ShareActionView> {
    return this.shares.requestChange(actor, id, dto);
  }

  @Post(':id/withdraw')
  @HttpCode(200)
  @ApiOperation({
    summary: "The leader's officer withdraws the share (DRAFT or COLLECTING_SHARES), with a reason",
    description:
      'The share stays listed as WITHDRAWN with its history; its approvals are void; the value and regime are recomputed. Body example: `{"version":2,"reason":"Gmina rezygnuje z udziału w tej części"}`',
  })
  @ApiOkResponse({ type: ShareActionView, description: ANSWER })
  @ApiConflictResponse({ description: 'Stale version, already withdrawn, or the tender moved on' })
  @ApiForbiddenResponse({ description: "Not a procurement officer of the tender's leader" })
  withdraw(
    @CurrentActor() actor: Actor,
    @Param('id', UuidParam) id: string,
    @Body() dto: WithdrawShareDto,
  ): Promise<ShareActionView> {
    return this.withdrawal.withdraw(actor, id, dto);
  }
}
