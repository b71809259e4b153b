import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ArrayUnique, IsArray, IsBoolean, IsIn, IsOptional } from 'class-validator';
import { NOTIFICATION_KINDS } from '../common/vocabulary';
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
  @ApiProperty({ nullable: true, example: '/udzialy/6f1c…' }) link: string | null;
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

  @ApiPropertyOptional({
    enum: NOTIFICATION_KINDS,
    isArray: true,
    example: ['deadline.reminder'],
    description:
      'Kinds of notification sent without an e-mail copy (the whole list; `[]` e-mails every kind)',
  })
  @IsOptional()
  @IsArray()
  @ArrayUnique()
  @IsIn(NOTIFICATION_KINDS, { each: true })
  emailOptOutKinds?: string[];
}

export class NotificationKindPreference {
  @ApiProperty({ enum: NOTIFICATION_KINDS, example: 'deadline.reminder' }) kind: string;
  @ApiProperty({ example: false, description: 'Whether this kind is e-mailed now' })
  email: boolean;
}

export class PreferencesView {
  @ApiProperty({ example: false }) emailOptOut: boolean;
  @ApiProperty({ enum: NOTIFICATION_KINDS, isArray: true, example: ['deadline.reminder'] })
  emailOptOutKinds: string[];
  @ApiProperty({ type: [NotificationKindPreference] }) kinds: NotificationKindPreference[];
}
