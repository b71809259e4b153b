import { Injectable, OnModuleInit } from '@nestjs/common';
import archiver from 'archiver';
import type { Readable } from 'node:stream';
import { DataSource } from 'typeorm';
import { AccessPolicyService } from '../auth';
import type { Actor, TenderFacts } from '../auth';
import { recordAudit } from '../audit';
import { conflict, fieldError, notFound, unprocessable } from '../common/errors';
import { jobIds } from '../common/jobs';
import { OutboxService } from '../common/outbox';
import { Organisation } from '../organisations';
import { TenderHooks, loadTenderGraphs, tenderFacts, TendersService } from '../tenders';
import type { Tender } from '../tenders';
import {
  DOCUMENT_FILE_LABEL,
  FINANCE_DOCUMENT_STATUSES,
  isFinanceKind,
  isPerPartnerKind,
  type DocumentKind,
} from './document-kinds';
import { Document } from './document.entity';
import { asciiFileName, documentFileName } from './download-names';
import type { DocumentView, RequestDocumentDto } from './dto/document.dto';
import { etagMatches, toDocumentView, type DocumentDownload } from './document-view';
import { TEMPLATE_FILE } from './render/template-engine';
import { sharesFingerprint } from './shares-fingerprint';
import { agreementMissing } from './agreement-readiness';
import { buildSnapshot, withPreparer } from './snapshot-builder';
import { loadSnapshotInput, shareFacts } from './snapshot-source';
import { DocumentStorages } from './storage/document-storages';

export { AGREEMENT_REQUIRED } from './agreement-readiness';
export const SETTLEMENT_NOT_AVAILABLE = 'SETTLEMENT_NOT_AVAILABLE';

/**
 * Documents on the API side: requests (a QUEUED version, its frozen snapshot and a render job in
 * the outbox, one transaction), reading, downloads and the bundle. Never renders: the worker does.
 */
@Injectable()
export class DocumentsService implements OnModuleInit {
  constructor(
    private readonly dataSource: DataSource,
    private readonly policy: AccessPolicyService,
    private readonly tenders: TendersService,
    private readonly outbox: OutboxService,
    private readonly storages: DocumentStorages,
    private readonly hooks: TenderHooks,
  ) {}

  onModuleInit(): void {
    this.hooks.addTransitionGuard((manager, tender, to) =>
      to === 'PUBLISHED' ? agreementMissing(manager, tender) : Promise.resolve([]),
    );
  }

  // ---- requests ------------------------------------------------------------------------------

  async request(actor: Actor, tenderId: string, dto: RequestDocumentDto): Promise<DocumentView> {
    const kind = dto.kind;
    const organisationId = dto.organisationId ?? null;
    if (isPerPartnerKind(kind) && organisationId === null)
      throw fieldError(
        'organisationId',
        'required',
        `organisationId is required for ${kind}: the partner the document is made for`,
      );
    if (!isPerPartnerKind(kind) && organisationId !== null)
      throw fieldError(
        'organisationId',
        'notAllowed',
        `organisationId is not allowed for ${kind}: it is a document of the whole tender`,
      );

    const id = await this.dataSource.transaction(async (manager) => {
      // The tender row lock serialises requests, so version numbers never collide.
      const { tender, participants } = await this.tenders.lockForChange(
        manager,
        actor,
        tenderId,
        false,
      );
      const facts = tenderFacts(tender, participants);
      const lawyerOf = await this.lawyerOf(actor, tender.partnershipId);
      // A settlement statement is requested by those who see the partner's finance (its
      // treasurer, head and coordinator; the leader's officers and treasurer), as the settlement
      // endpoints are read.
      this.policy.assert(actor, {
        action: 'document.request',
        tender: facts,
        lawyerOf,
        ...(isFinanceKind(kind) && organisationId !== null ? { finance: { organisationId } } : {}),
      });
      if (isFinanceKind(kind) && !FINANCE_DOCUMENT_STATUSES.includes(tender.status))
        throw unprocessable(
          SETTLEMENT_NOT_AVAILABLE,
          `A ${kind} statement is made from the tender's contracts, invoices and payments, recorded once it is AWARDED; this tender is ${tender.status}`,
          { currentStatus: tender.status, requiredStatus: [...FINANCE_DOCUMENT_STATUSES] },
        );
      const [graph] = await loadTenderGraphs(manager, [tenderId]);
      if (organisationId !== null && !isParty(graph, organisationId))
        throw fieldError(
          'organisationId',
          'participant',
          'organisationId must name a party of the tender: the leader or an organisation with an active share',
        );
      const generatedAt = new Date();
      const input = await loadSnapshotInput(manager, graph, kind, organisationId, generatedAt);
      const built = buildSnapshot(input);
      if (!built.ok)
        throw unprocessable(
          'DOCUMENT_DATA_MISSING',
          `The document cannot be made until these are filled in: ${built.missing.join('; ')}`,
          { missing: built.missing },
        );
      const [{ next }] = await manager.query<{ next: number }[]>(
        `SELECT COALESCE(MAX(version), 0) + 1 AS next FROM documents
          WHERE tender_id = $1 AND kind = $2 AND organisation_id IS NOT DISTINCT FROM $3`,
        [tenderId, kind, organisationId],
      );
      const doc = await manager.getRepository(Document).save(
        manager.getRepository(Document).create({
          tenderId,
          kind,
          organisationId,
          version: next,
          status: 'QUEUED',
          templateName: TEMPLATE_FILE[kind],
          snapshot: withPreparer(built.snapshot, kind, actor, graph.leaderOrganisationId),
          sharesHash: sharesFingerprint(shareFacts(graph)),
          requestedById: actor.userId,
          requestedByName: actor.displayName ?? null,
        }),
      );
      const organisationName =
        organisationId === null
          ? null
          : (input.organisations.find((o) => o.id === organisationId)?.name ?? null);
      await recordAudit(manager, actor, {
        action: 'document.requested',
        entityType: 'document',
        entityId: doc.id,
        tenderId,
        partnershipId: tender.partnershipId,
        organisationId: organisationId ?? tender.leaderOrganisationId,
        data: { kind, version: next, organisationId, organisationName },
      });
      await this.outbox.enqueue(
        manager,
        'document.render',
        { documentId: doc.id },
        { jobId: jobIds.document(doc.id) },
      );
      return doc.id;
    });
    const doc = await this.dataSource.getRepository(Document).findOneByOrFail({ id });
    return toDocumentView(doc);
  }

