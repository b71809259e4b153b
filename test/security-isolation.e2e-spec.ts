/**
 * The isolation matrix, generated from the app's OpenAPI document: every operation × every actor
 * (no token, the leader's, the attacked partner's, another partner's and an outsider
 * organisation's five roles, an administrator). The reviewed table `MAY` says who may call each
 * operation; everyone else is denied (401 without a token, 404 for an outsider of a tender, 403
 * or 404 otherwise) and the whole run changes nothing in the database. Allowed reads answer 2xx,
 * so the table stays honest. Path ids are real ids of the partner under attack.
 */
import request from 'supertest';
import {
  ACTORS,
  type ActorKey,
  type Matrix,
  ROLE_KEYS,
  buildMatrix,
} from './support/isolation-fixture';
import { ALLOWED_REFUSAL, MAY, QUERY, bodyOverrides, pathFor } from './support/isolation-table';
import { type OpenApi, bodySchema, endpoints, exampleBody } from './support/openapi';

/** Every row of every table in the database, hashed: "nothing changed" is this, unchanged. */
async function databaseHash(m: Matrix): Promise<Record<string, string>> {
  const tables = await m.t.dataSource.query<{ name: string }[]>(
    "SELECT tablename AS name FROM pg_tables WHERE schemaname = 'public' ORDER BY tablename",
  );
  const out: Record<string, string> = {};
  for (const { name } of tables) {
    const [row] = await m.t.dataSource.query<{ h: string | null; n: number }[]>(
      `SELECT md5(string_agg(x::text, '|' ORDER BY x::text)) AS h, count(*)::int AS n FROM "${name}" x`,
    );
    out[name] = `${row.n}:${row.h ?? ''}`;
  }
  return out;
}

const COLUMN: Record<string, string> = {
  anon: 'no token',
  L: 'wrong role (leader)',
  V: 'wrong role (partner under attack)',
  P: "another partner's roles",
  O: 'outsider organisation',
  admin: 'administrator',
};
const columnOf = (a: ActorKey) => COLUMN[a.split('.')[0]];

/**
 * 404, not 403, for what the caller may not know exists (README "Who sees and records what"): an
 * outsider knows nothing of the tender and what hangs on it; for another partner, V's payment
 * deadline is left out of the deadlines, so the deadline itself is 404. Whoever sees the tender
 * is told 403 for V's finance records.
 */
