import { Injectable } from '@nestjs/common';
import { createHash, randomBytes } from 'node:crypto';
import { DataSource } from 'typeorm';
import { policySql, type Actor, userRows, roleRows } from '../auth';
import { recordAudit } from '../audit';
import { todayInWarsaw } from '../common/dates';
import { notFound } from '../common/errors';
import { AppConfig } from '../config';
import { CalendarToken } from './calendar-token.entity';
import type { DeadlineKind, DeadlineStatus } from './deadline-kinds';
import { buildDeadlineFeed, type FeedDeadline } from './ical-feed';
import { organisationRows } from '../organisations';
import { tenderRows } from '../tenders';

/** 256 random bits, URL-safe: 43 characters. */
const TOKEN = /^[A-Za-z0-9_-]{43}$/;
/** How far back the feed reaches; older deadlines are history, not plans. */
const PAST_DAYS = 90;
const MAX_EVENTS = 2000;

interface FeedRow {
  id: string;
  kind: DeadlineKind;
  title: string;
  due_at: Date;
  status: DeadlineStatus;
  basis: string | null;
  reminder_offsets: number[];
  organisation_name: string | null;
  tender_id: string;
  reference: string;
  tender_title: string;
  version: number;
  updated_at: Date;
}

/** The user `$1` holds one of `roles` in the organisation in `column` (roles are constants). */
const hasRoleSql = (column: string, roles: string[]): string =>
  `EXISTS (SELECT 1 FROM ${roleRows} r WHERE r.user_id = $1 AND r.organisation_id = ${column}
            AND r.role IN (${roles.map((role) => `'${role}'`).join(', ')}))`;

const hash = (token: string): string => createHash('sha256').update(token).digest('hex');

/**
 * Personal iCalendar feeds: a secret URL per user (calendar apps cannot send a bearer token), so
 * the token is the credential. Stored hashed; a new one replaces the old, which stops working.
 */
@Injectable()
export class CalendarService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly config: AppConfig,
  ) {}

  async issueToken(actor: Actor): Promise<{ url: string }> {
    const token = randomBytes(32).toString('base64url');
    await this.dataSource.transaction(async (manager) => {
      await manager
        .createQueryBuilder()
        .insert()
        .into(CalendarToken)
        .values({ userId: actor.userId, tokenHash: hash(token) })
        .orUpdate(['token_hash', 'created_at'], ['user_id'])
        .execute();
      await recordAudit(manager, actor, {
        action: 'calendar.token_issued',
        entityType: 'user',
        entityId: actor.userId,
      });
    });
    return { url: `${this.config.publicUrl}/api/v1/calendar/${token}.ics` };
  }

  async revokeToken(actor: Actor): Promise<void> {
    await this.dataSource.transaction(async (manager) => {
      const res = await manager.delete(CalendarToken, { userId: actor.userId });
      if (res.affected) {
        await recordAudit(manager, actor, {
          action: 'calendar.token_revoked',
          entityType: 'user',
          entityId: actor.userId,
        });
      }
    });
  }

  /** Whether the actor has a live feed address (the address itself is shown only when issued). */
  async tokenStatus(actor: Actor): Promise<{ active: boolean; issuedAt: string | null }> {
    const row = await this.dataSource
      .getRepository(CalendarToken)
      .findOne({ where: { userId: actor.userId } });
    return { active: !!row, issuedAt: row ? row.createdAt.toISOString() : null };
  }

  /** Open deadlines due within `days` days, of the tenders the actor may see (as in the feed). */
  async upcoming(
    actor: Actor,
    days: number,
  ): Promise<
    {
      id: string;
      kind: DeadlineKind;
      title: string;
      dueAt: string;
      tenderId: string;
      tenderReference: string;
      tenderTitle: string;
      organisationName: string | null;
    }[]
  > {
    const horizon = Date.now() + days * 86_400_000;
    const rows = await this.deadlinesOf(actor.userId, actor.admin);
    return rows
      .filter(
        (r) =>
          (r.status === 'OPEN' || r.status === 'MISSED') &&
          new Date(r.due_at).getTime() <= horizon &&
          new Date(r.due_at).getTime() >= Date.now() - 86_400_000,
      )
      .map((r) => ({
        id: r.id,
        kind: r.kind,
        title: r.title,
        dueAt: new Date(r.due_at).toISOString(),
        tenderId: r.tender_id,
        tenderReference: r.reference,
        tenderTitle: r.tender_title,
        organisationName: r.organisation_name,
      }));
  }

  /** The feed for `<token>.ics`; 404 for an unknown, revoked or malformed token. */
  async feed(file: string): Promise<string> {
    const token = file.endsWith('.ics') ? file.slice(0, -4) : file;
    if (!TOKEN.test(token)) throw notFound('Calendar');
    const users = await this.dataSource.query<
      { id: string; display_name: string; admin: boolean }[]
    >(
      `SELECT u.id, u.display_name, u.admin FROM calendar_tokens c JOIN ${userRows} u ON u.id = c.user_id
        WHERE c.token_hash = $1 AND u.active`,
      [hash(token)],
    );
    const user = users[0];
    if (!user) throw notFound('Calendar');
    const rows = await this.deadlinesOf(user.id, user.admin);
    const deadlines: FeedDeadline[] = rows.map((r) => ({
      id: r.id,
      kind: r.kind,
      title: r.title,
      dueAt: new Date(r.due_at),
      status: r.status,
      basis: r.basis,
      reminderOffsets: r.reminder_offsets,
      responsibleOrganisationName: r.organisation_name,
      tenderId: r.tender_id,
      tenderReference: r.reference,
      tenderTitle: r.tender_title,
      version: r.version,
      updatedAt: new Date(r.updated_at),
    }));
    return buildDeadlineFeed(deadlines, {
      name: `Wspólnie – terminy (${user.display_name})`,
      publicUrl: this.config.publicUrl,
    });
  }

  /**
   * Deadlines of the tenders the user may see — the access policy's `tender.view` rule in SQL, as
   * in the tender list: the leader's people see their drafts, partners see tenders from the moment
   * shares are collected; a payment's deadline only for those who see that partner's finance
   * (`finance.view` in SQL).
   */
  private deadlinesOf(userId: string, admin: boolean): Promise<FeedRow[]> {
    return this.dataSource.query<FeedRow[]>(
      `WITH orgs AS (SELECT DISTINCT organisation_id FROM ${roleRows} role_memberships WHERE user_id = $1)
       SELECT d.id, d.kind, d.title, d.due_at, d.status, d.basis, d.reminder_offsets, d.version,
              d.updated_at, o.name AS organisation_name, t.id AS tender_id, t.reference,
              t.title AS tender_title
         FROM deadlines d
         JOIN ${tenderRows} t ON t.id = d.tender_id
         LEFT JOIN ${organisationRows} o ON o.id = d.responsible_organisation_id
        WHERE d.status <> 'CANCELLED' AND d.due_at >= now() - make_interval(days => $3)
          AND ($2 OR (${policySql.tenderVisible('t', (column) => `${column} IN (SELECT organisation_id FROM orgs)`, '$4')}
               AND (d.finance_organisation_id IS NULL OR ${policySql.financeVisible('t', 'd.finance_organisation_id', hasRoleSql)})))
        ORDER BY d.due_at, d.id
        LIMIT ${MAX_EVENTS}`,
      [userId, admin, PAST_DAYS, todayInWarsaw()],
    );
  }
}
