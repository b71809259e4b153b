import {
  Column,
  CreateDateColumn,
  Entity,
  Index,
  JoinColumn,
  ManyToOne,
  PrimaryGeneratedColumn,
  Unique,
} from 'typeorm';
import { groszTransformer } from '../common/db';
import { Lot } from '../tenders';
import { Tender } from '../tenders';

export const OFFER_STATUSES = ['VALID', 'REJECTED'] as const;
export type OfferStatus = (typeof OFFER_STATUSES)[number];

/**
 * An offer received on the e-procurement platform for one lot, as recorded by the leader's
 * officer. A rejection (art. 226 ust. 1 pkt N Pzp) keeps the offer with its basis and reason.
 */
@Entity('offers')
@Unique('uq_offers_lot_number', ['lotId', 'number'])
export class Offer {
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

  /** Offer number within the lot, in the order the offers were received. */
  @Column({ type: 'int' })
  number: number;

  @Column({ type: 'text' })
  contractorName: string;

  @Column({ type: 'char', length: 10 })
  contractorNip: string;

  @Column({ type: 'text' })
  contractorAddress: string;

  @Column({ type: 'bigint', transformer: groszTransformer })
  priceNet: number;

  @Column({ type: 'bigint', transformer: groszTransformer })
  priceGross: number;

  /** Values of the lot's non-price criteria by key. */
  @Column({ type: 'jsonb', default: () => "'{}'::jsonb" })
  criteriaValues: Record<string, number>;

  @Column({ type: 'timestamptz' })
  receivedAt: Date;

  @Column({ type: 'text', default: 'VALID' })
  status: OfferStatus;

  /** Art. 226 ust. 1 pkt N Pzp. */
  @Column({ type: 'int', nullable: true })
  rejectionPoint: number | null;

  @Column({ type: 'text', nullable: true })
  rejectionReason: string | null;

  @Column({ type: 'timestamptz', nullable: true })
  rejectedAt: Date | null;

  @Column({ type: 'int', default: 1 })
  version: number;

  @Column({ type: 'uuid', nullable: true })
  createdById: string | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;
}
