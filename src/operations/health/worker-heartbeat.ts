import {
  Inject,
  Injectable,
  Logger,
  OnApplicationBootstrap,
  OnApplicationShutdown,
} from '@nestjs/common';
import Redis from 'ioredis';
import { hostname } from 'node:os';
import { REDIS } from '../../common/redis/redis.module';

/** How often a worker writes its heartbeat, and how long one counts as "seen recently". */
export const HEARTBEAT_EVERY_MS = 5_000;
export const HEARTBEAT_TTL_SECONDS = 30;
const KEY = 'worker-heartbeat';

/**
 * The worker's heartbeat: a Redis key per worker process (under the instance's prefix) holding
 * the time of its last beat, expiring after HEARTBEAT_TTL_SECONDS, so the API's readiness and
 * metrics can tell whether any worker is alive without asking it.
 */
@Injectable()
export class WorkerHeartbeat implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(WorkerHeartbeat.name);
  private timer?: NodeJS.Timeout;
  private readonly id = `${hostname()}:${process.pid}:${Math.random().toString(36).slice(2, 8)}`;

  constructor(@Inject(REDIS) private readonly redis: Redis) {}

  onApplicationBootstrap(): void {
    void this.beat();
    this.timer = setInterval(() => void this.beat(), HEARTBEAT_EVERY_MS);
    this.timer.unref();
  }

  async onApplicationShutdown(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    await this.redis.hdel(KEY, this.id).catch(() => undefined);
  }

  private async beat(): Promise<void> {
    try {
      await this.redis.hset(KEY, this.id, String(Date.now()));
      await this.redis.expire(KEY, HEARTBEAT_TTL_SECONDS);
    } catch (err) {
      this.logger.debug(`Heartbeat not written: ${(err as Error).message}`);
    }
  }
}

/**
 * Seconds since the most recent heartbeat of any worker, or null when none beat within the TTL.
 * (One hash: fields of workers that stopped without saying so are older than the TTL and ignored.)
 */
export async function lastWorkerBeat(redis: Redis, now = Date.now()): Promise<number | null> {
  const beats = Object.values(await redis.hgetall(KEY)).map(Number);
  const fresh = beats.filter((t) => now - t <= HEARTBEAT_TTL_SECONDS * 1000);
  if (fresh.length === 0) return null;
  return Math.max(0, (now - Math.max(...fresh)) / 1000);
}
