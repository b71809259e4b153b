import { readFileSync } from 'node:fs';
import { join } from 'node:path';

/**
 * CPV 2008 codes (`45000000-7`). The published check-digit formula does not reproduce the official
 * digits, so a code is valid only if it is in the official list (data/cpv2008.json, see
 * data/PROVENANCE.md).
 */

const CPV_FORMAT = /^\d{8}-\d$/;

let cpvLabels: ReadonlyMap<string, string> | undefined;

/**
 * Read once, on first use: the list is ~600 kB and most processes (e.g. the worker) never need it.
 * Resolved against __dirname so the same code finds the file in `src/` (ts-node, jest) and in
 * `dist/` (nest build copies `common/identifiers/data/**` as assets).
 */
function labels(): ReadonlyMap<string, string> {
  if (cpvLabels === undefined) {
    const raw: unknown = JSON.parse(readFileSync(join(__dirname, 'data', 'cpv2008.json'), 'utf8'));
    if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) {
      throw new Error('data/cpv2008.json must be an object of code → label');
    }
    const map = new Map<string, string>();
    for (const [code, label] of Object.entries(raw)) {
      if (!CPV_FORMAT.test(code) || typeof label !== 'string') {
        throw new Error(`data/cpv2008.json has a malformed entry: ${code}`);
      }
      map.set(code, label);
    }
    cpvLabels = map;
  }
  return cpvLabels;
}

/** True for a code in the format `NNNNNNNN-C` that is in the CPV 2008 main vocabulary. */
export function isValidCpv(code: unknown): boolean {
  return typeof code === 'string' && CPV_FORMAT.test(code) && labels().has(code);
}

/** The official English label of a CPV 2008 code, or undefined for an unknown code. */
export function cpvLabel(code: string): string | undefined {
  return CPV_FORMAT.test(code) ? labels().get(code) : undefined;
}

/** How many codes the list holds; lets callers and tests check the data file is complete. */
export function cpvCodeCount(): number {
  return labels().size;
}

/**
 * Codes of the list matching a query: a code's digits from the start ("4523" or "45233140-2"),
 * or every word of the query in the label (case-insensitive); the list's order, at most `limit`.
 */
export function searchCpv(query: string, limit = 20): { code: string; label: string }[] {
  const q = query.trim().toLowerCase();
  if (q.length === 0) return [];
  const digits = /^[\d-]+$/.test(q) ? q : null;
  const words = q.split(/\s+/);
  const out: { code: string; label: string }[] = [];
  for (const [code, label] of labels()) {
    const hit = digits
      ? code.startsWith(digits)
      : words.every((w) => label.toLowerCase().includes(w));
    if (hit) out.push({ code, label });
    if (out.length >= limit) break;
  }
  return out;
}
