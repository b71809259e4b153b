import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, IsString, IsUUID, Matches, MaxLength } from 'class-validator';
import { IsIsoDate } from '../../common/dates';
import { PageQuery } from '../../common/pagination';

export class AuditQuery extends PageQuery {
  @ApiPropertyOptional({ example: 'partnership' })
  @IsOptional()
  @Matches(/^[a-z_]{1,40}$/, {
    message: 'entityType must be a lower-case entity name such as partnership',
  })
  entityType?: string;

  @ApiPropertyOptional({ example: '6f1c2a9e-0000-4000-8000-000000000000' })
  @IsOptional()
  @IsString()
  @MaxLength(100)
  entityId?: string;

  @ApiPropertyOptional({ format: 'uuid' })
  @IsOptional()
  @IsUUID()
  partnershipId?: string;

  @ApiPropertyOptional({ format: 'uuid', description: 'Events of one tender' })
  @IsOptional()
  @IsUUID(undefined, { message: 'tenderId must be a UUID' })
  tenderId?: string;

  @ApiPropertyOptional({ format: 'uuid', description: 'Events concerning one organisation' })
  @IsOptional()
  @IsUUID(undefined, { message: 'organisationId must be a UUID' })
  organisationId?: string;

  @ApiPropertyOptional({ format: 'uuid', description: 'Events done by one user' })
  @IsOptional()
  @IsUUID(undefined, { message: 'actorUserId must be a UUID' })
  actorUserId?: string;

  @ApiPropertyOptional({ example: 'user.role_granted' })
  @IsOptional()
  @Matches(/^[a-z_]{1,40}\.[a-z_.]{1,60}$/, {
    message: 'action must be an event code such as user.role_granted',
  })
  action?: string;

  @ApiPropertyOptional({ example: '2026-12-01', description: 'From this day (Europe/Warsaw)' })
  @IsOptional()
  @IsIsoDate()
  from?: string;

  @ApiPropertyOptional({ example: '2026-12-31', description: 'Up to and including this day' })
  @IsOptional()
  @IsIsoDate()
  to?: string;

  @ApiPropertyOptional({ enum: ['asc', 'desc'], default: 'asc', description: 'By time' })
  @IsOptional()
  @IsIn(['asc', 'desc'], { message: 'order must be asc or desc' })
  order?: 'asc' | 'desc';
}

export class AuditEventView {
  @ApiProperty({ example: '42' }) id: string;
  @ApiProperty({ example: '2026-11-26T09:15:00.000Z' }) occurredAt: string;
  @ApiProperty({ nullable: true, format: 'uuid' }) actorUserId: string | null;
  @ApiProperty({ nullable: true, example: 'Anna Nowak' }) actorName: string | null;
  @ApiProperty({ nullable: true, format: 'uuid' }) organisationId: string | null;
  @ApiProperty({ example: 'partnership.member_joined' }) action: string;
  @ApiProperty({ example: 'partnership' }) entityType: string;
  @ApiProperty({ nullable: true }) entityId: string | null;
  @ApiProperty({ nullable: true, format: 'uuid' }) partnershipId: string | null;
  @ApiProperty({ nullable: true, format: 'uuid' }) tenderId: string | null;
  @ApiProperty({ example: { organisationId: '…', joinedOn: '2026-01-01' } }) data: Record<
    string,
    unknown
  >;
  @ApiProperty({ nullable: true, example: '0b6c…' }) requestId: string | null;
}
