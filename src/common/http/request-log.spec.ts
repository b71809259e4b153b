import type { IncomingMessage } from 'node:http';
import { isQuietPath, requestLogOptions, routeOf } from './request-log';

const req = (url: string, route?: string) =>
  ({ url, method: 'GET', route }) as unknown as IncomingMessage;

describe('request log', () => {
  it('leaves out health probes and metrics scrapes, and nothing else', () => {
    expect(['/health', '/health/ready', '/health?x=1', '/metrics'].map(isQuietPath)).toEqual([
      true,
      true,
      true,
      true,
    ]);
    expect(['/healthy', '/api/v1/tenders', '/', '/zadania'].map(isQuietPath)).toEqual([
      false,
      false,
      false,
      false,
    ]);
    const ignore = (
      requestLogOptions('info').autoLogging as { ignore: (r: IncomingMessage) => boolean }
    ).ignore;
    expect(ignore(req('/health/ready'))).toBe(true);
    expect(ignore(req('/api/v1/tenders'))).toBe(false);
    // Under @fastify/middie `url` is relative to the mount point; `originalUrl` decides.
    const mounted = Object.assign(req('/ready'), { originalUrl: '/health/ready' });
    expect(ignore(mounted)).toBe(true);
  });

  it('names the route pattern, never the address with its secrets', () => {
    expect(routeOf(req('/api/v1/calendar/s3cr3t-token.ics', '/api/v1/calendar/:token'))).toBe(
      '/api/v1/calendar/:token',
    );
    expect(routeOf(req('/nowhere?token=abc'))).toBe('/nowhere');
    expect(routeOf(req(`/${'x'.repeat(500)}`))).toHaveLength(200);
  });

  it('serializes a request to its id, method and route and a response to its status only', () => {
    const { serializers } = requestLogOptions('info') as {
      serializers: Record<string, (v: unknown) => unknown>;
    };
    const raw = req('/api/v1/tenders/1?x=2', '/api/v1/tenders/:id');
    expect(
      serializers.req({
        id: 'r-1',
        method: 'GET',
        url: '/api/v1/tenders/1?x=2',
        headers: { a: 'b' },
        raw,
      }),
    ).toEqual({ method: 'GET', route: '/api/v1/tenders/:id' });
    expect(serializers.res({ statusCode: 204, headers: { 'set-cookie': 'x' } })).toEqual({
      status: 204,
    });
  });
});
