import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager, IsNull } from 'typeorm';
import type { Actor, Role } from '../auth';
import { recordAudit } from '../audit';
import { jobIds } from '../common/jobs';
import { notFound } from '../common/errors';
import { OutboxService } from '../common/outbox';
import { Page, page } from '../common/pagination';
import type {
  NotificationView,
  NotificationsQuery,
  PreferencesDto,
  PreferencesView,
} from './notifications.dto';
import { Notification } from './notification.entity';

export interface NotifyInput {
  kind: string;
  title: string;
  body: string;
  tenderId?: string;
  entityType?: string;
  entityId?: string;
  link?: string;
  /** Also e-mail it (default true); users who opted out of e-mail never get one. */
  email?: boolean;
}

/**
 * In-app notifications for whoever must act next. Written inside the caller's transaction, so a
 * notification exists exactly when the change that caused it committed; so does its e-mail job
 * (`notification.email` in the outbox), for every recipient who has not opted out of e-mail.
 */
@Injectable()
export class NotificationsService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly outbox: OutboxService,
  ) {}

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
    const recipients = [...new Set(userIds)];
    const inserted = await manager.getRepository(Notification).insert(
      recipients.map((userId) => ({
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
    if (input.email !== false) {
      const ids = inserted.identifiers.map((row) => String(row.id));
      await this.enqueueEmails(manager, recipients, ids);
    }
    return userIds.length;
  }

  /** One e-mail job per notification whose recipient is active and wants e-mail. */
  private async enqueueEmails(
    manager: EntityManager,
    userIds: string[],
    notificationIds: string[],
  ): Promise<void> {
    const wanting = await manager.query<{ id: string }[]>(
      'SELECT id FROM users WHERE id = ANY($1) AND active AND NOT email_opt_out',
      [userIds],
    );
    const emailed = new Set(wanting.map((u) => u.id));
    await this.outbox.enqueueMany(
      manager,
      'notification.email',
      userIds
        .map((userId, i) => ({ userId, notificationId: notificationIds[i] }))
        .filter(({ userId }) => emailed.has(userId))
        .map(({ notificationId }) => ({
          payload: { notificationId },
          options: { jobId: jobIds.email(notificationId) },
        })),
    );
  }

  async preferences(actor: Actor): Promise<PreferencesView> {
    const rows = await this.dataSource.query<{ email_opt_out: boolean }[]>(
      'SELECT email_opt_out FROM users WHERE id = $1',
      [actor.userId],
    );
    if (!rows[0]) throw notFound('User', actor.userId);
    return { emailOptOut: rows[0].email_opt_out };
  }

  /** Opting out stops e-mails not yet sent too: the sender checks the flag again. */
  async updatePreferences(actor: Actor, dto: PreferencesDto): Promise<PreferencesView> {
    await this.dataSource.transaction(async (manager) => {
      const before = await manager.query<{ email_opt_out: boolean }[]>(
        'SELECT email_opt_out FROM users WHERE id = $1 FOR UPDATE',
        [actor.userId],
      );
      if (!before[0]) throw notFound('User', actor.userId);
      if (dto.emailOptOut === undefined || before[0].email_opt_out === dto.emailOptOut) return;
      await manager.query(
        'UPDATE users SET email_opt_out = $2, version = version + 1, updated_at = now() WHERE id = $1',
        [actor.userId, dto.emailOptOut],
      );
      await recordAudit(manager, actor, {
        action: 'user.preferences_changed',
        entityType: 'user',
        entityId: actor.userId,
        data: { emailOptOut: { from: before[0].email_opt_out, to: dto.emailOptOut } },
      });
    });
    return this.preferences(actor);
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
