import { PUBLICATION_DAY } from './dates';
import { todayInWarsaw } from '../../src/common/dates/iso-date';
import {
  ACTORS,
  ANY_ID,
  type ActorKey,
  type Fixture,
  type OrgKey,
  ROLE_KEYS,
} from './isolation-fixture';

/**
 * Who MAY call each operation of the OpenAPI document, reviewed against the access policy
 * (src/auth/access-policy.ts) and README "Who sees and records what". Path ids are the resources
 * of the partner under attack (V): its share, contract, invoice, payment and its deadline, its
 * settlement statement, its organisation and treasurer. Every actor not listed must be denied.
 * A new endpoint without an entry fails the matrix until someone decides who may call it.
 */
export type Rule = 'public' | readonly ActorKey[];

const all = (o: OrgKey): ActorKey[] => ROLE_KEYS.map((r) => `${o}.${r}` as ActorKey);
const EVERYONE = ACTORS.filter((a) => a !== 'anon');
/** The tender's participants (leader and partners) see the tender; the outsider does not. */
const MEMBERS: ActorKey[] = ['admin', ...all('L'), ...all('V'), ...all('P')];
const LEADER_OFFICER: ActorKey[] = ['admin', 'L.officer'];
const LAWYERS: ActorKey[] = ['L.lawyer', 'V.lawyer', 'P.lawyer'];
/** `comment.post`: who sees the tender, except the lawyers (they read the threads). */
const COMMENTERS: ActorKey[] = MEMBERS.filter((a) => !LAWYERS.includes(a));
/** `finance.view` of V: the leader's officers and treasurer, V's treasurer, head and coordinator. */
const V_FINANCE_VIEW: ActorKey[] = [
  'admin',
  'L.officer',
  'L.treasurer',
  'V.treasurer',
  'V.head',
  'V.coordinator',
];
/** `finance.manage` of V: the leader's officers and treasurer, V's own treasurer. */
const V_FINANCE_MANAGE: ActorKey[] = ['admin', 'L.officer', 'L.treasurer', 'V.treasurer'];
/** The people who see some partner's finance of the tender (each sees only those rows). */
const SOME_FINANCE: ActorKey[] = [
  'admin',
  'L.officer',
  ...(['L', 'V', 'P'] as const).flatMap((o) =>
    (['coordinator', 'treasurer', 'head'] as const).map((r) => `${o}.${r}` as ActorKey),
  ),
];
/** The steps of V's share chain: its own coordinator, treasurer and head (nobody else signs). */
const SHARE_STEPS: ActorKey[] = ['V.coordinator', 'V.treasurer', 'V.head'];

