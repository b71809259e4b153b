/**
 * `@mentions` in a comment's plain text (pure). A mention is `@` at the start or after a space or
 * punctuation, followed by a person's full e-mail (`@jan.nowak@liszki.pl`) or its local part
 * (`@jan.nowak`) — users are identified by their e-mail in `src/auth`. An address written inside
 * the text (`pisz na biuro@gmina.pl`) is not a mention: its `@` follows a letter.
 */
const MENTION =
  /(^|[^\p{L}\p{N}_.%+@-])@([\p{L}\p{N}._%+-]+(?:@[\p{L}\p{N}-]+(?:\.[\p{L}\p{N}-]+)+)?)/gu;

/** The mentioned handles, lower-cased, each once, in the order written (trailing dots dropped). */
export function parseMentions(body: string): string[] {
  const out: string[] = [];
  for (const m of body.matchAll(MENTION)) {
    const handle = m[2].replace(/\.+$/, '').toLowerCase();
    if (handle.length > 0 && !out.includes(handle)) out.push(handle);
  }
  return out;
}

export interface MentionCandidate {
  userId: string;
  email: string;
  displayName: string;
}

export interface MentionMatch {
  found: MentionCandidate[];
  /** Handles that name nobody among the candidates (nobody who sees the object). */
  unknown: string[];
  /** Local parts shared by several candidates: the full e-mail is needed. */
  ambiguous: string[];
}

/**
 * Matches handles against the people who see the object only: a handle of anyone else is
 * `unknown`, whether or not such a user exists, so a mention reveals nothing beyond the thread.
 */
export function matchMentions(handles: string[], candidates: MentionCandidate[]): MentionMatch {
  const out: MentionMatch = { found: [], unknown: [], ambiguous: [] };
  for (const handle of handles) {
    const hits = handle.includes('@')
      ? candidates.filter((c) => c.email.toLowerCase() === handle)
      : candidates.filter((c) => c.email.toLowerCase().split('@')[0] === handle);
    if (hits.length === 0) out.unknown.push(handle);
    else if (hits.length > 1) out.ambiguous.push(handle);
    else if (!out.found.some((f) => f.userId === hits[0].userId)) out.found.push(hits[0]);
  }
  return out;
}
