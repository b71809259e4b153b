import type { Readable } from 'node:stream';
import type { EntityManager } from 'typeorm';
import type { StorageBackend } from '../document-kinds';

/** A SHA-256 in lower-case hex: the only key a store accepts (never a name a user typed). */
export const SHA256_HEX = /^[0-9a-f]{64}$/;

export function assertSha256(sha256: string): void {
  if (!SHA256_HEX.test(sha256))
    throw new RangeError(`Not a SHA-256 key: ${JSON.stringify(sha256)}`);
}

/**
 * Where the bytes of READY documents live: content-addressed (the key is the SHA-256 of the
 * bytes), so storing the same file twice is a no-op and two renders of one version can never
 * leave two files. Implementations: PostgreSQL (default) and local disk; an S3-compatible store
 * would be a third class with the same three methods.
 */
export interface DocumentStorage {
  readonly backend: StorageBackend;
  /**
   * Makes `bytes` durable under `sha256`. Called inside the transaction that marks the document
   * READY: PostgreSQL writes through `manager`, so file and status commit together; the disk
   * store finishes its atomic write before returning, so the READY commit never precedes the
   * file (a crash in between leaves an orphan file the next attempt reuses).
   */
  put(manager: EntityManager, sha256: string, bytes: Buffer): Promise<void>;
  /** Whether the file is stored (and complete). */
  has(sha256: string): Promise<boolean>;
  /** The stored bytes as a stream, or null when the store has no such file. */
  open(sha256: string): Promise<Readable | null>;
}
