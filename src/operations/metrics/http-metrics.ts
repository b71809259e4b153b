import type { FastifyInstance } from 'fastify';
import { httpDuration } from '../../common/metrics';

/** Request duration by route pattern (never the raw URL: ids would explode the label set). */
export function instrumentHttp(fastify: FastifyInstance): void {
  fastify.addHook('onResponse', (request, reply, done) => {
    const route = request.routeOptions?.url ?? 'unmatched';
    httpDuration.observe(
      { method: request.method, route, status_code: String(reply.statusCode) },
      reply.elapsedTime / 1000,
    );
    done();
  });
}
