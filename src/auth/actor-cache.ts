import {
  BeforeApplicationShutdown,
  Inject,
  Injectable,
  Logger,
  type OnModuleDestroy,
} from '@nestjs/common';
import Redis from 'ioredis';
import { AppConfig } from '../config';
import { REDIS } from '../common/redis';
import type { Actor } from './actor';

/**
 * What the cache keeps of a user: the actor without the request's own fields, and the token
 * version its access tokens must carry.
 */
export type CachedActor = Omit<Actor, 'requestId' | 'ip'> & { tokenVersion: number };

/** How long an entry may serve without news from other processes (the safety net). */
export const ACTOR_CACHE_TTL_MS = 10_000;
const MAX_ENTRIES = 10_000;

/**
 * The callers resolved from tokens, kept in this process for ACTOR_CACHE_TTL_MS, so a request
 * costs no user query. Whatever changes who a user is — roles, the admin flag, deactivation, a
 * password change — calls `invalidate(userId)` after its commit: the entry is dropped here at
 * once and the user id is published on a Redis channel (`<REDIS_PREFIX>:actor-invalidated`) that
 * every other API process listens to, so the change takes effect everywhere within the time a
 * message needs. While Redis is away the TTL bounds how long another process may answer from an
 * old entry.
 */
@Injectable()
export class ActorCache implements BeforeApplicationShutdown, OnModuleDestroy {
  private readonly logger = new Logger(ActorCache.name);
  private readonly entries = new Map<string, { actor: CachedActor; until: number }>();
  private readonly channel: string;
  private subscriber?: Redis;

  constructor(
    @Inject(REDIS) private readonly redis: Redis,
    config: AppConfig,
  ) {
    this.channel = `${config.redisPrefix}:actor-invalidated`;
  }

  get(userId: string, now = Date.now()): CachedActor | undefined {
    this.listen();
    const entry = this.entries.get(userId);
    if (!entry) return undefined;
    if (entry.until < now) {
      this.entries.delete(userId);
      return undefined;
    }
    return entry.actor;
  }

  set(actor: CachedActor, now = Date.now()): void {
    if (this.entries.size >= MAX_ENTRIES) {
      // Oldest first: a Map iterates in insertion order.
      const oldest = this.entries.keys().next().value;
      if (oldest !== undefined) this.entries.delete(oldest);
    }
    this.entries.delete(actor.userId);
    this.entries.set(actor.userId, { actor, until: now + ACTOR_CACHE_TTL_MS });
  }

  /** Drops the user here and tells the other processes; call it after the change committed. */
  async invalidate(userId: string): Promise<void> {
    this.entries.delete(userId);
    await this.redis
      .publish(this.channel, userId)
      .catch((err: Error) =>
        this.logger.warn(
          `Could not tell other API processes that user ${userId} changed (Redis: ${err.message}); ` +
            `their cached copy expires within ${ACTOR_CACHE_TTL_MS / 1000} s`,
        ),
      );
  }

  /** Subscribes on first use, so processes that never resolve tokens (the worker) do not. */
  private listen(): void {
    if (this.subscriber) return;
    // Pub/sub needs a connection of its own; channels are not prefixed by ioredis' keyPrefix.
    const subscriber = this.redis.duplicate({ keyPrefix: undefined, enableOfflineQueue: true });
    this.subscriber = subscriber;
    subscriber.on('message', (_channel: string, userId: string) => this.entries.delete(userId));
    // After a reconnection anything may have changed meanwhile: start afresh.
    subscriber.on('ready', () => this.entries.clear());
    subscriber.on('error', () => undefined);
    subscriber.subscribe(this.channel).catch((err: Error) => {
      this.logger.warn(`Not subscribed to ${this.channel}: ${err.message}`);
    });
  }

  async beforeApplicationShutdown(): Promise<void> {
    await this.close();
  }

  async onModuleDestroy(): Promise<void> {
    await this.close();
  }

  private async close(): Promise<void> {
    const subscriber = this.subscriber;
    this.subscriber = undefined;
    this.entries.clear();
    if (subscriber) await subscriber.quit().catch(() => subscriber.disconnect());
  }
}
