import { Injectable } from '@nestjs/common';
import { DataSource, In } from 'typeorm';
import { Organisation } from '../organisations';
import { loadTenderGraphs } from './tender-graph';
import type { Tender } from './tender.entity';

export interface TenderExport {
  tender: Tender;
  leader: Organisation;
  /** The leader and every organisation holding an active share. */
  organisations: Organisation[];
}

/**
 * Read-only export of tenders for other modules (open data, archives): the tender with its lots
 * and active shares and the organisations they name. Approvals are left out on purpose: they are
 * partners' internal decisions.
 */
@Injectable()
export class TenderExportQuery {
  constructor(private readonly dataSource: DataSource) {}

  async load(ids: string[]): Promise<TenderExport[]> {
    const tenders = await loadTenderGraphs(this.dataSource.manager, ids);
    const orgIds = new Set<string>();
    for (const t of tenders) {
      orgIds.add(t.leaderOrganisationId);
      for (const l of t.lots ?? []) {
        l.shares = (l.shares ?? []).filter((s) => s.status !== 'WITHDRAWN');
        for (const s of l.shares) {
          s.approvals = [];
          orgIds.add(s.organisationId);
        }
      }
    }
    const organisations = await this.dataSource
      .getRepository(Organisation)
      .findBy({ id: In([...orgIds]) });
    const byId = new Map(organisations.map((o) => [o.id, o]));
    return tenders.map((tender) => {
      const mine = new Set([
        tender.leaderOrganisationId,
        ...(tender.lots ?? []).flatMap((l) => l.shares.map((s) => s.organisationId)),
      ]);
      return {
        tender,
        leader: byId.get(tender.leaderOrganisationId) as Organisation,
        organisations: [...mine].map((id) => byId.get(id)).filter((o): o is Organisation => !!o),
      };
    });
  }

  /** Ids of the tenders that were published (cancelled after publication included). */
  async publishedIds(): Promise<string[]> {
    const rows = await this.dataSource.query<{ id: string }[]>(
      `SELECT id FROM tenders WHERE published_on IS NOT NULL AND status <> 'DRAFT'`,
    );
    return rows.map((r) => r.id);
  }
}
