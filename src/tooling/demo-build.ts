/**
 * `npm run demo`'s settings (`.env`, the development JWT secret, the port) and the build of dist/
 * when a source file is newer.
 */
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import * as fs from 'node:fs';
import { createServer } from 'node:net';
import { join, relative, resolve } from 'node:path';
import { DemoError, log } from './demo-console';

export const ROOT = resolve(__dirname, '..', '..');
export const DATA_DIR = join(ROOT, '.data');

// ---------------------------------------------------------------------------------------------
// Settings.

/** KEY=VALUE lines of `.env` (same rules as src/config/load-config.ts); missing file: none. */
export function readDotEnv(path: string): Record<string, string> {
  if (!fs.existsSync(path)) return {};
  const out: Record<string, string> = {};
  for (const line of fs.readFileSync(path, 'utf8').split(/\r?\n/)) {
    const m = /^\s*([A-Za-z_][A-Za-z0-9_]*)\s*=\s*(.*)\s*$/.exec(line);
    if (!m || line.trimStart().startsWith('#')) continue;
    out[m[1]] = m[2].replace(/^(['"])(.*)\1$/, '$2');
  }
  return out;
}

/** JWT_SECRET from the environment, else one generated once and kept in .data/dev-secret. */
export function devSecret(): string {
  const file = join(DATA_DIR, 'dev-secret');
  try {
    const kept = fs.readFileSync(file, 'utf8').trim();
    if (kept.length >= 32) return kept;
  } catch {
    // not there yet
  }
  // `dev-only-` makes the app refuse this secret if it is ever used with NODE_ENV=production.
  const secret = `dev-only-${randomBytes(32).toString('hex')}`;
  fs.writeFileSync(file, `${secret}\n`, { mode: 0o600 });
  log(`generated a development JWT secret in ${relative(ROOT, file)} (kept across restarts)`);
  return secret;
}

export function parsePort(raw: string | undefined): number {
  const port = Number(raw ?? '3000');
  if (!Number.isInteger(port) || port < 1 || port > 65535) {
    throw new DemoError(`PORT must be a number from 1 to 65535, got "${raw}"`);
  }
  return port;
}

/** True when the API could listen on host:port (nothing else holds it). */
export function portFree(host: string, port: number): Promise<boolean> {
  return new Promise((resolveFree) => {
    const server = createServer();
    server.once('error', () => resolveFree(false));
    server.listen({ host, port, exclusive: true }, () => server.close(() => resolveFree(true)));
  });
}

// ---------------------------------------------------------------------------------------------
// Build.

function newestFile(dir: string): { file: string; mtimeMs: number } | undefined {
  let newest: { file: string; mtimeMs: number } | undefined;
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    const candidate = entry.isDirectory()
      ? newestFile(path)
      : { file: path, mtimeMs: fs.statSync(path).mtimeMs };
    if (candidate && (!newest || candidate.mtimeMs > newest.mtimeMs)) newest = candidate;
  }
  return newest;
}

/** Why dist/ must be rebuilt, or undefined when it is newer than every source file. */
function buildReason(): string | undefined {
  const outputs = ['dist/main.js', 'dist/worker.js'];
  for (const out of outputs) if (!fs.existsSync(join(ROOT, out))) return `${out} is missing`;
  const builtAt = Math.min(...outputs.map((o) => fs.statSync(join(ROOT, o)).mtimeMs));
  const inputs = [
    newestFile(join(ROOT, 'src')),
    ...['tsconfig.json', 'tsconfig.build.json', 'nest-cli.json', 'package-lock.json']
      .map((f) => join(ROOT, f))
      .filter((f) => fs.existsSync(f))
      .map((file) => ({ file, mtimeMs: fs.statSync(file).mtimeMs })),
  ];
  const newer = inputs.find((i) => i !== undefined && i.mtimeMs > builtAt);
  return newer ? `${relative(ROOT, newer.file)} is newer than dist/` : undefined;
}

function runInherited(args: string[]): Promise<number | null> {
  return new Promise((done) => {
    const child = spawn(process.execPath, args, { cwd: ROOT, stdio: 'inherit' });
    child.once('error', () => done(null));
    child.once('exit', (code) => done(code));
  });
}

export async function buildIfNeeded(): Promise<void> {
  const reason = buildReason();
  if (!reason) {
    log('dist/ is up to date; not rebuilding');
    return;
  }
  log(`building the API and the worker with \`nest build\` (${reason}) …`);
  const started = Date.now();
  const nest = require.resolve('@nestjs/cli/bin/nest.js', { paths: [ROOT] });
  const code = await runInherited([nest, 'build']);
  if (code !== 0) {
    throw new DemoError(
      `\`nest build\` failed (exit ${code}); the compiler's messages are above. ` +
        'Fix them (or run `npx nest build` to see them again), then run `npm run demo` again.',
    );
  }
  log(`built in ${((Date.now() - started) / 1000).toFixed(1)} s`);
}
