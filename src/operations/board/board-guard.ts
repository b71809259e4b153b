import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Actor } from '../../auth';

export const BOARD_ROUTE = '/admin/queues';

/** Resolves the caller of a board request, or null: a bearer access token of a user. */
export type BoardAuthenticator = (request: FastifyRequest) => Promise<Actor | null>;

/**
 * Bull Board has no authentication of its own and Nest middleware does not guard a Fastify
 * plugin, so a Fastify `onRequest` hook does: 401 without a valid login, 403 for anyone but an
 * administrator, before the board sees the request.
 */
export function guardBoard(fastify: FastifyInstance, authenticate: BoardAuthenticator): void {
  fastify.addHook('onRequest', async (request: FastifyRequest, reply: FastifyReply) => {
    const path = request.url.split('?')[0];
    if (path !== BOARD_ROUTE && !path.startsWith(`${BOARD_ROUTE}/`)) return;
    let actor: Actor | null = null;
    try {
      actor = await authenticate(request);
    } catch {
      actor = null;
    }
    const deny = (statusCode: 401 | 403, code: string, message: string) =>
      reply
        .code(statusCode)
        .header('content-type', 'application/json; charset=utf-8')
        .send({ statusCode, code, message, requestId: request.id });
    if (!actor)
      return deny(
        401,
        'UNAUTHORIZED',
        "The queue board needs an administrator's login (Authorization: Bearer …)",
      );
    if (!actor.admin) return deny(403, 'FORBIDDEN', 'Only administrators may open the queue board');
  });
}
