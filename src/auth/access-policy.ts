import type { Actor } from './actor';
import type { Role } from './roles';

/**
 * The access rules as one pure function: "may this actor do X on Y". Facts about the resource
 * (which organisation leads, which partnerships the actor belongs to) are loaded by
 * AccessPolicyService; the decision itself needs no database and is unit-tested.
 */
export type PolicyRequest =
  | { action: 'user.manage' }
  | { action: 'administration.open' }
  | { action: 'organisation.create' }
  | { action: 'organisation.update'; organisationId: string }
  | { action: 'partnership.create'; leaderOrganisationId: string }
  | { action: 'partnership.manage'; leaderOrganisationId: string }
  | { action: 'audit.read'; lawyerOf: boolean }
  | { action: 'tender.create'; leaderOrganisationId: string }
  | { action: 'tender.view'; tender: TenderFacts }
  | { action: 'tender.manage'; tender: TenderFacts }
  | { action: 'share.declare'; tender: TenderFacts; organisationId: string }
  | { action: 'share.review'; tender: TenderFacts; organisationId: string }
  | { action: 'deadline.manage'; tender: TenderFacts }
  | { action: 'comment.post'; tender: TenderFacts }
  | { action: 'finance.view'; tender: TenderFacts; organisationId: string }
  | { action: 'finance.manage'; tender: TenderFacts; organisationId: string }
  | {
      action: 'document.request';
      tender: TenderFacts;
      lawyerOf: boolean;
      /** A statement of a partner's finance (SETTLEMENT): governed by `finance.view` alone. */
      finance?: { organisationId: string };
    }
  | {
      action: 'document.download';
      tender: TenderFacts;
      lawyerOf: boolean;
      /** The partner of a per-partner document; null for the tender's common documents. */
      organisationId: string | null;
      /** A statement of a partner's finance (SETTLEMENT): governed by `finance.view` alone. */
      finance?: boolean;
    };

/** What the policy needs to know about a tender. */
export interface TenderFacts {
  leaderOrganisationId: string;
  status: string;
  /** Organisations that are members of the partnership now, or hold a share in the tender. */
  participantOrganisationIds: string[];
}

export function hasRole(actor: Actor, organisationId: string, ...roles: Role[]): boolean {
  return actor.memberships.some(
    (m) => m.organisationId === organisationId && roles.includes(m.role),
  );
}

export function hasAnyRole(actor: Actor, ...roles: Role[]): boolean {
  return actor.memberships.some((m) => roles.includes(m.role));
}

/** The leader's procurement officers and treasurer keep the books of the whole tender. */
export function keepsTenderBooks(actor: Actor, tender: TenderFacts): boolean {
  return (
    actor.admin || hasRole(actor, tender.leaderOrganisationId, 'PROCUREMENT_OFFICER', 'TREASURER')
  );
}

