import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
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
  ValidateNested,
} from 'class-validator';
import { IsIsoDate } from '../../common/dates';
import { IsAmount } from '../../common/money';
import { normalizeNip, IsCpv, IsNip } from '../../common/identifiers';
import { PageQuery } from '../../common/pagination';
import { CPV_NAME_MAX, CPV_NAME_MIN } from '../../common/identifiers';
import { REGIMES } from '../regime/regime-values';
import {
  PROCEDURES,
  SETTLEMENT_MODELS,
  SUBJECT_KINDS,
  TENDER_STATUSES,
  type Procedure,
  type SettlementModel,
  type TenderStatus,
} from '../tender-state';
import type { SubjectKind } from '../regime/regime';

export class LotInput {
  @ApiProperty({ example: 1, minimum: 1 })
  @IsInt()
  @Min(1)
  @Max(999)
  number: number;

  @ApiProperty({ example: 'Część 1: drogi gminne' })
  @IsString()
  @MinLength(3)
  @MaxLength(300)
  title: string;

  @ApiProperty({ example: 23, description: 'VAT rate, whole percent' })
  @IsInt()
  @IsIn([0, 5, 8, 23], { message: 'vatRate must be one of the Polish VAT rates 0, 5, 8, 23' })
  vatRate: number;
}

export class CreateTenderDto {
  @ApiProperty({ format: 'uuid' })
  @IsUUID(undefined, { message: 'partnershipId must be a UUID' })
  partnershipId: string;

  @ApiProperty({ example: 'ZP.271.12.2026', description: 'Znak sprawy, unique per leader' })
  @IsString()
  @Matches(/^[\p{L}\d.\-/ ]{3,60}$/u, {
    message: 'reference must be 3–60 letters, digits, dots, dashes, slashes or spaces',
  })
  reference: string;

  @ApiProperty({ example: 'Przebudowa dróg gminnych w partnerstwie Razem Blisko Krakowa' })
  @IsString()
  @MinLength(5)
  @MaxLength(500)
  title: string;

  @ApiPropertyOptional({ example: 'Wspólne postępowanie na przebudowę nawierzchni dróg gminnych.' })
  @IsOptional()
  @IsString()
  @MaxLength(5000)
  description?: string;

  @ApiProperty({ enum: SUBJECT_KINDS, example: 'WORKS' })
  @IsIn(SUBJECT_KINDS, { message: `subjectKind must be one of ${SUBJECT_KINDS.join(', ')}` })
  subjectKind: SubjectKind;

  @ApiProperty({ example: '45233140-2', description: 'Main CPV code (CPV 2008)' })
  @IsCpv()
  cpvMain: string;

  @ApiPropertyOptional({ example: ['45233142-6'], type: [String] })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(20)
  @IsCpv({ each: true })
  cpvAdditional?: string[];

  @ApiPropertyOptional({
    example: 'Roboty w zakresie nawierzchni dróg',
    description:
      'The Polish name of cpvMain as the documents print it ("kod – polska nazwa"); optional for older clients, but the agreement cannot be made and the tender cannot be published without it',
  })
  @IsOptional()
  @IsString()
  @MinLength(CPV_NAME_MIN)
  @MaxLength(CPV_NAME_MAX)
  cpvMainName?: string;

  @ApiPropertyOptional({
    example: ['Roboty w zakresie naprawy dróg'],
    type: [String],
    description:
      'The Polish names of cpvAdditional, one per code in its order (given together with the codes they name)',
  })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(20)
  @IsString({ each: true })
  @MinLength(CPV_NAME_MIN, { each: true })
  @MaxLength(CPV_NAME_MAX, { each: true })
  cpvAdditionalNames?: string[];

  @ApiProperty({ enum: PROCEDURES, example: 'BASIC' })
  @IsIn(PROCEDURES, { message: `procedure must be one of ${PROCEDURES.join(', ')}` })
  procedure: Procedure;

  @ApiProperty({ enum: SETTLEMENT_MODELS, example: 'SEPARATE_CONTRACTS' })
  @IsIn(SETTLEMENT_MODELS, {
    message: `settlementModel must be one of ${SETTLEMENT_MODELS.join(', ')}`,
  })
  settlementModel: SettlementModel;

  @ApiPropertyOptional({
    example: '2026-12-18T15:00:00+01:00',
    description: 'When partners must have confirmed their shares',
  })
  @IsOptional()
  @IsISO8601(
    { strict: true },
    { message: 'shareDeadline must be an ISO 8601 date-time with offset' },
  )
  shareDeadline?: string;

  @ApiPropertyOptional({
    example: '2027-01-11',
    description: 'Planned publication date; its thresholds decide the regime',
  })
  @IsOptional()
  @IsIsoDate()
  plannedStartOn?: string;

