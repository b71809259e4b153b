import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager, IsNull } from 'typeorm';
import type { Actor, Role } from '../auth';
import { NOTIFICATION_KINDS, type NotificationKind } from '../common/vocabulary';
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
import { normaliseOptOutKinds, wantsEmail, type EmailPreference } from './email-preferences';
import { roleRows, userRows, writeEmailPreferences } from '../auth';

export interface NotifyInput {
  kind: NotificationKind;
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
    // The recipients with their e-mail preferences in one statement (no second read for e-mail).
    const users = await manager.query<PreferenceRow[]>(
      `SELECT DISTINCT u.id, u.email_opt_out, u.email_opt_out_kinds
         FROM ${roleRows} m JOIN ${userRows} u ON u.id = m.user_id
        WHERE m.organisation_id = $1 AND m.role = ANY($2) AND u.active AND NOT (m.user_id = ANY($3))`,
      [organisationId, roles, exceptUserIds],
    );
    return this.notifyUsers(
      manager,
      users.map((u) => u.id),
      input,
      users,
    );
  }

  async notifyUsers(
    manager: EntityManager,
    userIds: string[],
    input: NotifyInput,
    /** The recipients' e-mail preferences when the caller has read them already (active users). */
    preferences?: PreferenceRow[],
  ): Promise<number> {
    if (userIds.length === 0) return 0;
    await this.notifyEach(manager, [{ userIds, input }], preferences);
    return userIds.length;
  }

  /**
   * Several texts, each to its users (as a reminder tells each partner what waits for it), in one
   * insert of the notifications and one write of their e-mail jobs, however many texts there are.
   */
  async notifyEach(
    manager: EntityManager,
    messages: { userIds: string[]; input: NotifyInput }[],
    /** The recipients' e-mail preferences when the caller has read them already (active users). */
    preferences?: PreferenceRow[],
  ): Promise<void> {
    const rows = messages.flatMap(({ userIds, input }) =>
      [...new Set(userIds)].map((userId) => ({ userId, input })),
    );
    if (rows.length === 0) return;
    const inserted = await manager.getRepository(Notification).insert(
      rows.map(({ userId, input }) => ({
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
    const ids = inserted.identifiers.map((row) => String(row.id));
    const mailed = rows
      .map((row, i) => ({ ...row, notificationId: ids[i] }))
      .filter(({ input }) => input.email !== false);
    if (mailed.length > 0) await this.enqueueEmails(manager, mailed, preferences);
  }

  /** One e-mail job per notification whose recipient is active and wants e-mail of its kind. */
  private async enqueueEmails(
    manager: EntityManager,
    notifications: { userId: string; notificationId: string; input: NotifyInput }[],
    preferences?: PreferenceRow[],
  ): Promise<void> {
    const rows =
      preferences ??
      (await manager.query<PreferenceRow[]>(
        `SELECT id, email_opt_out, email_opt_out_kinds FROM ${userRows} users WHERE id = ANY($1) AND active`,
        [[...new Set(notifications.map((n) => n.userId))]],
      ));
    const byId = new Map(rows.map((u) => [u.id, toPreference(u)]));
    await this.outbox.enqueueMany(
      manager,
      'notification.email',
      notifications
        .filter(({ userId, input }) => {
          const pref = byId.get(userId);
          return pref !== undefined && wantsEmail(pref, input.kind);
        })
        .map(({ notificationId }) => ({
          payload: { notificationId },
          options: { jobId: jobIds.email(notificationId) },
        })),
    );
  }

  async preferences(actor: Actor): Promise<PreferencesView> {
    const rows = await this.dataSource.query<PreferenceRow[]>(
      `SELECT id, email_opt_out, email_opt_out_kinds FROM ${userRows} users WHERE id = $1`,
      [actor.userId],
    );
    if (!rows[0]) throw notFound('User', actor.userId);
    return toPreferencesView(toPreference(rows[0]));
  }

  /**
   * All e-mail off (`emailOptOut`) and the kinds switched off (`emailOptOutKinds`, the whole list
   * each time). Opting out stops e-mails not yet sent too: the sender asks the same rule again.
   */
  async updatePreferences(actor: Actor, dto: PreferencesDto): Promise<PreferencesView> {
    await this.dataSource.transaction(async (manager) => {
      const rows = await manager.query<PreferenceRow[]>(
        `SELECT id, email_opt_out, email_opt_out_kinds FROM ${userRows} users WHERE id = $1 FOR UPDATE`,
        [actor.userId],
      );
      if (!rows[0]) throw notFound('User', actor.userId);
      const before = toPreference(rows[0]);
      const after: EmailPreference = {
        emailOptOut: dto.emailOptOut ?? before.emailOptOut,
        emailOptOutKinds:
          dto.emailOptOutKinds === undefined
            ? before.emailOptOutKinds
            : normaliseOptOutKinds(dto.emailOptOutKinds),
      };
      const kindsChanged = after.emailOptOutKinds.join(',') !== before.emailOptOutKinds.join(',');
      if (after.emailOptOut === before.emailOptOut && !kindsChanged) return;
      await writeEmailPreferences(manager, actor.userId, after.emailOptOut, after.emailOptOutKinds);
      await recordAudit(manager, actor, {
        action: 'user.preferences_changed',
        entityType: 'user',
        entityId: actor.userId,
        data: {
          ...(after.emailOptOut !== before.emailOptOut
            ? { emailOptOut: { from: before.emailOptOut, to: after.emailOptOut } }
            : {}),
          ...(kindsChanged
            ? { emailOptOutKinds: { from: before.emailOptOutKinds, to: after.emailOptOutKinds } }
            : {}),
        },
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

export interface PreferenceRow {
  id: string;
  email_opt_out: boolean;
  email_opt_out_kinds: string[];
}

const toPreference = (row: PreferenceRow): EmailPreference => ({
  emailOptOut: row.email_opt_out,
  emailOptOutKinds: normaliseOptOutKinds(row.email_opt_out_kinds ?? []),
});

function toPreferencesView(pref: EmailPreference): PreferencesView {
  return {
    emailOptOut: pref.emailOptOut,
    emailOptOutKinds: [...pref.emailOptOutKinds],
    kinds: NOTIFICATION_KINDS.map((kind) => ({ kind, email: wantsEmail(pref, kind) })),
  };
}
