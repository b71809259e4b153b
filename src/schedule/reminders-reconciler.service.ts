import { InjectQueue } from '@nestjs/bullmq';
import { Injectable, Logger } from '@nestjs/common';
import type { Queue } from 'bullmq';
import { DataSource } from 'typeorm';
import { QueueName } from '../common/jobs';
import { OutboxService, undispatchedJobIds } from '../common/outbox';
import { AppConfig } from '../config';
import { Clock } from './clock';
import { planReminders, type PlannedReminder } from './reminder-plan';

/** The advisory lock key of the reminders reconciliation (any fixed bigint, unique in the app). */
const RECONCILE_LOCK = 7_350_021_001;

const BATCH = 500;

/** What one reconciliation found. */
export interface ReconcileResult {
  /** OPEN deadlines looked at. */
  deadlines: number;
  /** Reminders still to send (not sent yet, time not passed). */
  pending: number;
  /** Of those, the ones whose job Redis did not have: written to the outbox again. */
  restored: number;
}

/**
 * PostgreSQL is the source of truth for reminders; Redis only holds their delayed jobs. After a
 * Redis data loss (a flush, a failover to an empty replica, a lost volume) this puts back every
 * job that is missing: for each OPEN deadline the reminders still to send — planned exactly as
 * the deadline writer plans them, minus those already sent (`deadline_reminders`) and those
 * waiting in the outbox — whose deterministic job id Redis lacks, go through the outbox again.
 * Idempotent: an existing job is left alone, the same job id is never added twice, and the
 * unique reminder record stops a second send in any case.
 */
@Injectable()
export class RemindersReconciler {
  private readonly logger = new Logger(RemindersReconciler.name);

  constructor(
    private readonly dataSource: DataSource,
    private readonly outbox: OutboxService,
    private readonly config: AppConfig,
    private readonly clock: Clock,
    @InjectQueue(QueueName.Reminders) private readonly queue: Queue,
  ) {}

  /**
   * One reconciliation at a time across every worker process (a PostgreSQL advisory lock): two
   * overlapping runs would both find the same jobs missing and queue them twice.
   */
  async reconcile(): Promise<ReconcileResult> {
    const runner = this.dataSource.createQueryRunner();
    await runner.connect();
    try {
      const [{ locked }] = (await runner.query('SELECT pg_try_advisory_lock($1) AS locked', [
        RECONCILE_LOCK,
      ])) as { locked: boolean }[];
      if (!locked) return { deadlines: 0, pending: 0, restored: 0 };
      try {
        return await this.reconcileNow();
      } finally {
        await runner.query('SELECT pg_advisory_unlock($1)', [RECONCILE_LOCK]);
      }
    } finally {
      await runner.release();
    }
  }

  private async reconcileNow(): Promise<ReconcileResult> {
    const result: ReconcileResult = { deadlines: 0, pending: 0, restored: 0 };
    const now = this.clock.now();
    let after = '00000000-0000-0000-0000-000000000000';
    for (;;) {
      const rows = await this.dataSource.query<
        { id: string; due_at: Date; reminder_offsets: number[] }[]
      >(
        `SELECT id, due_at, reminder_offsets FROM deadlines
          WHERE status = 'OPEN' AND due_at >= $1 AND id > $2 ORDER BY id LIMIT ${BATCH}`,
        [new Date(now.getTime() - 86_400_000), after],
      );
      if (rows.length === 0) break;
      after = rows[rows.length - 1].id;
      result.deadlines += rows.length;
      const planned = rows.flatMap((d) =>
        planReminders(d.id, new Date(d.due_at), d.reminder_offsets, {
          hour: this.config.reminderHour,
          now,
          unitMs: this.config.reminderOffsetUnitMs,
        }).map((r) => ({ ...r, deadlineId: d.id, dueAt: new Date(d.due_at) })),
      );
      const todo = await this.notSentNorQueued(planned);
      result.pending += todo.length;
      const missing = await this.missingInRedis(todo);
      if (missing.length > 0) {
        await this.dataSource.transaction(async (manager) => {
          for (const r of missing)
            await this.outbox.enqueue(
              manager,
              'deadline.reminder',
              {
                deadlineId: r.deadlineId,
                offsetMinutes: r.offsetMinutes,
                dueAt: r.dueAt.toISOString(),
              },
              { jobId: r.jobId, runAt: this.clock.realTimeOf(r.fireAt) },
            );
        });
        result.restored += missing.length;
      }
      if (rows.length < BATCH) break;
    }
    if (result.restored > 0)
      this.logger.warn(
        `Restored ${result.restored} of ${result.pending} pending reminder jobs that Redis did not have`,
      );
    return result;
  }

  /** Leaves out reminders already sent and those whose job is still waiting in the outbox. */
  private async notSentNorQueued<R extends PlannedReminder & { deadlineId: string; dueAt: Date }>(
    planned: R[],
  ): Promise<R[]> {
    if (planned.length === 0) return [];
    const ids = [...new Set(planned.map((r) => r.deadlineId))];
    const [sent, waiting] = await Promise.all([
      this.dataSource.query<{ deadline_id: string; due_at: Date; offset_minutes: number }[]>(
        'SELECT deadline_id, due_at, offset_minutes FROM deadline_reminders WHERE deadline_id = ANY($1)',
        [ids],
      ),
      undispatchedJobIds(
        this.dataSource,
        planned.map((r) => r.jobId),
      ),
    ]);
    const key = (deadlineId: string, dueAt: Date, offset: number) =>
      `${deadlineId}|${new Date(dueAt).toISOString()}|${offset}`;
    const done = new Set(sent.map((s) => key(s.deadline_id, s.due_at, s.offset_minutes)));
    return planned.filter(
      (r) => !done.has(key(r.deadlineId, r.dueAt, r.offsetMinutes)) && !waiting.has(r.jobId),
    );
  }

  /** The reminders whose job Redis does not hold in any state (the lookups go out together). */
  private async missingInRedis<R extends PlannedReminder>(todo: R[]): Promise<R[]> {
    if (todo.length === 0) return [];
    const states = await Promise.all(todo.map((r) => this.queue.getJobState(r.jobId)));
    return todo.filter((_, i) => states[i] === 'unknown');
  }
}
