import { Injectable, OnModuleInit } from '@nestjs/common';
import { DataSource, EntityManager, Not } from 'typeorm';
import { hasRole, AccessPolicyService, policySql } from '../auth';
import type { Actor } from '../auth';
import { recordAudit } from '../audit';
import { wpfReferenceProblem } from '../common/budget';
import { todayInWarsaw } from '../common/dates';
import { conflict, forbidden, fieldError } from '../common/errors';
import { formatAmount, formatPln, parseAmount } from '../common/money';
import { NotificationsService } from '../notifications';
import { MembershipHooks, memberRows } from '../partnerships';
import type {
  ApproveShareDto,
  CreateShareDto,
  RequestChangeDto,
  UpdateShareDto,
} from './dto/tender.dto';
import type { ShareActionView } from './dto/tender-view.dto';
import { Lot } from './lot.entity';
import { budgetClassificationProblem, pendingStep, STEP_RESULT, type Step } from './share-chain';
import { ShareApproval } from './share-approval.entity';
import { TenderHooks } from './tender-hooks';
import { Share } from './share.entity';
import { recomputeValue } from './tender-graph';
import { readShareAnswer, shareAnswer } from './share-answer';
import {
  actorStep,
  assertShareVersion,
  recordDecision,
  lockForDecision,
  lockShareIn,
} from './share-decision';
import { SHARES_EDITABLE } from './tender-state';
import { Tender } from './tender.entity';
import { TendersService } from './tenders.service';
import { withdrawOrganisation } from './partner-withdrawal';

const STEP_PL: Record<Step, string> = {
  COORDINATOR: 'akceptację koordynatora',
  TREASURER: 'kontrasygnatę skarbnika',
  HEAD: 'podpis kierownika jednostki',
};

/** Partners' shares and their decision chain. Every method is one transaction with its audit event. */
@Injectable()
export class SharesService implements OnModuleInit {
  constructor(
    private readonly dataSource: DataSource,
    private readonly policy: AccessPolicyService,
    private readonly tenders: TendersService,
    private readonly notifications: NotificationsService,
    private readonly membershipHooks: MembershipHooks,
    private readonly hooks: TenderHooks,
  ) {}

  onModuleInit(): void {
    this.membershipHooks.onLeave((manager, actor, change) =>
      withdrawOrganisation(manager, actor, change.partnershipId, change.organisationId),
    );
  }

  async propose(actor: Actor, tenderId: string, dto: CreateShareDto): Promise<ShareActionView> {
    const shareId = await this.dataSource.transaction((manager) =>
      this.proposeIn(manager, actor, tenderId, dto),
    );
    return readShareAnswer(this.dataSource.manager, actor, shareId);
  }

  /** The proposal inside the caller's transaction (the wizard creates the tender in the same one). */
  async proposeIn(
    manager: EntityManager,
    actor: Actor,
    tenderId: string,
    dto: CreateShareDto,
  ): Promise<string> {
    const { tender, participants } = await this.tenders.lockForChange(
      manager,
      actor,
      tenderId,
      false,
    );
    const facts = {
      leaderOrganisationId: tender.leaderOrganisationId,
      status: tender.status,
      participantOrganisationIds: participants,
    };
    const officer = this.policy.can(actor, { action: 'tender.manage', tender: facts });
    if (!officer)
      this.policy.assert(actor, {
        action: 'share.declare',
        tender: facts,
        organisationId: dto.organisationId,
      });
    if (!SHARES_EDITABLE.includes(tender.status)) {
      throw conflict('TENDER_NOT_EDITABLE', `Shares cannot be added to a ${tender.status} tender`, {
        currentStatus: tender.status,
      });
    }
    const lot = await manager.getRepository(Lot).findOne({ where: { id: dto.lotId, tenderId } });
    if (!lot) throw fieldError('lotId', 'lotOfTender', 'lotId is not a lot of this tender');
    const members = await manager.query<{ n: number }[]>(
      `SELECT count(*)::int AS n FROM ${memberRows} m
        WHERE m.partnership_id = $1 AND m.organisation_id = $2 AND ${policySql.activeMember('m', '$3')}`,
      [tender.partnershipId, dto.organisationId, todayInWarsaw()],
    );
    if (members[0].n === 0) {
      throw fieldError(
        'organisationId',
        'partnershipMember',
        'organisationId must be a current member of the partnership',
      );
    }
    if (
      await manager.getRepository(Share).exist({
        where: { lotId: lot.id, organisationId: dto.organisationId, status: Not('WITHDRAWN') },
      })
    ) {
      throw conflict(
        'SHARE_EXISTS',
        `The organisation already has a share in lot ${lot.number}; change its amount instead`,
      );
    }
    const share = await manager.getRepository(Share).save(
      manager.getRepository(Share).create({
        tenderId,
        lotId: lot.id,
        organisationId: dto.organisationId,
        amountNet: parseAmount(dto.amountNet),
        status: 'PROPOSED',
        proposedById: actor.userId,
        amountSetByOrganisationId: officer ? tender.leaderOrganisationId : dto.organisationId,
      }),
    );
    await this.tenders.reopenIfReady(manager, actor, tender, 'a share was added');
    await recomputeValue(manager, tender);
    await recordAudit(manager, actor, {
      action: officer ? 'share.proposed' : 'share.declared',
      entityType: 'share',
      entityId: share.id,
      tenderId,
      partnershipId: tender.partnershipId,
      organisationId: dto.organisationId,
      data: {
        lot: lot.number,
        amountNet: dto.amountNet,
        tenderValueNet: formatAmount(tender.valueNet),
        regime: tender.regime,
      },
    });
    if (tender.status === 'COLLECTING_SHARES')
      await this.notifyPending(manager, tender, share, lot, []);
    return share.id;
  }

