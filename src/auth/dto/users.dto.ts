import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsBoolean,
  IsEmail,
  IsIn,
  IsOptional,
  IsString,
  IsUUID,
  MaxLength,
  MinLength,
  ValidateNested,
} from 'class-validator';
import { MIN_PASSWORD_LENGTH } from '../passwords';
import { ROLES, type Role } from '../roles';
import { PageQuery } from '../../common/pagination';

export class MembershipInput {
  @ApiProperty({ format: 'uuid' })
  @IsUUID()
  organisationId: string;

  @ApiProperty({ enum: ROLES, example: 'TREASURER' })
  @IsIn(ROLES, { message: `role must be one of ${ROLES.join(', ')}` })
  role: Role;
}

export class CreateUserDto {
  @ApiProperty({ example: 'skarbnik@liszki.pl' })
  @IsEmail({}, { message: 'email must be an e-mail address' })
  @MaxLength(254)
  email: string;

  @ApiProperty({ example: 'Maria Kowalska' })
  @IsString()
  @MinLength(2)
  @MaxLength(200)
  displayName: string;

  @ApiProperty({ example: 'długie-hasło-2026', minLength: MIN_PASSWORD_LENGTH })
  @IsString()
  @MinLength(MIN_PASSWORD_LENGTH, {
    message: `password must be at least ${MIN_PASSWORD_LENGTH} characters long`,
  })
  @MaxLength(1024)
  password: string;

  @ApiPropertyOptional({ example: false })
  @IsOptional()
  @IsBoolean()
  admin?: boolean;

  @ApiPropertyOptional({ type: [MembershipInput] })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(50)
  @ValidateNested({ each: true })
  @Type(() => MembershipInput)
  memberships?: MembershipInput[];
}

export class UpdateUserDto {
  @ApiPropertyOptional({ example: 'Maria Kowalska-Nowak' })
  @IsOptional()
  @IsString()
  @MinLength(2)
  @MaxLength(200)
  displayName?: string;

  @ApiPropertyOptional({ example: true })
  @IsOptional()
  @IsBoolean()
  active?: boolean;

  @ApiPropertyOptional({ example: false })
  @IsOptional()
  @IsBoolean()
  admin?: boolean;

  @ApiPropertyOptional({ example: 'nowe-długie-hasło', minLength: MIN_PASSWORD_LENGTH })
  @IsOptional()
  @IsString()
  @MinLength(MIN_PASSWORD_LENGTH, {
    message: `password must be at least ${MIN_PASSWORD_LENGTH} characters long`,
  })
  @MaxLength(1024)
  password?: string;
}

export class UsersQuery extends PageQuery {
  @ApiPropertyOptional({
    format: 'uuid',
    description: 'Only users with a role in this organisation',
  })
  @IsOptional()
  @IsUUID()
  organisationId?: string;

  @ApiPropertyOptional({ example: 'kowalska', description: 'Text in e-mail or name' })
  @IsOptional()
  @IsString()
  @MaxLength(100)
  q?: string;
}
