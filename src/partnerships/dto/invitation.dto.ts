import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsInt, IsOptional, IsString, MaxLength, Min, MinLength } from 'class-validator';
import { INVITATION_STATUSES, type InvitationStatus } from '../partnership-invitation.entity';
import { INVITATION_ACCEPTORS, type InvitationAcceptor } from '../partnership.entity';
import { OrganisationRef } from './partnership.dto';

export class AcceptInvitationDto {
  @ApiProperty({ example: 1, description: 'The version of the invitation being accepted' })
  @IsInt()
  @Min(1)
  version: number;
}

export class DeclineInvitationDto extends AcceptInvitationDto {
  @ApiProperty({
    example: 'Rada Gminy nie wyraziła zgody na przystąpienie do partnerstwa',
    description: 'Why the organisation declines (or the leader withdraws); at least 5 characters',
  })
  @IsString()
  @MinLength(5, { message: 'reason must say why (at least 5 characters)' })
  @MaxLength(2000)
  reason: string;
}

export class InvitationView {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ type: OrganisationRef }) partnership: OrganisationRef;
  @ApiProperty({ type: OrganisationRef }) leader: OrganisationRef;
  @ApiProperty({ type: OrganisationRef }) organisation: OrganisationRef;
  @ApiProperty({ example: '2027-01-01', description: 'The day the leader proposes for joining' })
  joinedOn: string;
  @ApiProperty({ enum: INVITATION_STATUSES, example: 'PENDING' }) status: InvitationStatus;
  @ApiProperty({ nullable: true, example: 'Katarzyna Wiśniewska' }) invitedByName: string | null;
  @ApiProperty({ example: '2026-12-02T09:00:00.000Z' }) invitedAt: string;
  @ApiProperty({ nullable: true, example: null }) decidedByName: string | null;
  @ApiProperty({ nullable: true, example: null }) decidedAt: string | null;
  @ApiProperty({ nullable: true, example: null }) reason: string | null;
  @ApiProperty({
    enum: INVITATION_ACCEPTORS,
    example: 'HEAD',
    description: "Who may accept: the invited organisation's head, or its head or officer",
  })
  acceptedBy: InvitationAcceptor;
  @ApiProperty({ example: false, description: 'Whether the caller may accept or decline it' })
  mayDecide: boolean;
  @ApiProperty({ example: 1 }) version: number;
}

export class MembershipRequestView {
  @ApiProperty({
    type: InvitationView,
    description:
      'The invitation sent: the organisation becomes a member only when its head (or officer, ' +
      'as the partnership says) accepts it',
  })
  invitation: InvitationView;
}

export class InvitationsQuery {
  @ApiPropertyOptional({ enum: INVITATION_STATUSES, example: 'PENDING' })
  @IsOptional()
  @IsIn([...INVITATION_STATUSES])
  status?: InvitationStatus;
}
