import { Inject, Injectable, Logger } from '@nestjs/common';
import { createHash } from 'node:crypto';
import Redis from 'ioredis';
import { AppConfig } from '../config';
import { REDIS } from '../common/redis';

/**
 * Counts failed logins per (IP, e-mail) pair in Redis. Never per IP alone: a whole municipal office
 * shares one public address, and one mistyped password must not lock out colleagues. Only failures
 * count; a success clears the counter. If Redis is unavailable the limiter lets logins through
 * (logged): queue state, not security state, lives in Redis, and locking everyone out is worse.
 */
@Injectable()
export class LoginLimiterService {
  private readonly logger = new Logger(LoginLimiterService.name);

  constructor(
    @Inject(REDIS) private readonly redis: Redis,
    private readonly config: AppConfig,
  ) {}

  private key(ip: string, email: string): string {
    return 'login-failures:' + createHash('sha256').update(`${ip}|${email}`).digest('hex');
  }

  /** Seconds until another attempt is allowed, or 0 when allowed now. */
  async blockedFor(ip: string, email: string): Promise<number> {
    try {
      const key = this.key(ip, email);
      const [count, ttl] = await Promise.all([this.redis.get(key), this.redis.ttl(key)]);
      return Number(count ?? 0) >= this.config.loginMaxFailures ? Math.max(ttl, 1) : 0;
    } catch (err) {
      this.logger.warn(`Login limiter unavailable (Redis): ${(err as Error).message}`);
      return 0;
    }
  }

  async recordFailure(ip: string, email: string): Promise<void> {
    try {
      const key = this.key(ip, email);
      const count = await this.redis.incr(key);
      if (count === 1) await this.redis.expire(key, this.config.loginWindowSeconds);
    } catch (err) {
      this.logger.warn(`Login limiter unavailable (Redis): ${(err as Error).message}`);
    }
  }

  async reset(ip: string, email: string): Promise<void> {
    await this.redis.del(this.key(ip, email)).catch(() => undefined);
  }
}
