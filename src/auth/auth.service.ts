import { Injectable } from '@nestjs/common';
import { JwtService } from '@nestjs/jwt';
import { createHash, randomBytes, randomUUID } from 'node:crypto';
import { DataSource, EntityManager } from 'typeorm';
import { recordAudit } from '../audit';
import { AppConfig } from '../config';
import { DomainError, tooManyRequests, unauthorized } from '../common/errors';
import type { Actor } from './actor';
import type { TokenResponse, UserView } from './dto/auth.dto';
import {
  LoginLimiterService,
  type LoginLimitScope,
  type LoginOutcome,
} from './login-limiter.service';
import { GateBusyError, passwordGate } from './password-gate';
import { DUMMY_HASH, verifyPassword } from './passwords';
import { RefreshToken } from './refresh-token.entity';
import { User } from './user.entity';
import { UsersService, toUserView } from './users.service';

export interface AccessTokenClaims {
  sub: string;
  email: string;
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
      const ok = await verifyPassword(user?.passwordHash ?? DUMMY_HASH, password).catch(
        (err: unknown) => {
          if (err instanceof GateBusyError)
            throw new DomainError(
              503,
              'LOGIN_BUSY',
              'Too many logins are being checked right now; try again in a few seconds',
              undefined,
              { retryAfterSeconds: 2 },
            );
          throw err;
        },
      );
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
        return { error: 'reused' as const };
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
      throw unauthorized(
        'INVALID_REFRESH_TOKEN',
        'The refresh token is invalid, expired or already used; log in again',
      );
    }
    return result.tokens;
  }

  async logout(refreshToken: string, requestId: string): Promise<void> {
    await this.dataSource.transaction(async (manager) => {
      const row = await manager
        .getRepository(RefreshToken)
        .findOne({ where: { tokenHash: sha256(refreshToken) } });
      if (!row || row.revokedAt) return;
      await manager.update(RefreshToken, row.id, { revokedAt: new Date() });
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
  }

  async me(actor: Actor): Promise<UserView> {
    const user = await this.users.findWithMemberships(actor.userId);
    if (!user) throw unauthorized('UNAUTHORIZED', 'The account no longer exists');
    return toUserView(user);
  }

  /** Resolves an access token into the caller; one query (user + memberships). */
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
    return this.actorForUser(claims.sub, requestId, ip);
  }

  /** The caller as the access policy sees it: user + memberships, one query (401 if disabled). */
  async actorForUser(userId: string, requestId: string, ip?: string): Promise<Actor> {
    const user = await this.dataSource
      .getRepository(User)
      .createQueryBuilder('u')
      .leftJoinAndSelect('u.memberships', 'm')
      .where('u.id = :id', { id: userId })
      .getOne();
    if (!user?.active)
      throw unauthorized('INVALID_ACCESS_TOKEN', 'The account is disabled or no longer exists');
    return {
      userId: user.id,
      email: user.email,
      displayName: user.displayName,
      admin: user.admin,
      memberships: user.memberships.map((m) => ({
        organisationId: m.organisationId,
        role: m.role,
      })),
      requestId,
      ip,
    };
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