export const MAY: Record<string, Rule> = {
  'GET /health': 'public',
  'GET /health/ready': 'public',
  // The metrics scrape has a token of its own (404 without it, so it is not advertised).
  'GET /metrics': 'public',
  'POST /api/v1/auth/login': 'public',
  'POST /api/v1/auth/refresh': 'public',
  'POST /api/v1/auth/logout': 'public',
  'GET /api/v1/legal/regime': 'public',
  'GET /api/v1/legal/time-limit': 'public',
  // The feed's secret file name is its credential.
  'GET /api/v1/calendar/{file}': 'public',
  // Published procurement data (OCDS) is open by law; an unpublished tender is 404.
  'GET /api/v1/tenders/{id}/ocds': 'public',
  'GET /api/v1/ocds/records/{ocid}': 'public',
  'GET /api/v1/ocds/releases': 'public',

  'GET /api/v1/auth/me': EVERYONE,
  'POST /api/v1/auth/password': EVERYONE,
  'GET /api/v1/me/notifications': EVERYONE,
  'POST /api/v1/me/notifications/read-all': EVERYONE,
  'POST /api/v1/me/notifications/{id}/read': ['V.treasurer'],
  'GET /api/v1/me/preferences': EVERYONE,
  'PATCH /api/v1/me/preferences': EVERYONE,
  'GET /api/v1/me/tasks': EVERYONE,
  'POST /api/v1/me/calendar-token': EVERYONE,
  'DELETE /api/v1/me/calendar-token': EVERYONE,

  // The partnership's lawyers (each reads its partnerships' trail); an outsider's lawyer none.
  'GET /api/v1/audit': ['admin', ...LAWYERS],
  'GET /api/v1/admin/users': ['admin'],
  'POST /api/v1/admin/users': ['admin'],
  'GET /api/v1/admin/users/{id}': ['admin'],
  'PATCH /api/v1/admin/users/{id}': ['admin'],
  'POST /api/v1/admin/users/{id}/memberships': ['admin'],
  'DELETE /api/v1/admin/users/{id}/memberships/{organisationId}/{role}': ['admin'],

  'GET /api/v1/organisations': EVERYONE,
  'POST /api/v1/organisations': ['admin'],
  'GET /api/v1/organisations/{id}': EVERYONE,
  'PATCH /api/v1/organisations/{id}': ['admin', 'V.officer', 'V.head'],
  'GET /api/v1/partnerships': EVERYONE,
  'POST /api/v1/partnerships': ['admin', 'V.officer'],
  'GET /api/v1/partnerships/{id}': MEMBERS,
  'PATCH /api/v1/partnerships/{id}': LEADER_OFFICER,
  'GET /api/v1/partnerships/{id}/members': MEMBERS,
  'POST /api/v1/partnerships/{id}/members': LEADER_OFFICER,
  'POST /api/v1/partnerships/{id}/members/{organisationId}/leave': LEADER_OFFICER,
  'GET /api/v1/partnerships/{id}/invitations': MEMBERS,
  'GET /api/v1/partnerships/{id}/stalls': LEADER_OFFICER,
  // The invitation (of the outsider, into a partnership of the leader) is seen by both sides; the
  // invited organisation's head answers it, the leader's officers withdraw it.
  'GET /api/v1/invitations': EVERYONE,
  'GET /api/v1/invitations/{id}': ['admin', ...all('L'), ...all('O')],
  'POST /api/v1/invitations/{id}/accept': ['O.head'],
  'POST /api/v1/invitations/{id}/decline': ['O.head'],
  'POST /api/v1/invitations/{id}/withdraw': LEADER_OFFICER,

  'GET /api/v1/tenders': EVERYONE,
  'POST /api/v1/tenders': LEADER_OFFICER,
  'GET /api/v1/tenders/{id}': MEMBERS,
  'PATCH /api/v1/tenders/{id}': LEADER_OFFICER,
  'POST /api/v1/tenders/{id}/lots': LEADER_OFFICER,
  'GET /api/v1/tenders/{id}/transitions': LEADER_OFFICER,
  'POST /api/v1/tenders/{id}/transition': LEADER_OFFICER,
  'POST /api/v1/tenders/{id}/shares': [...LEADER_OFFICER, 'V.coordinator'],
  'GET /api/v1/tenders/{id}/history': MEMBERS,
  'GET /api/v1/tenders/{id}/stalls': LEADER_OFFICER,
  'PATCH /api/v1/shares/{id}': LEADER_OFFICER,
  'POST /api/v1/shares/{id}/approve': SHARE_STEPS,
  'POST /api/v1/shares/{id}/request-change': SHARE_STEPS,
  // Withdrawing a share is the leader's officers' act (DRAFT, COLLECTING_SHARES).
  'POST /api/v1/shares/{id}/withdraw': LEADER_OFFICER,

  'GET /api/v1/tenders/{id}/deadlines': MEMBERS,
  'POST /api/v1/tenders/{id}/deadlines': LEADER_OFFICER,
  'GET /api/v1/deadlines/{id}': V_FINANCE_VIEW,
  'PATCH /api/v1/deadlines/{id}': LEADER_OFFICER,
  'POST /api/v1/deadlines/{id}/done': LEADER_OFFICER,
  'POST /api/v1/deadlines/{id}/cancel': LEADER_OFFICER,
  'GET /api/v1/tenders/{id}/schedule/proposal': MEMBERS,
  'POST /api/v1/tenders/{id}/schedule/apply': LEADER_OFFICER,

  'POST /api/v1/tenders/{id}/documents': V_FINANCE_VIEW,
  'GET /api/v1/tenders/{id}/documents': MEMBERS,
  'GET /api/v1/tenders/{id}/documents/bundle.zip': MEMBERS,
  'GET /api/v1/documents/{id}': V_FINANCE_VIEW,
  'GET /api/v1/documents/{id}/file': V_FINANCE_VIEW,
  'GET /api/v1/tenders/{id}/archive.zip': [...LEADER_OFFICER, ...LAWYERS],

  'POST /api/v1/tenders/{id}/contracts': V_FINANCE_MANAGE,
  'GET /api/v1/tenders/{id}/contracts': MEMBERS,
  'POST /api/v1/tenders/{id}/invoices': V_FINANCE_MANAGE,
  'GET /api/v1/tenders/{id}/invoices': MEMBERS,
  'POST /api/v1/tenders/{id}/payments': V_FINANCE_MANAGE,
  'GET /api/v1/tenders/{id}/payments': MEMBERS,
  'GET /api/v1/payments/{id}': V_FINANCE_VIEW,
  'POST /api/v1/payments/{id}/paid': V_FINANCE_MANAGE,
  'POST /api/v1/payments/{id}/cancel': V_FINANCE_MANAGE,
  'POST /api/v1/payments/{id}/reverse': V_FINANCE_MANAGE,
  'POST /api/v1/payments/{id}/settle': V_FINANCE_MANAGE,
  'POST /api/v1/payments/{id}/settlement/cancel': V_FINANCE_MANAGE,
  'POST /api/v1/invoices/{id}/cancel': V_FINANCE_MANAGE,
  'POST /api/v1/invoices/{id}/correct': V_FINANCE_MANAGE,
  'POST /api/v1/contracts/{id}/amend': V_FINANCE_MANAGE,
  'POST /api/v1/contracts/{id}/cancel': V_FINANCE_MANAGE,
  'GET /api/v1/tenders/{id}/settlement.csv': SOME_FINANCE,
  'GET /api/v1/tenders/{id}/settlement': SOME_FINANCE,
  'GET /api/v1/tenders/{id}/settlement/{organisationId}': V_FINANCE_VIEW,

  'GET /api/v1/tenders/{id}/procedure': MEMBERS,
  'POST /api/v1/tenders/{id}/notices': LEADER_OFFICER,
  'POST /api/v1/tenders/{id}/offer-validity/extension': LEADER_OFFICER,
  'PUT /api/v1/lots/{lotId}/criteria': LEADER_OFFICER,
  'POST /api/v1/lots/{lotId}/planned-amount': LEADER_OFFICER,
  'POST /api/v1/tenders/{id}/committee': LEADER_OFFICER,
  'POST /api/v1/committee-members/{memberId}/statement': LEADER_OFFICER,
  'POST /api/v1/lots/{lotId}/offers': LEADER_OFFICER,
  'POST /api/v1/offers/{offerId}/reject': LEADER_OFFICER,
  'GET /api/v1/lots/{lotId}/evaluation': MEMBERS,
  'POST /api/v1/lots/{lotId}/recommendation': LEADER_OFFICER,
  'POST /api/v1/lots/{lotId}/award/approve': ['admin', 'L.head'],
  'POST /api/v1/lots/{lotId}/cancel': LEADER_OFFICER,
  'POST /api/v1/lots/{lotId}/appeals': LEADER_OFFICER,
  'POST /api/v1/appeals/{appealId}/decision': LEADER_OFFICER,

  // Comment threads follow `tender.view`; posting `comment.post`; corrections only the author.
  'GET /api/v1/tenders/{id}/comments': MEMBERS,
  'POST /api/v1/tenders/{id}/comments': COMMENTERS,
  'GET /api/v1/lots/{lotId}/comments': MEMBERS,
  'POST /api/v1/lots/{lotId}/comments': COMMENTERS,
  'GET /api/v1/shares/{id}/comments': MEMBERS,
  'POST /api/v1/shares/{id}/comments': COMMENTERS,
  // A task's thread follows the tender; a sheet's the partnership (the same people here).
  'GET /api/v1/tender-tasks/{id}/comments': MEMBERS,
  'POST /api/v1/tender-tasks/{id}/comments': COMMENTERS,
  'GET /api/v1/project-sheets/{id}/comments': MEMBERS,
  'POST /api/v1/project-sheets/{id}/comments': COMMENTERS,
  'POST /api/v1/comments/{id}/corrections': ['V.coordinator'],
  'POST /api/v1/comments/{id}/withdraw': ['V.coordinator'],

  // Project sheets: who sees the partnership reads; a member's coordinator or the leader's
  // officer writes; the concerned partner's coordinator records its interest; the leader's
  // officer makes the tender.
  'GET /api/v1/project-sheets': EVERYONE,
  'POST /api/v1/project-sheets': [
    'admin',
    'L.officer',
    'L.coordinator',
    'V.coordinator',
    'P.coordinator',
  ],
  'GET /api/v1/project-sheets/{id}': MEMBERS,
  'POST /api/v1/project-sheets/{id}/interests/{organisationId}': ['admin', 'V.coordinator'],
  'POST /api/v1/project-sheets/{id}/interests/{organisationId}/withdraw': [
    'admin',
    'V.coordinator',
  ],
  'POST /api/v1/project-sheets/{id}/tender': LEADER_OFFICER,
  // The responsibility matrix follows `tender.view`; the leader's officers manage it; V's own
  // people (not its lawyer) and the leader's officers mark V's task done.
  'GET /api/v1/task-sets': EVERYONE,
  'GET /api/v1/tenders/{id}/tasks': MEMBERS,
  'POST /api/v1/tenders/{id}/tasks': LEADER_OFFICER,
  'POST /api/v1/tenders/{id}/tasks/apply-set': LEADER_OFFICER,
  'GET /api/v1/tender-tasks/{id}': MEMBERS,
  'POST /api/v1/tender-tasks/{id}/changes': LEADER_OFFICER,
  'POST /api/v1/tender-tasks/{id}/done': [
    'admin',
    'L.officer',
    'V.officer',
    'V.coordinator',
    'V.treasurer',
    'V.head',
  ],
  'POST /api/v1/tender-tasks/{id}/waive': LEADER_OFFICER,
  'GET /api/v1/tender-tasks/{id}/file': MEMBERS,
};

