import { createParamDecorator, ExecutionContext, SetMetadata } from '@nestjs/common';
import type { FastifyRequest } from 'fastify';
import type { Actor } from './actor';

export const IS_PUBLIC = 'isPublic';
/** Marks a route that needs no access token (login, health, calendar feed). */
export const Public = () => SetMetadata(IS_PUBLIC, true);

export type AuthenticatedRequest = FastifyRequest & { actor?: Actor };

/** The authenticated caller, set by the JWT guard. */
export const CurrentActor = createParamDecorator((_: unknown, ctx: ExecutionContext): Actor => {
  const req = ctx.switchToHttp().getRequest<AuthenticatedRequest>();
  if (!req.actor) throw new Error('CurrentActor used on a public route');
  return req.actor;
});
