import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager, IsNull } from 'typeorm';
import type { Actor } from '../auth/actor';
import type { Role } from '../auth/roles';
import { notFound } from '../common/errors/domain-error';
import { Page, page } from '../common/pagination/page';
import type { NotificationView, NotificationsQuery } from './notifications.dto';
import { Notification } from './notification.entity';

export interface NotifyInput {
  kind: string;
  title: string;
  body: string;
  tenderId?: string;
  entityType?: string;
  entityId?: string;
  link?: string;
}

/**
 * In-app notifications for whoever must act next. Written inside the caller's transaction, so a
 * notification exists exactly when the change that caused it committed.
 */
@Injectable()
export class NotificationsService {
  constructor(private readonly dataSource: DataSource) {}

  /** Notifies every active user holding one of `roles` in the organisation (minus `exceptUserIds`). */
  async notifyRole(
    manager: EntityManager,
    organisationId: string,
    roles: Role[],
    input: NotifyInput,
    exceptUserIds: string[] = [],
  ): Promise<number> {
    const users = await manager.query<{ user_id: string }[]>(
      `SELECT DISTINCT m.user_id FROM role_memberships m JOIN users u ON u.id = m.user_id
       WHERE m.organisation_id = $1 AND m.role = ANY($2) AND u.active AND NOT (m.user_id = ANY($3))`,
      [organisationId, roles, exceptUserIds],
    );
    return this.notifyUsers(
      manager,
      users.map((u) => u.user_id),
      input,
    );
  }

  async notifyUsers(
    manager: EntityManager,
    userIds: string[],
    input: NotifyInput,
  ): Promise<number> {
    if (userIds.length === 0) return 0;
    await manager.getRepository(Notification).insert(
      [...new Set(userIds)].map((userId) => ({
        userId,
        kind: input.kind,
        title: input.title,
        body: input.body,
        tenderId: input.tenderId ?? null,
        entityType: input.entityType ?? null,
        entityId: input.entityId ?? null,
        link: input.link ?? null,
      })),
    );
    return userIds.length;
  }

  async list(
    actor: Actor,
    q: NotificationsQuery,
  ): Promise<Page<NotificationView> & { unread: number }> {
    const qb = this.dataSource
      .getRepository(Notification)
      .createQueryBuilder('n')
      .where('n.user_id = :u', { u: actor.userId })
      .orderBy('n.created_at', 'DESC');
    if (q.unread === 'true') qb.andWhere('n.read_at IS NULL');
    const [rows, total] = await qb.take(q.limit).skip(q.offset).getManyAndCount();
    const unread = await this.dataSource
      .getRepository(Notification)
      .count({ where: { userId: actor.userId, readAt: IsNull() } });
    return { ...page(rows.map(toView), total, q), unread };
  }

  async markRead(actor: Actor, id: string): Promise<NotificationView> {
    const n = await this.dataSource
      .getRepository(Notification)
      .findOne({ where: { id, userId: actor.userId } });
    if (!n) throw notFound('Notification', id);
    if (!n.readAt) {
      n.readAt = new Date();
      await this.dataSource.getRepository(Notification).update(n.id, { readAt: n.readAt });
    }
    return toView(n);
  }

  async markAllRead(actor: Actor): Promise<{ marked: number }> {
    const res = await this.dataSource.query<[unknown, number]>(
      'UPDATE notifications SET read_at = now() WHERE user_id = $1 AND read_at IS NULL',
      [actor.userId],
    );
    return { marked: res[1] };
  }
}

function toView(n: Notification): NotificationView {
  return {
    id: n.id,
    kind: n.kind,
    title: n.title,
    body: n.body,
    tenderId: n.tenderId,
    entityType: n.entityType,
    entityId: n.entityId,
    link: n.link,
    createdAt: n.createdAt.toISOString(),
    readAt: n.readAt ? n.readAt.toISOString() : null,
  };
}
