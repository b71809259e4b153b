import { ApiProperty, ApiPropertyOptional, PartialType } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import {
  IsEmail,
  IsIn,
  IsInt,
  IsOptional,
  IsString,
  Matches,
  MaxLength,
  Min,
  MinLength,
  ValidateNested,
} from 'class-validator';
import { normalizeNip, IsNip, IsRegon } from '../../common/identifiers';
import { PageQuery } from '../../common/pagination';
import { ORGANISATION_KINDS, type OrganisationKind } from '../organisation.entity';

const digitsOnly = ({ value }: { value: unknown }) =>
  typeof value === 'string' ? value.replace(/[\s-]/g, '') : value;

export class AddressDto {
  @ApiProperty({ example: 'Rynek 1' })
  @IsString()
  @MinLength(1)
  @MaxLength(200)
  street: string;

  @ApiProperty({ example: '32-050' })
  @Matches(/^\d{2}-\d{3}$/, { message: 'address.postalCode must be a Polish postal code NN-NNN' })
  postalCode: string;

  @ApiProperty({ example: 'Skawina' })
  @IsString()
  @MinLength(1)
  @MaxLength(100)
  city: string;
}

export class CreateOrganisationDto {
  @ApiProperty({ enum: ORGANISATION_KINDS, example: 'GMINA_MIEJSKO_WIEJSKA' })
  @IsIn(ORGANISATION_KINDS, { message: `kind must be one of ${ORGANISATION_KINDS.join(', ')}` })
  kind: OrganisationKind;

  @ApiProperty({ example: 'Gmina Skawina' })
  @IsString()
  @MinLength(3)
  @MaxLength(200)
  name: string;

  @ApiPropertyOptional({
    example: 'skawina',
    description: 'Short handle; derived from the name when omitted',
  })
  @IsOptional()
  @Matches(/^[a-z0-9]+(-[a-z0-9]+)*$/, {
    message: 'slug must be lower-case letters, digits and hyphens',
  })
  @MaxLength(60)
  slug?: string;

  @ApiProperty({
    example: '944-18-48-221',
    description: 'NIP, 10 digits with a valid check digit; dashes and PL prefix accepted',
  })
  @Transform(({ value }: { value: unknown }) =>
    typeof value === 'string' ? (normalizeNip(value) ?? value) : value,
  )
  @IsNip()
  nip: string;

  @ApiProperty({
    example: '351555619',
    description: 'REGON, 9 or 14 digits with valid check digits',
  })
  @Transform(digitsOnly)
  @IsRegon()
  regon: string;

  @ApiPropertyOptional({
    example: '1206113',
    description: 'TERYT (TERC): 7 digits WWPPGGR for a gmina, 4 digits WWPP for a powiat',
  })
  @IsOptional()
  @Transform(digitsOnly)
  @Matches(/^\d{4}(\d{3})?$/, { message: 'teryt must be 7 digits (gmina) or 4 digits (powiat)' })
  teryt?: string;

  @ApiPropertyOptional({ type: AddressDto })
  @IsOptional()
  @ValidateNested()
  @Type(() => AddressDto)
  address?: AddressDto;

  @ApiPropertyOptional({ example: 'Burmistrz Miasta i Gminy Skawina' })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  headTitle?: string;

  @ApiPropertyOptional({ example: 'Jan Kowalski' })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  headName?: string;

  @ApiPropertyOptional({ example: 'Maria Nowak' })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  treasurerName?: string;

  @ApiPropertyOptional({ example: 'zamowienia@gminaskawina.pl' })
  @IsOptional()
  @IsEmail({}, { message: 'email must be an e-mail address' })
  email?: string;
}

export class UpdateOrganisationDto extends PartialType(CreateOrganisationDto) {
  @ApiProperty({ example: 1, description: 'The version you edit; a stale version is 409' })
  @IsInt()
  @Min(1)
  version: number;
}

export class OrganisationsQuery extends PageQuery {
  @ApiPropertyOptional({ example: 'Skawina', description: 'Text in the name, NIP or REGON' })
  @IsOptional()
  @IsString()
  @MaxLength(100)
  q?: string;

  @ApiPropertyOptional({ enum: ORGANISATION_KINDS })
  @IsOptional()
  @IsIn(ORGANISATION_KINDS)
  kind?: OrganisationKind;
}

export class AddressView {
  @ApiProperty({ nullable: true, example: 'Rynek 1' }) street: string | null;
  @ApiProperty({ nullable: true, example: '32-050' }) postalCode: string | null;
  @ApiProperty({ nullable: true, example: 'Skawina' }) city: string | null;
}

export class OrganisationView {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ enum: ORGANISATION_KINDS }) kind: OrganisationKind;
  @ApiProperty({ example: 'Gmina Skawina' }) name: string;
  @ApiProperty({ example: 'skawina' }) slug: string;
  @ApiProperty({ example: '9441848221' }) nip: string;
  @ApiProperty({ example: '351555619' }) regon: string;
  @ApiProperty({ nullable: true, example: '1206113' }) teryt: string | null;
  @ApiProperty({ type: AddressView }) address: AddressView;
  @ApiProperty({ nullable: true }) headTitle: string | null;
  @ApiProperty({ nullable: true }) headName: string | null;
  @ApiProperty({ nullable: true }) treasurerName: string | null;
  @ApiProperty({ nullable: true }) email: string | null;
  @ApiProperty({ description: 'Demonstration data with made-up identifiers' }) demo: boolean;
  @ApiProperty({ example: 1 }) version: number;
}
