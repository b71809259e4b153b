import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import {
  IsIn,
  IsInt,
  IsOptional,
  IsString,
  IsUUID,
  Matches,
  MaxLength,
  Min,
  MinLength,
  ValidateBy,
  ValidateNested,
} from 'class-validator';
import { IsIsoDate } from '../../common/dates';
import { TASK_FILE_LABELS, isBase64Text } from '../task-file';
import { SUBJECT_KINDS, TASK_KINDS, TASK_SCOPES, TASK_STATUSES } from '../task-kinds';

export const NOTE_MAX = 2000;

const trim = ({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim() : value);

export class CreateTaskDto {
  @ApiProperty({ enum: TASK_KINDS, example: 'OPZ' })
  @IsIn(TASK_KINDS, { message: `kind must be one of ${TASK_KINDS.join(', ')}` })
  kind: string;

  @ApiPropertyOptional({ example: 1, description: 'The lot the task is about (OPZ for lot 1)' })
  @IsOptional()
  @IsInt({ message: 'lotNumber must be a whole number' })
  @Min(1, { message: 'lotNumber must be at least 1' })
  lotNumber?: number;

  @ApiProperty({
    format: 'uuid',
    example: '7b0d0e4c-1f5c-4e53-9d7e-0a3b1c2d3e4f',
    description: "The responsible organisation: the leader or one of the tender's partners",
  })
  @IsUUID('4', { message: 'organisationId must be a UUID' })
  organisationId: string;

  @ApiPropertyOptional({
    format: 'uuid',
    description: 'The responsible person: a user with a role in that organisation',
  })
  @IsOptional()
  @IsUUID('4', { message: 'personUserId must be a UUID' })
  personUserId?: string;

  @ApiProperty({
    example: '2027-01-15',
    description: 'Due by the end of this day (today or later)',
  })
  @IsIsoDate({ message: 'dueOn must be a date YYYY-MM-DD' })
  dueOn: string;

  @ApiPropertyOptional({
    enum: TASK_SCOPES,
    example: 'EACH_PARTNER',
    description:
      'LEADER_FOR_ALL: the leader does it on behalf of all partners (art. 38 Pzp); EACH_PARTNER ' +
      '(default): the organisation does it for itself',
  })
  @IsOptional()
  @IsIn(TASK_SCOPES, { message: `scope must be one of ${TASK_SCOPES.join(', ')}` })
  scope?: string;
}

export class ApplyTaskSetDto {
  @ApiPropertyOptional({
    enum: SUBJECT_KINDS,
    example: 'WORKS',
    description: "The set to apply; the tender's subject kind by default",
  })
  @IsOptional()
  @IsIn(SUBJECT_KINDS, { message: `set must be one of ${SUBJECT_KINDS.join(', ')}` })
  set?: string;
}

export class ChangeTaskDto {
  @ApiProperty({ example: 1, description: 'The version being changed (409 when stale)' })
  @IsInt()
  @Min(1)
  version: number;

  @ApiPropertyOptional({ example: '2027-01-22' })
  @IsOptional()
  @IsIsoDate({ message: 'dueOn must be a date YYYY-MM-DD' })
  dueOn?: string;

  @ApiPropertyOptional({ format: 'uuid', description: 'A new responsible organisation' })
  @IsOptional()
  @IsUUID('4', { message: 'organisationId must be a UUID' })
  organisationId?: string;

  @ApiPropertyOptional({ format: 'uuid', nullable: true, description: 'A new responsible person' })
  @IsOptional()
  @IsUUID('4', { message: 'personUserId must be a UUID' })
  personUserId?: string;

  @ApiProperty({ example: 'Partner prosi o dodatkowy tydzień na dane z inwentaryzacji.' })
  @Transform(trim)
  @IsString({ message: 'reason must be text' })
  @MinLength(3, { message: 'reason must have at least 3 characters' })
  @MaxLength(NOTE_MAX, { message: `reason must be at most ${NOTE_MAX} characters` })
  reason: string;
}

export class TaskFileDto {
  @ApiProperty({
    example: 'protokol-odbioru-czesc-1.pdf',
    description: `Its extension says the kind, one of ${TASK_FILE_LABELS.join(', ')}; the content must be that kind (422 fileType / fileContent)`,
  })
  @Transform(trim)
  @IsString({ message: 'file.name must be text' })
  @MinLength(1, { message: 'file.name must not be empty' })
  @MaxLength(200, { message: 'file.name must be at most 200 characters' })
  name: string;

  @ApiProperty({
    example: 'application/pdf',
    description: 'As the client sends it; the stored type follows the content',
  })
  @IsString({ message: 'file.contentType must be text' })
  @Matches(/^[a-z0-9.+-]+\/[a-z0-9.+-]+$/i, { message: 'file.contentType must be a MIME type' })
  contentType: string;

  @ApiProperty({ example: 'JVBERi0xLjQKJcOkw7zDtsOfCjEgMCBvYmoK', description: 'Base64, ≤ 5 MB' })
  @IsString({ message: 'file.contentBase64 must be text' })
  @ValidateBy(
    {
      name: 'matches',
      validator: { validate: (v: unknown) => typeof v === 'string' && isBase64Text(v) },
    },
    { message: 'file.contentBase64 must be Base64' },
  )
  contentBase64: string;
}

export class CompleteTaskDto {
  @ApiProperty({ example: 1, description: 'The version being completed (409 when stale)' })
  @IsInt()
  @Min(1)
  version: number;

  @ApiPropertyOptional({ example: 'OPZ części 1 przekazany liderowi pismem z 12 stycznia.' })
  @IsOptional()
  @Transform(trim)
  @IsString({ message: 'note must be text' })
  @MaxLength(NOTE_MAX, { message: `note must be at most ${NOTE_MAX} characters` })
  note?: string;

  @ApiPropertyOptional({ type: TaskFileDto, description: 'A note, a file or both are required' })
  @IsOptional()
  @ValidateNested()
  @Type(() => TaskFileDto)
  file?: TaskFileDto;
}

export class WaiveTaskDto {
  @ApiProperty({ example: 1, description: 'The version being waived (409 when stale)' })
  @IsInt()
  @Min(1)
  version: number;

  @ApiProperty({ example: 'Gmina nie bierze udziału w części 2.' })
  @Transform(trim)
  @IsString({ message: 'reason must be text' })
  @MinLength(3, { message: 'reason must have at least 3 characters' })
  @MaxLength(NOTE_MAX, { message: `reason must be at most ${NOTE_MAX} characters` })
  reason: string;
}

export class TaskView {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ example: 1 }) version: number;
  @ApiProperty({ format: 'uuid' }) tenderId: string;
  @ApiProperty({ enum: TASK_KINDS, example: 'OPZ' }) kind: string;
  @ApiProperty({ enum: TASK_SCOPES, example: 'EACH_PARTNER' }) scope: string;
  @ApiPropertyOptional({ nullable: true, example: 1 }) lotNumber: number | null;
  @ApiProperty({ example: 'Opis przedmiotu zamówienia (OPZ) – część 1' }) title: string;
  @ApiProperty({ format: 'uuid' }) organisationId: string;
  @ApiProperty({ example: 'Gmina Liszki' }) organisationName: string;
  @ApiPropertyOptional({ format: 'uuid', nullable: true }) personUserId: string | null;
  @ApiPropertyOptional({ nullable: true, example: 'Anna Nowak' }) personName: string | null;
  @ApiProperty({ example: '2027-01-15' }) dueOn: string;
  @ApiProperty({ enum: TASK_STATUSES, example: 'OPEN' }) status: string;
  @ApiProperty({
    example: false,
    description: 'Open and past its due day (or its deadline was missed)',
  })
  overdue: boolean;
  @ApiPropertyOptional({ nullable: true, description: 'The note of done, or the waiver reason' })
  note: string | null;
  @ApiPropertyOptional({ nullable: true, example: 'protokol-odbioru.pdf' }) fileName: string | null;
  @ApiPropertyOptional({ nullable: true, example: '/api/v1/tender-tasks/…/file' })
  fileUrl: string | null;
  @ApiPropertyOptional({ format: 'uuid', nullable: true }) deadlineId: string | null;
  @ApiProperty({ example: 'Jan Kowalski', description: 'Who recorded this version' })
  recordedBy: string;
  @ApiProperty({ example: '2026-12-02T10:00:00.000Z' }) recordedAt: string;
  @ApiProperty({ example: true, description: 'The caller may mark it done (or waive, if officer)' })
  mayComplete: boolean;
}

export class TaskMatrixView {
  @ApiProperty({ format: 'uuid' }) tenderId: string;
  @ApiProperty({ type: [TaskView] }) tasks: TaskView[];
  @ApiProperty({
    example: [{ id: '7b0d0e4c-1f5c-4e53-9d7e-0a3b1c2d3e4f', name: 'Gmina Skawina', leader: true }],
    description: 'The columns of the matrix: the leader first, then the partners',
  })
  organisations: { id: string; name: string; leader: boolean }[];
  @ApiProperty({ example: true, description: 'The caller may apply sets, add, change and waive' })
  mayManage: boolean;
}

export class TaskSetView {
  @ApiProperty({ enum: SUBJECT_KINDS, example: 'WORKS' }) set: string;
  @ApiProperty({ example: 'Roboty budowlane' }) label: string;
  @ApiProperty({
    example: [{ kind: 'OPZ', scope: 'EACH_PARTNER', perLot: true, dueInDays: 14 }],
  })
  tasks: { kind: string; scope: string; perLot: boolean; dueInDays: number }[];
}
