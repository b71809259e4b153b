import { Body, Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiConflictResponse,
  ApiForbiddenResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
} from '@nestjs/swagger';
import type { Actor } from '../auth';
import { CurrentActor } from '../auth';
import { UuidParam } from '../common/http';
import {
  AcceptInvitationDto,
  DeclineInvitationDto,
  InvitationView,
  InvitationsQuery,
} from './dto/invitation.dto';
import { InvitationsService } from './invitations.service';

@ApiTags('partnerships')
@ApiBearerAuth()
@ApiNotFoundResponse({
  description: 'Unknown, or an invitation neither to nor from the user’s organisations',
})
@Controller('invitations')
export class InvitationsController {
  constructor(private readonly invitations: InvitationsService) {}

  @Get()
  @ApiOperation({
    summary: 'Invitations to or from my organisations, newest first',
    description:
      'Those to my organisations (each with `mayDecide` when I may answer it) and those my ' +
      'leader organisation sent; administrators see all.',
  })
  @ApiOkResponse({ type: [InvitationView] })
  list(@CurrentActor() actor: Actor, @Query() q: InvitationsQuery): Promise<InvitationView[]> {
    return this.invitations.list(actor, q);
  }

  @Get(':id')
  @ApiOperation({ summary: 'One invitation' })
  @ApiOkResponse({ type: InvitationView })
  get(@CurrentActor() actor: Actor, @Param('id', UuidParam) id: string): Promise<InvitationView> {
    return this.invitations.get(actor, id);
  }

  @Post(':id/accept')
  @HttpCode(200)
  @ApiOperation({
    summary: "Accept: the organisation becomes a member (the invited organisation's head)",
    description:
      'The membership starts on the proposed day, or today when that has passed. Audited as ' +
      '`partnership.invitation_accepted` and `partnership.member_joined`.',
  })
  @ApiOkResponse({ type: InvitationView })
  @ApiForbiddenResponse({ description: "Not the invited organisation's head (or officer)" })
  @ApiConflictResponse({ description: 'Already answered, or a stale version' })
  accept(
    @CurrentActor() actor: Actor,
    @Param('id', UuidParam) id: string,
    @Body() dto: AcceptInvitationDto,
  ): Promise<InvitationView> {
    return this.invitations.accept(actor, id, dto);
  }

  @Post(':id/decline')
  @HttpCode(200)
  @ApiOperation({ summary: "Decline with a reason (the invited organisation's head)" })
  @ApiOkResponse({ type: InvitationView })
  @ApiForbiddenResponse({ description: "Not the invited organisation's head (or officer)" })
  @ApiConflictResponse({ description: 'Already answered, or a stale version' })
  decline(
    @CurrentActor() actor: Actor,
    @Param('id', UuidParam) id: string,
    @Body() dto: DeclineInvitationDto,
  ): Promise<InvitationView> {
    return this.invitations.decline(actor, id, dto);
  }

  @Post(':id/withdraw')
  @HttpCode(200)
  @ApiOperation({ summary: "Withdraw a pending invitation with a reason (the leader's officers)" })
  @ApiOkResponse({ type: InvitationView })
  @ApiConflictResponse({ description: 'Already answered, or a stale version' })
  withdraw(
    @CurrentActor() actor: Actor,
    @Param('id', UuidParam) id: string,
    @Body() dto: DeclineInvitationDto,
  ): Promise<InvitationView> {
    return this.invitations.withdraw(actor, id, dto);
  }
}
