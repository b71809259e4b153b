import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { groszTransformer } from '../common/db';
import type { Role } from '../auth';
import type { Step } from './share-chain';
import { Share } from './share.entity';

/**
 * One decision in a share's chain. Never deleted: a change of the amount marks earlier approvals
 * void. A partial unique index lets exactly one valid approval exist per step, so two people
 * approving the same step at once cannot both win.
 */
@Entity('share_approvals')
@Index('uq_share_approvals_valid_step', ['shareId', 'step'], {
  unique: true,
  where: "NOT void AND decision = 'APPROVED'",
})
export class ShareApproval {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Index()
  @Column({ type: 'uuid' })
  shareId: string;

  @ManyToOne(() => Share, (s) => s.approvals, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'share_id' })
  share: Share;

  @Column({ type: 'text' })
  step: Step;

  @Column({ type: 'text' })
  decision: 'APPROVED' | 'CHANGE_REQUESTED';

  @Column({ type: 'uuid' })
  userId: string;

  @Column({ type: 'text' })
  userName: string;

  @Column({ type: 'text' })
  role: Role;

  @Column({ type: 'text', nullable: true })
  comment: string | null;

  @Column({ type: 'bigint', transformer: groszTransformer })
  amountNet: number;

  @Column({ type: 'text', nullable: true })
  budgetClassification: string | null;

  @Column({ type: 'timestamptz', default: () => 'now()' })
  decidedAt: Date;

  @Column({ type: 'boolean', default: false })
  void: boolean;

  @Column({ type: 'timestamptz', nullable: true })
  voidedAt: Date | null;
}