/**
 * Allowed reads that answer a 4xx for a reason other than access, in this fixture: the schedule
 * proposal of a tender already contracted, the bundle of one who may download none of its
 * documents.
 */
export const ALLOWED_REFUSAL: Record<string, number> = {
  'GET /api/v1/tenders/{id}/schedule/proposal': 409,
  'GET /api/v1/tenders/{id}/documents/bundle.zip': 409,
  // V's task in the fixture is open: no file attached yet.
  'GET /api/v1/tender-tasks/{id}/file': 404,
};

/** Body properties the examples cannot give: the fixture's state (a payment of V's invoice). */
export function bodyOverrides(fx: Fixture): Record<string, Record<string, unknown>> {
  return {
    'POST /api/v1/tenders/{id}/payments': { kind: 'INVOICE_PAYMENT', invoiceId: fx.invoiceId },
    'POST /api/v1/payments/{id}/paid': { paidOn: todayInWarsaw() },
    // A settlement statement of V: the finance rule decides who may ask for it.
    'POST /api/v1/tenders/{id}/documents': { kind: 'SETTLEMENT', organisationId: fx.org.V },
  };
}

/** Required query parameters of reads, as an honest client sends them. */
export const QUERY: Record<string, string> = {
  '/api/v1/tenders/{id}/schedule/proposal': `?publishedOn=${PUBLICATION_DAY}`,
  '/api/v1/legal/regime': '?valueNet=100000.00&subjectKind=WORKS',
  '/api/v1/legal/time-limit': `?from=${PUBLICATION_DAY}&days=14`,
};

