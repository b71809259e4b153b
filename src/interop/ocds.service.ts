import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { AuditTimelineQuery, type TimelineEvent } from '../audit';
import type { Actor } from '../auth';
import { fieldError, notFound } from '../common/errors';
import { AppConfig } from '../config';
import { ContractsExportQuery } from '../finance';
import type { Organisation } from '../organisations';
import { TenderExportQuery } from '../tenders';
import { TendersService } from '../tenders';
import { compileReleases } from './ocds-merge';
import {
  OCDS_EXTENSIONS,
  buildReleases,
  isPublic,
  ocidOf,
  previewRelease,
  type OcdsRelease,
  type PlacedRelease,
} from './ocds-releases';
import type { OcdsMilestoneAction, OcdsOrganisation, OcdsTenderSource } from './ocds-source';

const MILESTONES: OcdsMilestoneAction[] = [
  'tender.transitioned',
  'contract.recorded',
  'invoice.recorded',
  // A correcting invoice: an implementation release with its difference as a transaction.
  'invoice.corrected',
];

export interface ReleasePackage {
  uri: string;
  version: '1.1';
  extensions: string[];
  publishedDate: string;
  publisher: { name: string; uri: string };
  license: string;
  publicationPolicy: string;
  releases: OcdsRelease[];
  links?: { next?: string };
}

export interface RecordPackage extends Omit<ReleasePackage, 'releases' | 'links'> {
  records: { ocid: string; releases: OcdsRelease[]; compiledRelease: OcdsRelease }[];
}

export const FEED_PAGE_MAX = 100;

/**
 * OCDS 1.1.5 packages of the joint tenders: a tender's releases, its record (releases plus the
 * compiled release) and the harvesters' feed. Only published tenders are public; before
 * publication the tender's own participants see a planning preview, nobody else anything.
 */
