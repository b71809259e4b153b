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

/**
 * The one extension of the offer validity (przedłużenie terminu związania ofertą, art. 220 ust. 3
 * or art. 307 ust. 2 Pzp): the day the authority asked the contractors, the validity before and
 * after, and why. Unique per tender: the Act allows asking once.
 */
@Entity('offer_validity_extensions')
export class OfferValidityExtension {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Index({ unique: true })
  @Column({ type: 'uuid' })
  tenderId: string;

  @ManyToOne(() => Tender, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'tender_id' })
  tender: Tender;

  @Column({ type: 'date' })
  requestedOn: string;

  @Column({ type: 'date' })
  previousUntil: string;

  @Column({ type: 'date' })
  validUntil: string;

  @Column({ type: 'text' })
  reason: string;

  @Column({ type: 'text' })
  basis: string;

  @Column({ type: 'uuid', nullable: true })
  createdById: string | null;

  @Column({ type: 'text', nullable: true })
  createdByName: string | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;
}
