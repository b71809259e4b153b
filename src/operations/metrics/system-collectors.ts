import { getQueueToken } from '@nestjs/bullmq';
import { Inject, Injectable, OnModuleDestroy, OnModuleInit } from '@nestjs/common';
import { ModuleRef } from '@nestjs/core';
import type { Queue } from 'bullmq';
import Redis from 'ioredis';
import type { Pool } from 'pg';
import { DataSource } from 'typeorm';
import { QueueName } from '../../common/jobs';
import { outboxBacklog } from '../../common/outbox';
import { REDIS } from '../../common/redis';
import {
  lastWorkerBeat,
  onCollect,
  outboxBacklogGauge as backlogGauge,
  outboxOldestAge,
  pgPool,
  queueJobs,
  queueOldestWaiting,
  stopCollecting,
  workerHeartbeatAge,
} from '../../common/metrics';

const STATES = ['waiting', 'active', 'delayed', 'prioritized', 'failed', 'completed'] as const;

/**
 * Gauges read at scrape time in this process: BullMQ queue depth and the oldest waiting job, the
 * outbox backlog, this process's PostgreSQL pool, and the last worker heartbeat.
 */
@Injectable()
export class SystemCollectors implements OnModuleInit, OnModuleDestroy {
  private readonly key = `system-${Math.random().toString(36).slice(2)}`;

  constructor(
    private readonly dataSource: DataSource,
    private readonly moduleRef: ModuleRef,
    @Inject(REDIS) private readonly redis: Redis,
  ) {}

  onModuleInit(): void {
    const queues = Object.values(QueueName).map((name) =>
      this.moduleRef.get<Queue>(getQueueToken(name), { strict: false }),
    );
    onCollect('queueJobs', this.key, async () => {
      for (const q of queues) {
        const counts = await q.getJobCounts(...STATES);
        for (const state of STATES) queueJobs.set({ queue: q.name, state }, counts[state] ?? 0);
      }
    });
    onCollect('queueOldest', this.key, async () => {
      for (const q of queues) {
        const [oldest] = await q.getJobs(['waiting', 'prioritized'], 0, 0, true);
        queueOldestWaiting.set(
          { queue: q.name },
          oldest ? Math.max(0, (Date.now() - oldest.timestamp) / 1000) : 0,
        );
      }
    });
    const backlog = async () => {
      const b = await outboxBacklog(this.dataSource.manager);
      backlogGauge.set(b.pending);
      outboxOldestAge.set(b.oldestAgeSeconds);
    };
    onCollect('outbox', this.key, backlog);
    onCollect('outboxOldest', this.key, backlog);
    onCollect('pgPool', this.key, async () => {
      const pool = (this.dataSource.driver as unknown as { master?: Pool }).master;
      if (!pool) return;
      pgPool.set({ state: 'total' }, pool.totalCount);
      pgPool.set({ state: 'idle' }, pool.idleCount);
      pgPool.set({ state: 'waiting' }, pool.waitingCount);
    });
    onCollect('heartbeat', this.key, async () => {
      workerHeartbeatAge.set((await lastWorkerBeat(this.redis)) ?? -1);
    });
  }

  onModuleDestroy(): void {
    stopCollecting(this.key);
  }
}
