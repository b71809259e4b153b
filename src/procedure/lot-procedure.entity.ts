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
import { groszTransformer } from '../common/db';
import { Lot } from '../tenders';
import { Tender } from '../tenders';
import type { Criterion } from './scoring';

export const LOT_OUTCOMES = ['PENDING', 'RECOMMENDED', 'AWARDED', 'CANCELLED'] as const;
export type LotOutcome = (typeof LOT_OUTCOMES)[number];
export const PLANNED_AMOUNT_BASES = ['SHARES', 'OTHER'] as const;
export type PlannedAmountBasis = (typeof PLANNED_AMOUNT_BASES)[number];

/**
 * The procedure of one lot: its evaluation criteria (from the SWZ), the amount planned for
 * financing it (art. 222 ust. 4 Pzp), and its outcome — the committee's recommendation and the
 * head's approval of the selected offer, or the lot's cancellation (art. 255 Pzp).
 */
@Entity('lot_procedures')
export class LotProcedure {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Index()
  @Column({ type: 'uuid' })
  tenderId: string;

  @ManyToOne(() => Tender, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'tender_id' })
  tender: Tender;

  @Index({ unique: true })
  @Column({ type: 'uuid' })
  lotId: string;

  @ManyToOne(() => Lot, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'lot_id' })
  lot: Lot;

  @Column({ type: 'jsonb', default: () => "'[]'::jsonb" })
  criteria: Criterion[];

  @Column({ type: 'boolean', default: false })
  qualityStandardsDescribed: boolean;

  @Column({ type: 'bigint', nullable: true, transformer: groszTransformer })
  plannedAmountGross: number | null;

  @Column({ type: 'text', nullable: true })
  plannedBasis: PlannedAmountBasis | null;

  @Column({ type: 'text', nullable: true })
  plannedReason: string | null;

  @Column({ type: 'timestamptz', nullable: true })
  plannedAt: Date | null;

  @Column({ type: 'text', default: 'PENDING' })
  outcome: LotOutcome;

  @Column({ type: 'uuid', nullable: true })
  selectedOfferId: string | null;

  @Column({ type: 'text', nullable: true })
  recommendation: string | null;

  @Column({ type: 'timestamptz', nullable: true })
  recommendedAt: Date | null;

  @Column({ type: 'text', nullable: true })
  recommendedByName: string | null;

  @Column({ type: 'timestamptz', nullable: true })
  approvedAt: Date | null;

  @Column({ type: 'text', nullable: true })
  approvedByName: string | null;

  /** Art. 255 pkt N Pzp. */
  @Column({ type: 'int', nullable: true })
  cancelPoint: number | null;

  @Column({ type: 'text', nullable: true })
  cancelReason: string | null;

  @Column({ type: 'timestamptz', nullable: true })
  cancelledAt: Date | null;

  @Column({ type: 'int', default: 1 })
  version: number;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt: Date;
}
