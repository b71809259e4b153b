import type { EntityManager } from 'typeorm';
import type { Actor } from '../auth';
import { recordAudit } from '../audit';
import { conflict, unprocessable } from '../common/errors';
import type { Organisation } from '../organisations';
import { PartnershipMember } from './partnership-member.entity';
import { Partnership } from './partnership.entity';

/**
 * Opens a membership period (the partnership row is locked by the caller): refused while the
 * organisation is a member, or when the day falls within its previous period. Audited as
 * `partnership.member_joined`, with the invitation it came from.
 */
export async function openMembership(
  manager: EntityManager,
  actor: Actor,
  p: Partnership,
  org: Organisation,
  joinedOn: string,
  invitationId: string | null,
): Promise<void> {
  const periods = await manager.getRepository(PartnershipMember).find({
    where: { partnershipId: p.id, organisationId: org.id },
    order: { joinedOn: 'DESC' },
  });
  assertMayJoin(p, org, periods, joinedOn);
  await manager.insert(PartnershipMember, {
    partnershipId: p.id,
    organisationId: org.id,
    joinedOn,
    invitationId,
  });
  await manager.update(Partnership, p.id, { version: p.version + 1 });
  await recordAudit(manager, actor, {
    action: 'partnership.member_joined',
    entityType: 'partnership',
    entityId: p.id,
    partnershipId: p.id,
    organisationId: org.id,
    data: {
      organisationId: org.id,
      organisationName: org.name,
      joinedOn,
      ...(invitationId ? { invitationId } : {}),
    },
  });
}

/** The rules a new membership period must pass (also checked before an invitation is sent). */
export function assertMayJoin(
  p: Partnership,
  org: Organisation,
  periods: PartnershipMember[],
  joinedOn: string,
): void {
  const open = periods.find((m) => m.leftOn === null);
  if (open) {
    throw conflict(
      'PARTNERSHIP_ALREADY_MEMBER',
      `${org.name} is already a member (since ${open.joinedOn})`,
      {
        errors: [
          {
            field: 'organisationId',
            rule: 'notMember',
            message: `${org.name} is already a member of ${p.name}`,
          },
        ],
      },
    );
  }
  const last = periods[0];
  if (last?.leftOn && joinedOn <= last.leftOn) {
    throw unprocessable(
      'PARTNERSHIP_MEMBERSHIP_OVERLAP',
      `joinedOn must be after ${org.name}'s previous membership ended on ${last.leftOn}`,
      {
        errors: [
          {
            field: 'joinedOn',
            rule: 'afterPreviousMembership',
            message: `joinedOn must be after ${last.leftOn}`,
          },
        ],
      },
    );
  }
}

/**
 * Whether the actor may give the organisation's consent to join: its head, or — when the
 * partnership's rules say so — its procurement officer. Administrators record memberships decided
 * outside the system (a council resolution) directly.
 */
export function mayConsentFor(actor: Actor, p: Partnership, organisationId: string): boolean {
  const holds = (role: string) =>
    actor.memberships.some((m) => m.organisationId === organisationId && m.role === role);
  return (
    holds('HEAD') || (p.invitationAcceptedBy === 'HEAD_OR_OFFICER' && holds('PROCUREMENT_OFFICER'))
  );
}
