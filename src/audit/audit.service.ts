import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import type { QueryDeepPartialEntity } from 'typeorm/query-builder/QueryPartialEntity';
import type { Actor } from '../auth';
import { AccessPolicyService } from '../auth';
import { Page, page } from '../common/pagination';
import type { AuditEventView, AuditQuery } from './dto/audit.dto';
import { AuditEvent } from './audit-event.entity';

export interface AuditInput {
  action: string;
  entityType: string;
  entityId?: string | null;
  organisationId?: string | null;
  partnershipId?: string | null;
  tenderId?: string | null;
  data?: Record<string, unknown>;
}

/** Writes one audit event inside the caller's transaction (state change and event commit together). */
export interface AuditActor {
  userId: string;
  displayName?: string | null;
  requestId?: string | null;
}

export async function recordAudit(
  manager: EntityManager,
  actor: AuditActor | Actor | null,
  input: AuditInput,
): Promise<void> {
  const isSystem = actor?.userId === '00000000-0000-0000-0000-000000000000';
  const event: Partial<AuditEvent> = {
    actorUserId: actor && !isSystem ? actor.userId : null,
    actorName: actor?.displayName ?? null,
    organisationId: input.organisationId ?? null,
    action: input.action,
    entityType: input.entityType,
    entityId: input.entityId ?? null,
    partnershipId: input.partnershipId ?? null,
    tenderId: input.tenderId ?? null,
    data: input.data ?? {},
    requestId: actor?.requestId ?? null,
  };
  // jsonb typed as a record confuses TypeORM's deep-partial type; the shape is checked above.
  await manager.getRepository(AuditEvent).insert(event as QueryDeepPartialEntity<AuditEvent>);
}

/** `{field: {from, to}}` for the fields whose value differs; keeps audit data small and readable. */
export function changedFields<T extends object>(
  before: T,
  after: Partial<T>,
): Record<string, { from: unknown; to: unknown }> {
  const out: Record<string, { from: unknown; to: unknown }> = {};
  for (const key of Object.keys(after) as (keyof T)[]) {
    const from = before[key];
    const to = after[key];
    if (to !== undefined && JSON.stringify(from) !== JSON.stringify(to)) {
      out[String(key)] = { from, to };
    }
  }
  return out;
}

@Injectable()
export class AuditService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly policy: AccessPolicyService,
  ) {}

  /** Admins read everything; lawyers read the events of the partnerships they belong to. */
  async listFor(actor: Actor, q: AuditQuery): Promise<Page<AuditEventView>> {
    const lawyerOf = await this.policy.visiblePartnershipIds(actor, 'LAWYER');
    this.policy.assert(actor, {
      action: 'audit.read',
      lawyerOf: lawyerOf === null || lawyerOf.length > 0,
    });
    let scope: string[] | undefined = lawyerOf ?? undefined;
    if (q.partnershipId)
      scope = lawyerOf === null || lawyerOf.includes(q.partnershipId) ? [q.partnershipId] : [];
    const [rows, total] = await this.list({ ...q, partnershipIds: scope });
    return page(
      rows.map((e) => ({ ...e, occurredAt: e.occurredAt.toISOString() })),
      total,
      q,
    );
  }

  record(manager: EntityManager, actor: Actor | null, input: AuditInput): Promise<void> {
    return recordAudit(manager, actor, input);
  }

  /** For events that are not part of a state change transaction (e.g. a failed login, a download). */
  recordStandalone(actor: Actor | null, input: AuditInput): Promise<void> {
    return recordAudit(this.dataSource.manager, actor, input);
  }

  /** Who acted in the events the actor may read (for a filter's choices), by name. */
  async actorsFor(actor: Actor): Promise<{ userId: string; name: string }[]> {
    const scope = await this.policy.visiblePartnershipIds(actor, 'LAWYER');
    const qb = this.dataSource
      .getRepository(AuditEvent)
      .createQueryBuilder('e')
      .select('e.actor_user_id', 'userId')
      .addSelect('max(e.actor_name)', 'name')
      .where('e.actor_user_id IS NOT NULL')
      .groupBy('e.actor_user_id')
      .orderBy('name', 'ASC')
      .limit(500);
    if (scope !== null) qb.andWhere('e.partnership_id = ANY(:p)', { p: scope });
    const rows = await qb.getRawMany<{ userId: string; name: string | null }>();
    return rows.map((r) => ({ userId: r.userId, name: r.name ?? '' }));
  }

  async list(filter: {
    entityType?: string;
    entityId?: string;
    partnershipIds?: string[];
    tenderId?: string;
    organisationId?: string;
    actorUserId?: string;
    action?: string;
    from?: string;
    to?: string;
    order?: 'asc' | 'desc';
    limit: number;
    offset: number;
  }): Promise<[AuditEvent[], number]> {
    const qb = this.dataSource.getRepository(AuditEvent).createQueryBuilder('e');
    if (filter.entityType) qb.andWhere('e.entity_type = :t', { t: filter.entityType });
    if (filter.entityId) qb.andWhere('e.entity_id = :i', { i: filter.entityId });
    if (filter.partnershipIds)
      qb.andWhere('e.partnership_id = ANY(:p)', { p: filter.partnershipIds });
    if (filter.tenderId) qb.andWhere('e.tender_id = :tender', { tender: filter.tenderId });
    if (filter.organisationId)
      qb.andWhere('e.organisation_id = :org', { org: filter.organisationId });
    if (filter.actorUserId) qb.andWhere('e.actor_user_id = :who', { who: filter.actorUserId });
    if (filter.action) qb.andWhere('e.action = :action', { action: filter.action });
    // Days are Warsaw days: from its midnight, up to (not including) the next day's midnight.
    if (filter.from)
      qb.andWhere(
        "e.occurred_at >= (CAST(:from AS date)::timestamp AT TIME ZONE 'Europe/Warsaw')",
        {
          from: filter.from,
        },
      );
    if (filter.to)
      qb.andWhere(
        "e.occurred_at < ((CAST(:to AS date) + 1)::timestamp AT TIME ZONE 'Europe/Warsaw')",
        { to: filter.to },
      );
    const dir = filter.order === 'desc' ? 'DESC' : 'ASC';
    return qb
      .orderBy('e.occurred_at', dir)
      .addOrderBy('e.id', dir)
      .take(filter.limit)
      .skip(filter.offset)
      .getManyAndCount();
  }
}
