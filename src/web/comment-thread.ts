import type { CommentThreadView, CommentView } from '../comments';
import { DomainError, type FieldViolation } from '../common/errors';
import type { FieldErrorView } from './web-pages.service';

/** Where a thread's form posts and what its object is called on the page ("postępowanie"). */
export interface ThreadPlace {
  /** The form's action: POST adds a comment. */
  action: string;
  /** What the object is, in the hint: "to postępowanie", "ten udział". */
  object: string;
}

const LABEL = 'Treść komentarza';

/**
 * A thread as the partial `comments` shows it: each comment with its author, organisation and
 * time in text, "poprawiono" with the earlier versions, "komentarz wycofany" with its time. The
 * text stays plain: the template escapes it (no HTML of a comment is ever rendered).
 */
export function threadModel(
  thread: CommentThreadView,
  place: ThreadPlace,
  form: { body?: string; errors?: FieldErrorView[] } = {},
) {
  return {
    action: place.action,
    object: place.object,
    mayPost: thread.mayPost,
    count: thread.total,
    body: form.body ?? '',
    error: form.errors?.find((e) => e.field === 'body')?.message,
    items: thread.items.map((c) => commentModel(c)),
  };
}

function commentModel(c: CommentView) {
  return {
    id: c.id,
    anchor: `komentarz-${c.id}`,
    author: c.authorName,
    organisation: c.organisationName,
    createdAt: c.createdAt,
    withdrawn: c.status === 'WITHDRAWN',
    withdrawnAt: c.withdrawnAt,
    corrected: c.revisions.some((r) => r.action === 'CORRECTED'),
    correctedAt: [...c.revisions].reverse().find((r) => r.action === 'CORRECTED')?.at ?? null,
    body: c.body,
    earlier: c.revisions
      .filter((r) => r.body !== null && r.version < lastTextVersion(c))
      .map((r) => ({ at: r.at, body: r.body })),
    mayChange: c.allowedActions.includes('correct'),
    version: c.version,
  };
}

const lastTextVersion = (c: CommentView): number =>
  c.status === 'WITHDRAWN'
    ? Number.POSITIVE_INFINITY
    : Math.max(...c.revisions.filter((r) => r.body !== null).map((r) => r.version));

/** The comment form's Polish errors: the DTO's rules (length) and the service's (mentions). */
export function commentErrors(source: readonly FieldViolation[] | DomainError): FieldErrorView[] {
  if (source instanceof DomainError) {
    const unknown = stringsOf(source.details?.unknown);
    const ambiguous = stringsOf(source.details?.ambiguous);
    const out: FieldErrorView[] = [
      ...unknown.map((h) =>
        bodyError(
          `@${h} nie jest osobą, która widzi ten wątek. Wspomnieć można tylko osoby, które go widzą.`,
        ),
      ),
      ...ambiguous.map((h) =>
        bodyError(
          `@${h} pasuje do kilku osób. Wpisz pełny adres e-mail, np. @${h}@nazwa-urzedu.pl.`,
        ),
      ),
    ];
    return out.length > 0 ? out : [bodyError(source.message)];
  }
  return source.length > 0 ? [bodyError('Wpisz treść komentarza: od 1 do 4000 znaków.')] : [];
}

const bodyError = (message: string): FieldErrorView => ({ field: 'body', label: LABEL, message });

const stringsOf = (v: unknown): string[] =>
  Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : [];
