import {
  applyDecorators,
  Controller,
  createParamDecorator,
  ExecutionContext,
  SetMetadata,
  UseFilters,
  UseGuards,
} from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { Actor } from '../auth';
import type { AuthenticatedRequest } from '../auth';
import { Public } from '../auth';
import { unauthorized } from '../common/errors';
import type { ActiveSession } from './session/web-sessions.service';
import { WebAuthGuard } from './web-auth.guard';
import { WebExceptionFilter } from './web-exception.filter';

export const WEB_OPEN = 'web:open';
export const WEB_NO_TOUCH = 'web:noTouch';

/** A page that needs no session (sign-in, the accessibility statement). */
export const OpenPage = () => SetMetadata(WEB_OPEN, true);
/** A background request (status poll) that must not extend the idle timeout. */
export const NoTouch = () => SetMetadata(WEB_NO_TOUCH, true);

export type WebRequest = AuthenticatedRequest & { webSession?: ActiveSession };

/**
 * A controller of web pages: outside the bearer-token guard (the session cookie stands in for
 * it), not in the OpenAPI document (HTML pages, not API), errors rendered as Polish pages.
 */
export function WebController(): ClassDecorator {
  return applyDecorators(
    Controller(),
    Public(),
    ApiExcludeController(),
    UseGuards(WebAuthGuard),
    UseFilters(WebExceptionFilter),
  );
}

export const SIGN_IN_REQUIRED = 'WEB_SIGN_IN_REQUIRED';

/** The signed-in person; pages marked OpenPage get a sign-in redirect instead. */
export const WebActor = createParamDecorator((_: unknown, ctx: ExecutionContext): Actor => {
  const req = ctx.switchToHttp().getRequest<WebRequest>();
  if (!req.actor) throw unauthorized(SIGN_IN_REQUIRED, 'Sign in first');
  return req.actor;
});

export const WebSessionOf = createParamDecorator(
  (_: unknown, ctx: ExecutionContext): ActiveSession => {
    const req = ctx.switchToHttp().getRequest<WebRequest>();
    if (!req.webSession) throw unauthorized(SIGN_IN_REQUIRED, 'Sign in first');
    return req.webSession;
  },
);
