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
  readonly loginMaxFailuresPerAccount: number;
  readonly loginMaxFailuresPerAddress: number;
  readonly passwordHashConcurrency: number;
  readonly loginQueueLimit: number;
  readonly webSessionIdleMinutes: number;
  readonly dataDir: string;
  readonly logLevel: string;
  readonly logPretty: boolean;
  readonly corsOrigins: string[];
  readonly trustProxy: boolean | number;
  readonly publicUrl: string;
  readonly outboxPollMs: number;
  readonly outboxBatchSize: number;
  readonly smtpUrl?: string;
  readonly mailFrom: string;
  readonly documentStorage: 'postgres' | 'disk';
  readonly documentConcurrency: number;
  readonly documentJobLockMs: number;
  /** Test hook (0 in real use): pause between RENDERING and the render itself. */
  readonly documentRenderDelayMs: number;
  readonly reminderHour: number;
  /** Minutes before the due time; whole days (multiples of 1440) are sent at reminderHour. */
  readonly reminderOffsets: number[];
  /** Real ms per offset minute (non-whole-day offsets only); 60000 except in tests/benchmarks. */
  readonly reminderOffsetUnitMs: number;
  readonly reminderSweepEveryMs: number;
  readonly stallSweepEveryMs: number;
  readonly weeklyDigestCron: string;
  readonly reminderReconcileEveryMs: number;
  readonly reminderConcurrency: number;
  /** E-mails one worker sends at once. */
  readonly emailConcurrency: number;
  /** Empty: metrics are off. */
  readonly metricsToken: string;
  readonly workerMetricsPort: number;
  readonly ocdsOcidPrefix: string;
  readonly ocdsPublisherName: string;

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
    this.loginMaxFailuresPerAccount = env.LOGIN_MAX_FAILURES_PER_ACCOUNT;
    this.loginMaxFailuresPerAddress = env.LOGIN_MAX_FAILURES_PER_ADDRESS;
    this.passwordHashConcurrency = env.PASSWORD_HASH_CONCURRENCY;
    this.loginQueueLimit = env.LOGIN_QUEUE_LIMIT;
    this.webSessionIdleMinutes = env.WEB_SESSION_IDLE_MINUTES;
    this.dataDir = env.DATA_DIR;
    this.logLevel = env.LOG_LEVEL;
    this.logPretty = env.LOG_PRETTY;
    this.corsOrigins = env.CORS_ORIGINS.split(',')
      .map((s) => s.trim())
      .filter((s) => s.length > 0);
    this.trustProxy =
      env.TRUST_PROXY === 'true'
        ? true
        : env.TRUST_PROXY === 'false'
          ? false
          : Number(env.TRUST_PROXY);
    this.publicUrl = env.PUBLIC_URL.replace(/\/+$/, '');
    this.outboxPollMs = env.OUTBOX_POLL_MS;
    this.outboxBatchSize = env.OUTBOX_BATCH_SIZE;
    this.smtpUrl = env.SMTP_URL;
    this.mailFrom = env.MAIL_FROM;
    this.documentStorage = env.DOCUMENT_STORAGE;
    this.documentConcurrency = env.DOCUMENT_CONCURRENCY;
    this.documentJobLockMs = env.DOCUMENT_JOB_LOCK_MS;
    this.documentRenderDelayMs = env.DOCUMENT_RENDER_DELAY_MS;
    this.reminderHour = env.REMINDER_HOUR;
    this.reminderOffsets = parseOffsetList(env.REMINDER_OFFSETS);
    this.reminderOffsetUnitMs = env.REMINDER_OFFSET_UNIT_MS;
    this.reminderSweepEveryMs = env.REMINDER_SWEEP_EVERY_MS;
    this.stallSweepEveryMs = env.STALL_SWEEP_EVERY_MS;
    this.weeklyDigestCron = env.WEEKLY_DIGEST_CRON;
    this.reminderReconcileEveryMs = env.REMINDER_RECONCILE_EVERY_MS;
    this.reminderConcurrency = env.REMINDER_CONCURRENCY;
    this.emailConcurrency = env.EMAIL_CONCURRENCY;
    this.metricsToken = env.METRICS_TOKEN ?? '';
    this.workerMetricsPort = env.WORKER_METRICS_PORT;
    this.ocdsOcidPrefix = env.OCDS_OCID_PREFIX;
    this.ocdsPublisherName = env.OCDS_PUBLISHER_NAME;
  }
}

const UNIT_MINUTES: Record<string, number> = { d: 1440, h: 60, m: 1 };

/** "7d,3d,1d,0d" → [10080, 4320, 1440, 0]: distinct minutes, largest first. */
export function parseOffsetList(list: string): number[] {
  const minutes = list
    .split(',')
    .map((part) => /^\s*(\d+)([dhm])\s*$/.exec(part))
    .filter((m): m is RegExpExecArray => m !== null)
    .map((m) => Number(m[1]) * UNIT_MINUTES[m[2]]);
  return [...new Set(minutes)].sort((a, b) => b - a);
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