  // ---- reading -------------------------------------------------------------------------------

  /** The documents of a tender the actor may download, newest first per kind. */
  async list(actor: Actor, tenderId: string): Promise<DocumentView[]> {
    const { tender, participants } = await this.tenders.loadVisible(
      this.dataSource.manager,
      actor,
      tenderId,
      false,
    );
    const lawyerOf = await this.lawyerOf(actor, tender.partnershipId);
    const docs = await this.dataSource.getRepository(Document).find({
      where: { tenderId },
      order: { kind: 'ASC', organisationId: 'ASC', version: 'DESC' },
    });
    const facts = tenderFacts(tender, participants);
    return docs.filter((d) => this.mayDownload(actor, facts, lawyerOf, d)).map(toDocumentView);
  }

  /** Whether the actor may request documents of this tender (the rule of `request`). */
  async mayRequest(actor: Actor, tenderId: string): Promise<boolean> {
    const { tender, participants } = await this.tenders.loadVisible(
      this.dataSource.manager,
      actor,
      tenderId,
      false,
    );
    return this.policy.can(actor, {
      action: 'document.request',
      tender: tenderFacts(tender, participants),
      lawyerOf: await this.lawyerOf(actor, tender.partnershipId),
    });
  }

  /** Documents that became READY in the last `days` days and that the actor may download. */
  async recentlyReady(
    actor: Actor,
    days: number,
  ): Promise<(DocumentView & { tenderReference: string; tenderTitle: string })[]> {
    const docs = await this.dataSource
      .getRepository(Document)
      .createQueryBuilder('d')
      .where("d.status = 'READY' AND d.ready_at >= now() - make_interval(days => :days)", { days })
      .orderBy('d.ready_at', 'DESC')
      .take(200)
      .getMany();
    const out: (DocumentView & { tenderReference: string; tenderTitle: string })[] = [];
    const tenders = new Map<
      string,
      { tender: Tender; facts: TenderFacts; lawyerOf: boolean } | null
    >();
    for (const d of docs) {
      if (!tenders.has(d.tenderId)) {
        const seen = await this.tenders
          .loadVisible(this.dataSource.manager, actor, d.tenderId, false)
          .catch(() => null);
        tenders.set(
          d.tenderId,
          seen && {
            tender: seen.tender,
            facts: tenderFacts(seen.tender, seen.participants),
            lawyerOf: await this.lawyerOf(actor, seen.tender.partnershipId),
          },
        );
      }
      const t = tenders.get(d.tenderId);
      if (t && this.mayDownload(actor, t.facts, t.lawyerOf, d))
        out.push({
          ...toDocumentView(d),
          tenderReference: t.tender.reference,
          tenderTitle: t.tender.title,
        });
      if (out.length >= 50) break;
    }
    return out;
  }

