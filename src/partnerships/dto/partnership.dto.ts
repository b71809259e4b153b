import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import {
  IsIn,
  IsInt,
  IsOptional,
  IsString,
  IsUUID,
  Max,
  MaxLength,
  Min,
  MinLength,
} from 'class-validator';
import { IsIsoDate } from '../../common/dates';
import { PageQuery } from '../../common/pagination';
import { INVITATION_ACCEPTORS, type InvitationAcceptor } from '../partnership.entity';

export class CreatePartnershipDto {
  @ApiProperty({ example: 'Razem Blisko Krakowa' })
  @IsString()
  @MinLength(3)
  @MaxLength(200)
  name: string;

  @ApiProperty({
    format: 'uuid',
    description: 'The organisation that conducts joint procedures (lider)',
  })
  @IsUUID(undefined, { message: 'leaderOrganisationId must be a UUID' })
  leaderOrganisationId: string;

  @ApiPropertyOptional({ example: 'RBK.031.1.2026' })
  @IsOptional()
  @IsString()
  @MaxLength(100)
  agreementReference?: string;

  @ApiPropertyOptional({
    example: '2026-01-15',
    description: 'Also the date the leader joins; today when omitted',
  })
  @IsOptional()
  @IsIsoDate()
  agreementSignedOn?: string;
}

export class UpdatePartnershipDto {
  @ApiProperty({ example: 1 })
  @IsInt()
  @Min(1)
  version: number;

  @ApiPropertyOptional({ example: 'Razem Blisko Krakowa' })
  @IsOptional()
  @IsString()
  @MinLength(3)
  @MaxLength(200)
  name?: string;

  @ApiPropertyOptional({ example: 'RBK.031.1.2026' })
  @IsOptional()
  @IsString()
  @MaxLength(100)
  agreementReference?: string;

  @ApiPropertyOptional({ example: '2026-01-15' })
  @IsOptional()
  @IsIsoDate()
  agreementSignedOn?: string;

  @ApiPropertyOptional({
    enum: INVITATION_ACCEPTORS,
    example: 'HEAD_OR_OFFICER',
    description:
      'Who answers an invitation for the invited organisation: its head (default), or its head or procurement officer',
  })
  @IsOptional()
  @IsIn([...INVITATION_ACCEPTORS], {
    message: `invitationAcceptedBy must be one of ${INVITATION_ACCEPTORS.join(', ')}`,
  })
  invitationAcceptedBy?: InvitationAcceptor;

  @ApiPropertyOptional({
    example: 5,
    minimum: 1,
    maximum: 60,
    description:
      "After how many Polish working days at one step of a share's chain (coordinator, treasurer, head, change requested) the partner's head is notified; default 5",
  })
  @IsOptional()
  @IsInt({ message: 'stallEscalationWorkingDays must be a whole number of working days' })
  @Min(1, { message: 'stallEscalationWorkingDays must be at least 1 working day' })
  @Max(60, { message: 'stallEscalationWorkingDays must be at most 60 working days' })
  stallEscalationWorkingDays?: number;
}

export class AddMemberDto {
  @ApiProperty({ format: 'uuid' })
  @IsUUID(undefined, { message: 'organisationId must be a UUID' })
  organisationId: string;

  @ApiProperty({ example: '2026-03-01' })
  @IsIsoDate()
  joinedOn: string;
}

export class LeaveDto {
  @ApiProperty({ example: '2026-12-31', description: 'Last day of membership' })
  @IsIsoDate()
  leftOn: string;
}

export class MembersQuery {
  @ApiPropertyOptional({
    example: '2026-06-30',
    description: 'Members on this date; today when omitted',
  })
  @IsOptional()
  @IsIsoDate()
  on?: string;
}

export class PartnershipsQuery extends PageQuery {
  @ApiPropertyOptional({ example: 'Krakowa' })
  @IsOptional()
  @IsString()
  @MaxLength(100)
  q?: string;
}

export class OrganisationRef {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ example: 'Gmina Liszki' }) name: string;
}

export class MemberView {
  @ApiProperty({ type: OrganisationRef }) organisation: OrganisationRef;
  @ApiProperty({ example: '2026-01-15' }) joinedOn: string;
  @ApiProperty({ nullable: true, example: null }) leftOn: string | null;
  @ApiProperty({ nullable: true, example: null, description: 'Who recorded the leave' })
  leftDecidedBy: string | null;
  @ApiProperty({ example: true, description: 'Whether the membership is in force today' })
  active: boolean;
}

export class PartnershipView {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ example: 'Razem Blisko Krakowa' }) name: string;
  @ApiProperty({ type: OrganisationRef }) leader: OrganisationRef;
  @ApiProperty({ nullable: true, example: 'RBK.031.1.2026' }) agreementReference: string | null;
  @ApiProperty({ nullable: true, example: '2026-01-15' }) agreementSignedOn: string | null;
  @ApiProperty({ enum: INVITATION_ACCEPTORS, example: 'HEAD' })
  invitationAcceptedBy: InvitationAcceptor;
  @ApiProperty({
    example: 5,
    description:
      "Working days at one step of a share's chain before the partner's head is notified",
  })
  stallEscalationWorkingDays: number;
  @ApiProperty({ example: 1 }) version: number;
  @ApiProperty({ type: [MemberView], description: 'Every membership period, history included' })
  members: MemberView[];
}
