/**
 * `node dist/database/run-migrations.js`: applies every pending migration to DATABASE_URL, prints
 * what ran and exits 0; on failure prints why and exits non-zero. Used by docker compose's
 * `migrate` service and by deployments before a new API/worker version starts.
 *
 * It needs only DATABASE_URL, not the whole validated app configuration (no JWT secret in a
 * migration job). While the server is still starting it retries for MIGRATE_WAIT_SECONDS (30).
 */
import { runMigrations } from './migrate';

// A one-shot CLI outside the app: its two settings are read here, not through src/config.
// eslint-disable-next-line no-restricted-properties
const env = process.env;

const RETRYABLE = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'ETIMEDOUT', '57P03']);

function redact(url: string): string {
  try {
    const u = new URL(url);
    if (u.password) u.password = '***';
    return u.toString();
  } catch {
    return '(DATABASE_URL is not a valid URL)';
  }
}

function errorCode(err: unknown): string | undefined {
  const nested: unknown[] = err instanceof AggregateError ? (err.errors as unknown[]) : [];
  const codes = [err, ...nested].map((e) => (e as { code?: unknown } | null)?.code);
  return codes.find((c): c is string => typeof c === 'string');
}

function describe(err: unknown): string {
  if (err instanceof AggregateError && err.errors.length > 0) {
    return err.errors.map(describe).join('; ');
  }
  return err instanceof Error ? err.message || err.name : String(err);
}

function hint(code: string | undefined): string {
  if (code !== undefined && RETRYABLE.has(code)) {
    return 'Check that PostgreSQL runs and answers at that host and port.';
  }
  if (code === '3D000')
    return 'Create the database first (CREATE DATABASE …), then run this again.';
  if (code === '28P01' || code === '28000')
    return 'Check the user name and password in DATABASE_URL.';
  return 'Each migration runs in its own transaction: the failing one and those after it were not applied.';
}

async function main(): Promise<number> {
  const url = env.DATABASE_URL;
  if (!url) {
    console.error(
      'run-migrations: DATABASE_URL is not set (postgres://user:password@host:5432/database)',
    );
    return 2;
  }
  const waitSeconds = Number(env.MIGRATE_WAIT_SECONDS ?? 30);
  const deadline = Date.now() + (Number.isFinite(waitSeconds) ? waitSeconds : 30) * 1000;
  const started = Date.now();
  for (;;) {
    try {
      const ran = await runMigrations(url);
      const took = `${((Date.now() - started) / 1000).toFixed(1)} s`;
      if (ran.length === 0) {
        console.log(
          `run-migrations: ${redact(url)} is up to date (no pending migrations, ${took})`,
        );
      } else {
        console.log(
          `run-migrations: applied ${ran.length} migration(s) to ${redact(url)} in ${took}:\n` +
            ran.map((name) => `  - ${name}`).join('\n'),
        );
      }
      return 0;
    } catch (err) {
      const code = errorCode(err);
      if (code !== undefined && RETRYABLE.has(code) && Date.now() < deadline) {
        console.error(`run-migrations: ${redact(url)} not reachable yet (${code}); retrying…`);
        await new Promise((resolve) => setTimeout(resolve, 1000));
        continue;
      }
      console.error(
        `run-migrations: migrating ${redact(url)} failed${code ? ` (${code})` : ''}: ${describe(err)}\n` +
          hint(code),
      );
      return 1;
    }
  }
}

void main().then(
  (code) => process.exit(code),
  (err: unknown) => {
    console.error(`run-migrations: unexpected error: ${describe(err)}`);
    process.exit(1);
  },
);
