import {
  Column,
  CreateDateColumn,
  Entity,
  Index,
  JoinColumn,
  ManyToOne,
  PrimaryGeneratedColumn,
} from 'typeorm';
import { Lot } from '../tenders';
import { Tender } from '../tenders';

export const APPEAL_STATUSES = [
  'PENDING',
  'DISMISSED',
  'UPHELD',
  'WITHDRAWN',
  'DISCONTINUED',
] as const;
export type AppealStatus = (typeof APPEAL_STATUSES)[number];

/** An appeal (odwołanie) to the Krajowa Izba Odwoławcza concerning one lot, with its outcome. */
@Entity('appeals')
export class Appeal {
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

  @Column({ type: 'text' })
  appellant: string;

  @Column({ type: 'date' })
  filedOn: string;

  /** Sygnatura akt KIO, e.g. "KIO 123/27". */
  @Column({ type: 'text', nullable: true })
  kioReference: string | null;

  @Column({ type: 'text' })
  subject: string;

  @Column({ type: 'text', default: 'PENDING' })
  status: AppealStatus;

  @Column({ type: 'date', nullable: true })
  decidedOn: string | null;

  @Column({ type: 'text', nullable: true })
  outcomeNote: string | null;

  @Column({ type: 'int', default: 1 })
  version: number;

  @Column({ type: 'uuid', nullable: true })
  createdById: string | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;
}
