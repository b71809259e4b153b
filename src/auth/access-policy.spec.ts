import { decide, isActiveMember, policySql } from './access-policy';
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

  describe('finance', () => {
    const tender = {
      leaderOrganisationId: 'A',
      status: 'AWARDED',
      participantOrganisationIds: ['A', 'B', 'C'],
    };
    const as = (organisationId: string, role: Actor['memberships'][number]['role']) =>
      actor({ memberships: [{ organisationId, role }] });
    const view = (a: Actor, organisationId: string) =>
      decide(a, { action: 'finance.view', tender, organisationId });
    const manage = (a: Actor, organisationId: string) =>
      decide(a, { action: 'finance.manage', tender, organisationId });

    it("lets the leader's officers and treasurer see and record every partner's finance", () => {
      for (const role of ['PROCUREMENT_OFFICER', 'TREASURER'] as const) {
        expect(view(as('A', role), 'B')).toBe(true);
        expect(manage(as('A', role), 'C')).toBe(true);
      }
      expect(view(as('A', 'COORDINATOR'), 'B')).toBe(false);
      expect(view(as('A', 'LAWYER'), 'B')).toBe(false);
    });

    it("lets a partner's treasurer, head and coordinator see only that partner's finance", () => {
      for (const role of ['TREASURER', 'HEAD', 'COORDINATOR'] as const) {
        expect(view(as('B', role), 'B')).toBe(true);
        expect(view(as('B', role), 'C')).toBe(false);
        expect(view(as('B', role), 'A')).toBe(false);
      }
      expect(view(as('B', 'PROCUREMENT_OFFICER'), 'B')).toBe(false);
      expect(view(as('B', 'LAWYER'), 'B')).toBe(false);
      expect(view(as('A', 'HEAD'), 'A')).toBe(true);
    });

    it("lets only the partner's own treasurer record its finance", () => {
      expect(manage(as('B', 'TREASURER'), 'B')).toBe(true);
      expect(manage(as('B', 'TREASURER'), 'C')).toBe(false);
      expect(manage(as('B', 'HEAD'), 'B')).toBe(false);
      expect(manage(as('B', 'COORDINATOR'), 'B')).toBe(false);
    });

    it('refuses an organisation that takes no part in the tender', () => {
      expect(view(as('D', 'TREASURER'), 'D')).toBe(false);
      expect(manage(as('D', 'TREASURER'), 'D')).toBe(false);
    });
  });
});

describe('current membership', () => {
  const m = { joinedOn: '2026-02-01', leftOn: '2026-06-30' };
  it('counts from the day of joining to the day of leaving, both included', () => {
    expect(isActiveMember(m, '2026-01-31')).toBe(false);
    expect(isActiveMember(m, '2026-02-01')).toBe(true);
    expect(isActiveMember(m, '2026-06-30')).toBe(true);
    expect(isActiveMember(m, '2026-07-01')).toBe(false);
    expect(isActiveMember({ joinedOn: '2026-02-01', leftOn: null }, '2030-01-01')).toBe(true);
  });

  it('has one SQL form, used by the list queries', () => {
    expect(policySql.activeMember('m', '$2')).toBe(
      'm.joined_on <= $2 AND (m.left_on IS NULL OR m.left_on >= $2)',
    );
    expect(policySql.tenderVisible('t', (c) => `${c} = ANY(:orgs)`, ':today')).toContain(
      policySql.activeMember('m', ':today'),
    );
  });
});
