import { Body, Controller, Get, HttpCode, Post, Req } from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiNoContentResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
  ApiTooManyRequestsResponse,
  ApiUnauthorizedResponse,
  ApiBadRequestResponse,
} from '@nestjs/swagger';
import type { FastifyRequest } from 'fastify';
import type { Actor } from './actor';
import { CurrentActor, Public } from './auth.decorators';
import { AuthService } from './auth.service';
import { ChangePasswordDto, LoginDto, RefreshDto, TokenResponse, UserView } from './dto/auth.dto';

@ApiTags('auth')
@Controller('auth')
export class AuthController {
  constructor(private readonly auth: AuthService) {}

  @Public()
  @Post('login')
  @HttpCode(200)
  @ApiOperation({
    summary: 'Log in with e-mail and password',
    description:
      'Returns a short-lived access token and a single-use refresh token. Failed logins are limited per (IP, e-mail) pair.',
  })
  @ApiOkResponse({ type: TokenResponse })
  @ApiUnauthorizedResponse({
    description: 'Invalid e-mail or password (the same message whether or not the e-mail exists)',
  })
  @ApiTooManyRequestsResponse({
    description: 'Too many failed logins for this e-mail from this address',
  })
  login(@Body() dto: LoginDto, @Req() req: FastifyRequest): Promise<TokenResponse> {
    return this.auth.login(dto.email, dto.password, req.ip, String(req.id));
  }

  @Public()
  @Post('refresh')
  @HttpCode(200)
  @ApiOperation({
    summary: 'Exchange a refresh token for new tokens',
    description: 'The presented refresh token stops working; reusing it revokes the whole session.',
  })
  @ApiOkResponse({ type: TokenResponse })
  refresh(@Body() dto: RefreshDto, @Req() req: FastifyRequest): Promise<TokenResponse> {
    return this.auth.refresh(dto.refreshToken, String(req.id));
  }

  @Public()
  @Post('logout')
  @HttpCode(204)
  @ApiOperation({ summary: 'Revoke a refresh token' })
  @ApiNoContentResponse({ description: 'The refresh token no longer works' })
  logout(@Body() dto: RefreshDto, @Req() req: FastifyRequest): Promise<void> {
    return this.auth.logout(dto.refreshToken, String(req.id));
  }

  @Get('me')
  @ApiBearerAuth()
  @ApiOperation({ summary: 'The current user with organisations and roles' })
  @ApiOkResponse({ type: UserView })
  me(@CurrentActor() actor: Actor): Promise<UserView> {
    return this.auth.me(actor);
  }

  @Post('password')
  @HttpCode(204)
  @ApiBearerAuth()
  @ApiOperation({
    summary: 'Change my own password',
    description:
      'Checks the current password (wrong ones count towards the failed-login limit), stores the new one and signs the person out everywhere: every refresh token is revoked and every web session ended. Access tokens already issued lapse at their expiry. Audited as `auth.password_changed`.',
  })
  @ApiNoContentResponse({ description: 'Changed; sign in again with the new password' })
  @ApiBadRequestResponse({
    description:
      '`errors[]` names the field: `currentPassword` (rule `matches`) or `newPassword` (`minLength`, `different`)',
  })
  @ApiTooManyRequestsResponse({ description: 'Too many wrong current passwords from this address' })
  async changePassword(
    @CurrentActor() actor: Actor,
    @Body() dto: ChangePasswordDto,
    @Req() req: FastifyRequest,
  ): Promise<void> {
    await this.auth.changeOwnPassword(actor, dto.currentPassword, dto.newPassword, req.ip);
  }
}
