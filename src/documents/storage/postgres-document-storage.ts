import { Readable } from 'node:stream';
import type { DataSource, EntityManager } from 'typeorm';
import { assertSha256, type DocumentStorage } from './document-storage';

/** Slice size of a streamed download: the API never holds a whole large file in memory. */
export const PG_READ_CHUNK_BYTES = 256 * 1024;

/**
 * The default store: the `document_files` table (bytea, STORAGE EXTERNAL). Any API instance can
 * serve what any worker rendered, database backups include the documents, and the file commits
 * in the same transaction as its READY status.
 */
export class PostgresDocumentStorage implements DocumentStorage {
  readonly backend = 'postgres' as const;

  constructor(private readonly dataSource: DataSource) {}

  async put(manager: EntityManager, sha256: string, bytes: Buffer): Promise<void> {
    assertSha256(sha256);
    await manager.query(
      `INSERT INTO document_files (sha256, content, size_bytes) VALUES ($1, $2, $3)
       ON CONFLICT (sha256) DO NOTHING`,
      [sha256, bytes, bytes.length],
    );
  }

  async has(sha256: string): Promise<boolean> {
    assertSha256(sha256);
    const rows = await this.dataSource.query<unknown[]>(
      'SELECT 1 FROM document_files WHERE sha256 = $1',
      [sha256],
    );
    return rows.length > 0;
  }

  async open(sha256: string): Promise<Readable | null> {
    assertSha256(sha256);
    const rows = await this.dataSource.query<{ size_bytes: number }[]>(
      'SELECT size_bytes FROM document_files WHERE sha256 = $1',
      [sha256],
    );
    if (rows.length === 0) return null;
    const size = rows[0].size_bytes;
    const dataSource = this.dataSource;
    async function* slices(): AsyncGenerator<Buffer> {
      // substring() on an uncompressed (EXTERNAL) bytea reads only the TOAST chunks it needs.
      for (let offset = 0; offset < size; offset += PG_READ_CHUNK_BYTES) {
        const [row] = await dataSource.query<{ part: Buffer }[]>(
          'SELECT substring(content FROM $2 FOR $3) AS part FROM document_files WHERE sha256 = $1',
          [sha256, offset + 1, PG_READ_CHUNK_BYTES],
        );
        if (!row) throw new Error(`Document file ${sha256} disappeared while being read`);
        yield row.part;
      }
    }
    return Readable.from(slices(), { objectMode: false });
  }
}
