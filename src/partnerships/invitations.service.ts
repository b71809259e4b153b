import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import type { Actor } from '../auth';
import { AccessPolicyService } from '../auth';
import { recordAudit } from '../audit';
import { todayInWarsaw } from '../common/dates';
import { assertVersion, conflict, forbidden, notFound } from '../common/errors';
import { Organisation } from '../organisations';
import type {
  AcceptInvitationDto,
  DeclineInvitationDto,
  InvitationView,
  InvitationsQuery,
} from './dto/invitation.dto';
import { mayConsentFor, openMembership } from './membership-writer';
import { PartnershipInvitation } from './partnership-invitation.entity';
import { Partnership } from './partnership.entity';

/**
 * Invitations to join a partnership: the leader's officer invites (`POST
 * /partnerships/:id/members`), the invited organisation's head — or its officer, as the
 * partnership's rules say — accepts or declines; the leader may withdraw a pending invitation.
 * Only an accepted invitation opens a membership, from the proposed day or the day of acceptance
 * when that is later.
 */
@Injectable()
export class InvitationsService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly policy: AccessPolicyService,
  ) {}

  /** Records a pending invitation (the partnership row is locked by the caller). */
  async invite(
    manager: EntityManager,
    actor: Actor,
    p: Partnership,
    org: Organisation,
    joinedOn: string,
  ): Promise<string> {
    const pending = await manager
      .getRepository(PartnershipInvitation)
      .findOne({ where: { partnershipId: p.id, organisationId: org.id, status: 'PENDING' } });
    if (pending)
      throw conflict(
        'PARTNERSHIP_INVITATION_PENDING',
        `${org.name} has already been invited (on ${pending.createdAt.toISOString().slice(0, 10)}) and has not answered yet`,
        {
          invitationId: pending.id,
          errors: [
            {
              field: 'organisationId',
              rule: 'notInvited',
              message: `${org.name} already has a pending invitation to ${p.name}`,
            },
          ],
        },
      );
    const saved = await manager.getRepository(PartnershipInvitation).save(
      manager.getRepository(PartnershipInvitation).create({
        partnershipId: p.id,
        organisationId: org.id,
        joinedOn,
        invitedById: actor.userId,
        invitedByName: actor.displayName,
      }),
    );
    await recordAudit(manager, actor, {
      action: 'partnership.member_invited',
      entityType: 'partnership',
      entityId: p.id,
      partnershipId: p.id,
      organisationId: org.id,
      data: { invitationId: saved.id, organisationName: org.name, joinedOn },
    });
    return saved.id;
  }

  /** The invitations the actor may answer, or those of partnerships the actor manages or is invited to. */
  async list(actor: Actor, q: InvitationsQuery = {}): Promise<InvitationView[]> {
    const orgIds = [...new Set(actor.memberships.map((m) => m.organisationId))];
    const qb = this.dataSource
      .getRepository(PartnershipInvitation)
      .createQueryBuilder('i')
      .innerJoinAndSelect('i.partnership', 'p')
      .innerJoinAndSelect('p.leader', 'l')
      .innerJoinAndSelect('i.organisation', 'o')
      .orderBy('i.createdAt', 'DESC');
    if (!actor.admin)
      qb.where('(i.organisation_id = ANY(:orgIds) OR p.leader_organisation_id = ANY(:orgIds))', {
        orgIds,
      });
    if (q.status) qb.andWhere('i.status = :status', { status: q.status });
    return (await qb.getMany()).map((i) => this.view(actor, i));
  }

  /** Pending invitations the actor may accept or decline (for "Moje zadania"). */
  async awaiting(actor: Actor): Promise<InvitationView[]> {
    return (await this.list(actor, { status: 'PENDING' })).filter((i) => i.mayDecide);
  }

  async get(actor: Actor, id: string): Promise<InvitationView> {
    const found = (await this.list(actor)).find((i) => i.id === id);
    if (!found) throw notFound('Invitation', id);
    return found;
  }

  async accept(actor: Actor, id: string, dto: AcceptInvitationDto): Promise<InvitationView> {
    await this.decide(actor, id, dto.version, 'consent', async (manager, inv, p) => {
      const today = todayInWarsaw();
      const joinedOn = inv.joinedOn > today ? inv.joinedOn : today;
      await openMembership(manager, actor, p, inv.organisation, joinedOn, inv.id);
      return { status: 'ACCEPTED', reason: null, action: 'partnership.invitation_accepted' };
    });
    return this.get(actor, id);
  }

  async decline(actor: Actor, id: string, dto: DeclineInvitationDto): Promise<InvitationView> {
    await this.decide(actor, id, dto.version, 'consent', () =>
      Promise.resolve({
        status: 'DECLINED',
        reason: dto.reason.trim(),
        action: 'partnership.invitation_declined',
      }),
    );
    return this.get(actor, id);
  }

  async withdraw(actor: Actor, id: string, dto: DeclineInvitationDto): Promise<InvitationView> {
    await this.decide(actor, id, dto.version, 'leader', () =>
      Promise.resolve({
        status: 'WITHDRAWN',
        reason: dto.reason.trim(),
        action: 'partnership.invitation_withdrawn',
      }),
    );
    return this.get(actor, id);
  }

  /** One answer to a pending invitation, in one transaction with its audit event. */
  private async decide(
    actor: Actor,
    id: string,
    version: number,
    who: 'consent' | 'leader',
    act: (
      manager: EntityManager,
      inv: PartnershipInvitation,
      p: Partnership,
    ) => Promise<{
      status: 'ACCEPTED' | 'DECLINED' | 'WITHDRAWN';
      reason: string | null;
      action: string;
    }>,
  ): Promise<void> {
    await this.get(actor, id); // 404 unless the actor may see it
    await this.dataSource.transaction(async (manager) => {
      const inv = await manager
        .getRepository(PartnershipInvitation)
        .findOne({ where: { id }, relations: { organisation: true } });
      if (!inv) throw notFound('Invitation', id);
      const p = await manager
        .getRepository(Partnership)
        .findOneOrFail({ where: { id: inv.partnershipId }, lock: { mode: 'pessimistic_write' } });
      if (who === 'consent' && !mayConsentFor(actor, p, inv.organisationId))
        throw forbidden(
          'INVITATION_NOT_YOURS',
          p.invitationAcceptedBy === 'HEAD'
            ? `Only the head of ${inv.organisation.name} answers this invitation`
            : `Only the head or a procurement officer of ${inv.organisation.name} answers this invitation`,
        );
      if (who === 'leader')
        this.policy.assert(actor, {
          action: 'partnership.manage',
          leaderOrganisationId: p.leaderOrganisationId,
        });
      const locked = await manager
        .getRepository(PartnershipInvitation)
        .findOneOrFail({ where: { id }, lock: { mode: 'pessimistic_write' } });
      if (locked.status !== 'PENDING')
        throw conflict(
          'INVITATION_ALREADY_ANSWERED',
          `The invitation was already ${locked.status.toLowerCase()}`,
          { status: locked.status },
        );
      assertVersion(
        locked.version,
        version,
        'VERSION_CONFLICT',
        `The invitation changed (version ${locked.version}, you sent ${version}); reload it`,
      );
      inv.version = locked.version;
      const outcome = await act(manager, inv, p);
      await manager.update(PartnershipInvitation, id, {
        status: outcome.status,
        reason: outcome.reason,
        decidedById: actor.userId,
        decidedByName: actor.displayName,
        decidedAt: new Date(),
        version: locked.version + 1,
      });
      await recordAudit(manager, actor, {
        action: outcome.action,
        entityType: 'partnership',
        entityId: p.id,
        partnershipId: p.id,
        organisationId: inv.organisationId,
        data: {
          invitationId: id,
          organisationName: inv.organisation.name,
          joinedOn: inv.joinedOn,
          ...(outcome.reason ? { reason: outcome.reason } : {}),
        },
      });
    });
  }

  private view(actor: Actor, i: PartnershipInvitation): InvitationView {
    return {
      id: i.id,
      partnership: { id: i.partnership.id, name: i.partnership.name },
      leader: { id: i.partnership.leader.id, name: i.partnership.leader.name },
      organisation: { id: i.organisation.id, name: i.organisation.name },
      joinedOn: i.joinedOn,
      status: i.status,
      invitedByName: i.invitedByName,
      invitedAt: i.createdAt.toISOString(),
      decidedByName: i.decidedByName,
      decidedAt: i.decidedAt ? i.decidedAt.toISOString() : null,
      reason: i.reason,
      acceptedBy: i.partnership.invitationAcceptedBy,
      mayDecide: i.status === 'PENDING' && mayConsentFor(actor, i.partnership, i.organisationId),
      version: i.version,
    };
  }
}