export function decide(actor: Actor, request: PolicyRequest): boolean {
  if (actor.admin) return true;
  switch (request.action) {
    case 'user.manage':
    case 'administration.open':
    case 'organisation.create':
      return false;
    case 'organisation.update':
      return hasRole(actor, request.organisationId, 'PROCUREMENT_OFFICER', 'HEAD');
    case 'partnership.create':
    case 'partnership.manage':
      return hasRole(actor, request.leaderOrganisationId, 'PROCUREMENT_OFFICER');
    case 'audit.read':
      return request.lawyerOf;
    case 'tender.create':
      return hasRole(actor, request.leaderOrganisationId, 'PROCUREMENT_OFFICER');
    case 'tender.view': {
      const t = request.tender;
      // Drafts are the leader's working papers; from COLLECTING_SHARES on, every partner sees them.
      if (actor.memberships.some((m) => m.organisationId === t.leaderOrganisationId)) return true;
      return (
        t.status !== 'DRAFT' &&
        actor.memberships.some((m) => t.participantOrganisationIds.includes(m.organisationId))
      );
    }
    case 'share.review':
      // The review page of a share: the partner's own people and the leader's people.
      return (
        actor.memberships.some((m) => m.organisationId === request.organisationId) ||
        actor.memberships.some((m) => m.organisationId === request.tender.leaderOrganisationId)
      );
    case 'tender.manage':
    case 'deadline.manage':
      return hasRole(actor, request.tender.leaderOrganisationId, 'PROCUREMENT_OFFICER');
    case 'comment.post':
      // Who sees the tender takes part in its threads through a role in the leader or a
      // participant; the lawyers read the threads (as they read the trail) but do not post.
      return (
        decide(actor, { action: 'tender.view', tender: request.tender }) &&
        actor.memberships.some(
          (m) =>
            m.role !== 'LAWYER' &&
            (m.organisationId === request.tender.leaderOrganisationId ||
              request.tender.participantOrganisationIds.includes(m.organisationId)),
        )
      );
    case 'share.declare':
      return (
        request.tender.status === 'COLLECTING_SHARES' &&
        request.tender.participantOrganisationIds.includes(request.organisationId) &&
        hasRole(actor, request.organisationId, 'COORDINATOR')
      );
    case 'finance.view':
    case 'finance.manage': {
      // The leader's officers and treasurer keep the books of the whole tender; a partner's own
      // treasurer (and, to read, its head and coordinator) those of that partner only.
      const t = request.tender;
      if (keepsTenderBooks(actor, t)) return true;
      const partner =
        request.organisationId === t.leaderOrganisationId ||
        t.participantOrganisationIds.includes(request.organisationId);
      const roles: Role[] =
        request.action === 'finance.view' ? ['TREASURER', 'HEAD', 'COORDINATOR'] : ['TREASURER'];
      return partner && hasRole(actor, request.organisationId, ...roles);
    }
    case 'document.request':
      // A settlement statement shows a partner's finance: who sees that finance asks for it (the
      // lawyers keep no books, as on the settlement endpoints).
      if (request.finance)
        return decide(actor, {
          action: 'finance.view',
          tender: request.tender,
          organisationId: request.finance.organisationId,
        });
      return (
        request.lawyerOf ||
        hasRole(actor, request.tender.leaderOrganisationId, 'PROCUREMENT_OFFICER')
      );
    case 'document.download':
      // The partnership's lawyers and the leader's officers see every document; a partner's own
      // people (any role) the documents made for that partner. A settlement statement follows the
      // finance rule instead, exactly like the settlement endpoints.
      if (request.finance && request.organisationId !== null)
        return decide(actor, {
          action: 'finance.view',
          tender: request.tender,
          organisationId: request.organisationId,
        });
      if (
        request.lawyerOf ||
        hasRole(actor, request.tender.leaderOrganisationId, 'PROCUREMENT_OFFICER')
      )
        return true;
      return (
        request.organisationId !== null &&
        actor.memberships.some((m) => m.organisationId === request.organisationId)
      );
  }
}

export const POLICY_DENIAL: Record<PolicyRequest['action'], string> = {
  'user.manage': 'Only administrators manage users and role memberships',
  'administration.open': 'Only administrators open the administration pages',
  'organisation.create': 'Only administrators register organisations',
  'organisation.update': "Only the organisation's procurement officer or head may edit it",
  'partnership.create':
    'Only a procurement officer of the leader organisation may create its partnership',
  'partnership.manage': "Only the leader's procurement officers manage the partnership",
  'audit.read': "Only administrators and the partnership's lawyers read the audit trail",
  'tender.create': "Only a procurement officer of the partnership's leader creates its tenders",
  'tender.view': 'The tender is not visible to you',
  'tender.manage': "Only the leader's procurement officers manage the tender",
  'comment.post':
    "Only the people of the leader and of the tender's partners (not their lawyers, who read) post comments",
  'share.declare':
    "Only the organisation's coordinator declares its need, while the tender collects shares",
  'share.review':
    "Only the partner's own people and the leader's people open a share's review page",
  'deadline.manage':
    "Only the leader's procurement officers set and complete the tender's deadlines",
  'finance.view':
    "Only the partner's own treasurer, head and coordinator, and the leader's procurement officers and treasurer, see a partner's finance",
  'finance.manage':
    "Only the partner's own treasurer, and the leader's procurement officers and treasurer, record a partner's finance",
  'document.request':
    "Only the leader's procurement officers and the partnership's lawyers request documents; a settlement statement those who see the partner's finance",
  'document.download':
    "Only the partnership's lawyers and the leader's procurement officers, and a partner's own people for that partner's documents, download documents; a settlement statement only those who see the partner's finance",
};

