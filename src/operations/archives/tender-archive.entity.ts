import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

export type ArchiveStatus = 'QUEUED' | 'BUILDING' | 'READY' | 'FAILED';

/**
 * The archive of a tender's documentation (Pzp art. 78) as of one moment: requested through the
 * API, built by the worker into one zip kept here (bytea), downloaded when READY. `upToEventId`
 * is the tender's last recorded change when it was requested: a later change makes a new one.
 */
@Entity('tender_archives')
@Index('ix_tender_archives_tender_created', ['tenderId', 'createdAt'])
export class TenderArchive {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'uuid' })
  tenderId: string;

  @Column({ type: 'text', default: 'QUEUED' })
  status: ArchiveStatus;

  @Column({ type: 'bigint', nullable: true })
  upToEventId: string | null;

  @Column({ type: 'uuid', nullable: true })
  requestedById: string | null;

  @Column({ type: 'char', length: 64, nullable: true })
  sha256: string | null;

  @Column({ type: 'int', nullable: true })
  sizeBytes: number | null;

  @Column({ type: 'bytea', nullable: true, select: false })
  content: Buffer | null;

  @Column({ type: 'text', nullable: true })
  error: string | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;

  @Column({ type: 'timestamptz', nullable: true })
  readyAt: Date | null;
}