  @ApiPropertyOptional({ type: [LotInput] })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(100)
  @ValidateNested({ each: true })
  @Type(() => LotInput)
  lots?: LotInput[];
}

export class UpdateTenderDto {
  @ApiProperty({ example: 1 })
  @IsInt()
  @Min(1)
  version: number;

  @ApiPropertyOptional({ example: 'ZP.271.12.2026' })
  @IsOptional()
  @IsString()
  @Matches(/^[\p{L}\d.\-/ ]{3,60}$/u, {
    message: 'reference must be 3–60 letters, digits, dots, dashes, slashes or spaces',
  })
  reference?: string;

  @ApiPropertyOptional() @IsOptional() @IsString() @MinLength(5) @MaxLength(500) title?: string;
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(5000) description?: string;

  @ApiPropertyOptional({ enum: SUBJECT_KINDS })
  @IsOptional()
  @IsIn(SUBJECT_KINDS)
  subjectKind?: SubjectKind;

  @ApiPropertyOptional({ example: '45233140-2' }) @IsOptional() @IsCpv() cpvMain?: string;

  @ApiPropertyOptional({ type: [String] })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(20)
  @IsCpv({ each: true })
  cpvAdditional?: string[];

  @ApiPropertyOptional({
    example: 'Roboty w zakresie nawierzchni dróg',
    description:
      'The Polish name of cpvMain as the documents print it ("kod – polska nazwa"); kept when the code stays',
  })
  @IsOptional()
  @IsString()
  @MinLength(CPV_NAME_MIN)
  @MaxLength(CPV_NAME_MAX)
  cpvMainName?: string;

  @ApiPropertyOptional({
    example: ['Roboty w zakresie naprawy dróg'],
    type: [String],
    description:
      'The Polish names of cpvAdditional, one per code in its order (given together with the codes they name)',
  })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(20)
  @IsString({ each: true })
  @MinLength(CPV_NAME_MIN, { each: true })
  @MaxLength(CPV_NAME_MAX, { each: true })
  cpvAdditionalNames?: string[];

  @ApiPropertyOptional({ enum: PROCEDURES }) @IsOptional() @IsIn(PROCEDURES) procedure?: Procedure;
  @ApiPropertyOptional({ enum: SETTLEMENT_MODELS })
  @IsOptional()
  @IsIn(SETTLEMENT_MODELS)
  settlementModel?: SettlementModel;

  @ApiPropertyOptional({ example: '2026-12-18T15:00:00+01:00' })
  @IsOptional()
  @IsISO8601(
    { strict: true },
    { message: 'shareDeadline must be an ISO 8601 date-time with offset' },
  )
  shareDeadline?: string;

  @ApiPropertyOptional({ example: '2027-01-11' })
  @IsOptional()
  @IsIsoDate()
  plannedStartOn?: string;
}

export class TendersQuery extends PageQuery {
  @ApiPropertyOptional({ enum: TENDER_STATUSES })
  @IsOptional()
  @IsIn(TENDER_STATUSES)
  status?: TenderStatus;
  @ApiPropertyOptional({ format: 'uuid' }) @IsOptional() @IsUUID() partnershipId?: string;
  @ApiPropertyOptional({
    format: 'uuid',
    description: 'Tenders in which this organisation holds a share',
  })
  @IsOptional()
  @IsUUID()
  organisationId?: string;
  @ApiPropertyOptional({ enum: REGIMES })
  @IsOptional()
  @IsIn(REGIMES)
  regime?: (typeof REGIMES)[number];
  @ApiPropertyOptional({ example: 'dróg', description: 'Text in the title or reference' })
  @IsOptional()
  @IsString()
  @MaxLength(100)
  q?: string;

  @ApiPropertyOptional({
    enum: [
      'createdAt',
      '-createdAt',
      'reference',
      '-reference',
      'title',
      '-title',
      'valueNet',
      '-valueNet',
      'shareDeadline',
      '-shareDeadline',
    ],
    default: '-createdAt',
  })
  @IsOptional()
  @IsIn([
    'createdAt',
    '-createdAt',
    'reference',
    '-reference',
    'title',
    '-title',
    'valueNet',
    '-valueNet',
    'shareDeadline',
    '-shareDeadline',
  ])
  sort?: string;

  @ApiPropertyOptional({
    description:
      'Keyset page: the `nextCursor` of the previous page (same `sort` and filters, `offset` 0). ' +
      'Costs the same on page 1 and page 500; a cursor of another sort is a 400 naming `cursor`.',
    example: 'WyItY3JlYXRlZEF0IiwiMjAyNi0xMS0yNiAwOTowMDowMCswMCIsIjk1…',
  })
  @IsOptional()
  @IsString()
  @MaxLength(2000)
  cursor?: string;
}

