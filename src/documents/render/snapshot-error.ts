/** A stored snapshot the renderer cannot make a document of (a broken or incomplete jsonb). */
export class SnapshotError extends Error {
  readonly code = 'DOCUMENT_SNAPSHOT_INVALID';
}
