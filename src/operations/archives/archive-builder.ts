import { Injectable, Logger } from '@nestjs/common';
import archiver from 'archiver';
import { createHash } from 'node:crypto';
import type { Readable } from 'node:stream';
import { DataSource } from 'typeorm';
import { recordAudit } from '../../audit';
import { AuditTimelineQuery } from '../../audit';
import { systemActor } from '../../auth';
import { DomainError } from '../../common/errors';
import { DocumentFilesQuery } from '../../documents';
import { SettlementService } from '../../finance';
import { OcdsService } from '../../interop';
import { TenderArchive } from './tender-archive.entity';

export type ArchiveOutcome = 'built' | 'already-ready' | 'gone';

const WORKER = systemActor('archive-worker');

interface Entry {
  path: string;
  description: string;
  body: Buffer;
}

const sha256 = (b: Buffer): string => createHash('sha256').update(b).digest('hex');

async function readAll(stream: Readable): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const c of stream) chunks.push(Buffer.isBuffer(c) ? c : Buffer.from(c as string));
  return Buffer.concat(chunks);
}

/**
 * Builds one tender archive in the worker: the current documents (each checked against the
 * SHA-256 it was stored under), the audit trail as JSON Lines, the OCDS release package, the
 * settlement CSV, a manifest with every file's SHA-256 and a SHA256SUMS file; stores the zip with
 * its READY status in one transaction. Safe to run twice: a READY archive is left alone.
 */
@Injectable()
export class ArchiveBuilder {
  private readonly logger = new Logger(ArchiveBuilder.name);

  constructor(
    private readonly dataSource: DataSource,
    private readonly documents: DocumentFilesQuery,
    private readonly timeline: AuditTimelineQuery,
    private readonly ocds: OcdsService,
    private readonly settlement: SettlementService,
  ) {}

  async build(archiveId: string): Promise<ArchiveOutcome> {
    const repo = this.dataSource.getRepository(TenderArchive);
    const archive = await repo.findOneBy({ id: archiveId });
    if (!archive) return 'gone';
    if (archive.status === 'READY') return 'already-ready';
    await repo.update({ id: archiveId }, { status: 'BUILDING', error: null });
    const tenderId = archive.tenderId;
    const entries: Entry[] = [];
    for (const d of await this.documents.current(tenderId)) {
      const body = await readAll(await d.open());
      if (sha256(body) !== d.sha256)
        throw new Error(`Document ${d.id} does not match its stored SHA-256 ${d.sha256}`);
      entries.push({ path: `dokumenty/${d.file}`, description: d.title, body });
    }
    const trail = (await this.timeline.trail(tenderId)).map((e) =>
      JSON.stringify({
        id: e.id,
        occurredAt: e.occurredAt.toISOString(),
        action: e.action,
        entityType: e.entityType,
        entityId: e.entityId,
        organisationId: e.organisationId,
        actorUserId: e.actorUserId,
        actorName: e.actorName,
        requestId: e.requestId,
        data: e.data,
      }),
    );
    entries.push({
      path: 'dziennik-zdarzen.jsonl',
      description: 'Dziennik zdarzeń postępowania (audit trail), jedno zdarzenie w wierszu',
      body: Buffer.from(trail.length > 0 ? `${trail.join('\n')}\n` : '', 'utf8'),
    });
    const ocds = await this.ocds.archivePackage(tenderId);
    entries.push({
      path: 'ocds.json',
      description: 'Dane w standardzie OCDS 1.1.5 (release package)',
      body: Buffer.from(`${JSON.stringify(ocds, null, 2)}\n`, 'utf8'),
    });
    let settlementNote: string | null = null;
    try {
      const csv = await this.settlement.csv(WORKER, tenderId);
      entries.push({
        path: csv.filename,
        description: 'Rozliczenie partnerów (CSV, średnik, UTF-8)',
        body: Buffer.from(csv.body, 'utf8'),
      });
    } catch (err) {
      if (!(err instanceof DomainError)) throw err;
      settlementNote = `Rozliczenie niedostępne: ${err.message}`;
    }
    const tender = (ocds.releases[0]?.tender as { id?: string; title?: string } | undefined) ?? {};
    const manifest = {
      tenderId,
      reference: tender.id ?? null,
      title: tender.title ?? null,
      basis: 'art. 78 ust. 1 ustawy Prawo zamówień publicznych (dokumentacja postępowania)',
      generatedAt: new Date().toISOString(),
      upToEventId: archive.upToEventId,
      ...(settlementNote ? { notes: [settlementNote] } : {}),
      files: entries.map((e) => ({
        path: e.path,
        description: e.description,
        sha256: sha256(e.body),
        sizeBytes: e.body.length,
      })),
    };
    const zip = await this.zip([
      ...entries,
      {
        path: 'manifest.json',
        description: 'Spis plików z sumami SHA-256',
        body: Buffer.from(`${JSON.stringify(manifest, null, 2)}\n`, 'utf8'),
      },
      {
        path: 'SHA256SUMS',
        description: 'Sumy kontrolne (sha256sum -c SHA256SUMS)',
        body: Buffer.from(entries.map((e) => `${sha256(e.body)}  ${e.path}\n`).join(''), 'utf8'),
      },
    ]);
    return this.dataSource.transaction(async (manager) => {
      const [row] = await manager.query<{ status: string }[]>(
        'SELECT status FROM tender_archives WHERE id = $1 FOR UPDATE',
        [archiveId],
      );
      if (!row) return 'gone';
      if (row.status === 'READY') return 'already-ready';
      const digest = sha256(zip);
      await manager.query(
        `UPDATE tender_archives SET status = 'READY', content = $2, sha256 = $3, size_bytes = $4,
                ready_at = now(), error = NULL WHERE id = $1`,
        [archiveId, zip, digest, zip.length],
      );
      await recordAudit(manager, WORKER, {
        action: 'archive.built',
        entityType: 'tender_archive',
        entityId: archiveId,
        tenderId,
        data: { sha256: digest, sizeBytes: zip.length, files: entries.length },
      });
      this.logger.log(
        `Archive ${archiveId} of tender ${tenderId}: ${entries.length} files, ${zip.length} bytes`,
      );
      return 'built';
    });
  }

  /** The last attempt failed: FAILED with the reason (a new request makes a new archive). */
  async failed(archiveId: string, reason: string): Promise<void> {
    await this.dataSource.query(
      `UPDATE tender_archives SET status = 'FAILED', error = $2 WHERE id = $1 AND status <> 'READY'`,
      [archiveId, reason.slice(0, 1000)],
    );
  }

  private zip(entries: Entry[]): Promise<Buffer> {
    return new Promise((resolve, reject) => {
      const zip = archiver('zip', { zlib: { level: 6 } });
      const chunks: Buffer[] = [];
      zip.on('data', (c: Buffer) => chunks.push(c));
      zip.on('end', () => resolve(Buffer.concat(chunks)));
      zip.on('error', reject);
      // Fixed dates: the same contents give the same bytes.
      const date = new Date('2000-01-01T00:00:00Z');
      for (const e of entries) zip.append(e.body, { name: e.path, date });
      void zip.finalize().catch(reject);
    });
  }
}
