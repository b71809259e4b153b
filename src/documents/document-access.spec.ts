import type { Actor, Role } from '../auth';
import { decide, type TenderFacts } from '../auth';
import { etagMatches } from './document-view';

const LEADER = 'org-leader';
const PARTNER = 'org-partner';
const OTHER = 'org-other';
const tender: TenderFacts = {
  leaderOrganisationId: LEADER,
  status: 'READY',
  participantOrganisationIds: [LEADER, PARTNER, OTHER],
};
const actor = (organisationId: string, role: Role): Actor =>
  ({
    userId: 'u',
    admin: false,
    memberships: [{ organisationId, role }],
  }) as unknown as Actor;

const download = (a: Actor, organisationId: string | null, lawyerOf = false) =>
  decide(a, { action: 'document.download', tender, lawyerOf, organisationId });

describe('document access rules', () => {
  it("lets the partnership's lawyers and the leader's officers read every document", () => {
    expect(download(actor(OTHER, 'LAWYER'), null, true)).toBe(true);
    expect(download(actor(OTHER, 'LAWYER'), PARTNER, true)).toBe(true);
    expect(download(actor(LEADER, 'PROCUREMENT_OFFICER'), PARTNER)).toBe(true);
    expect(download(actor(LEADER, 'PROCUREMENT_OFFICER'), null)).toBe(true);
  });

  it("lets a partner's people read their own per-partner documents only", () => {
    for (const role of ['COORDINATOR', 'TREASURER', 'HEAD'] as Role[]) {
      expect(download(actor(PARTNER, role), PARTNER)).toBe(true);
      expect(download(actor(PARTNER, role), OTHER)).toBe(false);
      expect(download(actor(PARTNER, role), null)).toBe(false);
    }
    // The leader's coordinator is a partner like any other for the common documents.
    expect(download(actor(LEADER, 'COORDINATOR'), null)).toBe(false);
  });

  it("lets only the leader's officers and the lawyers request documents", () => {
    const request = (a: Actor, lawyerOf = false) =>
      decide(a, { action: 'document.request', tender, lawyerOf });
    expect(request(actor(LEADER, 'PROCUREMENT_OFFICER'))).toBe(true);
    expect(request(actor(PARTNER, 'LAWYER'), true)).toBe(true);
    expect(request(actor(PARTNER, 'PROCUREMENT_OFFICER'))).toBe(false);
    expect(request(actor(LEADER, 'HEAD'))).toBe(false);
  });
});

describe('etagMatches', () => {
  const sha = 'a'.repeat(64);
  it('matches quoted, weak, listed and wildcard tags', () => {
    expect(etagMatches(`"${sha}"`, sha)).toBe(true);
    expect(etagMatches(`W/"${sha}"`, sha)).toBe(true);
    expect(etagMatches(`"x", "${sha}"`, sha)).toBe(true);
    expect(etagMatches('*', sha)).toBe(true);
    expect(etagMatches(undefined, sha)).toBe(false);
    expect(etagMatches(`"${'b'.repeat(64)}"`, sha)).toBe(false);
  });
});