  async get(actor: Actor, id: string): Promise<DocumentView> {
    return toDocumentView((await this.loadAllowed(actor, id)).document);
  }

  /**
   * A READY document's file. `ifNoneMatch` is the request header: when it names the file's
   * SHA-256 the caller answers 304 and nothing is read or audited.
   */
  async download(actor: Actor, id: string, ifNoneMatch?: string): Promise<DocumentDownload> {
    const { document, tender } = await this.loadAllowed(actor, id);
    if (document.status !== 'READY' || !document.sha256 || !document.storage)
      throw conflict(
        'DOCUMENT_NOT_READY',
        document.status === 'FAILED'
          ? `Document ${id} failed to render (${document.error ?? 'unknown reason'}); request a new version`
          : `Document ${id} is ${document.status}; download it once its status is READY`,
        { status: document.status },
      );
    const fileName = documentFileName({
      kind: document.kind,
      version: document.version,
      reference: tender.reference,
      organisationName: await this.organisationName(document.organisationId),
    });
    if (etagMatches(ifNoneMatch, document.sha256)) return { document, fileName, stream: null };
    const stream = await this.storages.get(document.storage).open(document.sha256);
    if (!stream)
      throw conflict(
        'DOCUMENT_FILE_MISSING',
        `The file of document ${id} is missing from the ${document.storage} store; request a new version`,
      );
    await this.dataSource.transaction((manager) =>
      recordAudit(manager, actor, {
        action: 'document.downloaded',
        entityType: 'document',
        entityId: document.id,
        tenderId: document.tenderId,
        partnershipId: tender.partnershipId,
        organisationId: document.organisationId ?? tender.leaderOrganisationId,
        data: { kind: document.kind, version: document.version, sha256: document.sha256 },
      }),
    );
    return { document, fileName, stream };
  }

  /**
   * A zip of the current (newest READY) version of every document the actor may download, with
   * `SHA256SUMS` (checkable with `sha256sum -c`) and `manifest.json`.
   */
  async bundle(actor: Actor, tenderId: string): Promise<{ fileName: string; stream: Readable }> {
    const { tender, participants } = await this.tenders.loadVisible(
      this.dataSource.manager,
      actor,
      tenderId,
      false,
    );
    const lawyerOf = await this.lawyerOf(actor, tender.partnershipId);
    const facts = tenderFacts(tender, participants);
    const ready = await this.dataSource.getRepository(Document).find({
      where: { tenderId, status: 'READY' },
      order: { kind: 'ASC', version: 'DESC' },
    });
    const current = new Map<string, Document>();
    for (const d of ready) {
      const key = `${d.kind}/${d.organisationId ?? ''}`;
      const allowed = this.mayDownload(actor, facts, lawyerOf, d);
      if (allowed && !current.has(key)) current.set(key, d);
    }
    if (current.size === 0) {
      // Someone who may read none of the tender's documents is told so, not "nothing yet".
      const ownOrganisations = this.policy.organisationIds(actor);
      const mayReadSome =
        this.policy.can(actor, {
          action: 'document.download',
          tender: facts,
          lawyerOf,
          organisationId: null,
        }) || ownOrganisations.some((o) => facts.participantOrganisationIds.includes(o));
      if (!mayReadSome)
        this.policy.assert(actor, {
          action: 'document.download',
          tender: facts,
          lawyerOf,
          organisationId: null,
        });
      throw conflict('DOCUMENT_NOT_READY', `Tender ${tenderId} has no READY documents yet`);
    }
    const docs = [...current.values()].sort(
      (a, b) =>
        a.kind.localeCompare(b.kind) ||
        (a.organisationId ?? '').localeCompare(b.organisationId ?? ''),
    );
    const names = await this.organisationNames(docs.map((d) => d.organisationId));
    const entries: { doc: Document; name: string; file: string; stream: Readable }[] = [];
    for (const doc of docs) {
      const name = documentFileName({
        kind: doc.kind,
        version: doc.version,
        reference: tender.reference,
        organisationName: doc.organisationId ? (names.get(doc.organisationId) ?? null) : null,
      });
      const stream = await this.storages.get(doc.storage ?? 'postgres').open(doc.sha256 as string);
      if (!stream)
        throw conflict(
          'DOCUMENT_FILE_MISSING',
          `The file of document ${doc.id} is missing from the ${doc.storage} store`,
        );
      entries.push({ doc, name, file: asciiFileName(name), stream });
    }
    await this.dataSource.transaction((manager) =>
      recordAudit(manager, actor, {
        action: 'document.bundle_downloaded',
        entityType: 'tender',
        entityId: tenderId,
        tenderId,
        partnershipId: tender.partnershipId,
        organisationId: tender.leaderOrganisationId,
        data: { documents: entries.map((e) => ({ id: e.doc.id, sha256: e.doc.sha256 })) },
      }),
    );
    const zip = archiver('zip', { store: true });
    const sums = entries.map((e) => `${e.doc.sha256}  ${e.file}`).join('\n') + '\n';
    const manifest = {
      tender: { id: tender.id, reference: tender.reference, title: tender.title },
      generatedAt: new Date().toISOString(),
      documents: entries.map((e) => ({
        file: e.file,
        title: e.name,
        id: e.doc.id,
        kind: e.doc.kind,
        label: DOCUMENT_FILE_LABEL[e.doc.kind],
        organisationId: e.doc.organisationId,
        version: e.doc.version,
        sha256: e.doc.sha256,
        sizeBytes: e.doc.sizeBytes,
        pages: e.doc.pages,
        readyAt: e.doc.readyAt?.toISOString() ?? null,
      })),
    };
    // Fixed dates keep the archive's bytes independent of when it was downloaded.
    const date = new Date('2000-01-01T00:00:00Z');
    for (const e of entries) zip.append(e.stream, { name: e.file, date });
    zip.append(sums, { name: 'SHA256SUMS', date });
    zip.append(`${JSON.stringify(manifest, null, 2)}\n`, { name: 'manifest.json', date });
    void zip.finalize().catch((err: unknown) => zip.destroy(err as Error));
    return {
      fileName: `Dokumenty – ${tender.reference}.zip`,
      stream: zip,
    };
  }

