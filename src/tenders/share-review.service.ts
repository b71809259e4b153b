import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { AccessPolicyService } from '../auth';
import type { Actor } from '../auth';
import { notFound } from '../common/errors';
import type { LotView, ShareView, TenderView } from './dto/tender-view.dto';
import { tenderFacts } from './tender-graph';
import { TendersService } from './tenders.service';
import { organisationRows } from '../organisations';
import { partnershipRows } from '../partnerships';

export interface ShareReview {
  tender: TenderView;
  lot: LotView;
  share: ShareView;
  partnershipName: string;
  leaderName: string;
}

/**
 * One share with everything its review page shows: the tender (through the same visibility rule
 * as the API: 404 when not visible), its lot and the partnership; 403 for a partner who may see
 * the tender but not another partner's share page.
 */
@Injectable()
export class ShareReviewService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly tenders: TendersService,
    private readonly policy: AccessPolicyService,
  ) {}

  async review(actor: Actor, shareId: string): Promise<ShareReview> {
    const rows = await this.dataSource.query<
      { tender_id: string; partnership: string; leader: string }[]
    >(
      `SELECT s.tender_id, p.name AS partnership, o.name AS leader
         FROM shares s JOIN tenders t ON t.id = s.tender_id
         JOIN ${partnershipRows} p ON p.id = t.partnership_id
         JOIN ${organisationRows} o ON o.id = t.leader_organisation_id
        WHERE s.id = $1`,
      [shareId],
    );
    if (!rows[0]) throw notFound('Share', shareId);
    const tender = await this.tenders.get(actor, rows[0].tender_id);
    const lot = tender.lots.find((l) => l.shares.some((s) => s.id === shareId));
    const share = lot?.shares.find((s) => s.id === shareId);
    if (!lot || !share) throw notFound('Share', shareId);
    const { tender: entity, participants } = await this.tenders.loadVisible(
      this.dataSource.manager,
      actor,
      tender.id,
      false,
    );
    this.policy.assert(actor, {
      action: 'share.review',
      tender: tenderFacts(entity, participants),
      organisationId: share.organisationId,
    });
    return { tender, lot, share, partnershipName: rows[0].partnership, leaderName: rows[0].leader };
  }
}
