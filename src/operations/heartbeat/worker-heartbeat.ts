import {
  Inject,
  Injectable,
  Logger,
  BeforeApplicationShutdown,
  OnApplicationBootstrap,
} from '@nestjs/common';
import Redis from 'ioredis';
import { hostname } from 'node:os';
import { HEARTBEAT_EVERY_MS, HEARTBEAT_KEY, HEARTBEAT_TTL_SECONDS } from '../../common/metrics';
import { REDIS } from '../../common/redis';

/**
 * The worker's heartbeat: a Redis key per worker process (under the instance's prefix) holding
 * the time of its last beat, expiring after HEARTBEAT_TTL_SECONDS, so the API's readiness and
 * metrics can tell whether any worker is alive without asking it.
 */
@Injectable()
export class WorkerHeartbeat implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger(WorkerHeartbeat.name);
  private timer?: NodeJS.Timeout;
  private readonly id = `${hostname()}:${process.pid}:${Math.random().toString(36).slice(2, 8)}`;

  constructor(@Inject(REDIS) private readonly redis: Redis) {}

  onApplicationBootstrap(): void {
    void this.beat();
    this.timer = setInterval(() => void this.beat(), HEARTBEAT_EVERY_MS);
    this.timer.unref();
  }

  /**
   * Before, not on, application shutdown: the shared Redis client is closed in the
   * onApplicationShutdown phase, and a beat left behind would count as a live worker for
   * HEARTBEAT_TTL_SECONDS after this one stopped.
   */
  async beforeApplicationShutdown(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    await this.redis.hdel(HEARTBEAT_KEY, this.id).catch(() => undefined);
  }

  private async beat(): Promise<void> {
    try {
      await this.redis.hset(HEARTBEAT_KEY, this.id, String(Date.now()));
      await this.redis.expire(HEARTBEAT_KEY, HEARTBEAT_TTL_SECONDS);
    } catch (err) {
      this.logger.debug(`Heartbeat not written: ${(err as Error).message}`);
    }
  }
}
