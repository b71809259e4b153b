import { NOTIFICATION_KINDS, type NotificationKind } from '../common/vocabulary';

/** What a person chose about e-mail copies: all off, or off for some kinds of notification. */
export interface EmailPreference {
  emailOptOut: boolean;
  emailOptOutKinds: readonly string[];
}

/**
 * The one rule for whether a notification of `kind` is also e-mailed: the queue (when it is
 * written) and the sender (when it goes out) both ask it, so a choice made in between counts.
 */
export function wantsEmail(pref: EmailPreference, kind: string): boolean {
  return !pref.emailOptOut && !pref.emailOptOutKinds.includes(kind);
}

/** Known kinds only, each once, in the vocabulary's order (what is stored and shown). */
export function normaliseOptOutKinds(kinds: readonly string[]): NotificationKind[] {
  return NOTIFICATION_KINDS.filter((k) => kinds.includes(k));
}
