import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayUnique,
  IsArray,
  IsBoolean,
  IsIn,
  IsInt,
  IsISO8601,
  IsOptional,
  IsString,
  IsUUID,
  Matches,
  Max,
  MaxLength,
  Min,
  MinLength,
} from 'class-validator';
import { IsIsoDate } from '../../common/dates';
import { PageQuery } from '../../common/pagination';
import {
  DEADLINE_KINDS,
  DEADLINE_ORIGINS,
  DEADLINE_STATUSES,
  MAX_OFFSET_MINUTES,
  MAX_OFFSETS,
  type DeadlineKind,
  type DeadlineStatus,
} from '../deadline-kinds';

/** An ISO 8601 time WITH an offset: without one it would be read in the server's time zone. */
const WITH_OFFSET = /T\d{2}:\d{2}(:\d{2}(\.\d{1,3})?)?(Z|[+-]\d{2}:\d{2})$/;
const DUE_AT_MESSAGE =
  'dueAt must be an ISO 8601 date-time with an offset, e.g. 2027-01-26T10:00:00+01:00';

const toBoolean = ({ value }: { value: unknown }): unknown =>
  value === 'true' ? true : value === 'false' ? false : value;

const OFFSETS_DESCRIPTION =
  'Reminders, in minutes before dueAt. Whole days (multiples of 1440) are sent at 09:00 Warsaw ' +
  'time on that day (0 = 09:00 on the due day, or the due time if earlier); other values exactly ' +
  'that long before. Default 7, 3 and 1 days before and on the day.';

class StatutoryInputs {
  @ApiPropertyOptional({
    example: '2027-01-11',
    description:
      'The day the statutory limit counts from: publication of the notice (OFFERS; default the ' +
      "tender's publication or planned start day) or sending the award notice (STANDSTILL_END)",
  })
  @IsOptional()
  @IsIsoDate()
  countedFrom?: string;

  @ApiPropertyOptional({
    example: false,
    description: 'OFFERS above EU thresholds: justified urgency (art. 138 ust. 2 pkt 2 Pzp)',
  })
  @IsOptional()
  @IsBoolean()
  urgent?: boolean;

  @ApiPropertyOptional({
    example: false,
    description:
      'OFFERS above EU thresholds: after a prior information notice (art. 138 ust. 2 pkt 1)',
  })
  @IsOptional()
  @IsBoolean()
  priorInformationNotice?: boolean;

  @ApiPropertyOptional({
    example: true,
    description: 'STANDSTILL_END: the award notice is sent electronically (default true)',
  })
  @IsOptional()
  @IsBoolean()
  electronic?: boolean;
}

export class CreateDeadlineDto extends StatutoryInputs {
  @ApiProperty({ enum: DEADLINE_KINDS, example: 'OFFERS' })
  @IsIn(DEADLINE_KINDS, { message: `kind must be one of ${DEADLINE_KINDS.join(', ')}` })
  kind: DeadlineKind;

  @ApiProperty({ example: '2027-01-26T10:00:00+01:00' })
  @IsISO8601({ strict: true }, { message: DUE_AT_MESSAGE })
  @Matches(WITH_OFFSET, { message: DUE_AT_MESSAGE })
  dueAt: string;

  @ApiPropertyOptional({
    example: 'Termin składania ofert',
    description: 'Defaults to the Polish name of the kind; required for CUSTOM',
  })
  @IsOptional()
  @IsString()
  @MinLength(3)
  @MaxLength(300)
  title?: string;

  @ApiPropertyOptional({
    format: 'uuid',
    description: 'Who must act: the leader (default) or a partner of the tender',
  })
  @IsOptional()
  @IsUUID(undefined, { message: 'responsibleOrganisationId must be a UUID' })
  responsibleOrganisationId?: string;

