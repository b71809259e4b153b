import { Column, Entity, JoinColumn, ManyToOne, PrimaryGeneratedColumn, Unique } from 'typeorm';
import { Deadline } from './deadline.entity';

/**
 * A reminder that was sent. The unique key (deadline, due time, offset) is what guarantees one
 * reminder per offset whatever BullMQ does: a job delivered twice, re-added after its record was
 * trimmed, or raced by a second worker inserts nothing the second time and sends nothing.
 */
@Entity('deadline_reminders')
@Unique('uq_deadline_reminders_offset', ['deadlineId', 'dueAt', 'offsetMinutes'])
export class DeadlineReminder {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'uuid' })
  deadlineId: string;

  @ManyToOne(() => Deadline, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'deadline_id' })
  deadline: Deadline;

  /** The due time the reminder was about (a moved deadline reminds again for its new time). */
  @Column({ type: 'timestamptz' })
  dueAt: Date;

  @Column({ type: 'int' })
  offsetMinutes: number;

  @Column({ type: 'int' })
  recipients: number;

  @Column({ type: 'timestamptz', default: () => 'now()' })
  sentAt: Date;
}
