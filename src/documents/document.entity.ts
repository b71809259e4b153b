import {
  Check,
  Column,
  CreateDateColumn,
  Entity,
  Index,
  JoinColumn,
  ManyToOne,
  PrimaryGeneratedColumn,
  UpdateDateColumn,
} from 'typeorm';
import { Organisation } from '../organisations';
import { Tender } from '../tenders';
import type { DocumentKind, DocumentStatus, StorageBackend } from './document-kinds';
import type { AnyDocumentSnapshot } from './render/snapshot.types';

/**
 * One version of one document of a tender. The input snapshot is frozen at request time, so the
 * worker renders what the requester saw and a stored version re-renders to the same bytes. The
 * bytes themselves live in a content-addressed store (storage/), keyed by `sha256`.
 *
 * Versions count per (tender, kind, organisation): two partial unique indexes, because a NULL
 * organisation (documents of the whole tender) is never equal to another NULL in a plain one.
 */
@Entity('documents')
@Check('ck_documents_status', "status IN ('QUEUED', 'RENDERING', 'READY', 'FAILED')")
// A READY document always names its file, and the file's key is its own hash.
@Check(
  'ck_documents_ready_has_file',
  "status <> 'READY' OR (sha256 IS NOT NULL AND storage IS NOT NULL AND storage_key = sha256 AND size_bytes IS NOT NULL AND pages IS NOT NULL)",
)
@Index('uq_documents_tender_kind_version', ['tenderId', 'kind', 'version'], {
  unique: true,
  where: 'organisation_id IS NULL',
})
@Index('uq_documents_tender_kind_org_version', ['tenderId', 'kind', 'organisationId', 'version'], {
  unique: true,
  where: 'organisation_id IS NOT NULL',
})
@Index('ix_documents_tender_created', ['tenderId', 'createdAt'])
export class Document {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'uuid' })
  tenderId: string;

  @ManyToOne(() => Tender, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'tender_id' })
  tender: Tender;

  @Column({ type: 'text' })
  kind: DocumentKind;

  /** The partner a per-partner document (POWER_OF_ATTORNEY, SHARE_CONFIRMATION, SETTLEMENT) is for. */
  @Column({ type: 'uuid', nullable: true })
  organisationId: string | null;

  @ManyToOne(() => Organisation, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'organisation_id' })
  organisation: Organisation | null;

  /** 1, 2, … per (tender, kind, organisation); older versions stay downloadable. */
  @Column({ type: 'int' })
  version: number;

  @Column({ type: 'text', default: 'QUEUED' })
  status: DocumentStatus;

  /** Template file (`agreement.hbs`); its content hash is recorded when the worker renders. */
  @Column({ type: 'text' })
  templateName: string;

  /** SHA-256 of the template, its partials, the legal references and the renderer version. */
  @Column({ type: 'char', length: 64, nullable: true })
  templateHash: string | null;

  /** The frozen input: rendering it again gives byte-identical PDFs. */
  @Column({ type: 'jsonb' })
  snapshot: AnyDocumentSnapshot;

  /** Fingerprint of the tender's active shares at request time (see shares-fingerprint.ts). */
  @Column({ type: 'char', length: 64 })
  sharesHash: string;

  @Column({ type: 'text', nullable: true })
  storage: StorageBackend | null;

  /** The key inside `storage`: the SHA-256 of the bytes, never anything a user typed. */
  @Column({ type: 'text', nullable: true })
  storageKey: string | null;

  @Column({ type: 'char', length: 64, nullable: true })
  sha256: string | null;

  @Column({ type: 'int', nullable: true })
  sizeBytes: number | null;

  @Column({ type: 'int', nullable: true })
  pages: number | null;

  /** The reason of the last failed attempt (kept on FAILED; cleared when READY). */
  @Column({ type: 'text', nullable: true })
  error: string | null;

  /** Render attempts started (a retried or duplicated job counts too). */
  @Column({ type: 'int', default: 0 })
  attempts: number;

  /** Milliseconds the successful render took in the worker (template + layout). */
  @Column({ type: 'int', nullable: true })
  renderMs: number | null;

  @Column({ type: 'uuid', nullable: true })
  requestedById: string | null;

  @Column({ type: 'text', nullable: true })
  requestedByName: string | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;

  @Column({ type: 'timestamptz', nullable: true })
  renderStartedAt: Date | null;

  @Column({ type: 'timestamptz', nullable: true })
  readyAt: Date | null;

  @Column({ type: 'timestamptz', nullable: true })
  failedAt: Date | null;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt: Date;
}
