import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsBoolean, IsIn, IsOptional } from 'class-validator';
import { PageQuery } from '../common/pagination';

export class NotificationsQuery extends PageQuery {
  @ApiPropertyOptional({ enum: ['true', 'false'], description: 'Only unread ones' })
  @IsOptional()
  @IsIn(['true', 'false'])
  unread?: 'true' | 'false';
}

export class NotificationView {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ example: 'share.awaiting_step' }) kind: string;
  @ApiProperty({ example: 'Udział czeka na kontrasygnatę skarbnika' }) title: string;
  @ApiProperty({ example: 'ZP.271.12.2026 — część 1: Gmina Liszki, 250 000,00 zł netto.' })
  body: string;
  @ApiProperty({ format: 'uuid', nullable: true }) tenderId: string | null;
  @ApiProperty({ nullable: true, example: 'share' }) entityType: string | null;
  @ApiProperty({ nullable: true, format: 'uuid' }) entityId: string | null;
  @ApiProperty({ nullable: true, example: '/tenders/6f1c…' }) link: string | null;
  @ApiProperty({ example: '2026-11-26T10:00:00.000Z' }) createdAt: string;
  @ApiProperty({ nullable: true, example: null }) readAt: string | null;
}

export class PreferencesDto {
  @ApiPropertyOptional({
    example: true,
    description: 'Stop e-mail copies of notifications (in-app notifications stay)',
  })
  @IsOptional()
  @IsBoolean()
  emailOptOut?: boolean;
}

export class PreferencesView {
  @ApiProperty({ example: false }) emailOptOut: boolean;
}
