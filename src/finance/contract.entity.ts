import {
  Check,
  Column,
  CreateDateColumn,
  Entity,
  Index,
  JoinColumn,
  ManyToOne,
  PrimaryGeneratedColumn,
} from 'typeorm';
import { groszTransformer } from '../common/db';
import { Organisation } from '../organisations';
import { Lot, Tender } from '../tenders';

/**
 * A contract (umowa) for one lot with the awarded contractor. Separate contracts: one per partner
 * holding a share of the lot, signed by that partner. Leader's contract: one per lot, signed by the
 * leader. Either way at most one per (lot, organisation).
 */
@Entity('contracts')
@Index('uq_contracts_lot_organisation', ['lotId', 'organisationId'], { unique: true })
@Check('ck_contracts_amounts', '"amount_net" >= 0 AND "amount_gross" >= "amount_net"')
export class Contract {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Index()
  @Column({ type: 'uuid' })
  tenderId: string;

  @ManyToOne(() => Tender, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'tender_id' })
  tender: Tender;

  @Column({ type: 'uuid' })
  lotId: string;

  @ManyToOne(() => Lot, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'lot_id' })
  lot: Lot;

  /** The signing organisation: the partner (separate contracts) or the leader. */
  @Column({ type: 'uuid' })
  organisationId: string;

  @ManyToOne(() => Organisation, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'organisation_id' })
  organisation: Organisation;

  @Column({ type: 'text' })
  contractorName: string;

  @Column({ type: 'char', length: 10 })
  contractorNip: string;

  @Column({ type: 'bigint', transformer: groszTransformer })
  amountNet: number;

  @Column({ type: 'bigint', transformer: groszTransformer })
  amountGross: number;

  /** Why VAT does not follow the lot's rate (exemption, reverse charge, mixed rates); null when it does. */
  @Column({ type: 'text', nullable: true })
  vatExemptionReason: string | null;

  @Column({ type: 'date' })
  signedOn: string;

  @Column({ type: 'uuid', nullable: true })
  createdById: string | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;
}
