/**
 * A bounded fuzz suite (fast-check, seeded) over every write endpoint and every list query of the
 * OpenAPI document, each sent by an actor the isolation table allows (so the input reaches the
 * rules behind the access check), on the isolation matrix's fixture: a contracted tender with
 * real ids. Malformed bodies, nulls, NULs, nested arrays, huge numbers, extreme dates and
 * offsets never give a 5xx; a refused request writes nothing; and afterwards the audit trail and
 * the data agree: no audit event without its change, no change without its event.
 */
import fc from 'fast-check';
import request from 'supertest';
import { NOT_A_CHANGE } from '../src/operations/archives/archive-rules';
import { type Session, unique } from './support/app';
import { type ActorKey, type Matrix, buildMatrix } from './support/isolation-fixture';
import { MAY, QUERY, bodyOverrides, pathFor } from './support/isolation-table';
import { type Endpoint, type OpenApi, bodySchema, endpoints, exampleBody } from './support/openapi';

/** Runs per write endpoint and per list; seeded, so a failure replays. */
const RUNS = 8;
const SEED = 1702;

/** Values that broke the service once, mixed with arbitrary JSON. */
const nasty = fc.oneof(
  fc.constantFrom<unknown>(
    null,
    '\u0000',
    'a\u0000b',
    '99999999999999.99',
    '45000000000000.00',
    '-0.00',
    '0001-01-01',
    '9999-12-31T23:59:59Z',
    '99999999999999999999',
    1e308,
    -1,
    Number.MAX_SAFE_INTEGER + 2,
    '',
    ' ',
    "+cmd|' /C calc'!A0",
    "'; DROP TABLE tenders; --",
    '00000000-0000-4000-8000-000000000000',
    [],
    {},
    [[[[[[]]]]]],
    'x'.repeat(30_000),
  ),
  fc.jsonValue({ maxDepth: 4 }),
);
const queryValue = fc.oneof(
  fc.constantFrom(
    '%00',
    '99999999999999999999',
    '-1',
    '1e309',
    'NaN',
    '0001-01-01',
    "'",
    '',
    '%FF',
  ),
  fc.string({ maxLength: 20 }).map(encodeURIComponent),
);

/**
 * A wrong password (login, password change) is recorded in the audit trail by design: the login
 * limiter counts it there while Redis is down. It changes no data.
 */
const COUNTS_FAILURES = ['POST /api/v1/auth/login', 'POST /api/v1/auth/password'];

/** Tables whose rows are audited entities (entity type of their events). */
const AUDITED: Record<string, string> = {
  organisations: 'organisation',
  partnerships: 'partnership',
  users: 'user',
  tenders: 'tender',
  lots: 'lot',
  shares: 'share',
  deadlines: 'deadline',
  documents: 'document',
  contracts: 'contract',
  invoices: 'invoice',
  payments: 'payment',
};
/** A user's own records: a user's event (login, calendar feed, role) may change only these. */
const OF_USER = ['refresh_tokens', 'calendar_tokens', 'role_memberships'];
/** Events that record an attempt, not a change: a wrong password counts towards the limit. */
const ATTEMPTS = ['auth.login_failed', 'auth.password_change_failed'];

/** Tender-scoped tables: a row may change with an event of its tender (a share moves the totals). */
const TENDER_SCOPED = [
  'tenders',
  'lots',
  'shares',
  'deadlines',
  'documents',
  'contracts',
  'invoices',
  'payments',
];

interface Snapshot {
  rows: Map<string, { hash: string; tenderId: string | null }>;
  lastEvent: number;
}