  @ApiPropertyOptional({
    format: 'uuid',
    description:
      'The lot the deadline belongs to (e.g. the standstill of a lot awarded on its own): stored as subjectType "lot"; cancelling the lot cancels it, and a lot’s own STANDSTILL_END gates that lot’s contracts',
  })
  @IsOptional()
  @IsUUID(undefined, { message: 'lotId must be a UUID' })
  lotId?: string;

  @ApiPropertyOptional({
    type: [Number],
    example: [10080, 4320, 1440, 0],
    description: OFFSETS_DESCRIPTION,
  })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(MAX_OFFSETS)
  @ArrayUnique()
  @IsInt({ each: true })
  @Min(0, { each: true })
  @Max(MAX_OFFSET_MINUTES, { each: true })
  reminderOffsets?: number[];

  @ApiPropertyOptional({ example: 'Zgodnie z harmonogramem z porozumienia' })
  @IsOptional()
  @IsString()
  @MaxLength(2000)
  note?: string;
}

export class UpdateDeadlineDto extends StatutoryInputs {
  @ApiProperty({ example: 1 })
  @IsInt()
  @Min(1)
  version: number;

  @ApiPropertyOptional({ example: '2027-01-28T10:00:00+01:00' })
  @IsOptional()
  @IsISO8601({ strict: true }, { message: DUE_AT_MESSAGE })
  @Matches(WITH_OFFSET, { message: DUE_AT_MESSAGE })
  dueAt?: string;

  @ApiPropertyOptional({ example: 'Termin składania ofert (przedłużony)' })
  @IsOptional()
  @IsString()
  @MinLength(3)
  @MaxLength(300)
  title?: string;

  @ApiPropertyOptional({ format: 'uuid' })
  @IsOptional()
  @IsUUID(undefined, { message: 'responsibleOrganisationId must be a UUID' })
  responsibleOrganisationId?: string;

  @ApiPropertyOptional({
    type: [Number],
    example: [4320, 1440, 0],
    description: OFFSETS_DESCRIPTION,
  })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(MAX_OFFSETS)
  @ArrayUnique()
  @IsInt({ each: true })
  @Min(0, { each: true })
  @Max(MAX_OFFSET_MINUTES, { each: true })
  reminderOffsets?: number[];

  @ApiPropertyOptional({ example: 'Przedłużony po pytaniach wykonawców' })
  @IsOptional()
  @IsString()
  @MaxLength(2000)
  note?: string;
}

export class CompleteDeadlineDto {
  @ApiPropertyOptional({ example: 2, description: 'The version you saw; stale → 409' })
  @IsOptional()
  @IsInt()
  @Min(1)
  version?: number;

  @ApiPropertyOptional({ example: 'Wyjaśnienia opublikowane na platformie' })
  @IsOptional()
  @IsString()
  @MaxLength(2000)
  note?: string;
}

export class CancelDeadlineDto {
  @ApiProperty({ example: 2 })
  @IsInt()
  @Min(1)
  version: number;

  @ApiProperty({ example: 'Termin zbędny po zmianie harmonogramu' })
  @IsString()
  @MinLength(5, { message: 'reason must say why (at least 5 characters)' })
  @MaxLength(2000)
  reason: string;
}

export class DeadlinesQuery extends PageQuery {
  @ApiPropertyOptional({ enum: DEADLINE_STATUSES })
  @IsOptional()
  @IsIn(DEADLINE_STATUSES)
  status?: DeadlineStatus;

  @ApiPropertyOptional({ enum: DEADLINE_KINDS })
  @IsOptional()
  @IsIn(DEADLINE_KINDS)
  kind?: DeadlineKind;
}

export class TimeLimitQuery {
  @ApiProperty({ example: '2026-12-21', description: 'Day of the event (not counted)' })
  @IsIsoDate()
  from: string;

  @ApiProperty({ example: 5, minimum: 1, maximum: 3660 })
  @Type(() => Number)
  @IsInt({ message: 'days must be a whole number' })
  @Min(1)
  @Max(3660)
  days: number;
}

