import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsIn,
  IsInt,
  IsOptional,
  IsString,
  IsUUID,
  Matches,
  MaxLength,
  MinLength,
} from 'class-validator';
import { IsIsoDate } from '../../common/dates';
import { IsCpv } from '../../common/identifiers';
import { IsAmount } from '../../common/money';
import { PageQuery } from '../../common/pagination';
import { PROCEDURES, SETTLEMENT_MODELS, SUBJECT_KINDS } from '../../tenders';

export const LOT_LAYOUTS = ['SINGLE', 'PER_PARTNER'] as const;
export type LotLayout = (typeof LOT_LAYOUTS)[number];

export class CreateProjectSheetDto {
  @ApiProperty({ format: 'uuid', example: '6f1c2a40-5b7e-4c1d-9a55-0d3c1e9b7a10' })
  @IsUUID(undefined, { message: 'partnershipId must be a UUID' })
  partnershipId: string;

  @ApiProperty({ example: 'Wspólny zakup energii elektrycznej na lata 2028–2029' })
  @IsString()
  @MinLength(5)
  @MaxLength(300)
  title: string;

  @ApiProperty({
    example: 'Umowy na dostawę energii wygasają w grudniu 2027; wspólny zakup obniży cenę.',
    description: 'Uzasadnienie potrzeby',
  })
  @IsString()
  @MinLength(10)
  @MaxLength(5000)
  need: string;

  @ApiProperty({ enum: SUBJECT_KINDS, example: 'SUPPLIES' })
  @IsIn(SUBJECT_KINDS, { message: `subjectKind must be one of ${SUBJECT_KINDS.join(', ')}` })
  subjectKind: string;

  @ApiProperty({ example: '09310000-5', description: 'Main CPV code (CPV 2008, the shipped list)' })
  @IsCpv()
  cpvMain: string;

  @ApiProperty({ example: '1200000.00', description: 'Estimated net value of the whole project' })
  @IsAmount({ positive: true })
  estimatedValueNet: string;

  @ApiProperty({
    type: [String],
    format: 'uuid',
    example: ['0b7f5c1e-2d3a-4e5f-8a9b-1c2d3e4f5a6b'],
    description: 'The partners concerned: active members of the partnership (or its leader)',
  })
  @IsArray()
  @ArrayMinSize(1, { message: 'partnerIds must name at least one partner' })
  @ArrayMaxSize(100)
  @IsUUID(undefined, { each: true, message: 'each of partnerIds must be a UUID' })
  partnerIds: string[];

  @ApiProperty({ example: '2027-09', description: 'Planned month of the announcement (YYYY-MM)' })
  @IsString()
  @Matches(/^\d{4}-(0[1-9]|1[0-2])$/, {
    message: 'plannedAnnouncementMonth must be a month YYYY-MM',
  })
  plannedAnnouncementMonth: string;

  @ApiPropertyOptional({ example: '2028-01-01', description: 'Planned start of the contract' })
  @IsOptional()
  @IsIsoDate()
  plannedStartOn?: string;
}

export class RecordInterestDto {
  @ApiProperty({ example: '350000.00', description: "The partner's estimated net amount" })
  @IsAmount({ positive: true })
  amountNet: string;

  @ApiPropertyOptional({
    example: '2026-11-20',
    description: 'The day the head gave his preliminary consent orally (wstępna zgoda szefa)',
  })
  @IsOptional()
  @IsIsoDate()
  headConsentOn?: string;

  @ApiPropertyOptional({ example: 'Wójt Jan Kowalski', description: 'Who gave the consent' })
  @IsOptional()
  @IsString()
  @MinLength(3)
  @MaxLength(200)
  headName?: string;

  @ApiPropertyOptional({ example: 'Kwota według planu zużycia na 2028 r.' })
  @IsOptional()
  @IsString()
  @MaxLength(2000)
  note?: string;
}

export class WithdrawInterestDto {
  @ApiPropertyOptional({ example: 'Rada gminy nie zabezpieczy środków w budżecie.' })
  @IsOptional()
  @IsString()
  @MaxLength(2000)
  note?: string;
}

export class ConvertSheetDto {
  @ApiProperty({ example: 'ZP.271.3.2027', description: 'Znak sprawy of the new tender' })
  @IsString()
  @Matches(/^[\p{L}\d.\-/ ]{3,60}$/u, {
    message: 'reference must be 3–60 letters, digits, dots, dashes, slashes or spaces',
  })
  reference: string;

  @ApiProperty({ enum: PROCEDURES, example: 'BASIC' })
  @IsIn(PROCEDURES, { message: `procedure must be one of ${PROCEDURES.join(', ')}` })
  procedure: string;

  @ApiProperty({ enum: SETTLEMENT_MODELS, example: 'SEPARATE_CONTRACTS' })
  @IsIn(SETTLEMENT_MODELS, {
    message: `settlementModel must be one of ${SETTLEMENT_MODELS.join(', ')}`,
  })
  settlementModel: string;

