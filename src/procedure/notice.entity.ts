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

export const NOTICE_TYPES = ['CONTRACT_NOTICE', 'RESULT_NOTICE'] as const;
export type NoticeType = (typeof NOTICE_TYPES)[number];
export const NOTICE_MEDIA = ['BZP', 'TED'] as const;
export type NoticeMedium = (typeof NOTICE_MEDIA)[number];

/**
 * A notice published for the tender (ogłoszenie o zamówieniu, ogłoszenie o wyniku) in the Biuletyn
 * Zamówień Publicznych or the Official Journal of the EU (TED). Recorded, not published, here: the
 * leader publishes on the e-procurement platform and types in the number it got.
 */
@Entity('procedure_notices')
export class ProcedureNotice {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Index()
  @Column({ type: 'uuid' })
  tenderId: string;

  @ManyToOne(() => Tender, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'tender_id' })
  tender: Tender;

  @Column({ type: 'text' })
  type: NoticeType;

  @Column({ type: 'text' })
  medium: NoticeMedium;

  /** e.g. "2027/BZP 00012345/01" or "2027/S 012-034567". */
  @Column({ type: 'text' })
  number: string;

  @Column({ type: 'timestamptz' })
  publishedAt: Date;

  /** e-Zamówienia's OCDS identifier (ocds-148610-…), when the platform gave one. */
  @Column({ type: 'text', nullable: true })
  ocid: string | null;

  @Column({ type: 'uuid', nullable: true })
  createdById: string | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;
}
