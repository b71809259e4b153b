import type { TestingModule } from '@nestjs/testing';
import { todayInWarsaw } from '../../src/common/dates/iso-date';
import { addCalendarDays } from '../../src/common/polish-calendar';
import { Clock, ScaledClock } from '../../src/schedule/clock';
import { nipCheckDigit } from '../../src/common/identifiers/nip';
import { regon9WithCheckDigit } from '../../src/common/identifiers/demo-identifiers';
import { DEMO_PASSWORD, Session, TestApp, createTestApp, login, orgId, unique } from './app';
import { renderDocument } from './documents';
import { DROGBUD, contractedTender } from './procedure';
import type { TenderBody } from './tenders';
import { startWorker } from './worker';

export const ROLE_KEYS = ['officer', 'coordinator', 'treasurer', 'head', 'lawyer'] as const;
/**
 * The organisations of the matrix: L the leader (Skawina), V the partner under attack (Liszki),
 * P another partner of the same tender (Czernichów); O, an outsider organisation, is registered
 * by the fixture with its five role holders, so no other suite can make it a member of anything.
 */
export const ORGS = { L: 'skawina', V: 'liszki', P: 'czernichow' } as const;
export type OrgKey = keyof typeof ORGS | 'O';
export type ActorKey = 'anon' | 'admin' | `${OrgKey}.${(typeof ROLE_KEYS)[number]}`;
export const ACTORS: ActorKey[] = [
  'anon',
  'admin',
  ...(['L', 'V', 'P', 'O'] as const).flatMap((o) => ROLE_KEYS.map((r) => `${o}.${r}` as ActorKey)),
];

export const ANY_ID = '00000000-0000-4000-8000-000000000000';

/** Real ids of a contracted tender, with V's own share, contract, invoice, payment and documents. */
export interface Fixture {
  tender: TenderBody;
  partnershipId: string;
  org: Record<OrgKey, string>;
  victimUserId: string;
  lotId: string;
  shareId: string;
  contractId: string;
  invoiceId: string;
  paymentId: string;
  paymentDeadlineId: string;
  paymentReference: string;
  agreementId: string;
  settlementDocumentId: string;
  offerId: string;
  memberId: string;
  notificationId: string;
  ocid: string;
  /** A pending invitation of the outsider into a partnership of the leader made by the run. */
  invitationId: string;
  /** A comment on V's share written by V's coordinator (only its author corrects it). */
  commentId: string;
  /** An open project sheet of the partnership concerning V and P, written by the leader's officer. */
  sheetId: string;
  /** An open task of V in the tender's responsibility matrix. */
  taskId: string;
}

export interface Matrix {
  t: TestApp;
  sessions: Map<ActorKey, Session>;
  fx: Fixture;
  /** The e-mail addresses of the outsider's role holders (registered by the fixture). */
  outsiderEmails: Partial<Record<ActorKey, string>>;
  close(): Promise<void>;
}

/**
 * Boots one app on a clock of its own, builds the fixture through the real API with a worker
 * (documents are rendered), stops the worker (so nothing changes the database behind the probes)
 * and logs every actor in.
 */
