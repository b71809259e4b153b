import { ApiProperty } from '@nestjs/swagger';
import { IsEmail, IsString, MaxLength, MinLength } from 'class-validator';
import { MIN_PASSWORD_LENGTH } from '../passwords';
import { ROLES, type Role } from '../roles';

export class LoginDto {
  @ApiProperty({ example: 'officer@skawina.demo' })
  @IsEmail({}, { message: 'email must be an e-mail address' })
  @MaxLength(254)
  email: string;

  @ApiProperty({ example: 'wspolnie-demo' })
  @IsString()
  @MinLength(1)
  @MaxLength(1024)
  password: string;
}

export class ChangePasswordDto {
  @ApiProperty({ example: 'wspolnie-demo', description: 'The password used now' })
  @IsString()
  @MinLength(1, { message: 'currentPassword must not be empty' })
  @MaxLength(1024)
  currentPassword: string;

  @ApiProperty({
    example: 'nowe-długie-hasło-2026',
    minLength: MIN_PASSWORD_LENGTH,
    description: `At least ${MIN_PASSWORD_LENGTH} characters, different from the current one`,
  })
  @IsString()
  @MinLength(MIN_PASSWORD_LENGTH, {
    message: `newPassword must be at least ${MIN_PASSWORD_LENGTH} characters long`,
  })
  @MaxLength(1024)
  newPassword: string;
}

export class RefreshDto {
  @ApiProperty({ example: 'Q2hhbmdlTWUuLi4' })
  @IsString()
  @MinLength(20)
  @MaxLength(200)
  refreshToken: string;
}

export class MembershipView {
  @ApiProperty({ format: 'uuid' }) organisationId: string;
  @ApiProperty({ example: 'Gmina Skawina' }) organisationName: string;
  @ApiProperty({ enum: ROLES, example: 'PROCUREMENT_OFFICER' }) role: Role;
}

export class UserView {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ example: 'officer@skawina.demo' }) email: string;
  @ApiProperty({ example: 'Anna Nowak' }) displayName: string;
  @ApiProperty({ example: false }) admin: boolean;
  @ApiProperty({ example: true }) active: boolean;
  @ApiProperty({ type: [MembershipView] }) memberships: MembershipView[];
}

export class TokenResponse {
  @ApiProperty({ example: 'eyJhbGciOiJIUzI1NiIs…' }) accessToken: string;
  @ApiProperty({ example: 'rt_2c1d…', description: 'Single use: each refresh returns a new one' })
  refreshToken: string;
  @ApiProperty({ example: 900, description: 'Access token lifetime in seconds' }) expiresIn: number;
  @ApiProperty({ type: UserView }) user: UserView;
}