describe('Fuzz: no input gives a 5xx; the audit trail and the data agree', () => {
  let m: Matrix;
  let doc: OpenApi;
  let ops: Endpoint[];

  beforeAll(async () => {
    m = await buildMatrix();
    doc = (await request(m.t.http).get('/api/docs-json').expect(200)).body as OpenApi;
    ops = endpoints(doc);
    const outsider = m.sessions.get('O.officer') as Session;
    const partnership = (
      await outsider
        .post('/partnerships', {
          name: `Partnerstwo ${unique('f')}`,
          leaderOrganisationId: m.fx.org.O,
        })
        .expect(201)
    ).body as { id: string };
    own = {
      users: (m.sessions.get('O.treasurer') as Session).userId,
      organisations: m.fx.org.O,
      partnerships: partnership.id,
      organisationId: m.fx.org.O,
    };
  }, 240000);
  afterAll(async () => {
    await m?.close();
  });

  /**
   * The suites share one database, so the fuzz changes only what this run made: the records of
   * organisations, partnerships and users are the outsider's (its organisation, its own
   * partnership, its treasurer), changed by the administrator; what every user may do is done by
   * an outsider; the tender, its lots, shares and finance are the fixture's own.
   */
  let own: Record<string, string>;
  const ownRecords = /^\/api\/v1\/(admin\/users|organisations|partnerships)\/\{/;
  /** An actor the isolation table allows; anonymous for public operations. */
  const actorFor = (e: Endpoint): ActorKey => {
    const rule = MAY[e.key];
    if (!rule || rule === 'public') return 'anon';
    if (ownRecords.test(e.path)) return 'admin';
    if (e.method !== 'get' && rule.includes('O.coordinator')) return 'O.coordinator';
    return rule.find((a) => a !== 'admin') ?? 'admin';
  };
  const send = (actor: ActorKey, method: string, url: string, body?: unknown) => {
    // An address of its own: the failed logins of the fuzz limit no other suite's client.
    const r = request(m.t.http)[method as 'get'](url).set('x-forwarded-for', '10.17.0.17');
    if (actor !== 'anon') r.set('authorization', `Bearer ${m.sessions.get(actor)?.token}`);
    return body === undefined
      ? r
      : r.set('content-type', 'application/json').send(JSON.stringify(body));
  };
  const counts = async () =>
    (
      await m.t.dataSource.query<{ audit: number; outbox: number }[]>(
        'SELECT (SELECT count(*)::int FROM audit_events) AS audit, (SELECT count(*)::int FROM outbox_jobs) AS outbox',
      )
    )[0];
  const snapshot = async (): Promise<Snapshot> => {
    const rows = new Map<string, { hash: string; tenderId: string | null }>();
    for (const table of Object.keys(AUDITED)) {
      const tender = TENDER_SCOPED.includes(table)
        ? table === 'tenders'
          ? 'x.id::text'
          : 'x.tender_id::text'
        : 'NULL';
      const found = await m.t.dataSource.query<
        { id: string; h: string; tender_id: string | null }[]
      >(`SELECT x.id::text AS id, md5(x::text) AS h, ${tender} AS tender_id FROM "${table}" x`);
      for (const r of found) rows.set(`${table}:${r.id}`, { hash: r.h, tenderId: r.tender_id });
    }
    for (const table of OF_USER) {
      const found = await m.t.dataSource.query<{ id: string; h: string }[]>(
        `SELECT x.user_id::text AS id, md5(string_agg(x::text, '|' ORDER BY x::text)) AS h
           FROM "${table}" x GROUP BY x.user_id`,
      );
      for (const r of found) rows.set(`${table}:${r.id}`, { hash: r.h, tenderId: null });
    }
    const [{ last }] = await m.t.dataSource.query<{ last: number }[]>(
      'SELECT coalesce(max(id), 0)::int AS last FROM audit_events',
    );
    return { rows, lastEvent: last };
  };

  /**
   * The invariants are checked per window: from one successful write to the next (refusals in
   * between must change nothing), so a change undone later in the run is still seen.
   */
  let last: Snapshot;
  const problems: string[] = [];
  const windows = { count: 0, events: 0, changed: 0 };
  const closeWindow = async (after: string) => {
    const now = await snapshot();
    const events = await m.t.dataSource.query<
      {
        action: string;
        entity_type: string | null;
        entity_id: string | null;
        tender_id: string | null;
      }[]
    >(
      'SELECT action, entity_type, entity_id::text, tender_id::text FROM audit_events WHERE id > $1 AND id <= $2',
      [last.lastEvent, now.lastEvent],
    );
    const keys = new Set([...last.rows.keys(), ...now.rows.keys()]);
    const changed = [...keys]
      .filter((k) => last.rows.get(k)?.hash !== now.rows.get(k)?.hash)
      .map((k) => ({ key: k, tenderId: (now.rows.get(k) ?? last.rows.get(k))?.tenderId ?? null }));
    for (const e of events) {
      if (NOT_A_CHANGE.some((p) => e.action.startsWith(p)) || ATTEMPTS.includes(e.action)) continue;
      const table = Object.keys(AUDITED).find((t) => AUDITED[t] === e.entity_type);
      if (!table || !e.entity_id) continue;
      const tables = table === 'users' ? [table, ...OF_USER] : [table];
      if (!tables.some((t) => changed.some((c) => c.key === `${t}:${e.entity_id}`)))
        problems.push(`after ${after}: event ${e.action} on ${table}:${e.entity_id}, unchanged`);
    }
    for (const c of changed) {
      const [table, id] = c.key.split(':');
      const own = events.some((e) => e.entity_id === id);
      const ofTender = c.tenderId !== null && events.some((e) => e.tender_id === c.tenderId);
      if (!own && !(TENDER_SCOPED.includes(table) && ofTender))
        problems.push(`after ${after}: ${c.key} changed without an event`);
    }
    windows.count++;
    windows.events += events.length;
    windows.changed += changed.length;
    last = now;
  };
  /**
   * Well-formed bodies that touch only this run's records: the outsider's account logs in, its
   * partnership and roles stay its own, and no body signs the fuzzing actor out everywhere.
   */
  const ownBodies = (): Record<string, object> => ({
    'POST /api/v1/auth/login': { email: outsiderEmail('O.head') },
    'POST /api/v1/auth/password': { currentPassword: 'not-the-current-one' },
    'POST /api/v1/partnerships': {
      name: `Partnerstwo ${unique('f')}`,
      leaderOrganisationId: m.fx.org.O,
    },
    'POST /api/v1/partnerships/{id}/members': { organisationId: m.fx.org.O },
    'POST /api/v1/admin/users': { email: `${unique('f')}@obca.example.pl` },
    'POST /api/v1/admin/users/{id}/memberships': { organisationId: m.fx.org.O },
    'POST /api/v1/organisations': { name: `Gmina Fuzz ${unique('f')}` },
  });
  const outsiderEmail = (a: ActorKey) => m.outsiderEmails[a] as string;

  it('write endpoints: malformed bodies never give a 5xx, and a refusal writes nothing', async () => {
    const failures: string[] = [];
    last = await snapshot();
    const overrides = bodyOverrides(m.fx);
    // What acts on the attacked partner's treasurer (an actor of other operations) goes last.
    const late = (e: Endpoint) => (e.path.startsWith('/api/v1/admin/users') ? 1 : 0);
    const writes = ops.filter((e) => e.method !== 'get').sort((a, b) => late(a) - late(b));
    expect(writes.length).toBeGreaterThan(50);
    for (const e of writes) {
      const schema = bodySchema(doc, e.op);
      const example = schema
        ? {
            ...exampleBody(doc, schema, {
              organisationId: m.fx.org.V,
              lotId: m.fx.lotId,
              invoiceId: m.fx.invoiceId,
              offerId: m.fx.offerId,
              partnershipId: m.fx.partnershipId,
            }),
            ...overrides[e.key],
            ...ownBodies()[e.key],
          }
        : {};
      const keys = Object.keys(schema?.properties ?? {});
      const body = fc.oneof(
        // The well-formed body itself: real changes, for the invariants at the end.
        fc.constant(example),
        // The well-formed body with one field spoiled.
        fc
          .tuple(fc.constantFrom(...(keys.length ? keys : ['x'])), nasty)
          .map(([k, v]) => ({ ...example, [k]: v })),
        // Arbitrary fields of the schema.
        fc.dictionary(fc.constantFrom(...(keys.length ? keys : ['x'])), nasty, { maxKeys: 6 }),
        // Not an object at all.
        nasty,
      );
      const actor = actorFor(e);
      const url = pathFor(e.path, m.fx, own);
      await fc.assert(
        fc.asyncProperty(body, async (b) => {
          const was = await counts();
          const res = await send(actor, e.method, url, b);
          if (res.status >= 500)
            failures.push(`${e.key} ${JSON.stringify(b).slice(0, 120)} → ${res.status}`);
          if (res.status < 300) await closeWindow(e.key);
          if (res.status >= 400 && !COUNTS_FAILURES.includes(e.key)) {
            const now = await counts();
            if (now.audit !== was.audit || now.outbox !== was.outbox)
              failures.push(`${e.key} → ${res.status} but wrote ${JSON.stringify(now)}`);
          }
        }),
        { numRuns: RUNS, seed: SEED },
      );
    }
    expect(failures).toEqual([]);
  });

  it('list queries and path ids: odd offsets, limits, filters and ids never give a 5xx', async () => {
    const failures: string[] = [];
    const lists = ops.filter(
      (e) => e.method === 'get' && (e.op.parameters ?? []).some((p) => p.in === 'query'),
    );
    expect(lists.length).toBeGreaterThan(10);
    for (const e of lists) {
      const names = (e.op.parameters ?? []).filter((p) => p.in === 'query').map((p) => p.name);
      const actor = actorFor(e);
      const base = pathFor(e.path, m.fx, own);
      await fc.assert(
        fc.asyncProperty(
          fc.dictionary(fc.constantFrom(...names), queryValue, { minKeys: 1, maxKeys: 3 }),
          async (q) => {
            const required = QUERY[e.path] ? QUERY[e.path].slice(1) + '&' : '';
            const url = `${base}?${required}${Object.entries(q)
              .map(([k, v]) => `${k}=${v}`)
              .join('&')}`;
            const res = await send(actor, 'get', url);
            if (res.status >= 500) failures.push(`GET ${url} → ${res.status}`);
          },
        ),
        { numRuns: RUNS, seed: SEED },
      );
    }
    const withIds = ops.filter((e) => e.path.includes('{'));
    const badId = fc.constantFrom(
      '%00',
      '99999999999999999999',
      "'",
      '-1',
      'x'.repeat(300),
      '%2e%2e',
    );
    for (const e of withIds) {
      await fc.assert(
        fc.asyncProperty(badId, async (id) => {
          const url = e.path.replace(/\{[^}]+\}/g, id);
          const res = await send(actorFor(e), e.method, url, e.method === 'get' ? undefined : {});
          if (res.status >= 500)
            failures.push(`${e.key} with id ${id.slice(0, 20)} → ${res.status}`);
        }),
        { numRuns: 2, seed: SEED },
      );
    }
    expect(failures).toEqual([]);
  });

  it('afterwards: no audit event without its change, no change without its event', async () => {
    await closeWindow('the end of the run');
    expect(problems).toEqual([]);
    expect(windows.events).toBeGreaterThan(10);
    console.log(
      `fuzz: ${windows.count} windows, ${windows.events} audit events and ${windows.changed} changed rows, all matched`,
    );
  });
});