export class AddLotDto extends LotInput {}

export class AwardInput {
  @ApiProperty({ format: 'uuid' }) @IsUUID() lotId: string;
  @ApiProperty({ example: 'Drogbud Sp. z o.o.' })
  @IsString()
  @MinLength(2)
  @MaxLength(300)
  contractorName: string;

  @ApiProperty({ example: '8567346215' })
  @Transform(({ value }: { value: unknown }) =>
    typeof value === 'string' ? (normalizeNip(value) ?? value) : value,
  )
  @IsNip()
  contractorNip: string;

  @ApiProperty({ example: '1450000.00' })
  @IsAmount({ positive: true })
  amountNet: string;
}

export class TransitionDto {
  @ApiProperty({ enum: TENDER_STATUSES, example: 'COLLECTING_SHARES' })
  @IsIn(TENDER_STATUSES, { message: `to must be one of ${TENDER_STATUSES.join(', ')}` })
  to: TenderStatus;

  @ApiProperty({ example: 3 }) @IsInt() @Min(1) version: number;

  @ApiPropertyOptional({ example: 'Brak środków w budżetach partnerów' })
  @IsOptional()
  @IsString()
  @MaxLength(2000)
  reason?: string;

  @ApiPropertyOptional({
    type: [AwardInput],
    deprecated: true,
    description:
      'No longer accepted (422 AWARDS_FOLLOW_EVALUATION): each lot is awarded by the head’s approval of the evaluation (POST /lots/:lotId/award/approve) or cancelled; to=AWARDED then needs no body beyond `to` and `version`',
  })
  @IsOptional()
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(100)
  @ValidateNested({ each: true })
  @Type(() => AwardInput)
  awards?: AwardInput[];
}

export class CreateShareDto {
  @ApiProperty({ format: 'uuid' })
  @IsUUID(undefined, { message: 'lotId must be a UUID' })
  lotId: string;
  @ApiProperty({ format: 'uuid' })
  @IsUUID(undefined, { message: 'organisationId must be a UUID' })
  organisationId: string;

  @ApiProperty({ example: '250000.00' })
  @IsAmount({ positive: true })
  amountNet: string;
}

export class UpdateShareDto {
  @ApiProperty({ example: 2 }) @IsInt() @Min(1) version: number;

  @ApiProperty({ example: '240000.00' })
  @IsAmount({ positive: true })
  amountNet: string;

  @ApiPropertyOptional({
    example: 'Korekta po uchwale Rady Gminy nr XII/123/2026 zmieniającej plan wydatków',
    description: 'Why the amount changes; kept in the share’s register of amount changes',
  })
  @IsOptional()
  @IsString()
  @MaxLength(2000)
  reason?: string;
}

export class ApproveShareDto {
  @ApiProperty({ example: 1 }) @IsInt() @Min(1) version: number;
  @ApiPropertyOptional({ example: 'Zgodnie z uchwałą budżetową' })
  @IsOptional()
  @IsString()
  @MaxLength(2000)
  comment?: string;

  @ApiPropertyOptional({
    example: '600/60016/4270',
    description: "Required at the treasurer's countersignature",
  })
  @IsOptional()
  @IsString()
  @MaxLength(20)
  budgetClassification?: string;

  @ApiPropertyOptional({ example: 'WPF 2026–2028, poz. 1.3.2.4' })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  wpfReference?: string;
}

export class RequestChangeDto {
  @ApiProperty({ example: 1 }) @IsInt() @Min(1) version: number;

  @ApiProperty({ example: 'Kwota przekracza plan wydatków na 2027 r.' })
  @IsString()
  @MinLength(5, { message: 'reason must say what should change (at least 5 characters)' })
  @MaxLength(2000)
  reason: string;
}

export class RegimeQuery {
  @ApiProperty({ example: '170000.00' })
  @IsAmount()
  valueNet: string;

  @ApiProperty({ enum: SUBJECT_KINDS, example: 'SUPPLIES' })
  @IsIn(SUBJECT_KINDS, { message: `subjectKind must be one of ${SUBJECT_KINDS.join(', ')}` })
  subjectKind: SubjectKind;

  @ApiPropertyOptional({
    example: '2026-11-26',
    description: 'Start date of the procedure; today when omitted',
  })
  @IsOptional()
  @IsIsoDate()
  on?: string;
}

export class WithdrawShareDto {
  @ApiProperty({ example: 2 }) @IsInt() @Min(1) version: number;

  @ApiProperty({ example: 'Gmina rezygnuje z udziału w tej części (uchwała nr XIV/140/2026)' })
  @IsString()
  @MinLength(5, { message: 'reason must say why the share is withdrawn (at least 5 characters)' })
  @MaxLength(2000)
  reason: string;
}
