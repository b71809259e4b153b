import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

/**
 * A queue job written in the same transaction as the change that needs it. The dispatcher moves
 * committed rows to BullMQ; while Redis is down the rows simply wait.
 */
@Entity('outbox_jobs')
@Index('ix_outbox_jobs_pending', ['createdAt'], { where: 'dispatched_at IS NULL' })
export class OutboxJob {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'text' })
  queue: string;

  @Column({ type: 'text' })
  name: string;

  @Column({ type: 'jsonb' })
  payload: Record<string, unknown>;

  /** Deterministic BullMQ job id (`document:<id>`); the row id when absent. */
  @Column({ type: 'text', nullable: true })
  jobId: string | null;

  /** When the job should run; null = now. Converted to a BullMQ delay at dispatch time. */
  @Column({ type: 'timestamptz', nullable: true })
  runAt: Date | null;

  /** `add` enqueues; `remove` deletes a pending job with `jobId` (a cancelled reminder). */
  @Column({ type: 'text', default: 'add' })
  operation: 'add' | 'remove';

  /** Remove an existing job with the same id first (rescheduling). */
  @Column({ type: 'boolean', default: false })
  replace: boolean;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;

  @Column({ type: 'timestamptz', nullable: true })
  dispatchedAt: Date | null;

  @Column({ type: 'int', default: 0 })
  attempts: number;

  @Column({ type: 'text', nullable: true })
  lastError: string | null;
}
