/**
 * What `npm run demo` prints: its own lines, the API's and the worker's lines made readable, and
 * the banner with the URLs, the demo logins and what to look at first.
 */
import { createInterface } from 'node:readline';
import { Readable, Writable } from 'node:stream';
import { DEMO_ORGANISATIONS, DEMO_PARTNERSHIP, DEMO_PASSWORD, DEMO_ROLE_PEOPLE } from '../database';
import { redactUrl } from './services';

const tty = process.stdout.isTTY === true && !process.env.NO_COLOR;
export const paint =
  (code: string) =>
  (s: string): string =>
    tty ? `\x1b[${code}m${s}\x1b[0m` : s;
export const bold = paint('1');
export const dim = paint('2');
export const red = paint('31');
export const yellow = paint('33');
export const cyan = paint('36');
export const magenta = paint('35');

export function log(message: string): void {
  process.stdout.write(`${cyan('[demo]')} ${message}\n`);
}

export function fail(message: string): void {
  process.stderr.write(`${red('[demo]')} ${message}\n`);
}

/** An error whose message is the whole story for the user (no stack trace needed). */
export class DemoError extends Error {
  override name = 'DemoError';
}

export function errorText(err: unknown): string {
  if (err instanceof AggregateError && err.errors.length > 0) {
    return (err.errors as unknown[]).map(errorText).join('; ');
  }
  return err instanceof Error ? err.message || err.name : String(err);
}

export const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

// ---------------------------------------------------------------------------------------------
// Child processes and their output.

const LEVELS: Record<number, string> = {
  10: 'TRACE',
  20: 'DEBUG',
  30: 'INFO ',
  40: 'WARN ',
  50: 'ERROR',
  60: 'FATAL',
};

/** Nest's start-up inventory (a line per module and route): shown only with LOG_LEVEL=debug. */
const STARTUP_CONTEXTS = new Set(['InstanceLoader', 'RoutesResolver', 'RouterExplorer']);

/**
 * A pino JSON line made readable (pino-pretty is not a dependency); other lines unchanged;
 * undefined for a line not worth showing.
 */
export function readable(line: string, verbose: boolean): string | undefined {
  if (!line.startsWith('{')) return line;
  let entry: Record<string, unknown>;
  try {
    entry = JSON.parse(line) as Record<string, unknown>;
  } catch {
    return line;
  }
  if (typeof entry.level !== 'number') return line;
  if (!verbose && entry.level <= 30 && STARTUP_CONTEXTS.has(String(entry.context))) {
    return undefined;
  }
  const level = LEVELS[entry.level] ?? String(entry.level);
  const painted = entry.level >= 50 ? red(level) : entry.level >= 40 ? yellow(level) : dim(level);
  const context = typeof entry.context === 'string' ? dim(`[${entry.context}] `) : '';
  let msg = typeof entry.msg === 'string' ? entry.msg : '';
  const req = entry.req as { method?: string; url?: string } | undefined;
  const res = entry.res as { statusCode?: number } | undefined;
  if (req?.method && req.url) {
    const took = typeof entry.responseTime === 'number' ? ` ${entry.responseTime} ms` : '';
    msg = `${req.method} ${req.url} ${res?.statusCode ?? ''}${took}${msg ? ` — ${msg}` : ''}`;
  }
  const err = entry.err as { stack?: string; message?: string } | undefined;
  const detail = err ? `\n${err.stack ?? err.message ?? ''}` : '';
  return `${painted} ${context}${msg}${detail}`;
}

export function pipeWithPrefix(
  from: Readable,
  to: Writable,
  prefix: string,
  format: (line: string) => string | undefined,
): void {
  const lines = createInterface({ input: from, crlfDelay: Infinity });
  lines.on('line', (line) => {
    const text = format(line);
    if (text === undefined) return;
    for (const part of text.split('\n')) to.write(`${prefix} ${part}\n`);
  });
}

// ---------------------------------------------------------------------------------------------
// The banner.

export function banner(o: {
  base: string;
  databaseUrl: string;
  redisUrl: string;
  redisPrefix: string;
  servicesLine: string;
  localServices: boolean;
}): string {
  const roles = Object.values(DEMO_ROLE_PEOPLE).map((r) => r.local);
  const width = Math.max(...DEMO_ORGANISATIONS.map((org) => org.slug.length)) + 2;
  const note = (slug: string): string =>
    slug === DEMO_PARTNERSHIP.leaderSlug
      ? ` — leader of "${DEMO_PARTNERSHIP.name}"`
      : DEMO_PARTNERSHIP.memberSlugs.includes(slug)
        ? ''
        : ' — not a member yet';
  const orgLines = DEMO_ORGANISATIONS.map(
    (org) => `      ${org.slug.padEnd(width)}${org.name}${dim(note(org.slug))}`,
  );
  const line = dim('─'.repeat(78));
  const first = DEMO_ORGANISATIONS[0]?.slug ?? 'skawina';
  return [
    '',
    line,
    `  ${bold('Wspólnie demo is running')}`,
    '',
    `  Web app      ${bold(`${o.base}/`)}   ${dim('(Polish pages: sign in, e.g. treasurer@liszki.demo)')}`,
    `  API          ${bold(`${o.base}/api/v1`)}`,
    `  API docs     ${bold(`${o.base}/api/docs`)}   ${dim(`(OpenAPI JSON: ${o.base}/api/docs-json)`)}`,
    `  Health       ${bold(`${o.base}/health`)}   ${dim(`(readiness: ${o.base}/health/ready)`)}`,
    `  PostgreSQL   ${redactUrl(o.databaseUrl)}`,
    `  Redis        ${redactUrl(o.redisUrl)}   ${dim(`(key prefix ${o.redisPrefix})`)}`,
    `  ${dim(o.servicesLine)}`,
    '',
    `  ${bold('Demo logins')} — password ${bold(DEMO_PASSWORD)} for all:`,
    `    admin@wspolnie.demo   ${dim('system administrator')}`,
    `    <role>@<organisation>.demo, role one of: ${roles.join(', ')}`,
    ...orgLines,
    `    e.g. ${roles.map((r) => `${r}@${first}.demo`).join(', ')}`,
    '',
    `  Try it:  open ${bold(`${o.base}/logowanie`)}, sign in as treasurer@liszki.demo and countersign`,
    `           a share from "Moje zadania" (budget classification 600/60016/4270), or by API:`,
    `           curl -s ${o.base}/api/v1/auth/login -H 'content-type: application/json' \\`,
    `             -d '{"email":"officer@${first}.demo","password":"${DEMO_PASSWORD}"}'`,

    `  See also: as officer@${first}.demo, ${bold('Fiszki projektów')} (a sheet with the partners' interests)`,
    `            and ZP.271.7.2026: its ${bold('Podział zadań i odpowiedzialności')} (tasks done, open, one overdue)`,
    `            and ${bold('Zastoje')} (Czernichów's treasurer has been waiting over 7 working days).`,
    '',
    `  Press ${bold('Ctrl-C')} to stop the API and the worker${o.localServices ? ' (and the local servers)' : ''}.`,
    line,
    '',
  ].join('\n');
}
