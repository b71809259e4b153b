import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Options } from 'pino-http';

/** The raw request as the Fastify adapter leaves it: its id and its route pattern. */
export type LoggedRequest = IncomingMessage & { route?: string };

function addressOf(req: IncomingMessage): string {
  return (req as IncomingMessage & { originalUrl?: string }).originalUrl ?? req.url ?? '';
}

/** Paths that are never logged: probes hit them every few seconds and say nothing. */
export function isQuietPath(url: string | undefined): boolean {
  const path = (url ?? '').split('?')[0];
  return path === '/health' || path.startsWith('/health/') || path === '/metrics';
}

/**
 * The route pattern (`/api/v1/tenders/:id`) rather than the address: shorter, groups well, and
 * keeps secrets that live in paths (calendar feed tokens) out of the logs. Requests that matched
 * no route keep only their path, cut to 200 characters.
 */
export function routeOf(req: IncomingMessage): string {
  return (req as LoggedRequest).route ?? addressOf(req).split('?')[0].slice(0, 200);
}

/**
 * pino-http options: one line per request with the method, the route, the status, the duration
 * and the request id — no headers, no query strings — and nothing for health probes or metrics
 * scrapes. Log lines written while handling a request carry only its id.
 */
export function requestLogOptions(level: string): Options {
  return {
    level,
    quietReqLogger: true,
    // Nest runs this as a middleware under @fastify/middie, which shortens `url` to the part
    // after the mount point; `originalUrl` is the address as requested.
    autoLogging: { ignore: (req) => isQuietPath(addressOf(req)) },
    customSuccessMessage: (req, res) => `${req.method} ${routeOf(req)} ${res.statusCode}`,
    customErrorMessage: (req, res) => `${req.method} ${routeOf(req)} ${res.statusCode}`,
    serializers: {
      // The id is on every line already (`reqId`, quietReqLogger).
      req: (req: { raw?: LoggedRequest; method?: string }) => ({
        method: req.method,
        route: req.raw ? routeOf(req.raw) : undefined,
      }),
      res: (res: { statusCode?: number } & Partial<ServerResponse>) => ({
        status: res.statusCode,
      }),
    },
  };
}
