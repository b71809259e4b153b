/** Child processes, pid files and scratch folders of the project-local servers (tooling only). */
import { spawn } from 'node:child_process';
import * as fs from 'node:fs';
import { tmpdir } from 'node:os';
import { delimiter, join } from 'node:path';
import { errorText } from './service-clients';

// ---------------------------------------------------------------------------------------------
// Processes and files.

export interface RunResult {
  code: number | null;
  output: string;
}

export interface RunOptions {
  uid?: number;
  gid?: number;
  cwd?: string;
  /** A new session, so that Ctrl-C in the terminal does not reach the server it starts. */
  detached?: boolean;
  timeoutMs?: number;
}

export function run(cmd: string, args: string[], opts: RunOptions = {}): Promise<RunResult> {
  return new Promise((resolve) => {
    let output = '';
    const child = spawn(cmd, args, {
      cwd: opts.cwd,
      uid: opts.uid,
      gid: opts.gid,
      detached: opts.detached ?? false,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const timer = opts.timeoutMs
      ? setTimeout(() => child.kill('SIGKILL'), opts.timeoutMs).unref()
      : undefined;
    const collect = (chunk: Buffer): void => {
      output += chunk.toString('utf8');
    };
    child.stdout.on('data', collect);
    child.stderr.on('data', collect);
    child.once('error', (err) => {
      if (timer) clearTimeout(timer);
      resolve({ code: null, output: `${output}${errorText(err)}\n` });
    });
    child.once('close', (code) => {
      if (timer) clearTimeout(timer);
      resolve({ code, output });
    });
  });
}

export function shQuote(s: string): string {
  return /^[A-Za-z0-9_./:=@%+-]+$/.test(s) ? s : `'${s.replace(/'/g, `'\\''`)}'`;
}

export function commandLine(cmd: string, args: string[]): string {
  return [cmd, ...args].map(shQuote).join(' ');
}

export function tail(text: string, lines = 25): string {
  const all = text.trimEnd().split('\n');
  return all
    .slice(-lines)
    .map((l) => `    ${l}`)
    .join('\n');
}

export function isExecutableFile(path: string): boolean {
  try {
    fs.accessSync(path, fs.constants.X_OK);
    return fs.statSync(path).isFile();
  } catch {
    return false;
  }
}

export function which(cmd: string): string | undefined {
  for (const dir of (process.env.PATH ?? '').split(delimiter)) {
    if (dir && isExecutableFile(join(dir, cmd))) return join(dir, cmd);
  }
  return undefined;
}

export function isRoot(): boolean {
  return typeof process.getuid === 'function' && process.getuid() === 0;
}

export function pidAlive(pid: number): boolean {
  if (!Number.isInteger(pid) || pid <= 0) return false;
  try {
    process.kill(pid, 0);
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
  // A daemon that exited stays a zombie until init reaps it, which in containers may take seconds.
  try {
    const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
    return stat.slice(stat.lastIndexOf(')') + 2, stat.lastIndexOf(')') + 3) !== 'Z';
  } catch {
    return true;
  }
}

export function readInt(path: string, line = 0): number | undefined {
  try {
    const n = Number(fs.readFileSync(path, 'utf8').split('\n')[line]?.trim());
    return Number.isInteger(n) && n > 0 ? n : undefined;
  } catch {
    return undefined;
  }
}

export const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

export async function waitFor(
  check: () => Promise<boolean> | boolean,
  timeoutMs: number,
): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (await check()) return true;
    if (Date.now() > deadline) return false;
    await sleep(50);
  }
}

export const OWNER_FILE = 'owner.pid';

/**
 * A fresh temp dir (`<tmp>/<prefix>XXXXXX`) that records which process owns it, so that a later
 * run can reap servers left behind by a process that was killed (see reapOrphanedLocalServices).
 */
export function makeScratchDir(prefix = 'wspolnie-test-'): string {
  const dir = fs.mkdtempSync(join(tmpdir(), prefix));
  fs.writeFileSync(join(dir, OWNER_FILE), `${process.pid}\n`);
  return dir;
}

/** The pid recorded as owner of `dataDir` when that process is still alive and is not us. */
export function otherLiveOwner(dataDir: string): number | undefined {
  const pid = readInt(join(dataDir, OWNER_FILE));
  return pid !== undefined && pid !== process.pid && pidAlive(pid) ? pid : undefined;
}

export function claimOwnership(dataDir: string): void {
  fs.writeFileSync(join(dataDir, OWNER_FILE), `${process.pid}\n`);
}

export function releaseOwnership(dataDir: string): void {
  if (readInt(join(dataDir, OWNER_FILE)) === process.pid) {
    fs.rmSync(join(dataDir, OWNER_FILE), { force: true });
  }
}
