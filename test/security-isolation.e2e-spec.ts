/**
 * An isolation matrix generated from the OpenAPI document: every endpoint without a token is
 * refused (401) unless it is one of the few public ones, none answers 5xx, and no probe changes
 * anything; every tender-scoped read is hidden (404) from an outsider organisation.
 */
import request from 'supertest';
import { TestApp, createTestApp, login } from './support/app';

interface OpenApi {
  paths: Record<string, Record<string, unknown>>;
}

/** Routes that need no access token, by design (README "Using the API"). */
const PUBLIC = [
  /^post \/api\/v1\/auth\/(login|refresh|logout)$/,
  /^get \/api\/v1\/legal\//,
  /^get \/api\/v1\/calendar\/\{file\}$/,
  /^get \/api\/v1\/ocds\//,
  // Published procurement data (OCDS) is open by law; an unknown tender is 404.
  /^get \/api\/v1\/tenders\/\{id\}\/ocds$/,
  /^get \/health(\/ready)?$/,
  // The metrics scrape has a token of its own (404 without it, so it is not advertised).
  /^get \/metrics$/,
];
/** Required query parameters of reads, as an honest client sends them. */
const QUERY: Record<string, string> = {
  '/api/v1/tenders/{id}/schedule/proposal': '?publishedOn=2027-01-11',
};
const METHODS = ['get', 'post', 'put', 'patch', 'delete'];
const ANY_ID = '00000000-0000-4000-8000-000000000000';

describe('Isolation matrix from the OpenAPI document', () => {
  let t: TestApp;
  let doc: OpenApi;

  beforeAll(async () => {
    t = await createTestApp();
    doc = (await request(t.http).get('/api/docs-json').expect(200)).body as OpenApi;
  });
  afterAll(async () => {
    await t?.close();
  });

  const counts = async () =>
    (
      await t.dataSource.query<{ audit: number; outbox: number }[]>(
        'SELECT (SELECT count(*)::int FROM audit_events) AS audit, (SELECT count(*)::int FROM outbox_jobs) AS outbox',
      )
    )[0];

  it('refuses every non-public endpoint without a token (401), never answers 5xx, changes nothing', async () => {
    const before = await counts();
    const probes: string[] = [];
    const wrong: string[] = [];
    for (const [path, item] of Object.entries(doc.paths)) {
      for (const method of METHODS.filter((m) => m in item)) {
        const url = path.replace(/\{[^}]+\}/g, ANY_ID);
        const key = `${method} ${path}`;
        probes.push(key);
        const res = await request(t.http)[method as 'get'](url).send({});
        const isPublic = PUBLIC.some((p) => p.test(key));
        if (res.status >= 500 || (!isPublic && res.status !== 401))
          wrong.push(`${key} → ${res.status}`);
      }
    }
    expect(probes.length).toBeGreaterThan(50);
    expect(wrong).toEqual([]);
    expect(await counts()).toEqual(before);
  });

  it('hides every tender-scoped read from an outsider organisation (404), and changes nothing', async () => {
    const officer = await login(t, 'officer@skawina.demo');
    const outsider = await login(t, 'officer@zabierzow.demo');
    const tenders = (await officer.get('/tenders?limit=1').expect(200)).body as {
      items: { id: string }[];
    };
    const tenderId = tenders.items[0].id;
    const before = await counts();
    const wrong: string[] = [];
    const reads = Object.entries(doc.paths).filter(
      ([path, item]) => 'get' in item && /^\/api\/v1\/tenders\/\{id\}(\/[a-z-]+)*$/.test(path),
    );
    expect(reads.length).toBeGreaterThan(5);
    for (const [path] of reads) {
      const url = path.replace('/api/v1', '').replace('{id}', tenderId) + (QUERY[path] ?? '');
      const res = await outsider.get(url);
      if (res.status !== 404) wrong.push(`GET ${path} → ${res.status}`);
    }
    expect(wrong).toEqual([]);
    expect(await counts()).toEqual(before);
  });
});
