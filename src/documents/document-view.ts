import type { Readable } from 'node:stream';
import type { Document } from './document.entity';
import type { DocumentView } from './dto/document.dto';

/** How a document version looks over HTTP: its view and what a conditional download needs. */
export function toDocumentView(d: Document): DocumentView {
  return {
    id: d.id,
    tenderId: d.tenderId,
    kind: d.kind,
    organisationId: d.organisationId,
    version: d.version,
    status: d.status,
    sha256: d.sha256,
    sizeBytes: d.sizeBytes,
    pages: d.pages,
    createdAt: d.createdAt.toISOString(),
    readyAt: d.readyAt ? d.readyAt.toISOString() : null,
    error: d.error,
  };
}

/** A READY document's bytes, ready to stream, with what the response headers need. */
export interface DocumentDownload {
  document: Document;
  fileName: string;
  /** null when the client's If-None-Match already names this file (304). */
  stream: Readable | null;
}

/** If-None-Match: a list of entity tags (quoted, maybe weak) or `*`. */
export function etagMatches(header: string | undefined, sha256: string): boolean {
  if (!header) return false;
  if (header.trim() === '*') return true;
  return header
    .split(',')
    .map((t) => t.trim().replace(/^W\//, '').replace(/^"|"$/g, ''))
    .includes(sha256);
}
