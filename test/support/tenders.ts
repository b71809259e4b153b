import { Session, TestApp, orgId, unique } from './app';
import { PUBLICATION_DAY, SHARE_DEADLINE } from './dates';

export const PARTNERS = ['skawina', 'czernichow', 'liszki', 'mogilany'] as const;

/** The demo partnership's id as the officer sees it. */
export async function demoPartnershipId(officer: Session): Promise<string> {
  const res = await officer.get('/partnerships?q=Razem').expect(200);
  return res.body.items[0].id as string;
}

/** The official Polish names (Wspólny Słownik Zamówień) of the CPV codes the tests use. */
export const CPV_NAMES_PL: Record<string, string> = {
  '45233140-2': 'Roboty drogowe',
  '45233142-6': 'Roboty w zakresie naprawy dróg',
  '09310000-5': 'Elektryczność',
};

/**
 * A DRAFT tender with two lots created through the API by the leader's officer; the Polish names
 * of its CPV codes follow the codes unless `over` gives them.
 */
export async function createTender(officer: Session, over: Record<string, unknown> = {}) {
  const partnershipId = await demoPartnershipId(officer);
  const body: Record<string, unknown> = {
    partnershipId,
    reference: unique('ZP.271.'),
    title: 'Przebudowa dróg gminnych w partnerstwie Razem Blisko Krakowa',
    subjectKind: 'WORKS',
    cpvMain: '45233140-2',
    cpvAdditional: ['45233142-6'],
    procedure: 'BASIC',
    settlementModel: 'SEPARATE_CONTRACTS',
    shareDeadline: SHARE_DEADLINE,
    plannedStartOn: PUBLICATION_DAY,
    lots: [
      { number: 1, title: 'Część 1: drogi w gminach zachodnich', vatRate: 23 },
      { number: 2, title: 'Część 2: drogi w gminach południowych', vatRate: 23 },
    ],
    ...over,
  };
  const name = (code: unknown) => CPV_NAMES_PL[String(code)] ?? `Nazwa kodu ${String(code)}`;
  body.cpvMainName ??= name(body.cpvMain);
  body.cpvAdditionalNames ??= ((body.cpvAdditional as unknown[] | undefined) ?? []).map(name);
  const res = await officer.post('/tenders', body).expect(201);
  return res.body as TenderBody;
}

export interface ShareBody {
  id: string;
  lotId: string;
  organisationId: string;
  organisationName: string;
  amountNet: string;
  amountGross: string;
  status: string;
  version: number;
  approvals: {
    step: string;
    decision: string;
    userName: string;
    void: boolean;
    amountNet: string;
  }[];
  allowedActions: string[];
}

export interface TenderBody {
  id: string;
  reference: string;
  status: string;
  version: number;
  regime: string;
  publishedOn?: string | null;
  valueNet: string;
  valueGross: string;
  lots: { id: string; number: number; valueNet: string; valueGross: string; shares: ShareBody[] }[];
  allowedActions: string[];
}

/** What a share action answers: the share after the change and the tender's summary. */
export interface ShareAnswer extends ShareBody {
  tender: { id: string; status: string; version: number; valueNet: string; regime: string };
}

/**
 * The whole tender after a share action, read again by `reader`: the action answered only the
 * share and the tender's summary, and both agree with the tender read (version, status, the share
 * as the reader sees it when the reader is the one who acted).
 */
export async function tenderAfter(
  reader: Session,
  res: { body: ShareAnswer },
  actedAsReader = true,
): Promise<TenderBody> {
  const answer = res.body;
  expect(answer).not.toHaveProperty('lots');
  const after = (await reader.get(`/tenders/${answer.tender.id}`).expect(200)).body as TenderBody;
  expect(after).toMatchObject({
    version: answer.tender.version,
    status: answer.tender.status,
    valueNet: answer.tender.valueNet,
    regime: answer.tender.regime,
  });
  const listed = after.lots.flatMap((l) => l.shares).find((s) => s.id === answer.id);
  const { tender: _summary, ...share } = answer;
  if (actedAsReader) expect(listed).toEqual(share);
  else expect(listed).toMatchObject({ status: share.status, version: share.version });
  return after;
}