@Injectable()
export class OcdsService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly config: AppConfig,
    private readonly tenders: TenderExportQuery,
    private readonly tendersService: TendersService,
    private readonly contracts: ContractsExportQuery,
    private readonly timeline: AuditTimelineQuery,
  ) {}

  /** The release package of one tender: public when published, else only for its participants. */
  async tenderPackage(tenderId: string, actor: Actor | null): Promise<ReleasePackage> {
    const src = await this.visibleSource(tenderId, actor);
    const releases = isPublic(src)
      ? buildReleases(src, this.config.ocdsOcidPrefix).map((p) => p.release)
      : [previewRelease(src, this.config.ocdsOcidPrefix)];
    return this.releasePackage(`/api/v1/tenders/${tenderId}/ocds`, releases);
  }

  /** The record package of one published tender, found by its ocid. */
  async recordPackage(ocid: string): Promise<RecordPackage> {
    const src = await this.publishedByOcid(ocid);
    const releases = buildReleases(src, this.config.ocdsOcidPrefix).map((p) => p.release);
    const pkg = this.releasePackage(`/api/v1/ocds/records/${encodeURIComponent(ocid)}`, releases);
    const { releases: _r, links: _l, ...meta } = pkg;
    return {
      ...meta,
      records: [{ ocid, releases, compiledRelease: compileReleases(ocid, releases) }],
    };
  }

  /**
   * The feed: releases of every published tender in the order their events were recorded
   * (stable: the cursor is the last audit event read), from `since` on.
   */
  async feed(q: { since?: string; cursor?: string; limit?: number }): Promise<ReleasePackage> {
    const since = q.since ? new Date(q.since) : null;
    if (since && Number.isNaN(since.getTime()))
      throw fieldError(
        'since',
        'isDateTime',
        'since must be an ISO 8601 date-time, e.g. 2027-01-01T00:00:00Z',
      );
    if (q.cursor !== undefined && !/^\d{1,19}$/.test(q.cursor))
      throw fieldError(
        'cursor',
        'cursor',
        'cursor must be the value of links.next from the previous page',
      );
    const limit = Math.min(Math.max(q.limit ?? FEED_PAGE_MAX, 1), FEED_PAGE_MAX);
    const tenderIds = await this.tenders.publishedIds();
    const events = await this.timeline.page({
      tenderIds,
      actions: MILESTONES,
      afterId: q.cursor ?? null,
      since,
      limit,
    });
    const wanted = new Set(events.map((e) => e.id));
    const sources = await this.sources([...new Set(events.map((e) => e.tenderId))]);
    const placed: PlacedRelease[] = sources
      .flatMap((s) => buildReleases(s, this.config.ocdsOcidPrefix))
      .filter((p) => wanted.has(p.eventId))
      .sort((a, b) => compareIds(a.eventId, b.eventId));
    const pkg = this.releasePackage(
      '/api/v1/ocds/releases',
      placed.map((p) => p.release),
    );
    if (events.length === limit) {
      const params = new URLSearchParams({ cursor: events[events.length - 1].id });
      if (q.since) params.set('since', q.since);
      if (q.limit !== undefined) params.set('limit', String(limit));
      pkg.links = { next: `${this.config.publicUrl}/api/v1/ocds/releases?${params.toString()}` };
    }
    return pkg;
  }

  /** The source of one tender regardless of visibility (archives: the caller checked access). */
  async sourceOf(tenderId: string): Promise<OcdsTenderSource> {
    const [src] = await this.sources([tenderId]);
    if (!src) throw notFound('Tender', tenderId);
    return src;
  }

  /** What the archive holds: the tender's release package as its participants see it. */
  async archivePackage(tenderId: string): Promise<ReleasePackage> {
    const src = await this.sourceOf(tenderId);
    const releases = isPublic(src)
      ? buildReleases(src, this.config.ocdsOcidPrefix).map((p) => p.release)
      : [previewRelease(src, this.config.ocdsOcidPrefix)];
    return this.releasePackage(`/api/v1/tenders/${tenderId}/ocds`, releases);
  }

  // ---- helpers -------------------------------------------------------------------------------

  private async visibleSource(tenderId: string, actor: Actor | null): Promise<OcdsTenderSource> {
    const [src] = await this.sources([tenderId]);
    if (!src) throw notFound('Tender', tenderId);
    if (isPublic(src)) return src;
    // Not yet public: only those who may see the tender (404 for everyone else, as elsewhere).
    if (!actor) throw notFound('Tender', tenderId);
    await this.tendersService.loadVisible(this.dataSource.manager, actor, tenderId, false);
    return src;
  }

  private async publishedByOcid(ocid: string): Promise<OcdsTenderSource> {
    const prefix = `${this.config.ocdsOcidPrefix}-`;
    const ids = await this.tenders.publishedIds();
    const own = ocid.startsWith(prefix) ? ocid.slice(prefix.length) : null;
    // A recorded e-Zamówienia ocid wins over the derived one; both find the tender.
    const sources = await this.sources(ids.filter((id) => id === own || own === null));
    const match = sources.find((s) => ocidOf(s.tender, this.config.ocdsOcidPrefix) === ocid);
    if (!match || !isPublic(match)) throw notFound('OCDS record', ocid);
    return match;
  }

  private async sources(ids: string[]): Promise<OcdsTenderSource[]> {
    if (ids.length === 0) return [];
    const [exports, finance, events] = [
      await this.tenders.load(ids),
      await this.contracts.forTenders(ids),
      await this.timeline.events(ids, MILESTONES),
    ];
    return exports.map(({ tender, leader, organisations }) => ({
      tender: {
        id: tender.id,
        ocid: tender.ocid,
        reference: tender.reference,
        title: tender.title,
        description: tender.description,
        subjectKind: tender.subjectKind,
        cpvMain: tender.cpvMain,
        cpvAdditional: tender.cpvAdditional ?? [],
        procedure: tender.procedure,
        status: tender.status,
        publishedOn: tender.publishedOn,
        valueNet: tender.valueNet,
        cancelReason: tender.cancelReason,
        updatedAt: tender.updatedAt,
        version: tender.version,
      },
      leader: organisation(leader),
      organisations: organisations.map(organisation),
      lots: (tender.lots ?? []).map((l) => ({
        id: l.id,
        number: l.number,
        title: l.title,
        vatRate: l.vatRate,
        contractorName: l.contractorName,
        contractorNip: l.contractorNip,
        awardedNet: l.awardedNet,
        shares: (l.shares ?? []).map((s) => ({
          organisationId: s.organisationId,
          amountNet: s.amountNet,
        })),
      })),
      contracts: finance.contracts
        .filter((c) => c.tenderId === tender.id)
        .map((c) => ({
          id: c.id,
          lotId: c.lotId,
          organisationId: c.organisationId,
          contractorName: c.contractorName,
          contractorNip: c.contractorNip,
          amountNet: c.amountNet,
          amountGross: c.amountGross,
          signedOn: c.signedOn,
        })),
      invoices: finance.invoices
        .filter((i) => i.tenderId === tender.id)
        .map((i) => ({
          id: i.id,
          contractId: i.contractId,
          organisationId: i.organisationId,
          number: i.number,
          issuedOn: i.issuedOn,
          // A correcting invoice is a transaction of its difference: the chain adds up to its latest state.
          gross: i.correctsInvoiceId
            ? i.gross - (finance.invoices.find((x) => x.id === i.correctsInvoiceId)?.gross ?? 0)
            : i.gross,
        })),
      milestones: events.filter((e) => e.tenderId === tender.id).map(milestone),
    }));
  }

  private releasePackage(path: string, releases: OcdsRelease[]): ReleasePackage {
    const latest = releases.reduce<string | null>(
      (m, r) => (m === null || r.date > m ? r.date : m),
      null,
    );
    return {
      uri: `${this.config.publicUrl}${path}`,
      version: '1.1',
      extensions: OCDS_EXTENSIONS,
      publishedDate: latest ?? new Date().toISOString(),
      publisher: { name: this.config.ocdsPublisherName, uri: this.config.publicUrl },
      license: 'https://creativecommons.org/publicdomain/zero/1.0/',
      publicationPolicy: `${this.config.publicUrl}/api/docs#/ocds`,
      releases,
    };
  }
}

const compareIds = (a: string, b: string): number => {
  const x = BigInt(a);
  const y = BigInt(b);
  return x < y ? -1 : x > y ? 1 : 0;
};

const organisation = (o: Organisation): OcdsOrganisation => ({
  id: o.id,
  name: o.name,
  nip: o.nip,
  regon: o.regon,
  street: o.addressStreet,
  postalCode: o.addressPostalCode,
  city: o.addressCity,
  email: o.email,
});

const milestone = (e: TimelineEvent) => ({
  eventId: e.id,
  at: e.occurredAt,
  action: e.action as OcdsMilestoneAction,
  entityId: e.entityId,
  to: e.to,
});
