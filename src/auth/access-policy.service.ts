import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { forbidden, notFound } from '../common/errors';
import { POLICY_DENIAL, PolicyRequest, decide } from './access-policy';
import { policySql } from './access-policy-sql';
import type { Actor } from './actor';
import type { Role } from './roles';

/**
 * The one place that answers "may this user do X on Y". Controllers never check roles themselves;
 * services call `assert` (403 with the rule) or `assertVisiblePartnership` (404, so another
 * partnership's existence is not revealed).
 */
@Injectable()
export class AccessPolicyService {
  constructor(private readonly dataSource: DataSource) {}

  can(actor: Actor, request: PolicyRequest): boolean {
    return decide(actor, request);
  }

  assert(actor: Actor, request: PolicyRequest): void {
    if (!decide(actor, request)) throw forbidden('FORBIDDEN', POLICY_DENIAL[request.action]);
  }

  organisationIds(actor: Actor, ...roles: Role[]): string[] {
    const ids = actor.memberships
      .filter((m) => roles.length === 0 || roles.includes(m.role))
      .map((m) => m.organisationId);
    return [...new Set(ids)];
  }

  /**
   * Partnerships the actor may see: those its organisations lead or have ever been members of
   * (a former member keeps read access to the history it took part in). `null` = all (admin).
   */
  async visiblePartnershipIds(actor: Actor, ...roles: Role[]): Promise<string[] | null> {
    if (actor.admin) return null;
    const orgs = this.organisationIds(actor, ...roles);
    if (orgs.length === 0) return [];
    const rows = await this.dataSource.query<{ id: string }[]>(
      policySql.seenPartnerships((column) => `${column} = ANY($1)`),
      [orgs],
    );
    return rows.map((r) => r.id);
  }

  async canSeePartnership(actor: Actor, partnershipId: string, ...roles: Role[]): Promise<boolean> {
    const visible = await this.visiblePartnershipIds(actor, ...roles);
    return visible === null || visible.includes(partnershipId);
  }

  async assertVisiblePartnership(actor: Actor, partnershipId: string): Promise<void> {
    if (!(await this.canSeePartnership(actor, partnershipId)))
      throw notFound('Partnership', partnershipId);
  }
}
