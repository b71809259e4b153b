import {
  Column,
  CreateDateColumn,
  Entity,
  Index,
  JoinColumn,
  ManyToOne,
  OneToMany,
  PrimaryGeneratedColumn,
  UpdateDateColumn,
} from 'typeorm';
import { groszTransformer } from '../common/db';
import { Organisation } from '../organisations';
import { Lot } from './lot.entity';
import type { ShareStatus } from './share-chain';
import { ShareApproval } from './share-approval.entity';

/** What one partner buys in one lot (udział partnera). */
@Entity('shares')
@Index('uq_shares_lot_organisation_active', ['lotId', 'organisationId'], {
  unique: true,
  where: "status <> 'WITHDRAWN'",
})
@Index('ix_shares_lot', ['lotId'])
@Index('ix_shares_organisation_tender', ['organisationId', 'tenderId'])
export class Share {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Index()
  @Column({ type: 'uuid' })
  tenderId: string;

  @Column({ type: 'uuid' })
  lotId: string;

  @ManyToOne(() => Lot, (l) => l.shares, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'lot_id' })
  lot: Lot;

  @Index()
  @Column({ type: 'uuid' })
  organisationId: string;

  @ManyToOne(() => Organisation, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'organisation_id' })
  organisation: Organisation;

  @Column({ type: 'bigint', transformer: groszTransformer })
  amountNet: number;

  @Index()
  @Column({ type: 'text', default: 'PROPOSED' })
  status: ShareStatus;

  /** dział/rozdział/paragraf, given by the treasurer at countersignature. */
  @Column({ type: 'text', nullable: true })
  budgetClassification: string | null;

  @Column({ type: 'text', nullable: true })
  wpfReference: string | null;

  /** Who proposed it: the leader's officer, or the partner's coordinator declaring its need. */
  @Column({ type: 'uuid', nullable: true })
  proposedById: string | null;

  /** The organisation whose person set the current amount (the leader, or the partner itself). */
  @Column({ type: 'uuid', nullable: true })
  amountSetByOrganisationId: string | null;

  @OneToMany(() => ShareApproval, (a) => a.share)
  approvals: ShareApproval[];

  @Column({ type: 'int', default: 1 })
  version: number;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt: Date;
}
