import { Body, Controller, Get, HttpCode, Param, Patch, Post, Query, Res } from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import {
  ApiAcceptedResponse,
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
import {
  AddMemberDto,
  CreatePartnershipDto,
  LeaveDto,
  MemberView,
  MembersQuery,
  PartnershipView,
  PartnershipsQuery,
  UpdatePartnershipDto,
} from './dto/partnership.dto';
import { InvitationView, MembershipRequestView } from './dto/invitation.dto';
import { InvitationsService } from './invitations.service';
import { PartnershipsService } from './partnerships.service';

@ApiTags('partnerships')
@ApiBearerAuth()
@ApiNotFoundResponse({
  description: "Unknown, or a partnership none of the user's organisations belongs to",
})
@Controller('partnerships')
export class PartnershipsController {
  constructor(
    private readonly partnerships: PartnershipsService,
    private readonly invitations: InvitationsService,
  ) {}

  @Get()
  @ApiOperation({
    summary: "Partnerships the user's organisations belong to (administrators: all)",
  })
  list(
    @CurrentActor() actor: Actor,
    @Query() q: PartnershipsQuery,
  ): Promise<Page<PartnershipView>> {
    return this.partnerships.list(actor, q);
  }

  @Post()
  @ApiOperation({
    summary: 'Create a partnership; the leader becomes its first member',
    description: 'Administrators, or a procurement officer of the leader organisation.',
  })
  @ApiCreatedResponse({ type: PartnershipView })
  @ApiForbiddenResponse({ description: 'Not an officer of the leader organisation' })
  create(
    @CurrentActor() actor: Actor,
    @Body() dto: CreatePartnershipDto,
  ): Promise<PartnershipView> {
    return this.partnerships.create(actor, dto);
  }

  @Get(':id')
  @ApiOperation({ summary: 'A partnership with its whole membership history' })
  @ApiOkResponse({ type: PartnershipView })
  get(@CurrentActor() actor: Actor, @Param('id', UuidParam) id: string): Promise<PartnershipView> {
    return this.partnerships.get(actor, id);
  }

  @Patch(':id')
  @ApiOperation({ summary: "Rename or record the framework agreement (leader's officers)" })
  @ApiOkResponse({ type: PartnershipView })
  @ApiConflictResponse({ description: 'Stale version' })
  update(
    @CurrentActor() actor: Actor,
    @Param('id', UuidParam) id: string,
    @Body() dto: UpdatePartnershipDto,
  ): Promise<PartnershipView> {
    return this.partnerships.update(actor, id, dto);
  }

  @Get(':id/members')
  @ApiOperation({ summary: 'Members on a given date (today by default)' })
  @ApiOkResponse({ type: [MemberView] })
  members(
    @CurrentActor() actor: Actor,
    @Param('id', UuidParam) id: string,
    @Query() q: MembersQuery,
  ): Promise<MemberView[]> {
    return this.partnerships.membersOn(actor, id, q.on);
  }

  @Post(':id/members')
  @ApiOperation({
    summary: "Invite an organisation to join the partnership (leader's officers)",
    description:
      'Joining needs the invited organisation’s consent: the answer is 202 with the invitation, ' +
      'which its head (or its procurement officer, when the partnership’s `invitationAcceptedBy` ' +
      'is HEAD_OR_OFFICER) accepts with `POST /invitations/:id/accept` or declines. When the ' +
      'caller gives that consent itself (its head), or is an administrator recording a membership ' +
      'decided outside the system, the membership opens at once: 201 with the partnership.',
  })
  @ApiCreatedResponse({ type: PartnershipView, description: 'Joined at once (consent given)' })
  @ApiAcceptedResponse({ type: MembershipRequestView, description: 'Invitation sent' })
  @ApiConflictResponse({ description: 'Already a member, or already invited' })
  @ApiUnprocessableEntityResponse({ description: 'joinedOn overlaps an earlier membership' })
  async addMember(
    @CurrentActor() actor: Actor,
    @Param('id', UuidParam) id: string,
    @Body() dto: AddMemberDto,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<PartnershipView | MembershipRequestView> {
    const result = await this.partnerships.addMember(actor, id, dto);
    if ('joined' in result) return this.partnerships.get(actor, id);
    reply.status(202);
    return { invitation: await this.invitations.get(actor, result.invitationId) };
  }

  @Get(':id/invitations')
  @ApiOperation({ summary: 'Invitations of the partnership, newest first (its members)' })
  @ApiOkResponse({ type: [InvitationView] })
  async invitationsOf(
    @CurrentActor() actor: Actor,
    @Param('id', UuidParam) id: string,
  ): Promise<InvitationView[]> {
    await this.partnerships.get(actor, id);
    return (await this.invitations.list(actor)).filter((i) => i.partnership.id === id);
  }

  @Post(':id/members/:organisationId/leave')
  @HttpCode(200)
  @ApiOperation({
    summary: "A partner leaves; its history stays (leader's officers)",
    description: "Withdrawing also voids the partner's shares in open tenders.",
  })
  @ApiOkResponse({ type: PartnershipView })
  @ApiUnprocessableEntityResponse({
    description: 'The leader cannot leave; leftOn before joinedOn',
  })
  leave(
    @CurrentActor() actor: Actor,
    @Param('id', UuidParam) id: string,
    @Param('organisationId', UuidParam) organisationId: string,
    @Body() dto: LeaveDto,
  ): Promise<PartnershipView> {
    return this.partnerships.leave(actor, id, organisationId, dto.leftOn);
  }
}