  // ---- helpers -------------------------------------------------------------------------------

  /**
   * Who may read a document: the partnership's lawyers and the leader's officers read every one,
   * a partner's own people the documents made for that partner. A settlement statement states a
   * partner's finance, so only those who see that finance read it (the partner's treasurer, head
   * and coordinator; the leader's officers and treasurer) — the rule of the settlement endpoints.
   */
  private mayDownload(
    actor: Actor,
    facts: TenderFacts,
    lawyerOf: boolean,
    d: { kind: DocumentKind; organisationId: string | null },
  ): boolean {
    return this.policy.can(actor, this.downloadRequest(facts, lawyerOf, d));
  }

  private downloadRequest(
    facts: TenderFacts,
    lawyerOf: boolean,
    d: { kind: DocumentKind; organisationId: string | null },
  ) {
    return {
      action: 'document.download' as const,
      tender: facts,
      lawyerOf,
      organisationId: d.organisationId,
      finance: isFinanceKind(d.kind),
    };
  }

  /** Whether the actor is a lawyer of an organisation in the tender's partnership. */
  private lawyerOf(actor: Actor, partnershipId: string): Promise<boolean> {
    return this.policy.canSeePartnership(actor, partnershipId, 'LAWYER');
  }

  /**
   * A document the actor may download: 404 when the tender is not visible (its existence stays
   * hidden), 403 when it is visible but the document is not the actor's to read.
   */
  private async loadAllowed(
    actor: Actor,
    id: string,
  ): Promise<{ document: Document; tender: Tender }> {
    const document = await this.dataSource.getRepository(Document).findOneBy({ id });
    if (!document) throw notFound('Document', id);
    const { tender, participants } = await this.tenders
      .loadVisible(this.dataSource.manager, actor, document.tenderId, false)
      .catch(() => {
        throw notFound('Document', id);
      });
    const facts = tenderFacts(tender, participants);
    const lawyerOf = await this.lawyerOf(actor, tender.partnershipId);
    this.policy.assert(actor, this.downloadRequest(facts, lawyerOf, document));
    return { document, tender };
  }

  private async organisationName(id: string | null): Promise<string | null> {
    if (id === null) return null;
    return (await this.organisationNames([id])).get(id) ?? null;
  }

  private async organisationNames(ids: (string | null)[]): Promise<Map<string, string>> {
    const wanted = [...new Set(ids.filter((x): x is string => x !== null))];
    if (wanted.length === 0) return new Map();
    const rows = await this.dataSource
      .getRepository(Organisation)
      .createQueryBuilder('o')
      .select(['o.id', 'o.name'])
      .where('o.id = ANY(:ids)', { ids: wanted })
      .getMany();
    return new Map(rows.map((o) => [o.id, o.name]));
  }
}

function isParty(tender: Tender, organisationId: string): boolean {
  if (tender.leaderOrganisationId === organisationId) return true;
  return (tender.lots ?? []).some((l) =>
    (l.shares ?? []).some((s) => s.organisationId === organisationId && s.status !== 'WITHDRAWN'),
  );
}
