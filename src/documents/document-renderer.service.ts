import { Injectable, Logger } from '@nestjs/common';
import { setTimeout as sleep } from 'node:timers/promises';
import { DataSource } from 'typeorm';
import { recordAudit } from '../audit';
import { documentsFailed, documentsRendered } from '../common/metrics';
import { AppConfig } from '../config';
import { Document } from './document.entity';
import { renderDocument } from './render/render-document';
import type { AnyDocumentSnapshot, DocumentKind } from './render/snapshot.types';
import { DocumentStorages } from './storage/document-storages';

/** The system actor of the worker's audit events. */
const WORKER_ACTOR = {
  userId: '00000000-0000-0000-0000-000000000000',
  displayName: 'system Wspólnie',
};

export type RenderOutcome =
  | { outcome: 'ready'; sha256: string; pages: number; sizeBytes: number }
  | { outcome: 'already-ready'; sha256: string }
  | { outcome: 'gone' }
  | { outcome: 'failed-before' };

/**
 * Renders one document version in the worker. Safe to run twice, concurrently, or after a crash:
 *  1. mark RENDERING (row lock; READY/FAILED rows are left alone);
 *  2. render from the frozen snapshot (deterministic: the same bytes every time);
 *  3. in ONE transaction, lock the row again, and unless another run finished first, store the
 *     file under its SHA-256 (a no-op if stored already) and mark READY.
 * So a version never has two files, never READY without its file, and a killed worker leaves at
 * most a RENDERING row that the next attempt completes.
 */
@Injectable()
export class DocumentRendererService {
  private readonly logger = new Logger(DocumentRendererService.name);

  constructor(
    private readonly dataSource: DataSource,
    private readonly storages: DocumentStorages,
    private readonly config: AppConfig,
  ) {}

  async render(documentId: string): Promise<RenderOutcome> {
    const start = await this.dataSource.transaction(
      async (manager): Promise<RenderOutcome | { doc: Document }> => {
        const doc = await manager
          .getRepository(Document)
          .findOne({ where: { id: documentId }, lock: { mode: 'pessimistic_write' } });
        if (!doc) return { outcome: 'gone' };
        if (doc.status === 'READY')
          return { outcome: 'already-ready', sha256: doc.sha256 as string };
        if (doc.status === 'FAILED') return { outcome: 'failed-before' };
        await manager.update(Document, doc.id, {
          status: 'RENDERING',
          attempts: () => 'attempts + 1',
          renderStartedAt: new Date(),
        });
        return { doc };
      },
    );
    if (!('doc' in start)) return start;
    const doc = start.doc;

    if (this.config.documentRenderDelayMs > 0) await sleep(this.config.documentRenderDelayMs);

    const began = process.hrtime.bigint();
    const rendered = await renderSnapshot(doc.kind, doc.snapshot);
    const renderMs = Number((process.hrtime.bigint() - began) / 1_000_000n);
    const store = this.storages.forWriting();

    return this.dataSource.transaction(async (manager): Promise<RenderOutcome> => {
      const current = await manager
        .getRepository(Document)
        .findOne({ where: { id: documentId }, lock: { mode: 'pessimistic_write' } });
      if (!current) return { outcome: 'gone' };
      // Another worker finished this version first: keep its file, add none.
      if (current.status === 'READY')
        return { outcome: 'already-ready', sha256: current.sha256 as string };
      if (current.status === 'FAILED') return { outcome: 'failed-before' };
      await store.put(manager, rendered.sha256, rendered.pdf);
      const readyAt = new Date();
      await manager.update(Document, documentId, {
        status: 'READY',
        storage: store.backend,
        storageKey: rendered.sha256,
        sha256: rendered.sha256,
        sizeBytes: rendered.pdf.length,
        pages: rendered.pages,
        templateHash: rendered.templateHash,
        renderMs,
        readyAt,
        error: null,
      });
      await recordAudit(manager, WORKER_ACTOR, {
        action: 'document.rendered',
        entityType: 'document',
        entityId: documentId,
        tenderId: current.tenderId,
        organisationId: current.organisationId,
        data: {
          kind: current.kind,
          version: current.version,
          sha256: rendered.sha256,
          pages: rendered.pages,
          sizeBytes: rendered.pdf.length,
          templateHash: rendered.templateHash,
        },
      });
      documentsRendered.inc({ kind: current.kind });
      return {
        outcome: 'ready',
        sha256: rendered.sha256,
        pages: rendered.pages,
        sizeBytes: rendered.pdf.length,
      };
    });
  }

  /** A failed attempt that will be retried: back to QUEUED with the reason, so users see it. */
  async attemptFailed(documentId: string, reason: string): Promise<void> {
    await this.dataSource
      .createQueryBuilder()
      .update(Document)
      .set({ status: 'QUEUED', error: reason.slice(0, 1000) })
      .where('id = :id AND status IN (:...open)', { id: documentId, open: ['QUEUED', 'RENDERING'] })
      .execute();
  }

  /** The last attempt failed: FAILED for good, with the reason and an audit event. */
  async failed(documentId: string, reason: string): Promise<void> {
    let failedKind: string | null = null;
    await this.dataSource.transaction(async (manager) => {
      const doc = await manager
        .getRepository(Document)
        .findOne({ where: { id: documentId }, lock: { mode: 'pessimistic_write' } });
      if (!doc || doc.status === 'READY' || doc.status === 'FAILED') return;
      await manager.update(Document, documentId, {
        status: 'FAILED',
        error: reason.slice(0, 1000),
        failedAt: new Date(),
      });
      await recordAudit(manager, WORKER_ACTOR, {
        action: 'document.failed',
        entityType: 'document',
        entityId: documentId,
        tenderId: doc.tenderId,
        organisationId: doc.organisationId,
        data: { kind: doc.kind, version: doc.version, reason: reason.slice(0, 500) },
      });
      failedKind = doc.kind;
    });
    if (failedKind) documentsFailed.inc({ kind: failedKind });
    this.logger.warn(`Document ${documentId} FAILED: ${reason}`);
  }
}

function renderSnapshot(kind: DocumentKind, snapshot: AnyDocumentSnapshot) {
  return renderDocument(kind, snapshot);
}
