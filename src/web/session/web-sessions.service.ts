import { Injectable } from '@nestjs/common';
import { createHash, randomBytes } from 'node:crypto';
import { DataSource, EntityManager } from 'typeorm';
import type { Actor } from '../../auth';
import { AuthService, CredentialHooks } from '../../auth';
import { recordAudit } from '../../audit';
import { AppConfig } from '../../config';
import type { FlashMessage } from './web-session.entity';
import { WebSession } from './web-session.entity';

export const SESSION_COOKIE = 'wspolnie_sesja';

const hash = (token: string): string => createHash('sha256').update(token).digest('hex');

export interface ActiveSession {
  id: string;
  userId: string;
  idleExpiresAt: Date;
  context: string | null;
}

/**
 * Server-side web sessions in PostgreSQL. Sign-in goes through the same credential check and
 * failed-login limiter as the API; every page request moves the idle expiry on.
 */
@Injectable()
export class WebSessionsService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly auth: AuthService,
    private readonly config: AppConfig,
    credentials: CredentialHooks,
  ) {
    // A new password or a deactivated account ends every web session of the user, in the same
    // transaction (the auth module asks; the table is this module's).
    credentials.onRevoke(async (manager, userId, reason) => {
      const [, ended] = await manager.query<[unknown, number]>(
        `UPDATE web_sessions SET ended_at = now(), end_reason = $2 WHERE user_id = $1 AND ended_at IS NULL`,
        [userId, reason],
      );
      return ended;
    });
  }

  get idleMs(): number {
    return this.config.webSessionIdleMinutes * 60_000;
  }

  /** Signs in: returns the cookie value (shown to nobody else; only its hash is stored). */
  async signIn(
    email: string,
    password: string,
    ip: string,
    requestId: string,
  ): Promise<{ token: string; userId: string }> {
    const user = await this.auth.authenticate(email, password, ip);
    const token = await this.dataSource.transaction((manager) =>
      this.start(manager, { userId: user.id, displayName: user.displayName, requestId }, ip, {
        action: 'auth.login',
      }),
    );
    return { token, userId: user.id };
  }

  /**
   * Changes the signed-in person's own password: every session and refresh token of theirs ends
   * (AuthService), and in the same transaction this browser gets a fresh session, so only the
   * person who changed it stays signed in. Returns the new cookie value.
   */
  async changePassword(
    actor: Actor,
    currentPassword: string,
    newPassword: string,
    ip: string,
  ): Promise<string> {
    const token = await this.auth.changeOwnPassword(
      actor,
      currentPassword,
      newPassword,
      ip,
      (manager) =>
        this.start(manager, actor, ip, { action: 'auth.login', reason: 'password_changed' }),
    );
    if (!token) throw new Error('password change started no session');
    return token;
  }

  private async start(
    manager: EntityManager,
    actor: Pick<Actor, 'userId' | 'displayName' | 'requestId'>,
    ip: string,
    audit: { action: string; reason?: string },
  ): Promise<string> {
    const token = randomBytes(32).toString('base64url');
    const now = new Date();
    const inserted = await manager.getRepository(WebSession).insert({
      tokenHash: hash(token),
      userId: actor.userId,
      lastSeenAt: now,
      idleExpiresAt: new Date(now.getTime() + this.idleMs),
      ip,
    });
    await recordAudit(manager, actor, {
      action: audit.action,
      entityType: 'user',
      entityId: actor.userId,
      data: {
        ip,
        channel: 'web',
        sessionId: String(inserted.identifiers[0]?.id),
        ...(audit.reason ? { reason: audit.reason } : {}),
      },
    });
    return token;
  }

  /**
   * The live session for a cookie value, or null (unknown, ended, idle too long). `touch` moves
   * the idle expiry on; a background status poll does not, so it cannot keep a session alive.
   */
  async resolve(token: string | undefined, touch: boolean): Promise<ActiveSession | null> {
    if (!token || token.length > 100) return null;
    const now = new Date();
    const rows = touch
      ? await this.dataSource.query<ActiveSession[]>(
          `UPDATE web_sessions SET last_seen_at = $2, idle_expires_at = $3
            WHERE token_hash = $1 AND ended_at IS NULL AND idle_expires_at > $2
        RETURNING id, user_id AS "userId", idle_expires_at AS "idleExpiresAt", context`,
          [hash(token), now, new Date(now.getTime() + this.idleMs)],
        )
      : await this.dataSource.query<ActiveSession[]>(
          `SELECT id, user_id AS "userId", idle_expires_at AS "idleExpiresAt", context
             FROM web_sessions WHERE token_hash = $1 AND ended_at IS NULL AND idle_expires_at > $2`,
          [hash(token), now],
        );
    // UPDATE … RETURNING through the pg driver comes back as [rows, count].
    const list = (Array.isArray(rows[0]) ? rows[0] : rows) as ActiveSession[];
    const row = list[0];
    return row ? { ...row, idleExpiresAt: new Date(row.idleExpiresAt) } : null;
  }

  async signOut(actor: Actor, sessionId: string): Promise<void> {
    await this.dataSource.transaction(async (manager) => {
      const res = await manager.query<[unknown, number]>(
        `UPDATE web_sessions SET ended_at = now(), end_reason = 'signed_out'
          WHERE id = $1 AND ended_at IS NULL`,
        [sessionId],
      );
      if (res[1] > 0) {
        await recordAudit(manager, actor, {
          action: 'auth.logout',
          entityType: 'user',
          entityId: actor.userId,
          data: { channel: 'web', sessionId },
        });
      }
    });
  }

  /** The tender wizard's draft of this session (one UPDATE per step: saved whole or not at all). */
  async tenderDraft(sessionId: string): Promise<Record<string, unknown> | null> {
    const row = await this.dataSource
      .getRepository(WebSession)
      .findOne({ where: { id: sessionId }, select: { id: true, tenderDraft: true } });
    return row?.tenderDraft ?? null;
  }

  async saveTenderDraft(sessionId: string, draft: Record<string, unknown> | null): Promise<void> {
    await this.dataSource.query(`UPDATE web_sessions SET tender_draft = $2 WHERE id = $1`, [
      sessionId,
      draft === null ? null : JSON.stringify(draft),
    ]);
  }

  async setFlash(sessionId: string, flash: FlashMessage): Promise<void> {
    await this.dataSource.getRepository(WebSession).update(sessionId, { flash });
  }

  /** The message left for this page, removed as it is read (shown once). */
  async takeFlash(sessionId: string): Promise<FlashMessage | null> {
    const rows = await this.dataSource.query<[{ flash: FlashMessage | null }[], number]>(
      `UPDATE web_sessions n SET flash = NULL FROM web_sessions o
        WHERE n.id = o.id AND n.id = $1 AND o.flash IS NOT NULL RETURNING o.flash`,
      [sessionId],
    );
    return rows[0]?.[0]?.flash ?? null;
  }

  /** Switches the membership the person works in; null shows everything. */
  async setContext(sessionId: string, context: string | null): Promise<void> {
    await this.dataSource.getRepository(WebSession).update(sessionId, { context });
  }
}
