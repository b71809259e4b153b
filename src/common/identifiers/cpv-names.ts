/**
 * The Polish names of a tender's CPV codes (issue 11): the officer gives the Polish name of the
 * main code and of each additional code; the documents print "kod – polska nazwa" and never the
 * English labels of the search list. Stored as code → name, so a code that stays keeps its name
 * when the list is reordered, and a code that is dropped takes its name with it.
 */
import { fieldError } from '../errors';

export const CPV_NAME_MIN = 3;
export const CPV_NAME_MAX = 400;

export interface CpvCodes {
  cpvMain: string;
  cpvAdditional: string[];
}

export interface CpvNamesGiven {
  /** The Polish name of `cpvMain`. */
  cpvMainName?: string;
  /** The Polish names of `cpvAdditional`, in its order (one per code). */
  cpvAdditionalNames?: string[];
}

/**
 * The stored names after a create or an update: the names given (for the codes as they will be)
 * over the names stored before, kept only for the tender's codes. 400 `cpvAdditionalNames`
 * `oneNamePerCode` when the names do not pair one to one with the additional codes.
 */
export function cpvNamesAfter(
  codes: CpvCodes,
  given: CpvNamesGiven,
  before: Readonly<Record<string, string>> = {},
): Record<string, string> {
  const names: Record<string, string> = {};
  const all = [codes.cpvMain, ...codes.cpvAdditional];
  for (const code of all) if (before[code]) names[code] = before[code];
  if (given.cpvMainName !== undefined) names[codes.cpvMain] = given.cpvMainName.trim();
  if (given.cpvAdditionalNames !== undefined) {
    if (given.cpvAdditionalNames.length !== codes.cpvAdditional.length)
      throw fieldError(
        'cpvAdditionalNames',
        'oneNamePerCode',
        `cpvAdditionalNames must give one Polish name per additional CPV code, in the order of cpvAdditional (${codes.cpvAdditional.length} code(s), ${given.cpvAdditionalNames.length} name(s))`,
      );
    codes.cpvAdditional.forEach((code, i) => {
      names[code] = (given.cpvAdditionalNames as string[])[i].trim();
    });
  }
  // Sorted as PostgreSQL keeps a jsonb object's keys (all codes are 10 characters long).
  return Object.fromEntries(Object.entries(names).sort(([a], [b]) => (a < b ? -1 : 1)));
}

/** The tender's codes whose Polish name is not given yet, the main code first. */
export function cpvCodesWithoutName(
  t: CpvCodes & { cpvNamesPl: Readonly<Record<string, string>> | null },
): string[] {
  return [t.cpvMain, ...t.cpvAdditional].filter((code) => !t.cpvNamesPl?.[code]?.trim());
}

/** The condition a transition or a document states when names are missing (web-conditions.ts). */
export function cpvNamesMissing(codes: readonly string[]): string {
  return `the Polish name of CPV code(s) ${codes.join(', ')} is missing: give cpvMainName and cpvAdditionalNames (PATCH /tenders/:id)`;
}
