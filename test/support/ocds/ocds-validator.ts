import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import Ajv, { type ErrorObject } from 'ajv-draft-04';
import addFormats from 'ajv-formats';

/**
 * OCDS 1.1.5 validation as the standard's own tools do it: JSON Schema draft 4 (the release
 * package schema and the release schema patched with the lots and contract_buyer extensions),
 * closed codelists checked against their CSV files, open ones reported when a code is unknown,
 * ids unique within every array, and the ocid starting with a registered prefix.
 */
const DIR = join(__dirname, 'schema');
const RELEASE_ID = 'https://standard.open-contracting.org/schema/1__1__5/release-schema.json';

type Json = null | boolean | number | string | Json[] | { [k: string]: Json };
const read = (p: string): Record<string, Json> => JSON.parse(readFileSync(join(DIR, p), 'utf8'));

/** JSON Merge Patch (RFC 7386), how OCDS applies an extension to the schema. */
function mergePatch(target: Json, patch: Json): Json {
  if (typeof patch !== 'object' || patch === null || Array.isArray(patch)) return patch;
  const out: Record<string, Json> =
    typeof target === 'object' && target !== null && !Array.isArray(target) ? { ...target } : {};
  for (const [k, v] of Object.entries(patch)) {
    if (v === null) delete out[k];
    else out[k] = mergePatch(out[k], v);
  }
  return out;
}

function codes(file: string): Set<string> {
  const lines = readFileSync(file, 'utf8').split(/\r?\n/).slice(1);
  return new Set(lines.filter((l) => l.trim()).map((l) => l.split(',')[0].replace(/^"|"$/g, '')));
}

const CODELISTS = new Map<string, Set<string>>();
for (const f of readdirSync(join(DIR, 'codelists')))
  CODELISTS.set(f, codes(join(DIR, 'codelists', f)));
// The EU profile adds party roles (leadBuyer) to the open partyRole codelist.
for (const c of codes(join(DIR, 'eu-profile', 'codelists', 'partyRole.csv')))
  CODELISTS.get('partyRole.csv')?.add(c);

export interface OcdsReport {
  errors: string[];
  /** Codes outside an open codelist: allowed by the standard, worth a look. */
  warnings: string[];
}

let collected: OcdsReport = { errors: [], warnings: [] };

function buildAjv() {
  const ajv = new Ajv({ strict: false, allErrors: true });
  addFormats(ajv);
  for (const keyword of [
    'openCodelist',
    'deprecated',
    'omitWhenMerged',
    'wholeListMerge',
    'versionId',
  ])
    ajv.addKeyword({ keyword });
  ajv.addKeyword({
    keyword: 'codelist',
    schemaType: 'string',
    validate: (
      file: string,
      data: unknown,
      parent?: { openCodelist?: boolean },
      ctx?: { instancePath: string },
    ) => {
      const list = CODELISTS.get(file);
      if (!list) throw new Error(`codelist ${file} is not in the repository`);
      const values = Array.isArray(data) ? data : [data];
      for (const v of values) {
        if (v === null || v === undefined || list.has(String(v))) continue;
        const at = ctx?.instancePath ?? '';
        if (parent?.openCodelist)
          collected.warnings.push(`${at}: "${String(v)}" is not in the open codelist ${file}`);
        else collected.errors.push(`${at}: "${String(v)}" is not in the closed codelist ${file}`);
      }
      return true;
    },
  });
  let release = read('release-schema.json') as Json;
  release = mergePatch(release, read('extensions/lots/release-schema.v1.1.5.json'));
  release = mergePatch(release, read('extensions/contract_buyer/release-schema.json'));
  ajv.addSchema(release as object, RELEASE_ID);
  return {
    pkg: ajv.compile(read('release-package-schema.json')),
    release: ajv.getSchema(RELEASE_ID)!,
  };
}

const compiled = buildAjv();

