import { Inject, Injectable } from '@nestjs/common';
import { HealthIndicatorResult, HealthIndicatorService } from '@nestjs/terminus';
import Redis from 'ioredis';
import { DataSource } from 'typeorm';
import { outboxBacklog } from '../common/outbox';
import { REDIS } from '../common/redis';
import { HEARTBEAT_TTL_SECONDS, lastWorkerBeat } from '../common/metrics';

/**
 * What readiness adds for operators: the outbox backlog and whether a worker beat recently.
 * Neither makes the API unready (it still takes requests: jobs wait in the outbox), so both
 * report `up` with their figures, and a missing worker turns the overall status `degraded`.
 */
@Injectable()
export class OperationsHealthIndicator {
  constructor(
    private readonly dataSource: DataSource,
    @Inject(REDIS) private readonly redis: Redis,
    private readonly indicator: HealthIndicatorService,
  ) {}

  async outbox(key: string): Promise<HealthIndicatorResult> {
    const check = this.indicator.check(key);
    const b = await outboxBacklog(this.dataSource.manager);
    return check.up({ backlog: b.pending, stuck: b.stuck, oldestAgeSeconds: b.oldestAgeSeconds });
  }

  async worker(key: string): Promise<HealthIndicatorResult> {
    const check = this.indicator.check(key);
    const seconds = await lastWorkerBeat(this.redis).catch(() => null);
    return seconds === null
      ? check.up({
          seen: false,
          state: 'degraded',
          message: `No worker heartbeat within ${HEARTBEAT_TTL_SECONDS} s: documents, reminders and e-mails wait in the outbox`,
        })
      : check.up({ seen: true, lastSeenSecondsAgo: Math.round(seconds * 10) / 10 });
  }
}