export function findShare(t: TenderBody, lotNumber: number, organisationName: string): ShareBody {
  const lot = t.lots.find((l) => l.number === lotNumber);
  const share = lot?.shares.find(
    (s) => s.organisationName === organisationName && s.status !== 'WITHDRAWN',
  );
  if (!share) throw new Error(`no share of ${organisationName} in lot ${lotNumber}`);
  return share;
}

export async function proposeShare(
  t: TestApp,
  officer: Session,
  tender: TenderBody,
  lotNumber: number,
  slug: string,
  amountNet: string,
) {
  const lot = tender.lots.find((l) => l.number === lotNumber);
  if (!lot) throw new Error(`no lot ${lotNumber}`);
  const res = await officer
    .post(`/tenders/${tender.id}/shares`, {
      lotId: lot.id,
      organisationId: await orgId(t, slug),
      amountNet,
    })
    .expect(201);
  // API.md: 201 with the share, and the tender's summary (version, totals) after the change.
  expect(res.body).toMatchObject({ lotId: lot.id, status: 'PROPOSED', tender: { id: tender.id } });
  const after = await officer.get(`/tenders/${tender.id}`).expect(200);
  expect(after.body.version).toBe(res.body.tender.version);
  return after.body as TenderBody;
}

/** Runs every pending share through coordinator → treasurer → head with the demo accounts. */
export async function confirmAll(
  t: TestApp,
  tender: TenderBody,
  login: (email: string) => Promise<Session>,
): Promise<TenderBody> {
  const slugOf = async (organisationId: string) =>
    (
      await t.dataSource.query<{ slug: string }[]>('SELECT slug FROM organisations WHERE id = $1', [
        organisationId,
      ])
    )[0].slug;
  const officer = await login('officer@skawina.demo');
  let current = tender;
  for (const lot of tender.lots) {
    for (const s of lot.shares.filter((x) => x.status !== 'WITHDRAWN')) {
      const slug = await slugOf(s.organisationId);
      let share = s;
      for (const [role, extra] of [
        ['coordinator', {}],
        ['treasurer', { budgetClassification: '600/60016/4270' }],
        ['head', {}],
      ] as const) {
        if (share.status === 'CONFIRMED') break;
        const session = await login(`${role}@${slug}.demo`);
        const res = await session.post(`/shares/${share.id}/approve`, {
          version: share.version,
          ...extra,
        });
        if (res.status !== 200)
          throw new Error(
            `${role}@${slug} could not approve: ${res.status} ${JSON.stringify(res.body)}`,
          );
        const answer = res.body as ShareAnswer;
        share = answer;
        current = { ...current, version: answer.tender.version, status: answer.tender.status };
      }
    }
  }
  current = await officer
    .get(`/tenders/${tender.id}`)
    .expect(200)
    .then((r) => r.body as TenderBody);
  return current;
}

/**
 * A new tender of the demo partnership collecting shares: Czernichów's on lot 1 and Liszki's on
 * lot 2 (or the given partners per lot), moved to COLLECTING_SHARES.
 */
export async function collectingTender(
  t: TestApp,
  officer: Session,
  partners: ReadonlyArray<[lotNumber: number, slug: string, amountNet: string]> = [
    [1, 'czernichow', '100000.00'],
    [2, 'liszki', '50000.00'],
  ],
): Promise<TenderBody> {
  let tender = await createTender(officer);
  for (const [lot, slug, amount] of partners)
    tender = await proposeShare(t, officer, tender, lot, slug, amount);
  return (
    await officer
      .post(`/tenders/${tender.id}/transition`, {
        to: 'COLLECTING_SHARES',
        version: tender.version,
      })
      .expect(200)
  ).body as TenderBody;
}

/** An item of `GET /me/tasks`. */
export interface InboxItem {
  kind: string;
  tenderId: string;
  shareId: string | null;
  taskId: string | null;
  step: string | null;
}

/**
 * Everything in the user's `/me/tasks`, page after page: other suites share the database, so what
 * a test looks for need not be on the first page (the inbox is ordered by deadline).
 */
export async function wholeInbox(session: Session): Promise<InboxItem[]> {
  const items: InboxItem[] = [];
  for (let offset = 0; ; offset += 200) {
    const page = (await session.get(`/me/tasks?limit=200&offset=${offset}`).expect(200)).body as {
      items: InboxItem[];
      total: number;
    };
    items.push(...page.items);
    if (page.items.length === 0 || items.length >= page.total) return items;
  }
}
