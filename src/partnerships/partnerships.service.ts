import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager, IsNull } from 'typeorm';
import type { Actor } from '../auth';
import { AccessPolicyService, escapeLike, isActiveMember, policySql } from '../auth';
import { changedFields, recordAudit } from '../audit';
import { todayInWarsaw } from '../common/dates';
import { assertVersion, notFound, unprocessable } from '../common/errors';
import { Page, page } from '../common/pagination';
import { Organisation } from '../organisations';
import type {
  AddMemberDto,
  CreatePartnershipDto,
  MemberView,
  PartnershipView,
  PartnershipsQuery,
  UpdatePartnershipDto,
} from './dto/partnership.dto';
import { InvitationsService } from './invitations.service';
import { MembershipHooks } from './membership-hooks';
import { assertMayJoin, mayConsentFor, openMembership } from './membership-writer';
import { PartnershipMember } from './partnership-member.entity';
import { Partnership } from './partnership.entity';

export const isMemberOn = isActiveMember;

function toView(p: Partnership, today: string): PartnershipView {
  return {
    id: p.id,
    name: p.name,
    leader: { id: p.leader.id, name: p.leader.name },
    agreementReference: p.agreementReference,
    agreementSignedOn: p.agreementSignedOn,
    invitationAcceptedBy: p.invitationAcceptedBy,
    stallEscalationWorkingDays: p.stallEscalationWorkingDays,
    version: p.version,
    members: [...p.members]
      .sort(
        (a, b) =>
          a.joinedOn.localeCompare(b.joinedOn) ||
          a.organisation.name.localeCompare(b.organisation.name, 'pl'),
      )
      .map((m): MemberView => ({
        organisation: { id: m.organisation.id, name: m.organisation.name },
        joinedOn: m.joinedOn,
        leftOn: m.leftOn,
        leftDecidedBy: m.leftDecidedByName,
        active: isMemberOn(m, today),
      })),
  };
}