/**
 * The path with each parameter replaced by the fixture's id of the partner under attack; `own`
 * replaces ids by collection (`users`) or parameter name (`organisationId`).
 */
export function pathFor(path: string, fx: Fixture, own: Record<string, string> = {}): string {
  const byCollection: Record<string, string> = {
    users: fx.victimUserId,
    organisations: fx.org.V,
    partnerships: fx.partnershipId,
    notifications: fx.notificationId,
    tenders: fx.tender.id,
    shares: fx.shareId,
    deadlines: fx.paymentDeadlineId,
    documents: fx.settlementDocumentId,
    payments: fx.paymentId,
    invoices: fx.invoiceId,
    contracts: fx.contractId,
    invitations: fx.invitationId,
    comments: fx.commentId,
    'project-sheets': fx.sheetId,
    'tender-tasks': fx.taskId,
    ...own,
  };
  const named: Record<string, string> = {
    organisationId: fx.org.V,
    role: 'TREASURER',
    lotId: fx.lotId,
    memberId: fx.memberId,
    offerId: fx.offerId,
    appealId: ANY_ID,
    ocid: fx.ocid,
    file: 'no-such-feed.ics',
    ...own,
  };
  const segments = path.split('/');
  return segments
    .map((s, i) => {
      const m = /^\{(\w+)\}$/.exec(s);
      if (!m) return s;
      const value = m[1] === 'id' ? byCollection[segments[i - 1]] : named[m[1]];
      if (!value) throw new Error(`no fixture id for ${s} in ${path}`);
      return value;
    })
    .join('/');
}
