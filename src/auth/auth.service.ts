import { Injectable } from '@nestjs/common';
import { JwtService } from '@nestjs/jwt';
import { createHash, randomBytes, randomUUID } from 'node:crypto';
import { DataSource, EntityManager } from 'typeorm';
import { recordAudit } from '../audit';
import { AppConfig } from '../config';
import { DomainError, fieldError, tooManyRequests, unauthorized } from '../common/errors';
import type { Actor } from './actor';
import { CredentialHooks } from './credential-hooks';
import { ActorCache, type CachedActor } from './actor-cache';
import type { TokenResponse, UserView } from './dto/auth.dto';
import {
  LoginLimiterService,
  type LoginLimitScope,
  type LoginOutcome,
} from './login-limiter.service';
import { GateBusyError, passwordGate } from './password-gate';
import { DUMMY_HASH, hashPassword, verifyPassword } from './passwords';
import { RefreshToken } from './refresh-token.entity';
import { raiseTokenVersion } from './token-version';
import { User } from './user.entity';
import { UsersService, toUserView } from './users.service';

export interface AccessTokenClaims {
  sub: string;
  email: string;
  /** The user's token version when issued; a token of an older version is revoked. */
  tv: number;
  exp?: number;
}

const INVALID_CREDENTIALS = 'Invalid e-mail or password';
const LIMIT_MESSAGE: Record<LoginLimitScope, string> = {
  pair: 'Too many failed logins for this e-mail from this address',
  account: 'Too many failed logins for this account',
  address: 'Too many failed logins from this address',
};
const sha256 = (s: string) => createHash('sha256').update(s).digest('hex');

