import { createHash } from 'node:crypto';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Readable } from 'node:stream';
import type { EntityManager } from 'typeorm';
import { DiskDocumentStorage } from './disk-document-storage';

const manager = {} as EntityManager;
const sha = (b: Buffer) => createHash('sha256').update(b).digest('hex');

async function readAll(stream: Readable): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const c of stream) chunks.push(c as Buffer);
  return Buffer.concat(chunks);
}

describe('DiskDocumentStorage', () => {
  let dir: string;
  let store: DiskDocumentStorage;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'wspolnie-disk-store-'));
    store = new DiskDocumentStorage(dir);
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('stores bytes under documents/<2 hex>/<sha256>.pdf and reads them back', async () => {
    const bytes = Buffer.from('%PDF-1.7 Zażółć gęślą jaźń');
    const key = sha(bytes);
    expect(await store.has(key)).toBe(false);
    expect(await store.open(key)).toBeNull();
    await store.put(manager, key, bytes);
    expect(await store.has(key)).toBe(true);
    const file = join(dir, 'documents', key.slice(0, 2), `${key}.pdf`);
    expect(readFileSync(file)).toEqual(bytes);
    expect(await readAll((await store.open(key)) as Readable)).toEqual(bytes);
  });

  it('is idempotent and leaves no temporary files behind', async () => {
    const bytes = Buffer.alloc(300_000, 7);
    const key = sha(bytes);
    await Promise.all([store.put(manager, key, bytes), store.put(manager, key, bytes)]);
    await store.put(manager, key, bytes);
    const files = readdirSync(join(dir, 'documents', key.slice(0, 2)));
    expect(files).toEqual([`${key}.pdf`]);
  });

  it('refuses any key that is not a SHA-256, so no path comes from input', async () => {
    for (const bad of ['../../etc/passwd', 'ABC', `${'a'.repeat(63)}/`, `${'A'.repeat(64)}`]) {
      await expect(store.put(manager, bad, Buffer.from('x'))).rejects.toThrow(RangeError);
      await expect(store.open(bad)).rejects.toThrow(RangeError);
    }
  });
});
