import { Inject, Injectable, Logger } from '@nestjs/common';
import { createHash } from 'node:crypto';
import Redis from 'ioredis';
import { DataSource } from 'typeorm';
import { AppConfig } from '../config';
import { REDIS } from '../common/redis';
import { auditRows } from '../audit';

/** Which count stopped an attempt: one e-mail from one address, one account, one address. */
export type LoginLimitScope = 'pair' | 'account' | 'address';
const SCOPES: LoginLimitScope[] = ['pair', 'account', 'address'];

/**
 * Checks every limit and, only when none is reached, counts the attempt under all three — one
 * atomic step, so parallel guesses are counted before any password is verified.
 * KEYS: pair, account, address. ARGV: their limits, the window in seconds.
 * Returns {0, 0} when counted, else {index of the scope reached (1-based), seconds to wait}.
 */
const RESERVE = `
for i = 1, 3 do
  local c = tonumber(redis.call('GET', KEYS[i]) or '0')
  if c >= tonumber(ARGV[i]) then
    local ttl = redis.call('TTL', KEYS[i])
    if ttl < 1 then ttl = 1 end
    return {i, ttl}
  end
end
for i = 1, 3 do
  if redis.call('INCR', KEYS[i]) == 1 then redis.call('EXPIRE', KEYS[i], ARGV[4]) end
end
return {0, 0}`;

/**
 * Takes an attempt back: after a success the pair starts again (ARGV[1] = 1) and the others lose
 * the attempt; an attempt that could not be checked is taken back from all three.
 */
const RELEASE = `
local first = 1
if ARGV[1] == '1' then
  redis.call('DEL', KEYS[1])
  first = 2
end
for i = first, 3 do
  if tonumber(redis.call('GET', KEYS[i]) or '0') > 0 then redis.call('DECR', KEYS[i]) end
end
return 0`;

/** How an admitted attempt ended: a failure stays counted, the others are taken back. */
export type LoginOutcome = 'success' | 'failure' | 'aborted';

export type LoginAdmission =
  | { allowed: true; release(outcome: LoginOutcome): Promise<void> }
  | { allowed: false; scope: LoginLimitScope; retryAfterSeconds: number };

/**
 * Limits login attempts within a window: per (address, e-mail) pair (`LOGIN_MAX_FAILURES`: one
 * person's mistyped password locks out neither colleagues on the same office address nor the
 * same person elsewhere), per account from all addresses (`LOGIN_MAX_FAILURES_PER_ACCOUNT`,
 * against guessing from many addresses) and per address over all accounts
 * (`LOGIN_MAX_FAILURES_PER_ADDRESS`, against one password tried on many accounts).
 *
 * An attempt is counted before its password is verified (atomically, in a Lua script) and taken
 * back when it succeeds, so only failures remain counted and parallel guesses cannot slip through.
 * While Redis is unavailable the limits still hold: the failures are counted from the audit trail
 * in PostgreSQL (every failed login is recorded there) plus the attempts in flight in this process;
 * if PostgreSQL cannot answer either, the login is refused (closed by default).
 */
@Injectable()
export class LoginLimiterService {
  private readonly logger = new Logger(LoginLimiterService.name);
  /** Attempts being verified now in this process (for the fallback while Redis is down). */
  private readonly inFlight = new Map<string, number>();

  constructor(
    @Inject(REDIS) private readonly redis: Redis,
    private readonly config: AppConfig,
    private readonly dataSource: DataSource,
  ) {}

  private keys(ip: string, email: string): string[] {
    const h = (s: string) => createHash('sha256').update(s).digest('hex');
    return [
      `login-failures:${h(`${ip}|${email}`)}`,
      `login-failures:account:${h(email)}`,
      `login-failures:address:${h(ip)}`,
    ];
  }

  private limits(): number[] {
    return [
      this.config.loginMaxFailures,
      this.config.loginMaxFailuresPerAccount,
      this.config.loginMaxFailuresPerAddress,
    ];
  }

  /** Admits an attempt (counted) or says which limit it reached and for how long. */
  async admit(ip: string, email: string): Promise<LoginAdmission> {
    const keys = this.keys(ip, email);
    let reply: [number, number];
    try {
      reply = (await this.redis.eval(
        RESERVE,
        3,
        ...keys,
        ...this.limits(),
        this.config.loginWindowSeconds,
      )) as [number, number];
    } catch (err) {
      this.logger.warn(
        `Login limiter: Redis unavailable (${(err as Error).message}); counting from PostgreSQL`,
      );
      return this.admitFromDatabase(ip, email);
    }
    if (reply[0] !== 0)
      return { allowed: false, scope: SCOPES[reply[0] - 1], retryAfterSeconds: reply[1] };
    // Also in flight here, so that if Redis drops meanwhile the fallback still sees this attempt.
    const landed = this.takeOff(keys);
    return {
      allowed: true,
      release: async (outcome) => {
        landed();
        if (outcome === 'failure') return;
        await this.redis
          .eval(RELEASE, 3, ...keys, outcome === 'success' ? 1 : 0)
          .catch(() => undefined);
      },
    };
  }

  /**
   * The fallback: failed logins of the window from the audit trail, plus the attempts that were
   * in flight here when this one was counted. The attempt takes off before the query, as the Redis
   * script counts before the password is verified: attempts admitted in parallel see each other,
   * and one that lands while the query runs is still counted (its failure is recorded in the trail
   * before it leaves the flight, so it may be counted twice for a moment: closed, not open).
   */
  private async admitFromDatabase(ip: string, email: string): Promise<LoginAdmission> {
    const window = this.config.loginWindowSeconds;
    const flightKeys = this.keys(ip, email);
    const ahead = flightKeys.map((k) => this.inFlight.get(k) ?? 0);
    const landed = this.takeOff(flightKeys);
    let row: { pair: number; account: number; address: number; oldest: Date | null };
    try {
      [row] = await this.dataSource.query<
        { pair: number; account: number; address: number; oldest: Date | null }[]
      >(
        `SELECT count(*) FILTER (WHERE data->>'email' = $1 AND data->>'ip' = $2)::int AS pair,
                count(*) FILTER (WHERE data->>'email' = $1)::int AS account,
                count(*) FILTER (WHERE data->>'ip' = $2)::int AS address,
                min(occurred_at) AS oldest
           FROM ${auditRows} audit_events
          WHERE action = 'auth.login_failed' AND occurred_at > now() - make_interval(secs => $3)`,
        [email, ip, window],
      );
    } catch (err) {
      landed();
      throw err;
    }
    const counts = [row.pair, row.account, row.address].map((n, i) => n + ahead[i]);
    const limits = this.limits();
    const reached = counts.findIndex((n, i) => n >= limits[i]);
    if (reached !== -1) {
      landed();
      const since = row.oldest ? (Date.now() - new Date(row.oldest).getTime()) / 1000 : 0;
      return {
        allowed: false,
        scope: SCOPES[reached],
        retryAfterSeconds: Math.max(1, Math.ceil(window - since)),
      };
    }
    return {
      allowed: true,
      release: () => {
        landed();
        return Promise.resolve();
      },
    };
  }

  /** Counts an attempt in flight under its keys; the returned function lands it (once). */
  private takeOff(keys: string[]): () => void {
    for (const k of keys) this.inFlight.set(k, (this.inFlight.get(k) ?? 0) + 1);
    let landed = false;
    return () => {
      if (landed) return;
      landed = true;
      for (const k of keys) {
        const n = (this.inFlight.get(k) ?? 1) - 1;
        if (n > 0) this.inFlight.set(k, n);
        else this.inFlight.delete(k);
      }
    };
  }
}
