import {
  Column,
  CreateDateColumn,
  Entity,
  JoinColumn,
  ManyToOne,
  OneToMany,
  PrimaryGeneratedColumn,
  Unique,
} from 'typeorm';
import { groszTransformer } from '../common/db';
import { Share } from './share.entity';
import { Tender } from './tender.entity';

/** A part of the contract (część zamówienia). */
@Entity('lots')
@Unique('uq_lots_tender_number', ['tenderId', 'number'])
export class Lot {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'uuid' })
  tenderId: string;

  @ManyToOne(() => Tender, (t) => t.lots, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'tender_id' })
  tender: Tender;

  @Column({ type: 'int' })
  number: number;

  @Column({ type: 'text' })
  title: string;

  /** Whole percent (23, 8, 5, 0). */
  @Column({ type: 'int' })
  vatRate: number;

  @Column({ type: 'text', nullable: true })
  contractorName: string | null;

  @Column({ type: 'char', length: 10, nullable: true })
  contractorNip: string | null;

  @Column({ type: 'bigint', nullable: true, transformer: groszTransformer })
  awardedNet: number | null;

  @OneToMany(() => Share, (s) => s.lot)
  shares: Share[];

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;
}
