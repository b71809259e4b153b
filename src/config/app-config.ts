import { EnvironmentVariables } from './env.schema';

export interface RedisConnection {
  host: string;
  port: number;
  db: number;
  username?: string;
  password?: string;
  tls?: Record<string, never>;
}

/** The typed, validated configuration. Injected wherever settings are needed; nothing reads process.env. */
export class AppConfig {
  readonly env: EnvironmentVariables['NODE_ENV'];
  readonly production: boolean;
  readonly port: number;
  readonly host: string;
  readonly databaseUrl: string;
  readonly redisUrl: string;
  readonly redis: RedisConnection;
  readonly redisPrefix: string;
  readonly jwtSecret: string;
  readonly accessTokenTtlSeconds: number;
  readonly refreshTokenTtlDays: number;
  readonly loginMaxFailures: number;
  readonly loginWindowSeconds: number;
  readonly dataDir: string;
  readonly logLevel: string;
  readonly logPretty: boolean;
  readonly corsOrigins: string[];
  readonly publicUrl: string;
  readonly outboxPollMs: number;
  readonly smtpUrl?: string;
  readonly mailFrom: string;
  readonly documentStorage: 'postgres' | 'disk';

  constructor(env: EnvironmentVariables) {
    this.env = env.NODE_ENV;
    this.production = env.NODE_ENV === 'production';
    this.port = env.PORT;
    this.host = env.HOST;
    this.databaseUrl = env.DATABASE_URL;
    this.redisUrl = env.REDIS_URL;
    this.redis = parseRedisUrl(env.REDIS_URL);
    this.redisPrefix = env.REDIS_PREFIX;
    this.jwtSecret = env.JWT_SECRET;
    this.accessTokenTtlSeconds = env.JWT_ACCESS_TTL_SECONDS;
    this.refreshTokenTtlDays = env.REFRESH_TOKEN_TTL_DAYS;
    this.loginMaxFailures = env.LOGIN_MAX_FAILURES;
    this.loginWindowSeconds = env.LOGIN_WINDOW_SECONDS;
    this.dataDir = env.DATA_DIR;
    this.logLevel = env.LOG_LEVEL;
    this.logPretty = env.LOG_PRETTY;
    this.corsOrigins = env.CORS_ORIGINS.split(',')
      .map((s) => s.trim())
      .filter((s) => s.length > 0);
    this.publicUrl = env.PUBLIC_URL.replace(/\/+$/, '');
    this.outboxPollMs = env.OUTBOX_POLL_MS;
    this.smtpUrl = env.SMTP_URL;
    this.mailFrom = env.MAIL_FROM;
    this.documentStorage = env.DOCUMENT_STORAGE;
  }
}

/** BullMQ takes connection options, not a URL. */
export function parseRedisUrl(url: string): RedisConnection {
  const u = new URL(url);
  const db = u.pathname && u.pathname !== '/' ? Number(u.pathname.slice(1)) : 0;
  return {
    host: u.hostname,
    port: u.port ? Number(u.port) : 6379,
    db: Number.isInteger(db) ? db : 0,
    ...(u.username ? { username: decodeURIComponent(u.username) } : {}),
    ...(u.password ? { password: decodeURIComponent(u.password) } : {}),
    ...(u.protocol === 'rediss:' ? { tls: {} } : {}),
  };
}
