import { Injectable, OnModuleInit } from '@nestjs/common';
import { DataSource, EntityManager, Not } from 'typeorm';
import { hasRole, AccessPolicyService, policySql } from '../auth';
import type { Actor } from '../auth';
import { recordAudit } from '../audit';
import { wpfReferenceProblem } from '../common/budget';
import { todayInWarsaw } from '../common/dates';
import { conflict, forbidden, notFound, fieldError } from '../common/errors';
import { formatAmount, formatPln, parseAmount } from '../common/money';
import { NotificationsService } from '../notifications';
import { MembershipHooks } from '../partnerships';
import type {
  ApproveShareDto,
  CreateShareDto,
  RequestChangeDto,
  UpdateShareDto,
} from './dto/tender.dto';
import type { TenderView } from './dto/tender-view.dto';
import { Lot } from './lot.entity';
import {
  budgetClassificationProblem,
  checkStep,
  pendingStep,
  STEP_RESULT,
  STEP_ROLE,
  STEPS,
  type Step,
} from './share-chain';
import { ShareApproval } from './share-approval.entity';
import { TenderHooks } from './tender-hooks';
import { Share } from './share.entity';
import { recomputeValue } from './tender-graph';
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

  async propose(actor: Actor, tenderId: string, dto: CreateShareDto): Promise<TenderView> {
    await this.dataSource.transaction((manager) => this.proposeIn(manager, actor, tenderId, dto));
    return this.tenders.get(actor, tenderId);
  }

  /** The proposal inside the caller's transaction (the wizard creates the tender in the same one). */
  async proposeIn(
    manager: EntityManager,
    actor: Actor,
    tenderId: string,
    dto: CreateShareDto,
  ): Promise<void> {
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
      throw conflict(
        'TENDER_NOT_EDITABLE',
        `Shares cannot be added to a ${tender.status} tender`,
        { currentStatus: tender.status },
      );
    }
    const lot = await manager.getRepository(Lot).findOne({ where: { id: dto.lotId, tenderId } });
    if (!lot) throw fieldError('lotId', 'lotOfTender', 'lotId is not a lot of this tender');
    const members = await manager.query<{ n: number }[]>(
      `SELECT count(*)::int AS n FROM partnership_members m
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
  }

  async updateAmount(actor: Actor, shareId: string, dto: UpdateShareDto): Promise<TenderView> {
    const tenderId = await this.dataSource.transaction(async (manager) => {
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
      if (amountNet === share.amountNet && share.status !== 'CHANGE_REQUESTED') return tender.id;
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
      return tender.id;
    });
    return this.tenders.get(actor, tenderId);
  }

  async approve(actor: Actor, shareId: string, dto: ApproveShareDto): Promise<TenderView> {
    const tenderId = await this.dataSource.transaction(async (manager) => {
      const { share, tender, lot } = await this.lockShare(manager, actor, shareId);
      const step = await this.checkActorStep(manager, actor, share, tender, dto.version);
      if (step === 'TREASURER') {
        const problem = budgetClassificationProblem(dto.budgetClassification);
        if (problem) throw fieldError('budgetClassification', problem.rule, problem.message);
        const wpf = dto.wpfReference
          ? wpfReferenceProblem(dto.wpfReference, Number(todayInWarsaw().slice(0, 4)))
          : null;
        if (wpf) throw fieldError('wpfReference', wpf.rule, wpf.message);
      }
      const actAt = this.hooks.actTime();
      await manager.insert(ShareApproval, {
        ...(actAt ? { decidedAt: actAt } : {}),
        shareId: share.id,
        step,
        decision: 'APPROVED',
        userId: actor.userId,
        userName: actor.displayName,
        role: step,
        comment: dto.comment ?? null,
        amountNet: share.amountNet,
        budgetClassification: step === 'TREASURER' ? (dto.budgetClassification ?? null) : null,
      });
      const status = STEP_RESULT[step];
      await manager.update(Share, share.id, {
        status,
        version: share.version + 1,
        ...(step === 'TREASURER'
          ? {
              budgetClassification: dto.budgetClassification,
              wpfReference: dto.wpfReference ?? null,
            }
          : {}),
      });
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
          status: { from: share.status, to: status },
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
      const priorApprovers = await manager
        .getRepository(ShareApproval)
        .find({ where: { shareId: share.id, void: false } });
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
        await this.notifyPending(
          manager,
          tender,
          { ...share, status },
          lot,
          priorApprovers.map((a) => a.userId),
        );
      }
      return tender.id;
    });
    return this.tenders.get(actor, tenderId);
  }

  async requestChange(actor: Actor, shareId: string, dto: RequestChangeDto): Promise<TenderView> {
    const tenderId = await this.dataSource.transaction(async (manager) => {
      const { share, tender, lot } = await this.lockShare(manager, actor, shareId);
      const step = await this.checkActorStep(manager, actor, share, tender, dto.version);
      await manager.insert(ShareApproval, {
        shareId: share.id,
        step,
        decision: 'CHANGE_REQUESTED',
        userId: actor.userId,
        userName: actor.displayName,
        role: step,
        comment: dto.reason,
        amountNet: share.amountNet,
      });
      await manager.update(Share, share.id, {
        status: 'CHANGE_REQUESTED',
        version: share.version + 1,
      });
      await recordAudit(manager, actor, {
        action: 'share.change_requested',
        entityType: 'share',
        entityId: share.id,
        tenderId: tender.id,
        partnershipId: tender.partnershipId,
        organisationId: share.organisationId,
        data: {
          step,
          status: { from: share.status, to: 'CHANGE_REQUESTED' },
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
      return tender.id;
    });
    return this.tenders.get(actor, tenderId);
  }

  // ---- helpers -------------------------------------------------------------------------------

  /** The share with its tender and lot, locked in the order tender → share (used by other share use cases). */
  async lockShare(
    manager: EntityManager,
    actor: Actor,
    shareId: string,
  ): Promise<{ share: Share; tender: Tender; lot: Lot }> {
    const found = await manager.getRepository(Share).findOne({ where: { id: shareId } });
    if (!found) throw notFound('Share', shareId);
    // Lock order tender → share everywhere, so concurrent changes queue instead of deadlocking.
    const { tender } = await this.tenders.lockForChange(manager, actor, found.tenderId, false);
    const share = await manager
      .getRepository(Share)
      .findOne({ where: { id: shareId }, lock: { mode: 'pessimistic_write' } });
    if (!share) throw notFound('Share', shareId);
    share.organisation = await manager
      .query<{ name: string }[]>('SELECT name FROM organisations WHERE id = $1', [
        share.organisationId,
      ])
      .then((r) => ({ name: r[0]?.name ?? '' }) as Share['organisation']);
    const lot = await manager.getRepository(Lot).findOneOrFail({ where: { id: share.lotId } });
    return { share, tender, lot };
  }

  assertVersion(share: Share, version: number): void {
    if (share.version !== version) {
      throw conflict(
        'SHARE_VERSION_CONFLICT',
        `The share was changed meanwhile (now ${share.status}, version ${share.version}); reload and retry`,
        {
          currentStatus: share.status,
          currentVersion: share.version,
        },
      );
    }
  }

  /** The step the actor may perform now; 409 for an illegal state or stale version, 403 for role or duty. */
  private async checkActorStep(
    manager: EntityManager,
    actor: Actor,
    share: Share,
    tender: Tender,
    version: number,
  ): Promise<Step> {
    // Who holds no step of the partner's chain is refused before the tender's state is told.
    if (!hasRole(actor, share.organisationId, ...STEPS.map((s) => STEP_ROLE[s])))
      throw forbidden(
        'SHARE_STEP_ROLE_REQUIRED',
        "Only the partner's coordinator, treasurer and head approve its share or ask to change it",
      );
    if (tender.status !== 'COLLECTING_SHARES') {
      throw conflict(
        'SHARE_ILLEGAL_TRANSITION',
        `Shares are approved while the tender collects shares; it is ${tender.status}`,
        {
          currentStatus: share.status,
          tenderStatus: tender.status,
        },
      );
    }
    this.assertVersion(share, version);
    const approvals = await manager
      .getRepository(ShareApproval)
      .find({ where: { shareId: share.id } });
    const roles = actor.memberships
      .filter((m) => m.organisationId === share.organisationId)
      .map((m) => m.role);
    const check = checkStep(share.status, roles, actor.userId, approvals);
    if (check.ok) return check.step;
    switch (check.refusal.kind) {
      case 'illegal':
        throw conflict('SHARE_ILLEGAL_TRANSITION', check.refusal.message, {
          currentStatus: share.status,
        });
      case 'role':
        throw forbidden('SHARE_STEP_ROLE_REQUIRED', check.refusal.message);
      case 'duty':
        throw forbidden('SHARE_SEPARATION_OF_DUTIES', check.refusal.message);
    }
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
