import { EntityManager, In, Not } from 'typeorm';
import type { Actor } from '../auth';
import { recordAudit } from '../audit';
import { formatAmount } from '../common/money';
import { ShareApproval } from './share-approval.entity';
import { Share } from './share.entity';
import { recomputeValue } from './tender-graph';
import { Tender } from './tender.entity';

/**
 * A partner leaving the partnership withdraws from the tenders still in preparation or under
 * way: its shares become WITHDRAWN, approvals void, and value and regime are recomputed (a
 * regime change after publication refuses the whole leave).
 */
export async function withdrawOrganisation(
  manager: EntityManager,
  actor: Actor,
  partnershipId: string,
  organisationId: string,
): Promise<void> {
  const tenders = await manager.getRepository(Tender).find({
    where: {
      partnershipId,
      status: In(['DRAFT', 'COLLECTING_SHARES', 'READY', 'PUBLISHED', 'OFFERS_OPENED']),
    },
    lock: { mode: 'pessimistic_write' },
  });
  for (const tender of tenders) {
    const shares = await manager
      .getRepository(Share)
      .find({ where: { tenderId: tender.id, organisationId, status: Not('WITHDRAWN') } });
    if (shares.length === 0) continue;
    const ids = shares.map((s) => s.id);
    await manager
      .createQueryBuilder()
      .update(ShareApproval)
      .set({ void: true, voidedAt: new Date() })
      .where('share_id = ANY(:ids) AND NOT void', { ids })
      .execute();
    await manager
      .createQueryBuilder()
      .update(Share)
      .set({ status: 'WITHDRAWN', version: () => 'version + 1' })
      .where('id = ANY(:ids)', { ids })
      .execute();
    const regime = await recomputeValue(manager, tender);
    await recordAudit(manager, actor, {
      action: 'tender.partner_withdrawn',
      entityType: 'tender',
      entityId: tender.id,
      tenderId: tender.id,
      partnershipId,
      organisationId,
      data: {
        shares: shares.map((s) => ({
          id: s.id,
          amountNet: formatAmount(s.amountNet),
          status: s.status,
        })),
        tenderValueNet: formatAmount(regime.valueNet),
        regime: { from: regime.from, to: regime.to },
      },
    });
  }
}
