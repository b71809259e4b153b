import type { FastifyReply } from 'fastify';
import { DomainError, type FieldViolation } from '../common/errors';
import { validateAs } from './web-validate';

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
  /** The DTO's violations as the page's errors; null goes on to `run` (a violation it ignores). */
  invalid: (violations: FieldViolation[]) => E | null;
  run: (value: T) => Promise<R>;
  /**
   * The service's refusal as the page's errors; null: not a refusal of the input, rethrown
   * (the error page, or the notice the web exception filter shows). Default: none is.
   */
  refused?: (err: unknown) => E | null;
  /** The form again with its errors (422). */
  again: (errors: E) => Promise<FastifyReply>;
  /** A change made for an older state (409) lands here with a notice instead of an error page. */
  stale?: (err: DomainError) => { to: string; text: string } | null;
  /** Where the next GET goes (303) and the message it shows. */
  done: (result: R, value: T) => { to: string; text: string };
}

export type Redirect = (to: string, kind: 'success' | 'info', text: string) => Promise<FastifyReply>;

/** Runs a `FormSubmission`; `redirect` is the page's POST → 303 → GET with a message. */
export async function submitForm<T extends object, R, E>(
  redirect: Redirect,
  s: FormSubmission<T, R, E>,
): Promise<FastifyReply> {
  const { value, violations } = await validateAs(s.dto, s.input);
  if (violations.length > 0) {
    const errors = s.invalid(violations);
    if (errors !== null) return s.again(errors);
  }
  let result: R;
  try {
    result = await s.run(value);
  } catch (err) {
    const errors = s.refused ? s.refused(err) : null;
    if (errors !== null) return s.again(errors);
    const landing = err instanceof DomainError && err.status === 409 ? s.stale?.(err) : null;
    if (landing) return redirect(landing.to, 'info', landing.text);
    throw err;
  }
  const { to, text } = s.done(result, value);
  return redirect(to, 'success', text);
}
