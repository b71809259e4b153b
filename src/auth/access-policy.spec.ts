import { decide, financeEventView, isActiveMember, policySql } from './access-policy';
import type { Actor } from './actor';
import type { Role } from './roles';

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

  it('opens the administration pages to administrators only, officers and lawyers included', () => {
    expect(decide(coordinatorOfA, { action: 'administration.open' })).toBe(false);
    expect(decide({ ...coordinatorOfA, admin: true }, { action: 'administration.open' })).toBe(
      true,
    );
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

  it("opens a share's review page to the partner's own people and the leader's, not to other partners", () => {
    const tender = {
      leaderOrganisationId: 'L',
      status: 'COLLECTING_SHARES',
      participantOrganisationIds: ['A', 'B'],
    };
    const treasurerOfB = actor({ memberships: [{ organisationId: 'B', role: 'TREASURER' }] });
    const lawyerOfL = actor({ memberships: [{ organisationId: 'L', role: 'LAWYER' }] });
    expect(decide(coordinatorOfA, { action: 'share.review', tender, organisationId: 'A' })).toBe(
      true,
    );
    expect(decide(lawyerOfL, { action: 'share.review', tender, organisationId: 'A' })).toBe(true);
    expect(decide(treasurerOfB, { action: 'share.review', tender, organisationId: 'A' })).toBe(
      false,
    );
  });

  it('lets who sees the tender post comments, except lawyers, and nobody on a draft but the leader', () => {
    const tender = {
      leaderOrganisationId: 'A',
      status: 'COLLECTING_SHARES',
      participantOrganisationIds: ['B'],
    };
    const of = (organisationId: string, role: Role) =>
      actor({ memberships: [{ organisationId, role }] });
    expect(decide(of('B', 'COORDINATOR'), { action: 'comment.post', tender })).toBe(true);
    expect(decide(of('A', 'PROCUREMENT_OFFICER'), { action: 'comment.post', tender })).toBe(true);
    expect(decide(of('B', 'LAWYER'), { action: 'comment.post', tender })).toBe(false);
    expect(decide(of('B', 'LAWYER'), { action: 'tender.view', tender })).toBe(true);
    expect(decide(of('C', 'HEAD'), { action: 'comment.post', tender })).toBe(false);
    const draft = { ...tender, status: 'DRAFT' };
    expect(decide(of('B', 'COORDINATOR'), { action: 'comment.post', tender: draft })).toBe(false);
    expect(decide(of('A', 'HEAD'), { action: 'comment.post', tender: draft })).toBe(true);
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

    it("gives a settlement statement the finance rule: the lawyers keep no books, so they neither ask for nor read another's", () => {
      const download = (a: Actor, lawyerOf: boolean) =>
        decide(a, {
          action: 'document.download',
          tender,
          lawyerOf,
          organisationId: 'B',
          finance: true,
        });
      const ask = (a: Actor, lawyerOf: boolean) =>
        decide(a, {
          action: 'document.request',
          tender,
          lawyerOf,
          finance: { organisationId: 'B' },
        });
      expect(download(as('C', 'LAWYER'), true)).toBe(false);
      expect(ask(as('C', 'LAWYER'), true)).toBe(false);
      for (const a of [as('B', 'HEAD'), as('A', 'TREASURER'), as('A', 'PROCUREMENT_OFFICER')]) {
        expect(download(a, false)).toBe(true);
        expect(ask(a, false)).toBe(true);
      }
      expect(download(as('C', 'TREASURER'), false)).toBe(false);
      // Other documents keep their rule: the lawyers read them all.
      expect(
        decide(as('C', 'LAWYER'), {
          action: 'document.download',
          tender,
          lawyerOf: true,
          organisationId: 'B',
        }),
      ).toBe(true);
    });

    describe("a tender's history", () => {
      const event = (
        action: string,
        organisationId: string,
        data: Record<string, unknown> = {},
      ) => ({
        action,
        entityId: 'e1',
        organisationId,
        data,
      });
      const seesB = (o: string) => o === 'B';
      const none = new Map<string, string>();

      it("leaves out another partner's payments, subsidies and contracts, keeps the reader's own", () => {
        for (const action of [
          'payment.scheduled',
          'payment.paid',
          'subsidy.settled',
          'contract.recorded',
        ]) {
          expect(financeEventView(event(action, 'C'), seesB, none)).toBeNull();
          expect(financeEventView(event(action, 'B'), seesB, none)).toEqual(event(action, 'B'));
        }
      });

      it("leaves out every event of another partner's settlement statement, and lists it in no bundle", () => {
        const statements = new Map([
          ['e1', 'C'],
          ['s2', 'B'],
        ]);
        for (const action of ['document.requested', 'document.rendered', 'document.downloaded']) {
          const statement = event(action, 'C', { kind: 'SETTLEMENT', version: 1 });
          expect(financeEventView(statement, seesB, statements)).toBeNull();
          expect(financeEventView(statement, (o) => o === 'C', statements)).toEqual(statement);
          const agreement = event(action, 'A', { kind: 'AGREEMENT', version: 1 });
          expect(financeEventView(agreement, seesB, none)).toEqual(agreement);
        }
        const bundle = {
          ...event('document.bundle_downloaded', 'A', {
            documents: [{ id: 'e1' }, { id: 's2' }, { id: 'agreement' }],
          }),
          entityId: 'tender',
        };
        expect(financeEventView(bundle, seesB, statements)?.data).toEqual({
          documents: [{ id: 's2' }, { id: 'agreement' }],
        });
      });

      it('shows an invoice with only the parts the reader sees', () => {
        const invoice = event('invoice.recorded', 'A', {
          number: 'FV/1',
          allocations: [
            { organisationId: 'B', gross: '10.00' },
            { organisationId: 'C', gross: '20.00' },
          ],
        });
        expect(financeEventView(invoice, seesB, none)?.data).toEqual({
          number: 'FV/1',
          allocations: [{ organisationId: 'B', gross: '10.00' }],
        });
        expect(financeEventView(invoice, (o) => o === 'D', none)).toBeNull();
      });

      it("leaves out the events of another partner's payment deadline, keeps every other event", () => {
        const deadlines = new Map([['e1', 'C']]);
        expect(financeEventView(event('deadline.done', 'A'), seesB, deadlines)).toBeNull();
        expect(
          financeEventView(event('deadline.done', 'A'), seesB, new Map([['e1', 'B']])),
        ).not.toBeNull();
        expect(financeEventView(event('deadline.done', 'A'), seesB, none)).not.toBeNull();
        expect(financeEventView(event('share.approved', 'C'), seesB, none)).not.toBeNull();
      });
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