/**
 * A membership of a partnership in force on a date: joined on or before it and not left before
 * it (the day of leaving still counts). The rule behind "current member" everywhere.
 */
export function isActiveMember(
  m: { joinedOn: string; leftOn: string | null },
  on: string,
): boolean {
  return m.joinedOn <= on && (m.leftOn === null || m.leftOn >= on);
}

/** Audit actions that state a partner's finance (amounts, dates paid, bank references, parts). */
export const FINANCE_EVENT_ACTIONS: readonly string[] = [
  'payment.scheduled',
  'payment.paid',
  'subsidy.settled',
  'subsidy.settlement_cancelled',
  'invoice.recorded',
  'contract.recorded',
];

/**
 * Document kinds made from a partner's finance figures (the settlement statement): who may read
 * one, and the events of one in the tender history, follow `finance.view` of its partner.
 */
export const FINANCE_DOCUMENT_KINDS = ['SETTLEMENT'] as const;

/** What `financeEventView` needs of an audit event. */
export interface FinanceEventLike {
  action: string;
  entityId: string | null;
  organisationId: string | null;
  data: Record<string, unknown> | null;
}

/**
 * `finance.view` applied to one event of a tender's history: the event as the reader may see it,
 * or null when it must be left out. A payment's, subsidy's or contract's event belongs to the
 * partner it concerns (as in the payment and contract lists); an invoice is shown to whoever sees
 * the addressee or one of its parts, with only the parts the reader sees (as in the invoice list).
 * `financeRecords` maps the ids of the tender's payment deadlines and finance documents (a
 * partner's settlement statement) to their partner: the events of such a deadline or document
 * belong to that partner (as in the deadline and document lists), and a bundle download lists
 * only the documents the reader sees. Every other event is not finance and passes unchanged.
 */
export function financeEventView<E extends FinanceEventLike>(
  event: E,
  canSee: (organisationId: string) => boolean,
  financeRecords: ReadonlyMap<string, string>,
): E | null {
  const visible = (id: unknown) => {
    const owner = typeof id === 'string' ? financeRecords.get(id) : undefined;
    return owner === undefined || canSee(owner);
  };
  if (event.action.startsWith('deadline.') || event.action.startsWith('document.')) {
    if (!visible(event.entityId)) return null;
    const listed = event.data?.documents;
    if (event.action !== 'document.bundle_downloaded' || !Array.isArray(listed)) return event;
    const seen = (listed as { id?: unknown }[]).filter((d) => visible(d.id));
    return seen.length === listed.length
      ? event
      : { ...event, data: { ...event.data, documents: seen } };
  }
  if (!FINANCE_EVENT_ACTIONS.includes(event.action)) return event;
  const own = event.organisationId !== null && canSee(event.organisationId);
  if (event.action !== 'invoice.recorded') return own ? event : null;
  const parts = Array.isArray(event.data?.allocations)
    ? (event.data.allocations as { organisationId?: unknown }[])
    : [];
  const seen = parts.filter(
    (p) => typeof p.organisationId === 'string' && canSee(p.organisationId),
  );
  if (!own && seen.length === 0) return null;
  return seen.length === parts.length
    ? event
    : { ...event, data: { ...event.data, allocations: seen } };
}

export { policySql } from './access-policy-sql';
