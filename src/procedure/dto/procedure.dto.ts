import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsBoolean,
  IsIn,
  IsInt,
  IsISO8601,
  IsObject,
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
import { normalizeNip } from '../../common/identifiers';
import { IsNip } from '../../common/identifiers';
import { IsAmount } from '../../common/money';
import { APPEAL_STATUSES, type AppealStatus } from '../appeal.entity';
import { MEMBER_FUNCTIONS, type MemberFunction } from '../committee.entity';
import { NOTICE_MEDIA, NOTICE_TYPES, type NoticeMedium, type NoticeType } from '../notice.entity';
import {
  CRITERION_DIRECTIONS,
  CRITERION_KINDS,
  type CriterionDirection,
  type CriterionKind,
} from '../scoring';

const nip = ({ value }: { value: unknown }) =>
  typeof value === 'string' ? (normalizeNip(value) ?? value) : value;

export const OCID = /^ocds-148610-[0-9a-f-]{8,}$/;

export class RecordNoticeDto {
  @ApiProperty({ enum: NOTICE_TYPES, example: 'CONTRACT_NOTICE' })
  @IsIn(NOTICE_TYPES, { message: `type must be one of ${NOTICE_TYPES.join(', ')}` })
  type: NoticeType;

  @ApiProperty({ enum: NOTICE_MEDIA, example: 'BZP' })
  @IsIn(NOTICE_MEDIA, { message: `medium must be one of ${NOTICE_MEDIA.join(', ')}` })
  medium: NoticeMedium;

  @ApiProperty({ example: '2027/BZP 00012345/01' })
  @IsString()
  @MinLength(3)
  @MaxLength(100)
  number: string;

  @ApiProperty({ example: '2027-01-11T10:15:00+01:00', description: 'ISO 8601 with offset' })
  @IsISO8601({ strict: true }, { message: 'publishedAt must be an ISO 8601 date-time' })
  publishedAt: string;

  @ApiPropertyOptional({
    example: 'ocds-148610-6b3f1c2e-7a4d-11ef-9f1a-aa1c3d5e0001',
    description: 'e-Zamówienia OCDS identifier of the procedure; stored on the tender as `ocid`',
  })
  @IsOptional()
  @Matches(OCID, { message: 'ocid must look like ocds-148610-… (the e-Zamówienia prefix)' })
  ocid?: string;
}

export class PlannedAmountDto {
  @ApiPropertyOptional({
    example: '1254600.00',
    description:
      'Gross amount planned for financing the lot (art. 222 ust. 4 Pzp). Omit to use the sum of the partners’ confirmed gross shares; a different figure needs `reason`.',
  })
  @IsOptional()
  @IsAmount({ positive: true })
  amountGross?: string;

  @ApiPropertyOptional({ example: 'Uchwała budżetowa zwiększyła środki Gminy Skawina o 50 000 zł' })
  @IsOptional()
  @IsString()
  @MinLength(5)
  @MaxLength(2000)
  reason?: string;
}

export class MemberInput {
  @ApiPropertyOptional({
    format: 'uuid',
    description: 'The member’s user account, when there is one',
  })
  @IsOptional()
  @IsUUID(undefined, { message: 'userId must be a UUID' })
  userId?: string;

  @ApiProperty({ example: 'Anna Nowak' })
  @IsString()
  @MinLength(3)
  @MaxLength(200)
  name: string;

  @ApiProperty({ enum: MEMBER_FUNCTIONS, example: 'CHAIR' })
  @IsIn(MEMBER_FUNCTIONS, { message: `function must be one of ${MEMBER_FUNCTIONS.join(', ')}` })
  function: MemberFunction;
}

export class AppointCommitteeDto {
  @ApiProperty({ example: '0050.12.2027', description: 'Number of the head’s order (zarządzenie)' })
  @IsString()
  @MinLength(1)
  @MaxLength(100)
  orderNumber: string;

  @ApiProperty({ example: '2027-01-12' }) @IsIsoDate() orderDate: string;

