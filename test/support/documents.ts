import { Session, waitFor } from './app';

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
