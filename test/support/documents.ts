import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import request from 'supertest';
import { Session, TestApp, waitFor } from './app';

export interface DocumentBody {
  id: string;
  tenderId: string;
  kind: string;
  organisationId: string | null;
  version: number;
  status: 'QUEUED' | 'RENDERING' | 'READY' | 'FAILED';
  sha256: string | null;
  sizeBytes: number | null;
  pages: number | null;
  createdAt: string;
  readyAt: string | null;
  error: string | null;
}

/**
 * Requests a document through the API and waits until the worker made it READY. A worker must
 * be running in the test (`startWorker()` from ./worker, closed in afterAll).
 */
export async function renderDocument(
  session: Session,
  tenderId: string,
  kind: string,
  organisationId?: string,
  timeoutMs = 30000,
): Promise<DocumentBody> {
  const res = await session.post(`/tenders/${tenderId}/documents`, {
    kind,
    ...(organisationId ? { organisationId } : {}),
  });
  if (res.status !== 202)
    throw new Error(`requesting ${kind} failed: ${res.status} ${JSON.stringify(res.body)}`);
  const id = (res.body as DocumentBody).id;
  return waitFor(
    async () => {
      const doc = (await session.get(`/documents/${id}`).expect(200)).body as DocumentBody;
      if (doc.status === 'FAILED') throw new Error(`${kind} FAILED: ${doc.error}`);
      return doc.status === 'READY' ? doc : null;
    },
    timeoutMs,
    `${kind} of tender ${tenderId} to be READY`,
  );
}

/**
 * The joint procurement agreement of the tender's current shares, READY: what publishing needs.
 * Call it with the leader's procurement officer right before the PUBLISHED transition.
 */
export function renderAgreement(officer: Session, tenderId: string): Promise<DocumentBody> {
  return renderDocument(officer, tenderId, 'AGREEMENT');
}

/**
 * A READY document's PDF downloaded as `session` and read with `pdftotext` (poppler-utils),
 * `-layout` keeps table rows on their lines. The file is written to `dir`.
 */
export async function pdfTextOf(
  t: TestApp,
  session: Session,
  documentId: string,
  dir: string,
  layout = false,
): Promise<string> {
  const res = await request(t.http)
    .get(`/api/v1/documents/${documentId}/file`)
    .set('authorization', `Bearer ${session.token}`)
    .buffer(true)
    .parse((r, cb) => {
      const chunks: Buffer[] = [];
      r.on('data', (c: Buffer) => chunks.push(c));
      r.on('end', () => cb(null, Buffer.concat(chunks)));
    })
    .expect(200);
  const file = join(dir, `${documentId}.pdf`);
  writeFileSync(file, res.body as Buffer);
  return execFileSync('pdftotext', [...(layout ? ['-layout'] : []), '-enc', 'UTF-8', file, '-'], {
    encoding: 'utf8',
  });
}