export async function buildMatrix(): Promise<Matrix> {
  const clock = new ScaledClock(new Date(), 1);
  const t = await createTestApp((b) => b.overrideProvider(Clock).useValue(clock));
  let worker: TestingModule | undefined = await startWorker();
  try {
    const cache = new Map<string, Session>();
    const as = async (email: string) => {
      if (!cache.has(email)) cache.set(email, await login(t, email));
      return cache.get(email) as Session;
    };
    const org = {} as Record<OrgKey, string>;
    for (const [k, slug] of Object.entries(ORGS)) org[k as OrgKey] = await orgId(t, slug);
    const admin = await login(t, 'admin@wspolnie.demo');
    const outsider = await registerOutsider(admin);
    org.O = outsider.organisationId;
    const tender = await contractedTender(t, as, clock);
    const officer = await as('officer@skawina.demo');
    const treasurer = await as('treasurer@liszki.demo');
    const lot = tender.lots[0];
    const share = lot.shares.find((s) => s.organisationId === org.V);
    if (!share) throw new Error('no share of the partner under attack');
    const q = <T>(sql: string, params: unknown[]) => t.dataSource.query<T[]>(sql, params);
    const [contract] = await q<{ id: string }>(
      'SELECT id FROM contracts WHERE tender_id = $1 AND organisation_id = $2',
      [tender.id, org.V],
    );
    const invoice = (
      await officer
        .post(`/tenders/${tender.id}/invoices`, {
          lotId: lot.id,
          organisationId: org.V,
          number: `FV/9/2027/${tender.id.slice(0, 8)}`,
          contractorNip: DROGBUD.contractorNip,
          issuedOn: todayInWarsaw(),
          dueOn: todayInWarsaw(),
          net: '1000.00',
          vat: '230.00',
          gross: '1230.00',
        })
        .expect(201)
    ).body as { id: string };
    const payment = (
      await treasurer
        .post(`/tenders/${tender.id}/payments`, {
          organisationId: org.V,
          kind: 'INVOICE_PAYMENT',
          invoiceId: invoice.id,
          amount: '1230.00',
          dueOn: todayInWarsaw(),
        })
        .expect((r) => {
          if (r.status !== 201) throw new Error(`payment: ${r.status} ${JSON.stringify(r.body)}`);
        })
    ).body as { id: string; deadlineId: string; version: number };
    const paymentReference = `WB/LISZKI/${tender.id.slice(0, 6)}`;
    await treasurer
      .post(`/payments/${payment.id}/paid`, {
        paidOn: todayInWarsaw(),
        reference: paymentReference,
        version: payment.version,
      })
      .expect(200);
    const settlement = await renderDocument(officer, tender.id, 'SETTLEMENT', org.V);
    const [agreement] = await q<{ id: string }>(
      "SELECT id FROM documents WHERE tender_id = $1 AND kind = 'AGREEMENT' ORDER BY version DESC LIMIT 1",
      [tender.id],
    );
    const [offer] = await q<{ id: string }>('SELECT id FROM offers WHERE lot_id = $1 LIMIT 1', [
      lot.id,
    ]);
    const [member] = await q<{ id: string }>(
      'SELECT m.id FROM committee_members m JOIN committees c ON c.id = m.committee_id WHERE c.tender_id = $1 LIMIT 1',
      [tender.id],
    );
    const [victim] = await q<{ id: string }>('SELECT id FROM users WHERE email = $1', [
      'treasurer@liszki.demo',
    ]);
    const [notification] = await q<{ id: string }>(
      'SELECT id FROM notifications WHERE user_id = $1 LIMIT 1',
      [victim.id],
    );
    const [{ ocid }] = await q<{ ocid: string | null }>('SELECT ocid FROM tenders WHERE id = $1', [
      tender.id,
    ]);
    const [partnership] = await q<{ partnership_id: string }>(
      'SELECT partnership_id FROM tenders WHERE id = $1',
      [tender.id],
    );
    const invitationId = await inviteOutsider(officer, org.L, org.O, q);
    const comment = (
      await (
        await as('coordinator@liszki.demo')
      )
        .post(`/shares/${share.id}/comments`, { body: 'Udział zgodny z planem wydatków.' })
        .expect(201)
    ).body as { id: string };
    const sheet = (
      await officer
        .post('/project-sheets', {
          partnershipId: partnership.partnership_id,
          title: 'Wspólny zakup energii elektrycznej',
          need: 'Umowy na dostawę energii wygasają; wspólny zakup obniży cenę.',
          subjectKind: 'SUPPLIES',
          cpvMain: '09310000-5',
          estimatedValueNet: '500000.00',
          partnerIds: [org.V, org.P],
          plannedAnnouncementMonth: todayInWarsaw().slice(0, 7),
        })
        .expect(201)
    ).body as { id: string };
    const task = (
      await officer
        .post(`/tenders/${tender.id}/tasks`, {
          kind: 'ACCEPTANCE',
          lotNumber: lot.number,
          organisationId: org.V,
          dueOn: addCalendarDays(todayInWarsaw(), 30),
        })
        .expect(201)
    ).body as { id: string };
    await worker.close();
    worker = undefined;
    const sessions = new Map<ActorKey, Session>();
    sessions.set('admin', admin);
    for (const [k, slug] of Object.entries(ORGS))
      for (const r of ROLE_KEYS)
        sessions.set(`${k}.${r}` as ActorKey, await as(`${r}@${slug}.demo`));
    for (const r of ROLE_KEYS) sessions.set(`O.${r}`, await as(outsider.emails[r]));
    return {
      t,
      sessions,
      outsiderEmails: Object.fromEntries(ROLE_KEYS.map((r) => [`O.${r}`, outsider.emails[r]])),
      fx: {
        tender,
        partnershipId: partnership.partnership_id,
        org,
        victimUserId: victim.id,
        lotId: lot.id,
        shareId: share.id,
        contractId: contract.id,
        invoiceId: invoice.id,
        paymentId: payment.id,
        paymentDeadlineId: payment.deadlineId,
        paymentReference,
        agreementId: agreement.id,
        settlementDocumentId: settlement.id,
        offerId: offer.id,
        memberId: member.id,
        notificationId: notification?.id ?? ANY_ID,
        ocid: ocid ?? 'ocds-none',
        invitationId,
        commentId: comment.id,
        sheetId: sheet.id,
        taskId: task.id,
      },
      close: async () => {
        await t.close();
      },
    };
  } catch (err) {
    await worker?.close();
    await t.close();
    throw err;
  }
}

