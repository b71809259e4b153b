import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { hasRole, type Actor } from '../auth';
import { recordAudit } from '../audit';
import { conflict, forbidden } from '../common/errors';
import { formatAmount } from '../common/money';
import type { WithdrawShareDto } from './dto/tender.dto';
import type { ShareActionView } from './dto/tender-view.dto';
import { readShareAnswer } from './share-answer';
import { ShareApproval } from './share-approval.entity';
import { Share } from './share.entity';
import { SharesService } from './shares.service';
import { recomputeValue } from './tender-graph';
import { Tender } from './tender.entity';

/** While a tender is prepared, only these stages let the leader take a share out of it. */
const WITHDRAWABLE: readonly Tender['status'][] = ['DRAFT', 'COLLECTING_SHARES'];

/**
 * The leader's officer withdraws one partner's share (with a reason): it stays listed as
 * WITHDRAWN with its history, its approvals are void, the value and regime are recomputed. A
 * correction, never a deletion; the same partner may be proposed again in the lot.
 */
@Injectable()
export class ShareWithdrawalService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly shares: SharesService,
  ) {}

  async withdraw(actor: Actor, shareId: string, dto: WithdrawShareDto): Promise<ShareActionView> {
    await this.dataSource.transaction(async (manager) => {
      const { share, tender } = await this.shares.lockShare(manager, actor, shareId);
      if (!hasRole(actor, tender.leaderOrganisationId, 'PROCUREMENT_OFFICER') && !actor.admin)
        throw forbidden('FORBIDDEN', "Only the leader's procurement officers withdraw a share");
      this.shares.assertVersion(share, dto.version);
      if (share.status === 'WITHDRAWN')
        throw conflict('SHARE_ILLEGAL_TRANSITION', 'The share was withdrawn', {
          currentStatus: share.status,
        });
      if (!WITHDRAWABLE.includes(tender.status))
        throw conflict(
          'TENDER_NOT_EDITABLE',
          `Shares of a ${tender.status} tender cannot be withdrawn`,
          { currentStatus: tender.status },
        );
      await manager
        .createQueryBuilder()
        .update(ShareApproval)
        .set({ void: true, voidedAt: new Date() })
        .where('share_id = :id AND NOT void', { id: share.id })
        .execute();
      await manager.update(Share, share.id, { status: 'WITHDRAWN', version: share.version + 1 });
      const regime = await recomputeValue(manager, tender);
      await recordAudit(manager, actor, {
        action: 'share.withdrawn',
        entityType: 'share',
        entityId: share.id,
        tenderId: tender.id,
        partnershipId: tender.partnershipId,
        organisationId: share.organisationId,
        data: {
          amountNet: formatAmount(share.amountNet),
          status: { from: share.status, to: 'WITHDRAWN' },
          reason: dto.reason.trim(),
          tenderValueNet: formatAmount(regime.valueNet),
          regime: { from: regime.from, to: regime.to },
        },
      });
    });
    return readShareAnswer(this.dataSource.manager, actor, shareId);
  }
}
