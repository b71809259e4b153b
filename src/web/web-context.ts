import type { Actor } from '../auth';

/**
 * The actor as seen in the chosen working context ("organisationId:ROLE"): the same person with
 * only that membership, so lists show what waits for that role. Rights are never widened; with no
 * context (or one no longer held) the actor is unchanged.
 */
export function inContext(actor: Actor, context: string | null): Actor {
  if (!context) return actor;
  const only = actor.memberships.filter((m) => `${m.organisationId}:${m.role}` === context);
  return only.length > 0 ? { ...actor, memberships: only } : actor;
}