@Injectable()
export class PartnershipsService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly policy: AccessPolicyService,
    private readonly hooks: MembershipHooks,
    private readonly invitations: InvitationsService,
  ) {}

  async list(actor: Actor, q: PartnershipsQuery): Promise<Page<PartnershipView>> {
    const visible = await this.policy.visiblePartnershipIds(actor);
    const qb = this.dataSource
      .getRepository(Partnership)
      .createQueryBuilder('p')
      .orderBy('p.name', 'ASC');
    if (visible !== null) qb.andWhere('p.id = ANY(:visible)', { visible });
    if (q.q) qb.andWhere('p.name ILIKE :q', { q: `%${escapeLike(q.q)}%` });
    const [rows, total] = await qb.select('p.id').take(q.limit).skip(q.offset).getManyAndCount();
    const full = await this.loadMany(rows.map((r) => r.id));
    const today = todayInWarsaw();
    return page(
      full.map((p) => toView(p, today)),
      total,
      q,
    );
  }

  async get(actor: Actor, id: string): Promise<PartnershipView> {
    await this.policy.assertVisiblePartnership(actor, id);
    const [p] = await this.loadMany([id]);
    if (!p) throw notFound('Partnership', id);
    return toView(p, todayInWarsaw());
  }

  async membersOn(actor: Actor, id: string, on: string = todayInWarsaw()): Promise<MemberView[]> {
    const view = await this.get(actor, id);
    return view.members.filter((m) => isMemberOn(m, on)).map((m) => ({ ...m, active: true }));
  }

  /** Organisation ids that are members on a date; used by other modules. */
  async memberIdsOn(manager: EntityManager, partnershipId: string, on: string): Promise<string[]> {
    const rows = await manager
      .getRepository(PartnershipMember)
      .createQueryBuilder('m')
      .where('m.partnership_id = :partnershipId', { partnershipId })
      .andWhere(policySql.activeMember('m', ':on'), { on })
      .getMany();
    return rows.map((r) => r.organisationId);
  }

  async create(actor: Actor, dto: CreatePartnershipDto): Promise<PartnershipView> {
    this.policy.assert(actor, {
      action: 'partnership.create',
      leaderOrganisationId: dto.leaderOrganisationId,
    });
    const id = await this.dataSource.transaction(async (manager) => {
      const leader = await manager
        .getRepository(Organisation)
        .findOne({ where: { id: dto.leaderOrganisationId } });
      if (!leader) throw notFound('Organisation', dto.leaderOrganisationId);
      const saved = await manager.getRepository(Partnership).save(
        manager.getRepository(Partnership).create({
          name: dto.name.trim(),
          leaderOrganisationId: leader.id,
          agreementReference: dto.agreementReference ?? null,
          agreementSignedOn: dto.agreementSignedOn ?? null,
        }),
      );
      const joinedOn = dto.agreementSignedOn ?? todayInWarsaw();
      await manager.insert(PartnershipMember, {
        partnershipId: saved.id,
        organisationId: leader.id,
        joinedOn,
      });
      await recordAudit(manager, actor, {
        action: 'partnership.created',
        entityType: 'partnership',
        entityId: saved.id,
        partnershipId: saved.id,
        organisationId: leader.id,
        data: { name: saved.name, leaderOrganisationId: leader.id, joinedOn },
      });
      return saved.id;
    });
    return this.get(actor, id);
  }

  async update(actor: Actor, id: string, dto: UpdatePartnershipDto): Promise<PartnershipView> {
    await this.dataSource.transaction(async (manager) => {
      const p = await this.lockForManagement(manager, actor, id);
      assertVersion(
        p.version,
        dto.version,
        'PARTNERSHIP_VERSION_CONFLICT',
        `Partnership was changed by someone else (current version ${p.version})`,
      );
      const changes: Partial<Partnership> = {};
      if (dto.name !== undefined) changes.name = dto.name.trim();
      if (dto.agreementReference !== undefined) changes.agreementReference = dto.agreementReference;
      if (dto.agreementSignedOn !== undefined) changes.agreementSignedOn = dto.agreementSignedOn;
      if (dto.invitationAcceptedBy !== undefined)
        changes.invitationAcceptedBy = dto.invitationAcceptedBy;
      if (dto.stallEscalationWorkingDays !== undefined)
        changes.stallEscalationWorkingDays = dto.stallEscalationWorkingDays;
      const diff = changedFields(p, changes);
      if (Object.keys(diff).length === 0) return;
      await manager.update(Partnership, id, { ...changes, version: p.version + 1 });
      await recordAudit(manager, actor, {
        action: 'partnership.updated',
        entityType: 'partnership',
        entityId: id,
        partnershipId: id,
        data: diff,
      });
    });
    return this.get(actor, id);
  }

  /**
   * The leader's officer asks an organisation to join: an invitation it must accept (see
   * InvitationsService), unless the caller gives that organisation's consent itself (its head, or
   * its officer where the partnership allows) or is an administrator recording a membership
   * decided outside the system — then the membership opens at once.
   */
  async addMember(
    actor: Actor,
    id: string,
    dto: AddMemberDto,
  ): Promise<{ joined: true } | { invitationId: string }> {
    return this.dataSource.transaction(async (manager) => {
      const p = await this.lockForManagement(manager, actor, id);
      const org = await manager
        .getRepository(Organisation)
        .findOne({ where: { id: dto.organisationId } });
      if (!org) throw notFound('Organisation', dto.organisationId);
      const periods = await manager.getRepository(PartnershipMember).find({
        where: { partnershipId: id, organisationId: org.id },
        order: { joinedOn: 'DESC' },
      });
      assertMayJoin(p, org, periods, dto.joinedOn);
      if (actor.admin || mayConsentFor(actor, p, org.id)) {
        await openMembership(manager, actor, p, org, dto.joinedOn, null);
        return { joined: true as const };
      }
      return { invitationId: await this.invitations.invite(manager, actor, p, org, dto.joinedOn) };
    });
  }

  async leave(
    actor: Actor,
    id: string,
    organisationId: string,
    leftOn: string,
  ): Promise<PartnershipView> {
    await this.dataSource.transaction(async (manager) => {
      const p = await this.lockForManagement(manager, actor, id);
      if (organisationId === p.leaderOrganisationId) {
        throw unprocessable(
          'PARTNERSHIP_LEADER_CANNOT_LEAVE',
          'The leader cannot leave its partnership; appoint another leader first',
        );
      }
      const open = await manager.getRepository(PartnershipMember).findOne({
        where: { partnershipId: id, organisationId, leftOn: IsNull() },
        relations: { organisation: true },
        order: { joinedOn: 'DESC' },
      });
      if (!open) {
        throw notFound('Membership', organisationId);
      }
      if (leftOn < open.joinedOn) {
        throw unprocessable(
          'PARTNERSHIP_LEAVE_BEFORE_JOIN',
          `leftOn must not be before joinedOn ${open.joinedOn}`,
          {
            errors: [
              {
                field: 'leftOn',
                rule: 'notBeforeJoinedOn',
                message: `leftOn must be on or after ${open.joinedOn}`,
              },
            ],
          },
        );
      }
      await manager.update(PartnershipMember, open.id, {
        leftOn,
        leftDecidedByName: actor.displayName,
      });
      await manager.update(Partnership, id, { version: p.version + 1 });
      await recordAudit(manager, actor, {
        action: 'partnership.member_left',
        entityType: 'partnership',
        entityId: id,
        partnershipId: id,
        organisationId,
        data: {
          organisationId,
          organisationName: open.organisation.name,
          joinedOn: open.joinedOn,
          leftOn,
          decidedBy: actor.displayName,
        },
      });
      await this.hooks.left(manager, actor, { partnershipId: id, organisationId, on: leftOn });
    });
    return this.get(actor, id);
  }

  /** 404 when the actor cannot see it, 403 when it can see but is not the leader's officer. */
  private async lockForManagement(
    manager: EntityManager,
    actor: Actor,
    id: string,
  ): Promise<Partnership> {
    await this.policy.assertVisiblePartnership(actor, id);
    const p = await manager
      .getRepository(Partnership)
      .findOne({ where: { id }, lock: { mode: 'pessimistic_write' } });
    if (!p) throw notFound('Partnership', id);
    this.policy.assert(actor, {
      action: 'partnership.manage',
      leaderOrganisationId: p.leaderOrganisationId,
    });
    return p;
  }

  private async loadMany(ids: string[]): Promise<Partnership[]> {
    if (ids.length === 0) return [];
    const rows = await this.dataSource
      .getRepository(Partnership)
      .createQueryBuilder('p')
      .innerJoinAndSelect('p.leader', 'l')
      .leftJoinAndSelect('p.members', 'm')
      .leftJoinAndSelect('m.organisation', 'o')
      .where('p.id = ANY(:ids)', { ids })
      .getMany();
    const order = new Map(ids.map((id, i) => [id, i]));
    return rows.sort((a, b) => (order.get(a.id) ?? 0) - (order.get(b.id) ?? 0));
  }
}
