import type Redis from 'ioredis';

/** How often a worker writes its heartbeat, and how long one counts as "seen recently". */
export const HEARTBEAT_EVERY_MS = 5_000;
export const HEARTBEAT_TTL_SECONDS = 30;
/** One Redis hash (under the instance's key prefix): worker id → time of its last beat. */
export const HEARTBEAT_KEY = 'worker-heartbeat';

/**
 * Seconds since the most recent heartbeat of any worker, or null when none beat within the TTL.
 * (Fields of workers that stopped without saying so are older than the TTL and ignored.)
 */
export async function lastWorkerBeat(redis: Redis, now = Date.now()): Promise<number | null> {
  const beats = Object.values(await redis.hgetall(HEARTBEAT_KEY)).map(Number);
  const fresh = beats.filter((t) => now - t <= HEARTBEAT_TTL_SECONDS * 1000);
  if (fresh.length === 0) return null;
  return Math.max(0, (now - Math.max(...fresh)) / 1000);
}