function hidden(actor: ActorKey, key: string): boolean {
  if (actor.startsWith('O.'))
    return /^\w+ \/api\/v1\/(tenders|shares|deadlines|documents|payments|invoices|contracts|lots|offers|committee-members|appeals)\/\{/.test(
      key,
    );
  return actor.startsWith('P.') && key === 'GET /api/v1/deadlines/{id}';
}

describe('Isolation matrix from the OpenAPI document', () => {
  let m: Matrix;
  let doc: OpenApi;

  beforeAll(async () => {
    m = await buildMatrix();
    doc = (await request(m.t.http).get('/api/docs-json').expect(200)).body as OpenApi;
  }, 240000);
  afterAll(async () => {
    await m?.close();
  });

  const send = (actor: ActorKey, method: string, url: string, body?: object) => {
    const r = request(m.t.http)[method as 'get'](url);
    if (actor !== 'anon') r.set('authorization', `Bearer ${m.sessions.get(actor)?.token}`);
    return body ? r.send(body) : r;
  };
  const cells = () => {
    const overrides = bodyOverrides(m.fx);
    return endpoints(doc).map((e) => {
      const rule = MAY[e.key];
      const schema = bodySchema(doc, e.op);
      const ids = {
        organisationId: m.fx.org.V,
        leaderOrganisationId: m.fx.org.V,
        partnershipId: m.fx.partnershipId,
        lotId: m.fx.lotId,
        offerId: m.fx.offerId,
        invoiceId: m.fx.invoiceId,
      };
      return {
        ...e,
        rule,
        url: pathFor(e.path, m.fx) + (QUERY[e.path] ?? ''),
        body: schema ? { ...exampleBody(doc, schema, ids), ...overrides[e.key] } : undefined,
      };
    });
  };

  it('has a reviewed rule for every operation of the document, and none for a vanished one', () => {
    const keys = endpoints(doc).map((e) => e.key);
    expect(keys.filter((k) => !(k in MAY))).toEqual([]);
    expect(Object.keys(MAY).filter((k) => !keys.includes(k))).toEqual([]);
    expect(keys.length).toBeGreaterThan(90);
  });

  it('lets every allowed actor read (2xx), so the table is not stricter than the service', async () => {
    const wrong: string[] = [];
    for (const c of cells().filter((x) => x.method === 'get' && x.rule !== 'public')) {
      for (const actor of c.rule as ActorKey[]) {
        const res = await send(actor, 'get', c.url);
        if (res.status >= 300 && res.status !== ALLOWED_REFUSAL[c.key])
          wrong.push(`${c.key} as ${actor} → ${res.status}`);
      }
    }
    expect(wrong).toEqual([]);
  });

  it('denies every other actor of every operation (no token, another partner, outsider, wrong role) and changes nothing', async () => {
    const before = await databaseHash(m);
    const wrong: string[] = [];
    const perColumn: Record<string, number> = {};
    let probes = 0;
    for (const c of cells()) {
      const denied =
        c.rule === 'public'
          ? []
          : ACTORS.filter((a) => !(c.rule as readonly ActorKey[]).includes(a));
      for (const actor of denied) {
        probes++;
        perColumn[columnOf(actor)] = (perColumn[columnOf(actor)] ?? 0) + 1;
        const res = await send(actor, c.method, c.url, c.body);
        const expected = actor === 'anon' ? [401] : hidden(actor, c.key) ? [404] : [403, 404];
        if (!expected.includes(res.status))
          wrong.push(
            `${c.key} as ${actor} (${columnOf(actor)}) → ${res.status} ${JSON.stringify(res.body).slice(0, 160)}`,
          );
      }
    }
    expect(wrong).toEqual([]);
    expect(await databaseHash(m)).toEqual(before);
    expect(probes).toBeGreaterThan(1000);
    console.log(`isolation matrix: ${probes} denial probes`, perColumn);
    // Thousands of sequential requests: a busy CI machine needs more than the default minute.
  }, 240000);

  it("keeps V's finance out of every route of everyone who may not see it (deadlines, history, calendar, documents, finance lists)", async () => {
    const fx = m.fx;
    const secrets: Record<string, string> = {
      payment: fx.paymentId,
      'payment deadline': fx.paymentDeadlineId,
      invoice: fx.invoiceId,
      contract: fx.contractId,
      'settlement statement': fx.settlementDocumentId,
      'bank reference': fx.paymentReference,
    };
    const routes = [
      'deadlines?limit=200',
      'history?limit=200',
      'documents',
      'payments',
      'invoices',
      'contracts',
      'settlement',
      'settlement.csv',
    ].map((r) => `/api/v1/tenders/${fx.tender.id}/${r}`);
    const read = async (actor: ActorKey) => {
      const texts: [string, string][] = [];
      for (const url of routes) {
        const res = await send(actor, 'get', url);
        expect([url, actor, res.status]).toEqual([url, actor, res.status === 403 ? 403 : 200]);
        texts.push([url.split('/').pop() as string, res.text]);
      }
      const token = (await send(actor, 'post', '/api/v1/me/calendar-token', {}).expect(201))
        .body as { url: string };
      texts.push([
        'calendar',
        (await request(m.t.http).get(new URL(token.url).pathname).expect(200)).text,
      ]);
      return texts;
    };
    /** Which of the secrets each route shows, as `route: secret`. */
    const leaks = (texts: [string, string][]) =>
      texts.flatMap(([route, text]) =>
        Object.entries(secrets)
          .filter(([, x]) => text.includes(x))
          .map(([name]) => `${route}: ${name}`),
      );
    // Who keeps V's books sees each of them: the check can fail.
    for (const actor of ['L.treasurer', 'V.treasurer'] as const) {
      const seen = leaks(await read(actor)).map((l) => l.split(': ')[1]);
      expect([actor, Object.keys(secrets).filter((x) => !seen.includes(x))]).toEqual([actor, []]);
    }
    const readers: ActorKey[] = [
      ...ROLE_KEYS.map((r) => `P.${r}` as ActorKey),
      'L.coordinator',
      'L.head',
      'L.lawyer',
      'V.officer',
      'V.lawyer',
    ];
    for (const actor of readers) {
      expect([actor, leaks(await read(actor))]).toEqual([actor, []]);
    }
  });
});