const describe = (errors: ErrorObject[] | null | undefined, where = ''): string[] =>
  (errors ?? []).map(
    (e) =>
      `${where}${e.instancePath || '/'}: ${e.message ?? e.keyword}${e.params ? ` ${JSON.stringify(e.params)}` : ''}`,
  );

/** Ids unique within every array of objects that have an `id` (the standard validator's check). */
function uniqueIds(data: Json, path: string, out: string[]): void {
  if (Array.isArray(data)) {
    const seen = new Set<string>();
    data.forEach((item, i) => {
      if (item && typeof item === 'object' && !Array.isArray(item) && 'id' in item) {
        const id = str(item.id);
        if (seen.has(id)) out.push(`${path}/${i}/id: "${id}" is used twice in ${path}`);
        seen.add(id);
      }
      uniqueIds(item, `${path}/${i}`, out);
    });
  } else if (data && typeof data === 'object') {
    for (const [k, v] of Object.entries(data)) uniqueIds(v, `${path}/${k}`, out);
  }
}

const OCID = /^ocds-[a-z0-9]{6}-/;
const str = (v: Json | undefined): string => (typeof v === 'string' ? v : JSON.stringify(v ?? ''));

function releaseChecks(release: Record<string, Json>, where: string, report: OcdsReport): void {
  const ocid = str(release.ocid);
  if (!OCID.test(ocid))
    report.errors.push(
      `${where}/ocid: "${ocid}" does not start with a registered prefix (ocds-xxxxxx-)`,
    );
  uniqueIds(release, where, report.errors);
}

/** Validates a release package; `errors` empty means valid. */
export function validateReleasePackage(pkg: unknown): OcdsReport {
  collected = { errors: [], warnings: [] };
  const ok = compiled.pkg(pkg);
  const report = collected;
  if (!ok) report.errors.push(...describe(compiled.pkg.errors));
  const releases = (pkg as { releases?: Record<string, Json>[] }).releases ?? [];
  const ids = new Set<string>();
  releases.forEach((r, i) => {
    releaseChecks(r, `/releases/${i}`, report);
    const key = `${str(r.ocid)} ${str(r.id)}`;
    if (ids.has(key))
      report.errors.push(`/releases/${i}/id: release id ${str(r.id)} is used twice`);
    ids.add(key);
  });
  return report;
}

/** Validates a record package: its structure, then every release and compiled release. */
export function validateRecordPackage(pkg: unknown): OcdsReport {
  const report: OcdsReport = { errors: [], warnings: [] };
  const p = pkg as Record<string, Json>;
  for (const field of ['uri', 'publisher', 'publishedDate', 'records', 'version'])
    if (!(field in p)) report.errors.push(`/: missing required ${field}`);
  const records = Array.isArray(p.records) ? (p.records as Record<string, Json>[]) : [];
  if (records.length === 0) report.errors.push('/records: at least one record');
  records.forEach((rec, i) => {
    const where = `/records/${i}`;
    if (typeof rec.ocid !== 'string') report.errors.push(`${where}/ocid: required string`);
    const list = [
      ...((Array.isArray(rec.releases) ? rec.releases : []) as Record<string, Json>[]).map(
        (r, j) => [r, `${where}/releases/${j}`] as const,
      ),
      ...(rec.compiledRelease
        ? [[rec.compiledRelease as Record<string, Json>, `${where}/compiledRelease`] as const]
        : []),
    ];
    if (!Array.isArray(rec.releases) || rec.releases.length === 0)
      report.errors.push(`${where}/releases: at least one release`);
    for (const [r, at] of list) {
      collected = { errors: [], warnings: [] };
      if (!compiled.release(r)) report.errors.push(...describe(compiled.release.errors, at));
      report.errors.push(...collected.errors.map((e) => `${at}${e}`));
      report.warnings.push(...collected.warnings.map((e) => `${at}${e}`));
      releaseChecks(r, at, report);
      if (r.ocid !== rec.ocid) report.errors.push(`${at}/ocid: differs from the record's ocid`);
    }
  });
  return report;
}
