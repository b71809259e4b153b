import { CanActivate, ExecutionContext, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { FastifyReply } from 'fastify';
import { AuthService } from '../auth';
import { DomainError, forbidden, unauthorized } from '../common/errors';
import { SESSION_COOKIE, WebSessionsService } from './session/web-sessions.service';
import { SIGN_IN_REQUIRED, WEB_NO_TOUCH, WEB_OPEN, type WebRequest } from './web.decorators';

/**
 * Every web request: a state-changing one must carry the form's CSRF token; the session cookie
 * resolves to the same Actor the API builds from a bearer token, so pages and API share one
 * access policy. Without a session only OpenPage routes answer; others go to sign-in.
 */
@Injectable()
export class WebAuthGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly sessions: WebSessionsService,
    private readonly auth: AuthService,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const req = context.switchToHttp().getRequest<WebRequest>();
    const reply = context.switchToHttp().getResponse<FastifyReply>();
    const flag = (key: string) =>
      this.reflector.getAllAndOverride<boolean>(key, [context.getHandler(), context.getClass()]);
    if (req.method !== 'GET' && req.method !== 'HEAD') await verifyCsrf(req, reply);
    const session = await this.sessions.resolve(req.cookies[SESSION_COOKIE], !flag(WEB_NO_TOUCH));
    if (session) {
      try {
        req.actor = await this.auth.actorForUser(session.userId, String(req.id), req.ip);
        req.webSession = session;
      } catch (err) {
        if (!(err instanceof DomainError && err.status === 401)) throw err;
      }
    }
    if (!req.webSession && !flag(WEB_OPEN)) throw unauthorized(SIGN_IN_REQUIRED, 'Sign in first');
    return true;
  }
}

/** @fastify/csrf-protection's check, with its refusal turned into an exception for the filter. */
function verifyCsrf(req: WebRequest, reply: FastifyReply): Promise<void> {
  return new Promise((resolve, reject) => {
    const refuse = {
      send: () => reject(forbidden('CSRF_INVALID', 'Missing or invalid CSRF token')),
    };
    req.server.csrfProtection(
      req,
      new Proxy(reply, {
        get: (target, key): unknown => (key === 'send' ? refuse.send : Reflect.get(target, key)),
      }),
      () => resolve(),
    );
  });
}