const ROLE_OF = {
  officer: 'PROCUREMENT_OFFICER',
  coordinator: 'COORDINATOR',
  treasurer: 'TREASURER',
  head: 'HEAD',
  lawyer: 'LAWYER',
} as const;

/** A new organisation of no partnership, with one user per role, registered by the admin. */
async function registerOutsider(admin: Session) {
  const tag = unique('o');
  // Checksum-valid numbers of this run (prefix 997/97: made up, like the demo's 999/99).
  let nip = '';
  for (let n = Date.now() % 1_000_000; !nip; n++) {
    const prefix = `997${String(n % 1_000_000).padStart(6, '0')}`;
    const check = nipCheckDigit(prefix);
    if (check !== null) nip = `${prefix}${check}`;
  }
  const organisation = (
    await admin
      .post('/organisations', {
        kind: 'GMINA_WIEJSKA',
        name: `Gmina Obca ${tag}`,
        nip,
        regon: regon9WithCheckDigit(`97${nip.slice(3, 9)}`),
      })
      .expect(201)
  ).body as { id: string };
  const emails = {} as Record<(typeof ROLE_KEYS)[number], string>;
  for (const r of ROLE_KEYS) {
    emails[r] = `${r}.${tag}@obca.example.pl`;
    await admin
      .post('/admin/users', {
        email: emails[r],
        displayName: `Osoba ${r} ${tag}`,
        password: DEMO_PASSWORD,
        memberships: [{ organisationId: organisation.id, role: ROLE_OF[r] }],
      })
      .expect(201);
  }
  return { organisationId: organisation.id, emails };
}

/**
 * A partnership of the leader made by this run (not the demo one, which other suites read),
 * inviting the outsider: the outsider stays outside every partnership until its head answers.
 */
async function inviteOutsider(
  officer: Session,
  leaderId: string,
  outsiderId: string,
  q: <T>(sql: string, params: unknown[]) => Promise<T[]>,
): Promise<string> {
  const partnership = (
    await officer
      .post('/partnerships', { name: `Partnerstwo ${unique('i')}`, leaderOrganisationId: leaderId })
      .expect(201)
  ).body as { id: string };
  await officer
    .post(`/partnerships/${partnership.id}/members`, {
      organisationId: outsiderId,
      joinedOn: todayInWarsaw(),
    })
    .expect(202);
  const [invitation] = await q<{ id: string }>(
    'SELECT id FROM partnership_invitations WHERE partnership_id = $1',
    [partnership.id],
  );
  return invitation.id;
}
