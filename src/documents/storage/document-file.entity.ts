import { Check, Column, CreateDateColumn, Entity, PrimaryColumn } from 'typeorm';

/**
 * The PostgreSQL document store: bytes keyed by their SHA-256. A file is written in the same
 * transaction that marks its document READY, and storing the same bytes again is a no-op, so a
 * retried render can never leave two files (or a READY document without one). `content` uses
 * STORAGE EXTERNAL (set in the migration): PDFs are compressed already, and uncompressed TOAST
 * lets the API read a file in slices (`substring`) instead of loading it whole.
 */
@Entity('document_files')
@Check('ck_document_files_size', 'size_bytes = octet_length(content)')
export class DocumentFile {
  @PrimaryColumn({ type: 'char', length: 64 })
  sha256: string;

  @Column({ type: 'bytea' })
  content: Buffer;

  @Column({ type: 'int' })
  sizeBytes: number;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;
}