@Injectable()
export class AuthService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly jwt: JwtService,
    private readonly config: AppConfig,
    private readonly limiter: LoginLimiterService,
    private readonly users: UsersService,
    private readonly actors: ActorCache,
    private readonly credentials: CredentialHooks,
  ) {
    passwordGate.configure(config.passwordHashConcurrency, config.loginQueueLimit);
  }

  async login(
    email: string,
    password: string,
    ip: string,
    requestId: string,
  ): Promise<TokenResponse> {
    const user = await this.authenticate(email, password, ip);
    return this.dataSource.transaction(async (manager) => {
      const tokens = await this.issue(manager, user.id, randomUUID());
      await recordAudit(
        manager,
        { userId: user.id, displayName: user.displayName, requestId },
        {
          action: 'auth.login',
          entityType: 'user',
          entityId: user.id,
          data: { ip },
        },
      );
      return tokens;
    });
  }

  /**
   * Checks e-mail and password under the login limiter (per address and e-mail, per account, per
   * address) and audits a failure; the API's token login and the web sign-in both start here.
   */
  async authenticate(email: string, password: string, ip: string): Promise<User> {
    const normalized = email.trim().toLowerCase();
    const admission = await this.limiter.admit(ip, normalized);
    if (!admission.allowed) {
      const wait = admission.retryAfterSeconds;
      throw tooManyRequests(
        'LOGIN_RATE_LIMITED',
        `${LIMIT_MESSAGE[admission.scope]}; try again in ${Math.ceil(wait / 60)} min`,
        { retryAfterSeconds: wait, limit: admission.scope },
      );
    }
    let outcome: LoginOutcome = 'aborted';
    try {
      const user = await this.dataSource
        .getRepository(User)
        .createQueryBuilder('u')
        .addSelect('u.passwordHash')
        .where('lower(u.email) = :email', { email: normalized })
        .getOne();
      // Always verify a hash, so timing does not reveal whether the e-mail exists.
      const ok = await this.checkPassword(user?.passwordHash ?? DUMMY_HASH, password);
      if (!user || !ok || !user.active) {
        await recordAudit(this.dataSource.manager, null, {
          action: 'auth.login_failed',
          entityType: 'user',
          entityId: user?.id ?? null,
          data: {
            email: normalized,
            ip,
            reason: !user ? 'unknown_email' : !ok ? 'bad_password' : 'inactive',
          },
        });
        outcome = 'failure';
        throw unauthorized('INVALID_CREDENTIALS', INVALID_CREDENTIALS);
      }
      outcome = 'success';
      return user;
    } finally {
      // A check that could not be made (busy, database down) is no guess: it is taken back.
      await admission.release(outcome);
    }
  }

  /**
   * A person changes their own password: the current one is checked under the same failed-login
   * limiter as a sign-in, then in one transaction the new hash is stored, every refresh token is
   * revoked and every web session ended (signed out everywhere), and the change is audited.
   * `andThen` runs inside that transaction: the web page starts the browser's fresh session there,
   * so the person is never left signed out by a half-done change. Access tokens already issued
   * stop working at once (the token version is raised).
   */
  async changeOwnPassword<T = void>(
    actor: Actor,
    currentPassword: string,
    newPassword: string,
    ip: string,
    andThen?: (manager: EntityManager) => Promise<T>,
  ): Promise<T | undefined> {
    const user = await this.dataSource
      .getRepository(User)
      .createQueryBuilder('u')
      .addSelect('u.passwordHash')
      .where('u.id = :id', { id: actor.userId })
      .getOne();
    if (!user || !user.active) throw unauthorized('UNAUTHORIZED', 'The account is not active');
    const email = user.email.trim().toLowerCase();
    const admission = await this.limiter.admit(ip, email);
    if (!admission.allowed) {
      const wait = admission.retryAfterSeconds;
      throw tooManyRequests(
        'LOGIN_RATE_LIMITED',
        `Too many wrong passwords for this account; try again in ${Math.ceil(wait / 60)} min`,
        { retryAfterSeconds: wait, limit: admission.scope },
      );
    }
    let outcome: LoginOutcome = 'aborted';
    try {
      if (!(await this.checkPassword(user.passwordHash, currentPassword))) {
        await recordAudit(this.dataSource.manager, actor, {
          action: 'auth.password_change_failed',
          entityType: 'user',
          entityId: user.id,
          data: { ip, reason: 'bad_password' },
        });
        outcome = 'failure';
        throw fieldError(
          'currentPassword',
          'matches',
          'currentPassword is not the current password',
        );
      }
      outcome = 'success';
    } finally {
      await admission.release(outcome);
    }
    if (await this.checkPassword(user.passwordHash, newPassword))
      throw fieldError('newPassword', 'different', 'newPassword must differ from the current one');
    const hash = await hashPassword(newPassword);
    const result = await this.dataSource.transaction(async (manager) => {
      await manager.getRepository(User).update(user.id, { passwordHash: hash });
      await raiseTokenVersion(manager, user.id);
      const tokens = await manager.query<[unknown, number]>(
        'UPDATE refresh_tokens SET revoked_at = now() WHERE user_id = $1 AND revoked_at IS NULL',
        [user.id],
      );
      const sessionsEnded = await this.credentials.revoked(manager, user.id, 'password_changed');
      await recordAudit(manager, actor, {
        action: 'auth.password_changed',
        entityType: 'user',
        entityId: user.id,
        data: { ip, by: 'self', refreshTokensRevoked: tokens[1], webSessionsEnded: sessionsEnded },
      });
      return andThen ? andThen(manager) : undefined;
    });
    await this.actors.invalidate(user.id);
    return result;
  }

  /** Verifies a password through the bounded gate; 503 LOGIN_BUSY when too many checks wait. */
  private checkPassword(hash: string, password: string): Promise<boolean> {
    return verifyPassword(hash, password).catch((err: unknown) => {
      if (err instanceof GateBusyError)
        throw new DomainError(
          503,
          'LOGIN_BUSY',
          'Too many logins are being checked right now; try again in a few seconds',
          undefined,
          { retryAfterSeconds: 2 },
        );
      throw err;
    });
  }

  /** Rotates the refresh token; a reused (already rotated) token revokes its whole family. */
  async refresh(refreshToken: string, requestId: string): Promise<TokenResponse> {
    const hash = sha256(refreshToken);
    const result = await this.dataSource.transaction(async (manager) => {
      const row = await manager.getRepository(RefreshToken).findOne({
        where: { tokenHash: hash },
        lock: { mode: 'pessimistic_write' },
      });
      if (!row) return { error: 'unknown' as const };
      if (row.revokedAt) {
        await manager.query(
          'UPDATE refresh_tokens SET revoked_at = now() WHERE family_id = $1 AND revoked_at IS NULL',
          [row.familyId],
        );
        // A stolen refresh token: the access tokens issued to the user end too.
        await raiseTokenVersion(manager, row.userId);
        await recordAudit(
          manager,
          { userId: row.userId, requestId },
          {
            action: 'auth.refresh_reused',
            entityType: 'user',
            entityId: row.userId,
            data: { familyId: row.familyId },
          },
        );
        return { error: 'reused' as const, userId: row.userId };
      }
      if (row.expiresAt.getTime() <= Date.now()) return { error: 'expired' as const };
      const user = await manager.getRepository(User).findOne({ where: { id: row.userId } });
      if (!user?.active) return { error: 'inactive' as const };
      const tokens = await this.issue(manager, row.userId, row.familyId);
      const successor = await manager
        .getRepository(RefreshToken)
        .findOneOrFail({ where: { tokenHash: sha256(tokens.refreshToken) } });
      await manager.update(RefreshToken, row.id, {
        revokedAt: new Date(),
        replacedById: successor.id,
      });
      return { tokens };
    });
    if ('error' in result) {
      if ('userId' in result && result.userId) await this.actors.invalidate(result.userId);
      throw unauthorized(
        'INVALID_REFRESH_TOKEN',
        'The refresh token is invalid, expired or already used; log in again',
      );
    }
    return result.tokens;
  }

  async logout(refreshToken: string, requestId: string): Promise<void> {
    let loggedOut: string | null = null;
    await this.dataSource.transaction(async (manager) => {
      const row = await manager
        .getRepository(RefreshToken)
        .findOne({ where: { tokenHash: sha256(refreshToken) } });
      if (!row || row.revokedAt) return;
      await manager.update(RefreshToken, row.id, { revokedAt: new Date() });
      // The access tokens end with the session (other sessions refresh theirs).
      await raiseTokenVersion(manager, row.userId);
      loggedOut = row.userId;
      await recordAudit(
        manager,
        { userId: row.userId, requestId },
        {
          action: 'auth.logout',
          entityType: 'user',
          entityId: row.userId,
        },
      );
    });
    if (loggedOut) await this.actors.invalidate(loggedOut);
  }

  async me(actor: Actor): Promise<UserView> {
    const user = await this.users.findWithMemberships(actor.userId);
    if (!user) throw unauthorized('UNAUTHORIZED', 'The account no longer exists');
    return toUserView(user);
  }

  /**
   * Resolves an access token into the caller; one query (user + memberships) or none (cached).
   * The token must carry `exp` and the user's current token version (`tv`): logging out, changing
   * the password, reusing a refresh token or deactivation raise the version, so the token stops
   * working at once — and stays dead after a reactivation.
   */
  async actorFromToken(token: string, requestId: string, ip?: string): Promise<Actor> {
    let claims: AccessTokenClaims;
    try {
      claims = await this.jwt.verifyAsync<AccessTokenClaims>(token);
    } catch {
      throw unauthorized(
        'INVALID_ACCESS_TOKEN',
        'The access token is invalid or expired; refresh it or log in again',
      );
    }
    if (typeof claims.exp !== 'number' || typeof claims.tv !== 'number')
      throw unauthorized(
        'INVALID_ACCESS_TOKEN',
        'The access token has no expiry or token version; log in again',
      );
    const actor = await this.actorForUser(claims.sub, requestId, ip);
    if (claims.tv !== actor.tokenVersion)
      throw unauthorized(
        'ACCESS_TOKEN_REVOKED',
        'The access token was revoked (logout, password change or deactivation); log in again',
      );
    const { tokenVersion: _version, ...caller } = actor;
    return caller;
  }

  /**
   * The caller as the access policy sees it: user + memberships (401 if disabled) — from the
   * actor cache, else one query. Changes of a user invalidate the cache (see ActorCache).
   */
  async actorForUser(
    userId: string,
    requestId: string,
    ip?: string,
  ): Promise<Actor & { tokenVersion: number }> {
    const cached = this.actors.get(userId);
    if (cached) return { ...cached, requestId, ip };
    const user = await this.dataSource
      .getRepository(User)
      .createQueryBuilder('u')
      .leftJoinAndSelect('u.memberships', 'm')
      .where('u.id = :id', { id: userId })
      .getOne();
    if (!user?.active)
      throw unauthorized('INVALID_ACCESS_TOKEN', 'The account is disabled or no longer exists');
    const actor: CachedActor = {
      userId: user.id,
      email: user.email,
      displayName: user.displayName,
      admin: user.admin,
      memberships: user.memberships.map((m) => ({
        organisationId: m.organisationId,
        role: m.role,
      })),
      tokenVersion: user.tokenVersion,
    };
    this.actors.set(actor);
    return { ...actor, requestId, ip };
  }

  private async issue(
    manager: EntityManager,
    userId: string,
    familyId: string,
  ): Promise<TokenResponse> {
    const user = await this.users.findWithMemberships(userId, manager);
    if (!user) throw unauthorized('UNAUTHORIZED', 'The account no longer exists');
    const accessToken = await this.jwt.signAsync({
      sub: user.id,
      email: user.email,
      tv: user.tokenVersion,
    } satisfies AccessTokenClaims);
    const refreshToken = randomBytes(32).toString('base64url');
    await manager.insert(RefreshToken, {
      userId,
      familyId,
      tokenHash: sha256(refreshToken),
      expiresAt: new Date(Date.now() + this.config.refreshTokenTtlDays * 86400_000),
    });
    return {
      accessToken,
      refreshToken,
      expiresIn: this.config.accessTokenTtlSeconds,
      user: toUserView(user),
    };
  }
}
