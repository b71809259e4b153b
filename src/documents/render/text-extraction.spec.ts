import { execFile } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { promisify } from 'node:util';
import { demoSnapshot } from './fixtures';
import { renderDocument, warmUpRenderer } from './render-document';

const run = promisify(execFile);

/**
 * The worker renders many documents with fonts parsed once. A letter first met only as a part of
 * a composite glyph (the "Z" of "Ź", the "c" of "ć") must still be extractable in later
 * documents: this file starts with the warm-up, as the worker does, so nothing else primed the
 * fonts before.
 */
describe('text extraction after the fonts served other documents', () => {
  let dir: string;

  beforeAll(async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'wspolnie-extract-'));
  });

  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('keeps every letter of the agreement in pdftotext output', async () => {
    await warmUpRenderer();
    const snapshot = demoSnapshot('AGREEMENT');
    const { pdf } = await renderDocument('AGREEMENT', snapshot);
    const file = path.join(dir, 'agreement.pdf');
    await writeFile(file, pdf);
    const { stdout } = await run('pdftotext', ['-enc', 'UTF-8', file, '-']);
    const text = stdout.replace(/\s+/g, ' ');
    expect(text).toContain('zamówienia publicznego');
    expect(text).toContain('prognozy finansowej'); // the fi ligature extracts as its letters
    expect(text).toContain(`(znak sprawy: ${snapshot.tender.reference})`);
    expect(text).toContain('Łukasz Dębski');
    expect(text).toContain('Halina Żak');
  });
});
