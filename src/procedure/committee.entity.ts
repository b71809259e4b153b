import {
  Column,
  CreateDateColumn,
  Entity,
  Index,
  JoinColumn,
  ManyToOne,
  PrimaryGeneratedColumn,
} from 'typeorm';
import { Tender } from '../tenders';

export const MEMBER_FUNCTIONS = ['HEAD', 'CHAIR', 'SECRETARY', 'MEMBER'] as const;
export type MemberFunction = (typeof MEMBER_FUNCTIONS)[number];

/** The tender committee (komisja przetargowa, art. 55 Pzp) appointed by the head's order. */
@Entity('committees')
export class Committee {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Index({ unique: true })
  @Column({ type: 'uuid' })
  tenderId: string;

  @ManyToOne(() => Tender, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'tender_id' })
  tender: Tender;

  /** Zarządzenie nr … */
  @Column({ type: 'text' })
  orderNumber: string;

  @Column({ type: 'date' })
  orderDate: string;

  @Column({ type: 'uuid', nullable: true })
  createdById: string | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;
}

/**
 * A person acting in the procedure: the head of the contracting authority (HEAD) or a committee
 * member, with the art. 56 statement (no conflict of interest). A member who states a conflict is
 * excluded (art. 56 ust. 1); the row stays, so the protocol shows it.
 */
@Entity('committee_members')
export class CommitteeMember {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Index()
  @Column({ type: 'uuid' })
  tenderId: string;

  @Column({ type: 'uuid' })
  committeeId: string;

  @ManyToOne(() => Committee, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'committee_id' })
  committee: Committee;

  @Column({ type: 'uuid', nullable: true })
  userId: string | null;

  @Column({ type: 'text' })
  name: string;

  @Column({ type: 'text' })
  function: MemberFunction;

  @Column({ type: 'date', nullable: true })
  statementOn: string | null;

  /** null: no statement yet; false: no conflict; true: conflict stated → excluded. */
  @Column({ type: 'boolean', nullable: true })
  conflict: boolean | null;

  @Column({ type: 'text', nullable: true })
  statementNote: string | null;

  @Column({ type: 'timestamptz', nullable: true })
  excludedAt: Date | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;
}
