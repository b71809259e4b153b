import { DomainError, type FieldViolation } from '../errors';

/**
 * Limits every request input meets before a DTO sees it (pure functions; the JSON parser and the
 * validation pipe apply them). They keep hostile input from costing the service anything: a body
 * nested thousands of levels deep is refused by a linear scan before it is parsed, and text with
 * NUL bytes (PostgreSQL refuses them in `text`), `null` for a field (leave it out instead),
 * over-long strings and huge arrays are refused with the field named — never a 500.
 */
export const INPUT_LIMITS = {
  /** Objects and arrays nested in a JSON body; the API's deepest DTO needs 4. */
  maxDepth: 32,
  /** Characters of any one string; DTOs set tighter limits (the longest is 5 000). */
  maxStringLength: 20_000,
  /** Elements of any one array. */
  maxArrayItems: 1_000,
  /** Bytes of a request body. */
  maxBodyBytes: 1024 * 1024,
  /**
   * Bytes of the body of a route that takes a file as Base64 in JSON (`FILE_BODY_ROUTE`): a 5 MB
   * file is 6.7 MB of Base64, with room for the other fields.
   */
  maxFileBodyBytes: 7 * 1024 * 1024,
} as const;

/**
 * The route config key of an API route whose JSON body carries a file as Base64
 * (`@RouteConfig({ [FILE_BODY_ROUTE]: true })`): its body may have `maxFileBodyBytes`, and a
 * string field named `contentBase64` is bounded by the file's own rules (its decoded size), not
 * by `maxStringLength`. Every other route keeps the 1 MB body.
 */
export const FILE_BODY_ROUTE = 'jsonFileBody';

/**
 * The nesting depth of a JSON text, counted without parsing it (brackets inside strings are
 * skipped); stops as soon as `limit` is passed. Malformed text is left to the parser.
 */
export function jsonDepthExceeds(text: string, limit: number): boolean {
  let depth = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === 0x5c)
        i++; // backslash: skip the escaped character
      else if (c === 0x22) inString = false;
    } else if (c === 0x22) inString = true;
    else if (c === 0x5b || c === 0x7b) {
      if (++depth > limit) return true;
    } else if (c === 0x5d || c === 0x7d) depth--;
  }
  return false;
}

export const tooDeep = (): DomainError =>
  new DomainError(
    400,
    'VALIDATION_FAILED',
    `The JSON body is nested deeper than ${INPUT_LIMITS.maxDepth} levels`,
    [
      {
        field: 'body',
        rule: 'maxDepth',
        message: `The JSON body is nested deeper than ${INPUT_LIMITS.maxDepth} levels`,
      },
    ],
  );

/**
 * Violations of the input limits in a parsed body, query or path: the first few, each naming
 * the field (`lots[0].title`). `nullAllowed` is false for bodies: a field is given or left out.
 */
export function inputViolations(
  value: unknown,
  root: string,
  nullAllowed: boolean,
): FieldViolation[] {
  const out: FieldViolation[] = [];
  const walk = (v: unknown, field: string, depth: number): void => {
    if (out.length >= 10) return;
    if (v === null) {
      if (!nullAllowed && field !== root)
        out.push({
          field,
          rule: 'notNull',
          message: `${field} may not be null; leave it out instead`,
        });
      return;
    }
    if (typeof v === 'string') {
      if (v.includes('\u0000'))
        out.push({
          field,
          rule: 'noNulCharacter',
          message: `${field} may not contain NUL characters`,
        });
      if (v.length > INPUT_LIMITS.maxStringLength && !/(^|\.)contentBase64$/.test(field))
        out.push({
          field,
          rule: 'maxLength',
          message: `${field} must be at most ${INPUT_LIMITS.maxStringLength} characters`,
        });
      return;
    }
    if (typeof v !== 'object') return;
    // A file of a multipart form (its limits are the upload's own): bytes, not fields.
    if (v instanceof Uint8Array) return;
    if (depth > INPUT_LIMITS.maxDepth) {
      out.push({ field, rule: 'maxDepth', message: `${field} is nested too deeply` });
      return;
    }
    if (Array.isArray(v)) {
      if (v.length > INPUT_LIMITS.maxArrayItems) {
        out.push({
          field,
          rule: 'maxItems',
          message: `${field} may hold at most ${INPUT_LIMITS.maxArrayItems} items`,
        });
        return;
      }
      v.forEach((item, i) => walk(item, `${field}[${i}]`, depth + 1));
      return;
    }
    for (const [key, item] of Object.entries(v as Record<string, unknown>)) {
      if (key.includes('\u0000'))
        out.push({ field, rule: 'noNulCharacter', message: `${field} has a field name with NUL` });
      else walk(item, field === root ? key : `${field}.${key}`, depth + 1);
    }
  };
  walk(value, root, 0);
  return out;
}