  async updateAmount(actor: Actor, shareId: string, dto: UpdateShareDto): Promise<ShareActionView> {
    await this.dataSource.transaction(async (manager) => {
      const { share, tender, lot } = await this.lockShare(manager, actor, shareId);
      const officer =
        hasRole(actor, tender.leaderOrganisationId, 'PROCUREMENT_OFFICER') || actor.admin;
      const ownCoordinator =
        hasRole(actor, share.organisationId, 'COORDINATOR') &&
        (share.status === 'PROPOSED' || share.status === 'CHANGE_REQUESTED');
      if (!officer && !ownCoordinator) {
        throw forbidden(
          'FORBIDDEN',
          "Only the leader's procurement officers (or the partner's coordinator before acceptance) change a share",
        );
      }
      if (!officer && share.amountSetByOrganisationId !== share.organisationId) {
        // The leader's figure builds the tender's value and regime: the partner asks, the leader changes.
        throw forbidden(
          'SHARE_AMOUNT_SET_BY_LEADER',
          "The leader proposed this share's amount: ask for a change (POST /shares/:id/request-change) instead",
        );
      }
      this.assertVersion(share, dto.version);
      if (share.status === 'WITHDRAWN')
        throw conflict('SHARE_ILLEGAL_TRANSITION', 'The share was withdrawn', {
          currentStatus: share.status,
        });
      if (!SHARES_EDITABLE.includes(tender.status)) {
        throw conflict('TENDER_NOT_EDITABLE', `Shares of a ${tender.status} tender cannot change`, {
          currentStatus: tender.status,
        });
      }
      const amountNet = parseAmount(dto.amountNet);
      if (amountNet === share.amountNet && share.status !== 'CHANGE_REQUESTED') return;
      // A new amount restarts the chain: earlier approvals stay in history, marked void.
      const voided = await manager
        .createQueryBuilder()
        .update(ShareApproval)
        .set({ void: true, voidedAt: new Date() })
        .where('share_id = :id AND NOT void', { id: share.id })
        .execute();
      const from = share.status;
      await manager.update(Share, share.id, {
        amountNet,
        amountSetByOrganisationId: officer ? tender.leaderOrganisationId : share.organisationId,
        status: 'PROPOSED',
        budgetClassification: null,
        version: share.version + 1,
      });
      await this.tenders.reopenIfReady(manager, actor, tender, 'a share changed');
      await recomputeValue(manager, tender);
      await recordAudit(manager, actor, {
        action: 'share.amount_changed',
        entityType: 'share',
        entityId: share.id,
        tenderId: tender.id,
        partnershipId: tender.partnershipId,
        organisationId: share.organisationId,
        data: {
          amountNet: { from: formatAmount(share.amountNet), to: formatAmount(amountNet) },
          ...(dto.reason ? { reason: dto.reason.trim() } : {}),
          status: { from, to: 'PROPOSED' },
          voidedApprovals: voided.affected ?? 0,
          tenderValueNet: formatAmount(tender.valueNet),
          regime: tender.regime,
        },
      });
      if (tender.status === 'COLLECTING_SHARES')
        await this.notifyPending(
          manager,
          tender,
          { ...share, amountNet, status: 'PROPOSED' },
          lot,
          [],
        );
    });
    return readShareAnswer(this.dataSource.manager, actor, shareId);
  }

