import { Transform, plainToInstance } from 'class-transformer';
import {
  IsBoolean,
  IsIn,
  IsInt,
  IsOptional,
  IsString,
  IsUrl,
  Matches,
  Max,
  Min,
  MinLength,
  validateSync,
} from 'class-validator';

const toInt = ({ value }: { value: unknown }): unknown =>
  typeof value === 'string' && /^-?\d+$/.test(value.trim()) ? Number(value) : value;
const toBool = ({ value }: { value: unknown }): unknown => {
  if (typeof value !== 'string') return value;
  const v = value.trim().toLowerCase();
  if (['1', 'true', 'yes', 'on'].includes(v)) return true;
  if (['0', 'false', 'no', 'off', ''].includes(v)) return false;
  return value;
};

/**
 * Every environment variable the service reads. `.env.example` documents each one; keep both in step.
 * Defaults are development-friendly; production must set the secrets explicitly.
 */
export class EnvironmentVariables {
  @IsIn(['development', 'test', 'production'])
  NODE_ENV: 'development' | 'test' | 'production' = 'development';

  @Transform(toInt)
  @IsInt()
  @Min(0)
  @Max(65535)
  PORT = 3000;

  @IsString()
  HOST = '0.0.0.0';

  /** postgres://user:password@host:port/database */
  @Matches(/^postgres(ql)?:\/\/.+\/[^/]+$/, {
    message: 'DATABASE_URL must look like postgres://user:password@host:5432/database',
  })
  DATABASE_URL: string;

  /** redis://[:password@]host:port[/db] */
  @Matches(/^rediss?:\/\/.+/, { message: 'REDIS_URL must look like redis://host:6379/0' })
  REDIS_URL: string;

  /** Key prefix for every BullMQ key, so several instances (or test runs) share one Redis safely. */
  @Matches(/^[A-Za-z0-9_.:-]{1,64}$/, {
    message: 'REDIS_PREFIX must be 1–64 of A-Z a-z 0-9 _ . : -',
  })
  REDIS_PREFIX = 'wspolnie';

  @IsString()
  @MinLength(32, {
    message: 'JWT_SECRET must be at least 32 characters (use `openssl rand -hex 32`)',
  })
  JWT_SECRET: string;

  @Transform(toInt)
  @IsInt()
  @Min(60)
  @Max(86400)
  JWT_ACCESS_TTL_SECONDS = 900;

  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(365)
  REFRESH_TOKEN_TTL_DAYS = 30;

  /** Failed logins allowed per (IP, e-mail) pair within the window before 429. */
  @Transform(toInt)
  @IsInt()
  @Min(1)
  LOGIN_MAX_FAILURES = 5;

  /** Failed logins allowed per account (from every address) within the window before 429. */
  @Transform(toInt)
  @IsInt()
  @Min(1)
  LOGIN_MAX_FAILURES_PER_ACCOUNT = 20;

  /** Failed logins allowed per client address (over every account) within the window before 429. */
  @Transform(toInt)
  @IsInt()
  @Min(1)
  LOGIN_MAX_FAILURES_PER_ADDRESS = 50;

  /** Password hashes verified at once; further logins wait (at most LOGIN_QUEUE_LIMIT of them). */
  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(64)
  PASSWORD_HASH_CONCURRENCY = 2;

  /** Logins waiting for a password check beyond which the API answers 503 with Retry-After. */
  @Transform(toInt)
  @IsInt()
  @Min(1)
  LOGIN_QUEUE_LIMIT = 32;

  @Transform(toInt)
  @IsInt()
  @Min(1)
  LOGIN_WINDOW_SECONDS = 900;

  /** Web application: a session ends after this many minutes without a page request. */
  @Transform(toInt)
  @IsInt()
  @Min(2)
  @Max(720)
  WEB_SESSION_IDLE_MINUTES = 30;

  @IsString()
  DATA_DIR = './.data/files';

