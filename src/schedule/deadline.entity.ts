import {
  Column,
  CreateDateColumn,
  Entity,
  Index,
  JoinColumn,
  ManyToOne,
  PrimaryGeneratedColumn,
  UpdateDateColumn,
} from 'typeorm';
import { Organisation } from '../organisations';
import { Tender } from '../tenders';
import type { DeadlineKind, DeadlineOrigin, DeadlineStatus } from './deadline-kinds';

/** Facts a statutory minimum was computed from, kept so a later move is checked the same way. */
export interface StatutoryFlags {
  urgent?: boolean;
  priorInformationNotice?: boolean;
  electronic?: boolean;
}

/**
 * A dated duty in a tender (termin): who must act by when, with the statutory minimum it must
 * respect and the reminders it sends. Never deleted: cancelling keeps the row and its history.
 */
@Entity('deadlines')
@Index('ix_deadlines_tender_due', ['tenderId', 'dueAt'])
@Index('ix_deadlines_open_due', ['dueAt'], { where: "status = 'OPEN'" })
@Index('uq_deadlines_schedule_kind', ['tenderId', 'kind'], {
  unique: true,
  where: "origin = 'SCHEDULE' AND status <> 'CANCELLED'",
})
@Index('ix_deadlines_subject', ['subjectType', 'subjectId'], { where: 'subject_id IS NOT NULL' })
export class Deadline {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'uuid' })
  tenderId: string;

  @ManyToOne(() => Tender, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'tender_id' })
  tender: Tender;

  @Column({ type: 'text' })
  kind: DeadlineKind;

  @Column({ type: 'text' })
  title: string;

  @Column({ type: 'timestamptz' })
  dueAt: Date;

  /** The earliest lawful day (Europe/Warsaw), or for answers/share confirmation the latest. */
  @Column({ type: 'date', nullable: true })
  minimumOn: string | null;

  /** How minimumOn binds dueAt: NOT_BEFORE or NOT_AFTER; null without a minimum. */
  @Column({ type: 'text', nullable: true })
  minimumConstraint: 'NOT_BEFORE' | 'NOT_AFTER' | null;

  /** Legal basis in Polish citation style, e.g. "art. 283 Pzp; art. 111 § 2 … KC". */
  @Column({ type: 'text', nullable: true })
  basis: string | null;

  /** The day the statutory limit counts from (publication for OFFERS, award notice for standstill). */
  @Column({ type: 'date', nullable: true })
  countedFrom: string | null;

  @Column({ type: 'jsonb', default: () => "'{}'::jsonb" })
  statutoryFlags: StatutoryFlags;

  /** Null: the leader, or for share confirmation every partner whose share is not confirmed. */
  @Column({ type: 'uuid', nullable: true })
  responsibleOrganisationId: string | null;

  @ManyToOne(() => Organisation, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'responsible_organisation_id' })
  responsibleOrganisation: Organisation | null;

  @Column({ type: 'text', default: 'OPEN' })
  status: DeadlineStatus;

  /** Minutes before dueAt; whole days are sent at the reminder hour (see reminder-plan.ts). */
  @Column({ type: 'int', array: true })
  reminderOffsets: number[];

  @Column({ type: 'text', nullable: true })
  note: string | null;

  @Column({ type: 'text', default: 'MANUAL' })
  origin: DeadlineOrigin;

  /** What another module attached the deadline to, e.g. `payment` + its id. */
  @Column({ type: 'text', nullable: true })
  subjectType: string | null;

  @Column({ type: 'uuid', nullable: true })
  subjectId: string | null;

  /**
   * The partner whose finance the deadline states (a payment's partner); such a deadline is shown
   * only to those who see that partner's finance (`finance.view`). Null: not finance.
   */
  @Column({ type: 'uuid', nullable: true })
  financeOrganisationId: string | null;

  @Column({ type: 'timestamptz', nullable: true })
  doneAt: Date | null;

  @Column({ type: 'uuid', nullable: true })
  doneById: string | null;

  @Column({ type: 'text', nullable: true })
  doneByName: string | null;

  @Column({ type: 'timestamptz', nullable: true })
  missedAt: Date | null;

  @Column({ type: 'timestamptz', nullable: true })
  cancelledAt: Date | null;

  @Column({ type: 'text', nullable: true })
  cancelReason: string | null;

  @Column({ type: 'int', default: 1 })
  version: number;

  @Column({ type: 'uuid', nullable: true })
  createdById: string | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt: Date;
}
