import { decide } from './access-policy';
import type { Actor } from './actor';

const actor = (over: Partial<Actor> = {}): Actor => ({
  userId: 'u',
  email: 'u@x',
  displayName: 'U',
  admin: false,
  memberships: [],
  requestId: 'r',
  ...over,
});

describe('access policy', () => {
  const officerOfA = actor({ memberships: [{ organisationId: 'A', role: 'PROCUREMENT_OFFICER' }] });
  const coordinatorOfA = actor({ memberships: [{ organisationId: 'A', role: 'COORDINATOR' }] });

  it('lets only admins manage users and register organisations', () => {
    expect(decide(actor({ admin: true }), { action: 'user.manage' })).toBe(true);
    expect(decide(officerOfA, { action: 'user.manage' })).toBe(false);
    expect(decide(officerOfA, { action: 'organisation.create' })).toBe(false);
  });

  it("lets the leader's officer manage the partnership, not another role or organisation", () => {
    expect(decide(officerOfA, { action: 'partnership.manage', leaderOrganisationId: 'A' })).toBe(
      true,
    );
    expect(decide(officerOfA, { action: 'partnership.manage', leaderOrganisationId: 'B' })).toBe(
      false,
    );
    expect(
      decide(coordinatorOfA, { action: 'partnership.manage', leaderOrganisationId: 'A' }),
    ).toBe(false);
  });

  it('lets lawyers of the partnership read the audit trail', () => {
    expect(decide(coordinatorOfA, { action: 'audit.read', lawyerOf: false })).toBe(false);
    expect(decide(coordinatorOfA, { action: 'audit.read', lawyerOf: true })).toBe(true);
  });

  it("lets only the leader's officers manage a tender's deadlines, not partners who see them", () => {
    const tender = {
      leaderOrganisationId: 'A',
      status: 'COLLECTING_SHARES',
      participantOrganisationIds: ['A', 'B'],
    };
    const officerOfB = actor({
      memberships: [{ organisationId: 'B', role: 'PROCUREMENT_OFFICER' }],
    });
    expect(decide(officerOfA, { action: 'deadline.manage', tender })).toBe(true);
    expect(decide(coordinatorOfA, { action: 'deadline.manage', tender })).toBe(false);
    expect(decide(officerOfB, { action: 'deadline.manage', tender })).toBe(false);
    expect(decide(officerOfB, { action: 'tender.view', tender })).toBe(true);
  });
});