  @IsIn(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'])
  LOG_LEVEL = 'info';

  @Transform(toBool)
  @IsBoolean()
  LOG_PRETTY = false;

  /**
   * Whether to believe X-Forwarded-For (the client address used by the login limiter): `false`
   * when clients connect directly, `true` behind one trusted reverse proxy, or a number of hops.
   */
  @Matches(/^(true|false|\d{1,2})$/, {
    message: 'TRUST_PROXY must be true, false or a number of proxy hops',
  })
  TRUST_PROXY = 'false';

  /** Comma-separated origins allowed by CORS; empty disables CORS. `*` allows any origin. */
  @IsString()
  CORS_ORIGINS = '';

  /** Base URL used in e-mails and calendar links. */
  @IsUrl({ require_tld: false, require_protocol: true })
  PUBLIC_URL = 'http://localhost:3000';

  /** How often the outbox dispatcher looks for committed jobs. */
  @Transform(toInt)
  @IsInt()
  @Min(10)
  @Max(60000)
  OUTBOX_POLL_MS = 500;

  /**
   * Outbox rows one dispatcher claims per transaction (`FOR UPDATE SKIP LOCKED`) and hands to
   * BullMQ in one addBulk per queue: a burst of 40 000 reminders is 80 round trips, not 40 000.
   */
  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(5000)
  OUTBOX_BATCH_SIZE = 500;

  /** Empty means "not set" (so `SMTP_URL=` in a copied .env.example is fine). */
  @Transform(({ value }: { value: unknown }) => (value === '' ? undefined : value))
  @IsOptional()
  @Matches(/^smtps?:\/\/.+/, { message: 'SMTP_URL must look like smtp://user:pass@host:587' })
  SMTP_URL?: string;

  @IsString()
  MAIL_FROM = 'Wspólnie <no-reply@wspolnie.local>';

  @IsIn(['postgres', 'disk'])
  DOCUMENT_STORAGE: 'postgres' | 'disk' = 'postgres';

  /** Documents one worker process renders at once. */
  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(32)
  DOCUMENT_CONCURRENCY = 2;

  /**
   * How long a render job's lock lasts without renewal: a job whose worker died is taken over by
   * another worker after about this long (BullMQ lockDuration and stalledInterval).
   */
  @Transform(toInt)
  @IsInt()
  @Min(1000)
  @Max(600000)
  DOCUMENT_JOB_LOCK_MS = 30000;

  /** Test hook: the worker waits this long after marking a document RENDERING. Keep 0. */
  @Transform(toInt)
  @IsInt()
  @Min(0)
  @Max(600000)
  DOCUMENT_RENDER_DELAY_MS = 0;

  /** Hour (Europe/Warsaw) at which whole-day deadline reminders are sent. */
  @Transform(toInt)
  @IsInt()
  @Min(0)
  @Max(23)
  REMINDER_HOUR = 9;

  /**
   * Default reminder offsets before a deadline, comma-separated: `<n>d` (whole days, sent at
   * REMINDER_HOUR on that day), `<n>h` or `<n>m` (exactly that long before). A deadline may
   * override them.
   */
  @Matches(/^\s*\d{1,6}[dhm](\s*,\s*\d{1,6}[dhm]){0,9}\s*$/, {
    message: 'REMINDER_OFFSETS must be a comma-separated list like "7d,3d,1d,0d" (units d, h, m)',
  })
  REMINDER_OFFSETS = '7d,3d,1d,0d';

  /**
   * Real length, in ms, of one minute of a reminder offset that is not a whole number of days
   * (those are sent at REMINDER_HOUR on the day). Default one minute; tests and the benchmark set
   * 1000 so that an offset of "5m" fires 5 seconds before the due time.
   */
  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(60000)
  REMINDER_OFFSET_UNIT_MS = 60000;

  /** How often the worker's sweep marks overdue deadlines MISSED and escalates them. */
  @Transform(toInt)
  @IsInt()
  @Min(100)
  @Max(3600000)
  REMINDER_SWEEP_EVERY_MS = 60000;

  /**
   * How often the worker's stall sweep notifies partners' heads of shares that have waited at one
   * step longer than their partnership allows (stallEscalationWorkingDays).
   */
  @Transform(toInt)
  @IsInt()
  @Min(1000)
  @Max(86400000)
  STALL_SWEEP_EVERY_MS = 3600000;

  /** When the weekly digest goes to partners' coordinators (cron, Europe/Warsaw): Monday 7:00. */
  @IsString()
  @Matches(/^\S+( \S+){4}$/, {
    message: 'WEEKLY_DIGEST_CRON must be a cron pattern of five fields',
  })
  WEEKLY_DIGEST_CRON = '0 7 * * 1';

  /**
   * How often a worker checks that Redis holds the job of every pending reminder (and the sweep's
   * schedule), putting back what a Redis data loss took; also once at start.
   */
  @Transform(toInt)
  @IsInt()
  @Min(100)
  @Max(3600000)
  REMINDER_RECONCILE_EVERY_MS = 300000;

  /** Reminder jobs one worker process handles at once. */
  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(100)
  REMINDER_CONCURRENCY = 8;

  /** E-mails one worker process sends at once (each waits mostly on the SMTP server). */
  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(50)
  EMAIL_CONCURRENCY = 4;

  /**
   * Bearer token that Prometheus sends to `/metrics` (API) and to the worker's metrics listener.
   * Empty: both answer 404 (metrics off).
   */
  @IsOptional()
  @Matches(/^(|[A-Za-z0-9._~+/=-]{16,256})$/, {
    message: 'METRICS_TOKEN must be empty (metrics off) or 16–256 URL-safe characters',
  })
  METRICS_TOKEN = '';

  /** Port of the worker's own metrics listener (`GET /metrics`); 0 = no listener. */
  @Transform(toInt)
  @IsInt()
  @Min(0)
  @Max(65535)
  WORKER_METRICS_PORT = 9464;

  /** OCDS ocid prefix registered with the Open Contracting Partnership (`ocds-` + 6 characters). */
  @Matches(/^ocds-[a-z0-9]{6}$/, {
    message:
      'OCDS_OCID_PREFIX must look like ocds-abc123 (ocds- and 6 lower-case letters or digits)',
  })
  OCDS_OCID_PREFIX = 'ocds-wspoln';

  /** Who publishes the OCDS data (`publisher.name` of every package). */
  @IsString()
  @MinLength(1)
  OCDS_PUBLISHER_NAME = 'Wspólnie';
}

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(
      `Invalid configuration (${problems.length} problem${problems.length === 1 ? '' : 's'}):\n` +
        problems.map((p) => `  - ${p}`).join('\n') +
        '\nSee .env.example for every variable and its meaning.',
    );
    this.name = 'ConfigError';
  }
}

/** Validates the raw environment once; throws a ConfigError listing every problem. */
export function validateEnvironment(raw: Record<string, unknown>): EnvironmentVariables {
  const env = plainToInstance(EnvironmentVariables, raw, { exposeDefaultValues: true });
  const errors = validateSync(env, { skipMissingProperties: false, whitelist: false });
  const problems = errors.flatMap((e) =>
    Object.values(e.constraints ?? {}).map((m) =>
      e.value === undefined ? `${e.property} is missing: ${m}` : m,
    ),
  );
  if (env.NODE_ENV === 'production' && env.JWT_SECRET?.startsWith('dev-only')) {
    problems.push('JWT_SECRET must not be the development default in production');
  }
  if (problems.length > 0) throw new ConfigError(problems);
  return env;
}
