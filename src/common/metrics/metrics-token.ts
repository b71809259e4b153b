import { createHash, timingSafeEqual } from 'node:crypto';

export type MetricsAccess = 'ok' | 'disabled' | 'unauthorized';

const digest = (s: string) => createHash('sha256').update(s).digest();

/** `Authorization: Bearer <METRICS_TOKEN>`, compared in constant time; no token set = metrics off. */
export function metricsAccess(
  configured: string,
  authorization: string | undefined,
): MetricsAccess {
  if (!configured) return 'disabled';
  const match = authorization ? /^Bearer\s+(\S+)$/i.exec(authorization) : null;
  if (!match) return 'unauthorized';
  return timingSafeEqual(digest(match[1]), digest(configured)) ? 'ok' : 'unauthorized';
}