  @ApiProperty({
    type: [MemberInput],
    description:
      'The head of the contracting authority (function HEAD) and at least 3 members (art. 55 ust. 2 Pzp)',
  })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(30)
  @ValidateNested({ each: true })
  @Type(() => MemberInput)
  members: MemberInput[];
}

export class StatementDto {
  @ApiProperty({ example: '2027-01-26' }) @IsIsoDate() statementOn: string;

  @ApiProperty({
    example: false,
    description:
      'true: the person states a conflict of interest (art. 56 ust. 2 Pzp) and is excluded',
  })
  @IsBoolean()
  conflict: boolean;

  @ApiPropertyOptional({ example: 'Oświadczenie złożone w formie pisemnej' })
  @IsOptional()
  @IsString()
  @MaxLength(2000)
  note?: string;
}

export class CriterionInput {
  @ApiProperty({ example: 'price' })
  @Matches(/^[a-z][a-z0-9_]{0,31}$/, { message: 'key must be lower-case letters, digits or _' })
  key: string;

  @ApiProperty({ example: 'Cena' })
  @IsString()
  @MinLength(2)
  @MaxLength(200)
  name: string;

  @ApiProperty({ enum: CRITERION_KINDS, example: 'PRICE' })
  @IsIn(CRITERION_KINDS, { message: `kind must be one of ${CRITERION_KINDS.join(', ')}` })
  kind: CriterionKind;

  @ApiProperty({ example: 60 }) @IsInt() @Min(1) @Max(100) weight: number;

  @ApiProperty({ enum: CRITERION_DIRECTIONS, example: 'LOWER_BETTER' })
  @IsIn(CRITERION_DIRECTIONS, {
    message: `direction must be one of ${CRITERION_DIRECTIONS.join(', ')}`,
  })
  direction: CriterionDirection;
}

export class SetCriteriaDto {
  @ApiProperty({
    type: [CriterionInput],
    example: [
      { key: 'price', name: 'Cena', kind: 'PRICE', weight: 60, direction: 'LOWER_BETTER' },
      {
        key: 'warranty',
        name: 'Okres gwarancji (miesiące)',
        kind: 'OTHER',
        weight: 40,
        direction: 'HIGHER_BETTER',
      },
    ],
  })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(10)
  @ValidateNested({ each: true })
  @Type(() => CriterionInput)
  criteria: CriterionInput[];

  @ApiPropertyOptional({
    example: false,
    description:
      'The SWZ describes quality standards (art. 246 ust. 2 Pzp): lets price weigh more than 60',
  })
  @IsOptional()
  @IsBoolean()
  qualityStandardsDescribed?: boolean;
}

export class RecordOfferDto {
  @ApiProperty({ example: 'Drogbud Sp. z o.o.' })
  @IsString()
  @MinLength(2)
  @MaxLength(300)
  contractorName: string;

  @ApiProperty({ example: '8567346215' })
  @Transform(nip)
  @IsNip()
  contractorNip: string;

  @ApiProperty({ example: 'ul. Krakowska 12, 32-050 Skawina' })
  @IsString()
  @MinLength(5)
  @MaxLength(500)
  contractorAddress: string;

  @ApiProperty({ example: '1000000.00' })
  @IsAmount({ positive: true })
  priceNet: string;

  @ApiProperty({ example: '1230000.00' })
  @IsAmount({ positive: true })
  priceGross: string;

  @ApiPropertyOptional({
    example: { warranty: 60 },
    description: 'Values of the non-price criteria by key',
  })
  @IsOptional()
  @IsObject()
  criteriaValues?: Record<string, number>;

  @ApiProperty({ example: '2027-01-25T09:41:00+01:00' })
  @IsISO8601({ strict: true }, { message: 'receivedAt must be an ISO 8601 date-time' })
  receivedAt: string;
}

export class RejectOfferDto {
  @ApiProperty({ example: 5, description: 'Art. 226 ust. 1 pkt N Pzp' })
  @IsInt()
  @Min(1)
  @Max(18)
  point: number;

