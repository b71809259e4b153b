import {
  Column,
  CreateDateColumn,
  Entity,
  Index,
  JoinColumn,
  ManyToOne,
  OneToMany,
  PrimaryGeneratedColumn,
  Unique,
  UpdateDateColumn,
} from 'typeorm';
import { groszTransformer } from '../common/db';
import { Organisation } from '../organisations';
import { Partnership } from '../partnerships';
import type { Regime, SubjectKind } from './regime/regime';
import { Lot } from './lot.entity';
import type { Procedure, SettlementModel, TenderStatus } from './tender-state';

/** A joint tender (postępowanie) conducted by the partnership's leader for all partners. */
@Entity('tenders')
@Unique('uq_tenders_leader_reference', ['leaderOrganisationId', 'reference'])
@Index('ix_tenders_partnership_created', ['partnershipId', 'createdAt'])
@Index('ix_tenders_created', ['createdAt', 'id'])
export class Tender {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Index()
  @Column({ type: 'uuid' })
  partnershipId: string;

  @ManyToOne(() => Partnership, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'partnership_id' })
  partnership: Partnership;

  @Column({ type: 'uuid' })
  leaderOrganisationId: string;

  @ManyToOne(() => Organisation, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'leader_organisation_id' })
  leader: Organisation;

  /** Znak sprawy, unique per leader. */
  @Column({ type: 'text' })
  reference: string;

  @Column({ type: 'text' })
  title: string;

  @Column({ type: 'text', nullable: true })
  description: string | null;

  @Column({ type: 'text' })
  subjectKind: SubjectKind;

  @Column({ type: 'text' })
  cpvMain: string;

  @Column({ type: 'text', array: true, default: () => "'{}'" })
  cpvAdditional: string[];

  /**
   * The Polish name of each CPV code of the tender (main and additional), code → name, as the
   * officer gives it: documents print these, never the English labels of the search list.
   */
  @Column({ type: 'jsonb', default: () => "'{}'::jsonb" })
  cpvNamesPl: Record<string, string>;

  @Column({ type: 'text' })
  procedure: Procedure;

  @Column({ type: 'text' })
  settlementModel: SettlementModel;

  @Index()
  @Column({ type: 'text', default: 'DRAFT' })
  status: TenderStatus;

  /** When partners must have confirmed their shares. */
  @Column({ type: 'timestamptz', nullable: true })
  shareDeadline: Date | null;

  /** Planned start (publication) date: the thresholds of that day decide the regime. */
  @Column({ type: 'date', nullable: true })
  plannedStartOn: string | null;

  @Column({ type: 'date', nullable: true })
  publishedOn: string | null;

  /** Sum of the active shares, grosz net; kept in step with the shares in the same transaction. */
  @Column({ type: 'bigint', default: 0, transformer: groszTransformer })
  valueNet: number;

  @Column({ type: 'bigint', default: 0, transformer: groszTransformer })
  valueGross: number;

  @Index()
  @Column({ type: 'text', default: 'OUTSIDE_ACT' })
  regime: Regime;

  @Column({ type: 'text', nullable: true })
  cancelReason: string | null;

  /** e-Zamówienia / OCDS identifier, when known (ocds-148610-…). */
  @Column({ type: 'text', nullable: true })
  ocid: string | null;

  @OneToMany(() => Lot, (l) => l.tender)
  lots: Lot[];

  @Column({ type: 'int', default: 1 })
  version: number;

  @Column({ type: 'uuid', nullable: true })
  createdById: string | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt: Date;
}