  @ApiPropertyOptional({
    enum: LOT_LAYOUTS,
    example: 'SINGLE',
    description: 'One lot for all interested partners, or one lot per partner (default SINGLE)',
  })
  @IsOptional()
  @IsIn(LOT_LAYOUTS, { message: `lots must be one of ${LOT_LAYOUTS.join(', ')}` })
  lots?: LotLayout;

  @ApiPropertyOptional({ example: 23, description: 'VAT rate of the lots, whole percent' })
  @IsOptional()
  @IsInt()
  @IsIn([0, 5, 8, 23], { message: 'vatRate must be one of the Polish VAT rates 0, 5, 8, 23' })
  vatRate?: number;
}

export class ProjectSheetsQuery extends PageQuery {
  @ApiPropertyOptional({ format: 'uuid' })
  @IsOptional()
  @IsUUID(undefined, { message: 'partnershipId must be a UUID' })
  partnershipId?: string;

  @ApiPropertyOptional({ format: 'uuid', description: 'The sheet a tender was made from' })
  @IsOptional()
  @IsUUID(undefined, { message: 'tenderId must be a UUID' })
  tenderId?: string;
}

export class InterestRevisionView {
  @ApiProperty({ example: 1 }) version: number;
  @ApiProperty({ example: 'DECLARED', enum: ['DECLARED', 'CHANGED', 'WITHDRAWN'] }) action: string;
  @ApiProperty({ example: '350000.00', nullable: true }) amountNet: string | null;
  @ApiProperty({ example: '2026-11-20', nullable: true }) headConsentOn: string | null;
  @ApiProperty({ example: 'Wójt Jan Kowalski', nullable: true }) headName: string | null;
  @ApiProperty({ example: null, nullable: true }) note: string | null;
  @ApiProperty({ example: 'Anna Nowak' }) recordedBy: string;
  @ApiProperty({ example: '2026-11-21T09:12:00.000Z' }) at: string;
}

export class SheetPartnerView {
  @ApiProperty({ example: { id: '0b7f5c1e-2d3a-4e5f-8a9b-1c2d3e4f5a6b', name: 'Gmina Liszki' } })
  organisation: { id: string; name: string };
  @ApiProperty({ example: 'INTERESTED', enum: ['WAITING', 'INTERESTED', 'WITHDRAWN'] })
  status: 'WAITING' | 'INTERESTED' | 'WITHDRAWN';
  @ApiProperty({ example: '350000.00', nullable: true }) amountNet: string | null;
  @ApiProperty({ example: '2026-11-20', nullable: true }) headConsentOn: string | null;
  @ApiProperty({ example: 'Wójt Jan Kowalski', nullable: true }) headName: string | null;
  @ApiProperty({ type: [InterestRevisionView] }) revisions: InterestRevisionView[];
  @ApiProperty({ example: true, description: 'The caller may record this partner’s interest' })
  mayRecord: boolean;
}

export class ProjectSheetView {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ example: { id: '6f1c2a40-5b7e-4c1d-9a55-0d3c1e9b7a10', name: 'Razem' } })
  partnership: { id: string; name: string; leaderOrganisationId: string };
  @ApiProperty({ example: 'Wspólny zakup energii elektrycznej na lata 2028–2029' }) title: string;
  @ApiProperty({ example: 'Umowy na dostawę energii wygasają w grudniu 2027.' }) need: string;
  @ApiProperty({ example: 'SUPPLIES' }) subjectKind: string;
  @ApiProperty({ example: '09310000-5' }) cpvMain: string;
  @ApiProperty({ example: 'Elektryczność', nullable: true }) cpvLabel: string | null;
  @ApiProperty({ example: '1200000.00' }) estimatedValueNet: string;
  @ApiProperty({ example: '2027-09' }) plannedAnnouncementMonth: string;
  @ApiProperty({ example: '2028-01-01', nullable: true }) plannedStartOn: string | null;
  @ApiProperty({ example: 'Anna Nowak' }) authorName: string;
  @ApiProperty({ example: '2026-11-18T10:00:00.000Z' }) createdAt: string;
  @ApiProperty({ example: 'OPEN', enum: ['OPEN', 'CONVERTED'] }) status: 'OPEN' | 'CONVERTED';
  @ApiProperty({ example: null, nullable: true, description: 'The tender made from the sheet' })
  tender: { id: string; reference: string } | null;
  @ApiProperty({ example: '700000.00', description: 'Sum of the current interests' })
  interestedTotalNet: string;
  @ApiProperty({ type: [SheetPartnerView] }) partners: SheetPartnerView[];
  @ApiProperty({ example: false, description: 'The caller may turn the sheet into a tender' })
  mayConvert: boolean;
  @ApiProperty({ example: 1 }) version: number;
}

export class ProjectSheetPage {
  @ApiProperty({ type: [ProjectSheetView] }) items: ProjectSheetView[];
  @ApiProperty({ example: 1 }) total: number;
  @ApiProperty({ example: 50 }) limit: number;
  @ApiProperty({ example: 0 }) offset: number;
}
