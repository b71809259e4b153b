import type { TestingModule } from '@nestjs/testing';
import request from 'supertest';
import { StallEscalationService } from '../src/insights';
import { Clock, ScaledClock } from '../src/schedule/clock';
import { Session, TestApp, createTestApp, login } from './support/app';
import { validateRecordPackage, validateReleasePackage } from './support/ocds/ocds-validator';
import { contractedTender } from './support/procedure';
import type { TenderBody } from './support/tenders';
import { startWorker } from './support/worker';

interface Release {
  ocid: string;
  id: string;
  date: string;
  tag: string[];
  [k: string]: unknown;
}
interface Pkg {
  releases: Release[];
  links?: { next?: string };
  [k: string]: unknown;
}

/**
 * Open contracting data on the real API: the full procedure of a joint tender as OCDS 1.1.5
 * (validated against the official schemas with the lots and contract_buyer extensions), the
 * record with its compiled release, the harvesters' feed, and what stays private.
 */
describe('OCDS 1.1.5: packages, records and the public feed', () => {
  let t: TestApp;
  let worker: TestingModule;
  const sessions = new Map<string, Session>();
  const as = async (email: string): Promise<Session> => {
    let s = sessions.get(email);
    if (!s) {
      s = await login(t, email);
      sessions.set(email, s);
    }
    return s;
  };
  let tender: TenderBody;
  const clock = new ScaledClock(new Date(), 1);
  const anon = () => request(t.http);

  beforeAll(async () => {
    t = await createTestApp((b) => b.overrideProvider(Clock).useValue(clock));
    worker = await startWorker();
    // The worker's first stall sweep escalates the demo's stalled shares (audit events of their
    // own); done here, before the ids are set, it cannot add events in the middle of the tender's.
    await worker.get(StallEscalationService).sweep();
    // The tender's milestones straddle a power of ten (publication at …97, the opening at 1…05,
    // ~40 events after creation): the feed's order and cursor must be numeric, not the ids' text.
    await t.dataSource.query(
      `SELECT setval(pg_get_serial_sequence('audit_events', 'id'),
                     power(10, ceil(log(greatest(max(id), 10) + 100)))::bigint - 41)
         FROM audit_events`,
    );
    tender = await contractedTender(t, as, clock);
  }, 180000);
  afterAll(async () => {
    await worker?.close();
    await t?.close();
  });

  it('publishes the whole procedure as a valid release package, one release per milestone', async () => {
    const res = await anon().get(`/api/v1/tenders/${tender.id}/ocds`).expect(200);
    expect(res.headers['content-type']).toMatch(/^application\/json/);
    const pkg = res.body as Pkg;
    expect(validateReleasePackage(pkg)).toEqual({ errors: [], warnings: [] });
    expect(pkg.releases.map((r) => r.tag[0])).toEqual([
      'planning',
      'tender',
      'tenderUpdate',
      'award',
      'contract',
      'contract',
      'contract',
      'implementation',
    ]);
    const ocid = pkg.releases[0].ocid;
    expect(ocid).toBe(`ocds-wspoln-${tender.id}`);
    expect(pkg.releases.every((r) => r.ocid === ocid)).toBe(true);
  });

  it('compiles the record: every partner a buyer, each contract naming its buyer, shares per buyer', async () => {
    const ocid = `ocds-wspoln-${tender.id}`;
    const pkg = (await anon().get(`/api/v1/ocds/records/${ocid}`).expect(200)).body;
    expect(validateRecordPackage(pkg)).toEqual({ errors: [], warnings: [] });
    const compiled = pkg.records[0].compiledRelease;
    const roles = Object.fromEntries(
      compiled.parties.map((p: { name: string; roles: string[] }) => [p.name, p.roles]),
    );
    expect(roles).toEqual({
      'Gmina Skawina': ['buyer', 'procuringEntity', 'leadBuyer'],
      'Gmina Liszki': ['buyer'],
      'Gmina Czernichów': ['buyer'],
      'Drogbud Sp. z o.o.': ['supplier'],
    });
    expect(
      compiled.tender.lots.map((l: { id: string; value: { amount: number } }) => [
        l.id,
        l.value.amount,
      ]),
    ).toEqual([
      ['1', 1100000],
      ['2', 450000],
    ]);
    expect(
      compiled.planning.budget.budgetBreakdown.map(
        (b: { sourceParty: { name: string }; amount: { amount: number } }) => [
          b.sourceParty.name,
          b.amount.amount,
        ],
      ),
    ).toEqual(
      expect.arrayContaining([
        ['Gmina Skawina', 800000],
        ['Gmina Liszki', 300000],
        ['Gmina Czernichów', 450000],
      ]),
    );
    expect(compiled.contracts.map((c: { buyer: { name: string } }) => c.buyer.name).sort()).toEqual(
      ['Gmina Czernichów', 'Gmina Liszki', 'Gmina Skawina'],
    );
    const withInvoice = compiled.contracts.find(
      (c: { implementation?: unknown }) => c.implementation,
    );
    expect(withInvoice.implementation.transactions[0].value).toEqual({
      amount: 123000,
      currency: 'PLN',
    });
    const party = compiled.parties.find((p: { name: string }) => p.name === 'Gmina Liszki');
    expect(party.identifier.scheme).toBe('PL-REGON');
    expect(party.additionalIdentifiers[0].scheme).toBe('PL-NIP');
  });

  it('uses the e-Zamówienia ocid once the officer recorded it', async () => {
    const ocid = `ocds-148610-${tender.id.slice(0, 8)}`;
    await t.dataSource.query('UPDATE tenders SET ocid = $1 WHERE id = $2', [ocid, tender.id]);
    try {
      const pkg = (await anon().get(`/api/v1/tenders/${tender.id}/ocds`).expect(200)).body as Pkg;
      expect(new Set(pkg.releases.map((r) => r.ocid))).toEqual(new Set([ocid]));
      const record = (await anon().get(`/api/v1/ocds/records/${ocid}`).expect(200)).body;
      expect(validateRecordPackage(record).errors).toEqual([]);
    } finally {
      await t.dataSource.query('UPDATE tenders SET ocid = NULL WHERE id = $1', [tender.id]);
    }
  });

  it('feeds harvesters every published release in a stable order, page by page, from a date on', async () => {
    const all: Release[] = [];
    let url: string | undefined = '/api/v1/ocds/releases?limit=3';
    let pages = 0;
    while (url) {
      const page = (await anon().get(url).expect(200)).body as Pkg;
      if (page.releases.length > 0) expect(validateReleasePackage(page).errors).toEqual([]);
      all.push(...page.releases);
      url = page.links?.next?.replace(/^https?:\/\/[^/]+/, '');
      pages += 1;
    }
    expect(pages).toBeGreaterThan(2);
    const mine = all.filter((r) => r.ocid === `ocds-wspoln-${tender.id}`);
    const direct = (await anon().get(`/api/v1/tenders/${tender.id}/ocds`).expect(200)).body as Pkg;
    const digits = new Set(direct.releases.map((r) => r.id.split('-').at(-2)?.length));
    expect(digits.size).toBeGreaterThan(1); // the precondition set in beforeAll still holds
    expect(mine.map((r) => r.id)).toEqual(direct.releases.map((r) => r.id));
    expect(new Set(all.map((r) => `${r.ocid}/${r.id}`)).size).toBe(all.length);
    const after = direct.releases[4].date;
    const since = (
      await anon()
        .get(`/api/v1/ocds/releases?since=${encodeURIComponent(after)}`)
        .expect(200)
    ).body as Pkg;
    expect(since.releases.every((r) => r.date >= after)).toBe(true);
    expect(
      since.releases.filter((r) => r.ocid === `ocds-wspoln-${tender.id}`).map((r) => r.tag[0]),
    ).toEqual(['contract', 'contract', 'contract', 'implementation']);
    const bad = await anon().get('/api/v1/ocds/releases?since=yesterday').expect(400);
    expect(bad.body.errors[0]).toMatchObject({ field: 'since', rule: 'isDateTime' });
  });

  it('leaks nothing of a tender before its publication, nor any partner’s internal approvals', async () => {
    const demo = await t.dataSource.query<{ id: string; status: string }[]>(
      `SELECT id, status FROM tenders WHERE published_on IS NULL`,
    );
    expect(demo.length).toBeGreaterThan(0);
    const feed: Release[] = [];
    let url: string | undefined = '/api/v1/ocds/releases';
    while (url) {
      const page = (await anon().get(url).expect(200)).body as Pkg;
      feed.push(...page.releases);
      url = page.links?.next?.replace(/^https?:\/\/[^/]+/, '');
    }
    const text = JSON.stringify(feed);
    for (const d of demo) {
      expect(text).not.toContain(d.id);
      await anon().get(`/api/v1/tenders/${d.id}/ocds`).expect(404);
    }
    // Approval chains, budget classifications and the people who signed stay internal.
    for (const secret of [
      'approvals',
      'budgetClassification',
      '600/60016/4270',
      'COUNTERSIGNED',
      'coordinator@',
    ])
      expect(text).not.toContain(secret);
    expect(feed.every((r) => !/DRAFT|COLLECTING_SHARES/.test(JSON.stringify(r)))).toBe(true);
  });

  it('lets the participants of an unpublished demo tender preview its planning as valid OCDS; others get 404', async () => {
    const demo = await t.dataSource.query<{ id: string; reference: string }[]>(
      `SELECT id, reference FROM tenders WHERE reference IN ('ZP.271.1.2026', 'ZP.271.2.2026') ORDER BY reference`,
    );
    expect(demo).toHaveLength(2);
    const officer = await as('officer@skawina.demo');
    const outsider = await as('officer@zabierzow.demo');
    for (const d of demo) {
      const pkg = (await officer.get(`/tenders/${d.id}/ocds`).expect(200)).body as Pkg;
      expect(validateReleasePackage(pkg)).toEqual({ errors: [], warnings: [] });
      expect(pkg.releases.map((r) => r.tag)).toEqual([['planning']]);
      await outsider.get(`/tenders/${d.id}/ocds`).expect(404);
    }
  });
});