export class ScheduleQuery {
  @ApiProperty({
    example: '2027-01-11',
    description: 'Day the notice is published in BZP (or sent to the EU Publications Office)',
  })
  @IsIsoDate()
  publishedOn: string;

  @ApiPropertyOptional({ example: false, description: 'EU only: justified urgency' })
  @IsOptional()
  @Transform(toBoolean)
  @IsBoolean()
  urgent?: boolean;

  @ApiPropertyOptional({ example: false, description: 'EU only: prior information notice' })
  @IsOptional()
  @Transform(toBoolean)
  @IsBoolean()
  priorInformationNotice?: boolean;

  @ApiPropertyOptional({ example: true, description: 'Award notice sent electronically' })
  @IsOptional()
  @Transform(toBoolean)
  @IsBoolean()
  electronic?: boolean;

  @ApiPropertyOptional({
    example: 14,
    description: 'Days from the opening to the award notice (an estimate for the standstill)',
  })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(0)
  @Max(365)
  evaluationDays?: number;
}

export class ApplyScheduleDto {
  @ApiProperty({ example: '2027-01-11' })
  @IsIsoDate()
  publishedOn: string;

  @ApiPropertyOptional({ example: false }) @IsOptional() @IsBoolean() urgent?: boolean;
  @ApiPropertyOptional({ example: false })
  @IsOptional()
  @IsBoolean()
  priorInformationNotice?: boolean;
  @ApiPropertyOptional({ example: true }) @IsOptional() @IsBoolean() electronic?: boolean;

  @ApiPropertyOptional({ example: 14 })
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(365)
  evaluationDays?: number;

  @ApiPropertyOptional({
    type: [Number],
    example: [10080, 4320, 1440, 0],
    description: OFFSETS_DESCRIPTION,
  })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(MAX_OFFSETS)
  @ArrayUnique()
  @IsInt({ each: true })
  @Min(0, { each: true })
  @Max(MAX_OFFSET_MINUTES, { each: true })
  reminderOffsets?: number[];
}

// ---- views -------------------------------------------------------------------------------------

export class StatutoryMinimumView {
  @ApiProperty({ example: '2027-01-25', description: 'The limit day (Europe/Warsaw)' })
  on: string;

  @ApiProperty({
    enum: ['NOT_BEFORE', 'NOT_AFTER'],
    example: 'NOT_BEFORE',
    description: 'NOT_BEFORE: dueAt may not fall on an earlier day; NOT_AFTER: not on a later one',
  })
  constraint: string;

  @ApiProperty({
    example: 'art. 283 Pzp; art. 111 § 2 i art. 115 KC w zw. z art. 8 ust. 1 Pzp',
  })
  basis: string;

  @ApiProperty({ nullable: true, example: '2027-01-11' }) countedFrom: string | null;
  @ApiProperty({ example: true, description: 'Refused with 422 when breached' }) enforced: boolean;
}

export class ReminderView {
  @ApiProperty({ example: 1440 }) offsetMinutes: number;
  @ApiProperty({ example: '2027-01-25T09:00:00+01:00' }) at: string;
}