  /**
   * One step of the chain. An approval never changes the tender's status or version, so it locks
   * the share (FOR UPDATE) and holds the tender only FOR SHARE: partners approve side by side,
   * while a change of the tender (transition, amounts, withdrawal) waits for them and they for it.
   */
  async approve(actor: Actor, shareId: string, dto: ApproveShareDto): Promise<ShareActionView> {
    return this.dataSource.transaction(async (manager) => {
      const { share, tender, lot, approvals } = await lockForDecision(
        manager,
        this.policy,
        actor,
        shareId,
      );
      const step = actorStep(actor, share, tender, dto.version, approvals);
      if (step === 'TREASURER') {
        const problem = budgetClassificationProblem(dto.budgetClassification);
        if (problem) throw fieldError('budgetClassification', problem.rule, problem.message);
        const wpf = dto.wpfReference
          ? wpfReferenceProblem(dto.wpfReference, Number(todayInWarsaw().slice(0, 4)))
          : null;
        if (wpf) throw fieldError('wpfReference', wpf.rule, wpf.message);
      }
      const actAt = this.hooks.actTime();
      const from = share.status;
      const status = STEP_RESULT[step];
      const approval = await recordDecision(
        manager,
        actor,
        share,
        step,
        {
          ...(actAt ? { decidedAt: actAt } : {}),
          decision: 'APPROVED',
          comment: dto.comment ?? null,
          budgetClassification: step === 'TREASURER' ? (dto.budgetClassification ?? null) : null,
        },
        step === 'TREASURER'
          ? {
              status,
              budgetClassification: dto.budgetClassification,
              wpfReference: dto.wpfReference ?? null,
            }
          : { status },
      );
      share.approvals = [...approvals, approval];
      await recordAudit(manager, actor, {
        action: 'share.approved',
        entityType: 'share',
        entityId: share.id,
        tenderId: tender.id,
        partnershipId: tender.partnershipId,
        organisationId: share.organisationId,
        data: {
          ...(actAt ? { at: actAt.toISOString() } : {}),
          step,
          status: { from, to: status },
          amountNet: formatAmount(share.amountNet),
          ...(step === 'TREASURER'
            ? {
                budgetClassification: dto.budgetClassification,
                wpfReference: dto.wpfReference ?? null,
              }
            : {}),
          ...(dto.comment ? { comment: dto.comment } : {}),
        },
      });
      if (status === 'CONFIRMED') {
        await this.notifications.notifyRole(
          manager,
          tender.leaderOrganisationId,
          ['PROCUREMENT_OFFICER'],
          {
            kind: 'share.confirmed',
            title: `Udział potwierdzony: ${share.organisation.name}`,
            body: `${tender.reference}, część ${lot.number}: udział ${share.organisation.name} (${formatPln(share.amountNet)} netto) potwierdzony podpisem kierownika jednostki.`,
            tenderId: tender.id,
            entityType: 'share',
            entityId: share.id,
            link: `/postepowania/${tender.id}`,
          },
        );
      } else {
        const signed = share.approvals.filter((x) => !x.void).map((x) => x.userId);
        await this.notifyPending(manager, tender, share, lot, signed);
      }
      return shareAnswer(actor, tender, lot, share);
    });
  }

  async requestChange(
    actor: Actor,
    shareId: string,
    dto: RequestChangeDto,
  ): Promise<ShareActionView> {
    return this.dataSource.transaction(async (manager) => {
      const { share, tender, lot, approvals } = await lockForDecision(
        manager,
        this.policy,
        actor,
        shareId,
      );
      const step = actorStep(actor, share, tender, dto.version, approvals);
      const from = share.status;
      const approval = await recordDecision(
        manager,
        actor,
        share,
        step,
        { decision: 'CHANGE_REQUESTED', comment: dto.reason },
        { status: 'CHANGE_REQUESTED' },
      );
      share.approvals = [...approvals, approval];
      await recordAudit(manager, actor, {
        action: 'share.change_requested',
        entityType: 'share',
        entityId: share.id,
        tenderId: tender.id,
        partnershipId: tender.partnershipId,
        organisationId: share.organisationId,
        data: {
          step,
          status: { from, to: 'CHANGE_REQUESTED' },
          reason: dto.reason,
          amountNet: formatAmount(share.amountNet),
        },
      });
      await this.notifications.notifyRole(
        manager,
        tender.leaderOrganisationId,
        ['PROCUREMENT_OFFICER'],
        {
          kind: 'share.change_requested',
          title: `Prośba o zmianę udziału: ${share.organisation.name}`,
          body: `${tender.reference}, część ${lot.number}: ${actor.displayName} prosi o zmianę udziału (${formatPln(share.amountNet)} netto). Uzasadnienie: ${dto.reason}`,
          tenderId: tender.id,
          entityType: 'share',
          entityId: share.id,
          link: `/udzialy/${share.id}`,
        },
      );
      return shareAnswer(actor, tender, lot, share);
    });
  }

  // ---- helpers -------------------------------------------------------------------------------

  /** The share with its tender and lot, both locked (tender → share), for a change that writes both. */
  lockShare(
    manager: EntityManager,
    actor: Actor,
    shareId: string,
  ): Promise<{ share: Share; tender: Tender; lot: Lot }> {
    return lockShareIn(manager, this.policy, actor, shareId, 'FOR UPDATE');
  }

  assertVersion(share: Share, version: number): void {
    assertShareVersion(share, version);
  }

  /** Tells the holders of the role the share now waits for (not those who already signed it). */
  private async notifyPending(
    manager: EntityManager,
    tender: Tender,
    share: Pick<Share, 'id' | 'status' | 'organisationId' | 'amountNet'>,
    lot: Lot,
    except: string[],
  ) {
    const step = pendingStep(share.status);
    if (!step) return;
    await this.notifications.notifyRole(
      manager,
      share.organisationId,
      [step],
      {
        kind: 'share.awaiting_step',
        title: `Udział czeka na ${STEP_PL[step]}`,
        body: `${tender.reference} „${tender.title}”, część ${lot.number}: ${formatPln(share.amountNet)} netto.`,
        tenderId: tender.id,
        entityType: 'share',
        entityId: share.id,
        link: `/udzialy/${share.id}`,
      },
      except,
    );
  }
}
