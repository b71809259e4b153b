import type { Json, JsonObject, OcdsRelease } from './ocds-releases';

/**
 * The OCDS merge routine (standard 1.1, "Merging"): releases in date order, later values win;
 * objects merge field by field; arrays of objects with an `id` merge by that id (identifier
 * merge); other arrays are replaced whole; a null removes the field.
 */
export function compileReleases(ocid: string, releases: OcdsRelease[]): OcdsRelease {
  const sorted = [...releases].sort((a, b) => a.date.localeCompare(b.date));
  let merged: JsonObject = {};
  for (const r of sorted) {
    const { id: _id, tag: _tag, ...rest } = r;
    merged = mergeObject(merged, rest);
  }
  const last = sorted[sorted.length - 1];
  return {
    ...merged,
    ocid,
    id: `${ocid}-compiled-${last ? last.id.slice(ocid.length + 1) : 'empty'}`,
    date: last?.date ?? new Date(0).toISOString(),
    tag: ['compiled'],
  };
}

const isObject = (v: Json | undefined): v is JsonObject =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

const identified = (a: Json[]): a is JsonObject[] =>
  a.length > 0 && a.every((x) => isObject(x) && typeof x.id === 'string');

function mergeObject(into: JsonObject, from: JsonObject): JsonObject {
  const out: JsonObject = { ...into };
  for (const [key, value] of Object.entries(from)) {
    if (value === null) {
      delete out[key];
      continue;
    }
    const prior = out[key];
    if (isObject(value) && isObject(prior)) out[key] = mergeObject(prior, value);
    else if (Array.isArray(value) && Array.isArray(prior) && identified(value) && identified(prior))
      out[key] = mergeById(prior, value);
    else out[key] = value;
  }
  return out;
}

function mergeById(into: JsonObject[], from: JsonObject[]): JsonObject[] {
  const out = [...into];
  for (const item of from) {
    const i = out.findIndex((x) => x.id === item.id);
    if (i < 0) out.push(item);
    else out[i] = mergeObject(out[i], item);
  }
  return out;
}
