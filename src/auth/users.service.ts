import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { recordAudit } from '../audit';
import { conflict, notFound } from '../common/errors';
import { Page, page } from '../common/pagination';
import { Organisation } from '../organisations';
import type { Actor } from './actor';
import { AccessPolicyService } from './access-policy.service';
import { CredentialHooks } from './credential-hooks';
import { ActorCache } from './actor-cache';
import type { CreateUserDto, MembershipInput, UpdateUserDto, UsersQuery } from './dto/users.dto';
import type { UserView } from './dto/auth.dto';
import { hashPassword } from './passwords';
import { RoleMembership } from './role-membership.entity';
import { raiseTokenVersion } from './token-version';
import { User } from './user.entity';

export function toUserView(user: User): UserView {
  return {
    id: user.id,
    email: user.email,
    displayName: user.displayName,
    admin: user.admin,
    active: user.active,
    memberships: (user.memberships ?? [])
      .map((m) => ({
        organisationId: m.organisationId,
        organisationName: m.organisation?.name ?? '',
        role: m.role,
      }))
      .sort(
        (a, b) =>
          a.organisationName.localeCompare(b.organisationName, 'pl') ||
          a.role.localeCompare(b.role),
      ),
  };
}

@Injectable()
export class UsersService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly policy: AccessPolicyService,
    private readonly actors: ActorCache,
    private readonly credentials: CredentialHooks,
  ) {}

  /** A user with memberships and organisation names, in one query. */
  async findWithMemberships(
    id: string,
    manager: EntityManager = this.dataSource.manager,
  ): Promise<User | null> {
    return manager
      .getRepository(User)
      .createQueryBuilder('u')
      .leftJoinAndSelect('u.memberships', 'm')
      .leftJoinAndSelect('m.organisation', 'o')
      .where('u.id = :id', { id })
      .getOne();
  }

  async list(actor: Actor, q: UsersQuery): Promise<Page<UserView>> {
    this.policy.assert(actor, { action: 'user.manage' });
    const qb = this.dataSource
      .getRepository(User)
      .createQueryBuilder('u')
      .leftJoinAndSelect('u.memberships', 'm')
      .leftJoinAndSelect('m.organisation', 'o')
      .orderBy('u.email', 'ASC');
    if (q.organisationId) {
      qb.andWhere(
        'EXISTS (SELECT 1 FROM role_memberships x WHERE x.user_id = u.id AND x.organisation_id = :org)',
        {
          org: q.organisationId,
        },
      );
    }
    if (q.q)
      qb.andWhere('(u.email ILIKE :q OR u.display_name ILIKE :q)', { q: `%${escapeLike(q.q)}%` });
    const [users, total] = await qb.take(q.limit).skip(q.offset).getManyAndCount();
    return page(users.map(toUserView), total, q);
  }

  async get(actor: Actor, id: string): Promise<UserView> {
    this.policy.assert(actor, { action: 'user.manage' });
    const user = await this.findWithMemberships(id);
    if (!user) throw notFound('User', id);
    return toUserView(user);
  }

  async create(actor: Actor, dto: CreateUserDto): Promise<UserView> {
    this.policy.assert(actor, { action: 'user.manage' });
    const passwordHash = await hashPassword(dto.password);
    const id = await this.dataSource.transaction(async (manager) => {
      const user = await createUserRecord(manager, {
        email: dto.email,
        displayName: dto.displayName,
        passwordHash,
        admin: dto.admin ?? false,
      });
      for (const m of dto.memberships ?? []) await this.addMembershipTx(manager, user.id, m);
      await recordAudit(manager, actor, {
        action: 'user.created',
        entityType: 'user',
        entityId: user.id,
        data: { email: user.email, admin: user.admin, memberships: dto.memberships ?? [] },
      });
      return user.id;
    });
    return this.get(actor, id);
  }

  async update(actor: Actor, id: string, dto: UpdateUserDto): Promise<UserView> {
    this.policy.assert(actor, { action: 'user.manage' });
    const passwordHash = dto.password ? await hashPassword(dto.password) : undefined;
    await this.dataSource.transaction(async (manager) => {
      const user = await manager
        .getRepository(User)
        .findOne({ where: { id }, lock: { mode: 'pessimistic_write' } });
      if (!user) throw notFound('User', id);
      const changes: Partial<User> = {};
      if (dto.displayName !== undefined) changes.displayName = dto.displayName;
      if (dto.active !== undefined) changes.active = dto.active;
      if (dto.admin !== undefined) changes.admin = dto.admin;
      if (passwordHash) changes.passwordHash = passwordHash;
      await manager.getRepository(User).update(id, changes);
      if (dto.active === false || passwordHash) {
        // Deactivation or a new password ends every session of that user, access tokens included
        // (they stay dead after a reactivation).
        await raiseTokenVersion(manager, id);
        await manager.query(
          'UPDATE refresh_tokens SET revoked_at = now() WHERE user_id = $1 AND revoked_at IS NULL',
          [id],
        );
        await this.credentials.revoked(
          manager,
          id,
          passwordHash ? 'password_changed' : 'account_disabled',
        );
      }
      await recordAudit(manager, actor, {
        action: 'user.updated',
        entityType: 'user',
        entityId: id,
        data: {
          ...(dto.displayName !== undefined
            ? { displayName: { from: user.displayName, to: dto.displayName } }
            : {}),
          ...(dto.active !== undefined ? { active: { from: user.active, to: dto.active } } : {}),
          ...(dto.admin !== undefined ? { admin: { from: user.admin, to: dto.admin } } : {}),
          ...(passwordHash ? { password: 'changed' } : {}),
        },
      });
    });
    await this.actors.invalidate(id);
    return this.get(actor, id);
  }

  async addMembership(actor: Actor, userId: string, input: MembershipInput): Promise<UserView> {
    this.policy.assert(actor, { action: 'user.manage' });
    await this.dataSource.transaction(async (manager) => {
      if (!(await manager.getRepository(User).exist({ where: { id: userId } })))
        throw notFound('User', userId);
      await this.addMembershipTx(manager, userId, input);
      await recordAudit(manager, actor, {
        action: 'user.role_granted',
        entityType: 'user',
        entityId: userId,
        organisationId: input.organisationId,
        data: { role: input.role },
      });
    });
    await this.actors.invalidate(userId);
    return this.get(actor, userId);
  }

  async removeMembership(
    actor: Actor,
    userId: string,
    organisationId: string,
    role: string,
  ): Promise<UserView> {
    this.policy.assert(actor, { action: 'user.manage' });
    await this.dataSource.transaction(async (manager) => {
      const result = await manager
        .getRepository(RoleMembership)
        .delete({ userId, organisationId, role: role as RoleMembership['role'] });
      if (!result.affected) throw notFound('Role membership');
      await recordAudit(manager, actor, {
        action: 'user.role_revoked',
        entityType: 'user',
        entityId: userId,
        organisationId,
        data: { role },
      });
    });
    await this.actors.invalidate(userId);
    return this.get(actor, userId);
  }

  private async addMembershipTx(
    manager: EntityManager,
    userId: string,
    m: MembershipInput,
  ): Promise<void> {
    if (!(await manager.getRepository(Organisation).exist({ where: { id: m.organisationId } }))) {
      throw notFound('Organisation', m.organisationId);
    }
    const exists = await manager
      .getRepository(RoleMembership)
      .exist({ where: { userId, organisationId: m.organisationId, role: m.role } });
    if (exists)
      throw conflict('MEMBERSHIP_EXISTS', `The user already holds ${m.role} in that organisation`);
    await manager
      .getRepository(RoleMembership)
      .insert({ userId, organisationId: m.organisationId, role: m.role });
  }
}

/** Shared by the admin endpoint, the first-admin CLI and the demo seed. */
export async function createUserRecord(
  manager: EntityManager,
  input: {
    email: string;
    displayName: string;
    passwordHash: string;
    admin: boolean;
    demo?: boolean;
  },
): Promise<User> {
  const email = input.email.trim().toLowerCase();
  const taken = await manager
    .getRepository(User)
    .createQueryBuilder('u')
    .where('lower(u.email) = :email', { email })
    .getExists();
  if (taken) throw conflict('USER_EMAIL_TAKEN', `A user with e-mail ${email} already exists`);
  return manager.getRepository(User).save(
    manager.getRepository(User).create({
      email,
      displayName: input.displayName,
      passwordHash: input.passwordHash,
      admin: input.admin,
      demo: input.demo ?? false,
    }),
  );
}

export function escapeLike(s: string): string {
  return s.replace(/[\\%_]/g, (c) => `\\${c}`);
}
