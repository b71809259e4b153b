import type { FastifyReply } from 'fastify';
import { DomainError, type FieldViolation } from '../common/errors';
import { validateAs } from './web-validate';

/** A POST → 303 → GET: where the next GET goes and its message (none: the page says enough). */
export interface Landing {
  to: string;
  text?: string;
  kind?: 'success' | 'info' | 'error';
}

/** Instead of the 303: the page a step shows that records nothing yet (a review, a preview). */
export interface Shown {
  show: () => Promise<FastifyReply>;
}

/**
 * One form's way through, the same on every page: the posted fields are checked with the API's
 * DTO, then the service records them; a refusal of either shows the form again (422) with the
 * error summary, success goes on with POST → 303 → GET and a message. `E` is what the page shows
 * as its errors (its Polish field errors, or the violations its page turns into them).
 */
export interface FormSubmission<T extends object, R, E> {
  dto: new () => T;
  /** The DTO's plain input, from the posted fields. */
  input: Record<string, unknown>;
  /**
   * The page's own rules besides the DTO's (a field the DTO does not hold, a rule of the chain):
   * the violations to go on with, the DTO's among them. Default: the DTO's alone.
   */
  check?: (value: T, violations: FieldViolation[]) => FieldViolation[] | Promise<FieldViolation[]>;
  /** The DTO's violations as the page's errors; null goes on to `run` (a violation it ignores). */
  invalid: (violations: FieldViolation[]) => E | null;
  run: (value: T) => Promise<R>;
  /**
   * The service's refusal as the page's errors; null: not a refusal of the input, rethrown
   * (the error page, or the notice the web exception filter shows). Default: none is.
   */
  refused?: (err: unknown) => E | null | Promise<E | null>;
  /** The form again with its errors (422). */
  again: (errors: E) => Promise<FastifyReply>;
  /**
   * A refusal that lands (303) on the page of the current state with a notice (kind `info`
   * unless said), not the form again: a step someone took first. Asked after `refused`.
   */
  lands?: (err: unknown) => Landing | null | Promise<Landing | null>;
  /** A change made for an older state (409) lands here with a notice instead of an error page. */
  stale?: (err: DomainError) => { to: string; text: string } | null;
  /** Where the next GET goes (303) and the message it shows; or the page shown instead. */
  done: (result: R, value: T) => Landing | Shown;
}

export type Redirect = (
  to: string,
  kind: 'success' | 'info' | 'error',
  text: string | undefined,
) => Promise<FastifyReply>;

/** Runs a `FormSubmission`; `redirect` is the page's POST → 303 → GET with a message. */
export async function submitForm<T extends object, R, E>(
  redirect: Redirect,
  s: FormSubmission<T, R, E>,
): Promise<FastifyReply> {
  const checked = await validateAs(s.dto, s.input);
  const { value } = checked;
  const violations = s.check ? await s.check(value, checked.violations) : checked.violations;
  if (violations.length > 0) {
    const errors = s.invalid(violations);
    if (errors !== null) return s.again(errors);
  }
  let result: R;
  try {
    result = await s.run(value);
  } catch (err) {
    const errors = s.refused ? await s.refused(err) : null;
    if (errors !== null) return s.again(errors);
    const landed = s.lands ? await s.lands(err) : null;
    if (landed) return redirect(landed.to, landed.kind ?? 'info', landed.text);
    const landing = err instanceof DomainError && err.status === 409 ? s.stale?.(err) : null;
    if (landing) return redirect(landing.to, 'info', landing.text);
    throw err;
  }
  const next = s.done(result, value);
  if ('show' in next) return next.show();
  return redirect(next.to, next.kind ?? 'success', next.text);
}