  @ApiProperty({
    example: 'Treść oferty jest niezgodna z warunkami zamówienia: brak kosztorysu ofertowego',
  })
  @IsString()
  @MinLength(10)
  @MaxLength(4000)
  reason: string;

  @ApiProperty({ example: 1 }) @IsInt() @Min(1) version: number;
}

export class RecommendDto {
  @ApiProperty({
    format: 'uuid',
    description: 'The offer the committee recommends (normally the proposed one)',
  })
  @IsUUID(undefined, { message: 'offerId must be a UUID' })
  offerId: string;

  @ApiProperty({
    example: 'Komisja rekomenduje wybór oferty nr 2 jako najkorzystniejszej (92,00 pkt).',
  })
  @IsString()
  @MinLength(10)
  @MaxLength(4000)
  recommendation: string;

  @ApiProperty({ example: 1 }) @IsInt() @Min(1) version: number;
}

export class ApproveDto {
  @ApiProperty({ example: 2 }) @IsInt() @Min(1) version: number;
}

export class CancelLotDto {
  @ApiProperty({ example: 3, description: 'Art. 255 pkt N Pzp' })
  @IsInt()
  @Min(1)
  @Max(7)
  point: number;

  @ApiProperty({
    example:
      'Cena najkorzystniejszej oferty przewyższa kwotę, którą zamawiający zamierza przeznaczyć na sfinansowanie części 2',
  })
  @IsString()
  @MinLength(10)
  @MaxLength(4000)
  reason: string;

  @ApiProperty({ example: 1 }) @IsInt() @Min(1) version: number;
}

export class RecordAppealDto {
  @ApiProperty({ example: 'Asfalt-Pol S.A.' })
  @IsString()
  @MinLength(2)
  @MaxLength(300)
  appellant: string;

  @ApiProperty({ example: '2027-02-08' }) @IsIsoDate() filedOn: string;

  @ApiPropertyOptional({ example: 'KIO 312/27' })
  @IsOptional()
  @IsString()
  @MaxLength(50)
  kioReference?: string;

  @ApiProperty({ example: 'Odwołanie od odrzucenia oferty (art. 226 ust. 1 pkt 5 Pzp)' })
  @IsString()
  @MinLength(5)
  @MaxLength(4000)
  subject: string;
}

export class DecideAppealDto {
  @ApiProperty({ enum: APPEAL_STATUSES.filter((s) => s !== 'PENDING'), example: 'DISMISSED' })
  @IsIn(APPEAL_STATUSES.filter((s) => s !== 'PENDING'), {
    message: 'status must be one of DISMISSED, UPHELD, WITHDRAWN, DISCONTINUED',
  })
  status: Exclude<AppealStatus, 'PENDING'>;

  @ApiProperty({ example: '2027-02-20' }) @IsIsoDate() decidedOn: string;

  @ApiPropertyOptional({ example: 'Izba oddaliła odwołanie wyrokiem z dnia 20 lutego 2027 r.' })
  @IsOptional()
  @IsString()
  @MaxLength(4000)
  outcomeNote?: string;

  @ApiProperty({ example: 1 }) @IsInt() @Min(1) version: number;
}

export class ExtendOfferValidityDto {
  @ApiProperty({
    example: '2027-02-18',
    description:
      'The day the authority asked the contractors to agree to the extension; before the validity ends',
  })
  @IsIsoDate()
  requestedOn: string;

  @ApiProperty({
    example: '2027-03-20',
    description:
      'The new last day of the offer validity: at most 60 days later (art. 220 ust. 3 Pzp) or 30 days in tryb podstawowy (art. 307 ust. 2 Pzp)',
  })
  @IsIsoDate()
  validUntil: string;

  @ApiProperty({
    example:
      'Wybór oferty najkorzystniejszej nie nastąpi przed upływem terminu związania ofertą: trwa badanie rażąco niskiej ceny (art. 224 Pzp).',
  })
  @IsString()
  @MinLength(5)
  @MaxLength(2000)
  reason: string;
}
