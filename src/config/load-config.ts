import { readFileSync, existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { AppConfig } from './app-config';
import { validateEnvironment } from './env.schema';

let cached: AppConfig | undefined;

/** Parses a dotenv file (KEY=VALUE lines, # comments, optional quotes); real environment wins. */
function readDotEnv(path: string): Record<string, string> {
  if (!existsSync(path)) return {};
  const out: Record<string, string> = {};
  for (const line of readFileSync(path, 'utf8').split(/\r?\n/)) {
    const m = /^\s*([A-Za-z_][A-Za-z0-9_]*)\s*=\s*(.*)\s*$/.exec(line);
    if (!m || line.trimStart().startsWith('#')) continue;
    out[m[1]] = m[2].replace(/^(['"])(.*)\1$/, '$2');
  }
  return out;
}

/**
 * Reads the configuration once per process: `.env` (if present) overlaid by the real environment,
 * validated as a whole. The only place that reads process.env.
 */
export function loadConfig(env: NodeJS.ProcessEnv = process.env, reload = false): AppConfig {
  if (cached && !reload && env === process.env) return cached;
  const fromFile = env.NODE_ENV === 'test' ? {} : readDotEnv(resolve(process.cwd(), '.env'));
  const config = new AppConfig(validateEnvironment({ ...fromFile, ...env }));
  if (env === process.env) cached = config;
  return config;
}