export class DeadlineView {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'uuid' }) tenderId: string;
  @ApiProperty({ enum: DEADLINE_KINDS, example: 'OFFERS' }) kind: string;
  @ApiProperty({ example: 'Termin składania ofert' }) title: string;
  @ApiProperty({ example: '2027-01-26T10:00:00+01:00', description: 'Europe/Warsaw offset' })
  dueAt: string;
  @ApiProperty({ enum: DEADLINE_STATUSES, example: 'OPEN' }) status: string;
  @ApiProperty({ type: StatutoryMinimumView, nullable: true })
  minimum: StatutoryMinimumView | null;
  @ApiProperty({ format: 'uuid', nullable: true }) responsibleOrganisationId: string | null;
  @ApiProperty({ nullable: true, example: 'Gmina Skawina' })
  responsibleOrganisationName: string | null;
  @ApiProperty({ type: [Number], example: [10080, 4320, 1440, 0] }) reminderOffsets: number[];
  @ApiProperty({ type: [ReminderView], description: 'Reminders still to be sent' })
  upcomingReminders: ReminderView[];
  @ApiProperty({ enum: DEADLINE_ORIGINS, example: 'SCHEDULE' }) origin: string;
  @ApiProperty({ nullable: true, example: null }) note: string | null;
  @ApiProperty({ nullable: true, example: null }) subjectType: string | null;
  @ApiProperty({ nullable: true, format: 'uuid', example: null }) subjectId: string | null;
  @ApiProperty({ nullable: true, example: null }) doneAt: string | null;
  @ApiProperty({ nullable: true, example: null }) doneByName: string | null;
  @ApiProperty({ nullable: true, example: null }) missedAt: string | null;
  @ApiProperty({ nullable: true, example: null }) cancelledAt: string | null;
  @ApiProperty({ nullable: true, example: null }) cancelReason: string | null;
  @ApiProperty({ example: 1 }) version: number;
  @ApiProperty({ example: '2026-11-26T10:00:00.000Z' }) updatedAt: string;
}

export class TimeLimitView {
  @ApiProperty({ example: '2026-12-21' }) from: string;
  @ApiProperty({ example: 5 }) days: number;
  @ApiProperty({ example: '2026-12-26' }) nominalEnd: string;
  @ApiProperty({ example: '2026-12-28', description: 'Last day; the limit ends at its end' })
  end: string;
  @ApiProperty({ example: 'art. 111 § 2 i art. 115 KC w zw. z art. 8 ust. 1 Pzp' }) basis: string;
  @ApiProperty({ example: true }) shifted: boolean;
  @ApiPropertyOptional({
    example:
      'Koniec terminu przypada na dzień wolny: 2026-12-26 (sobota, Drugi dzień Bożego Narodzenia); …',
  })
  reason?: string;
}

export class ScheduleItemView {
  @ApiProperty({ enum: DEADLINE_KINDS, example: 'OFFERS' }) kind: string;
  @ApiProperty({ example: 'Termin składania ofert' }) title: string;
  @ApiProperty({ example: '2027-01-26T10:00:00+01:00' }) dueAt: string;
  @ApiProperty({ nullable: true, example: '2027-01-25' }) minimum: string | null;
  @ApiProperty({ enum: ['NOT_BEFORE', 'NOT_AFTER', 'NONE'], example: 'NOT_BEFORE' })
  constraint: string;
  @ApiProperty({ example: 'art. 283 Pzp; art. 111 § 2 i art. 115 KC w zw. z art. 8 ust. 1 Pzp' })
  basis: string;
  @ApiPropertyOptional({
    example: 'Minimum ustawowe; termin musi uwzględniać złożoność zamówienia.',
  })
  note?: string;
}

export class ScheduleProposalView {
  @ApiProperty({ format: 'uuid' }) tenderId: string;
  @ApiProperty({ example: '2027-01-11' }) publishedOn: string;
  @ApiProperty({ enum: ['OUTSIDE_ACT', 'NATIONAL', 'EU'], example: 'NATIONAL' }) regime: string;
  @ApiProperty({
    example: true,
    description: 'False below the national threshold: suggestions only',
  })
  statutory: boolean;
  @ApiProperty({ type: [ScheduleItemView] }) items: ScheduleItemView[];
}

export class DeadlineListView {
  @ApiProperty({ type: [DeadlineView] }) items: DeadlineView[];
}

export class CalendarTokenView {
  @ApiProperty({
    example: 'https://wspolnie.example/api/v1/calendar/3q2l…Xw.ics',
    description: 'Secret feed address; issuing a new one revokes the previous one',
  })
  url: string;
}
