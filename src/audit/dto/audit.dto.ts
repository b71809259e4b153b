import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, IsString, IsUUID, Matches, MaxLength } from 'class-validator';
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
  @ApiProperty({ example: { organisationId: '…', joinedOn: '2026-01-01' } }) data: Record<
    string,
    unknown
  >;
  @ApiProperty({ nullable: true, example: '0b6c…' }) requestId: string | null;
}
