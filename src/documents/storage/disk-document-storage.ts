import { randomBytes } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { mkdir, open, rename, stat, unlink } from 'node:fs/promises';
import * as path from 'node:path';
import type { Readable } from 'node:stream';
import type { EntityManager } from 'typeorm';
import { assertSha256, type DocumentStorage } from './document-storage';

/**
 * Local-disk store under `<DATA_DIR>/documents/<first two hex digits>/<sha256>.pdf`. Paths are
 * built from the SHA-256 only (checked to be 64 hex digits), never from user input. A write goes
 * to a temporary file in the same directory, is fsynced, then renamed over the final name and
 * the directory fsynced: a reader sees either no file or the whole file, never half of one.
 * For a single-node installation; several nodes need a shared store (PostgreSQL, S3).
 */
export class DiskDocumentStorage implements DocumentStorage {
  readonly backend = 'disk' as const;
  readonly root: string;

  constructor(dataDir: string) {
    this.root = path.resolve(dataDir, 'documents');
  }

  pathOf(sha256: string): string {
    assertSha256(sha256);
    return path.join(this.root, sha256.slice(0, 2), `${sha256}.pdf`);
  }

  async put(_manager: EntityManager, sha256: string, bytes: Buffer): Promise<void> {
    const target = this.pathOf(sha256);
    const existing = await stat(target).catch(() => null);
    // Content-addressed: the same name holds the same bytes, so a complete file is kept as is.
    if (existing?.isFile() && existing.size === bytes.length) return;
    const dir = path.dirname(target);
    await mkdir(dir, { recursive: true });
    const temp = path.join(dir, `.${sha256}.${process.pid}.${randomBytes(6).toString('hex')}.tmp`);
    const handle = await open(temp, 'wx', 0o640);
    try {
      await handle.writeFile(bytes);
      await handle.sync();
    } finally {
      await handle.close();
    }
    try {
      await rename(temp, target);
    } catch (err) {
      await unlink(temp).catch(() => undefined);
      throw err;
    }
    const dirHandle = await open(dir, 'r');
    try {
      await dirHandle.sync();
    } finally {
      await dirHandle.close();
    }
  }

  async has(sha256: string): Promise<boolean> {
    const s = await stat(this.pathOf(sha256)).catch(() => null);
    return s?.isFile() ?? false;
  }

  async open(sha256: string): Promise<Readable | null> {
    const file = this.pathOf(sha256);
    if (!(await this.has(sha256))) return null;
    return createReadStream(file);
  }
}
