import { Session, TestApp, createTestApp, login } from './support/app';
import { collectingTender, createTender } from './support/tenders';
import { listTenders } from '../src/tenders/tender-list.query';
import { todayInWarsaw } from '../src/common/dates';
import type { Actor } from '../src/auth';
import { TendersQuery } from '../src/tenders/dto/tender.dto';

interface Summary {
  id: string;
  status: string;
  shareDeadline: string | null;
}
interface ListPage {
  items: Summary[];
  total: number;
  limit: number;
  offset: number;
  totalIsLowerBound: boolean;
  nextCursor: string | null;
}

/** Every page of `path` by keyset (`cursor` after `nextCursor`), at most `max` pages. */
async function walk(who: Session, path: string, max = 200): Promise<ListPage[]> {
  const pages: ListPage[] = [];
  let cursor: string | null = null;
  do {
    const sep = path.includes('?') ? '&' : '?';
    const url: string = cursor ? `${path}${sep}cursor=${encodeURIComponent(cursor)}` : path;
    const body = (await who.get(url).expect(200)).body as ListPage;
    pages.push(body);
    cursor = body.nextCursor;
  } while (cursor && pages.length < max);
  return pages;
}

describe('Tender list: visibility through partnerships, keyset pages, a capped count', () => {
  let t: TestApp;
  const sessions = new Map<string, Session>();
  const as = async (email: string) => {
    if (!sessions.has(email)) sessions.set(email, await login(t, email));
    return sessions.get(email) as Session;
  };

  beforeAll(async () => {
    t = await createTestApp();
    // Tenders of this suite (other suites add theirs to the shared database): drafts, some
    // without a share deadline (NULL sort keys), and tenders collecting shares from partners.
    const officer = await as('officer@skawina.demo');
    for (let i = 0; i < 4; i++) {
      await createTender(officer, i % 2 === 0 ? { shareDeadline: undefined } : {});
      await collectingTender(t, officer, [
        [1, 'czernichow', `${1000 + i}.00`],
        [2, 'liszki', `${2000 + i}.00`],
      ]);
    }
  });
  afterAll(async () => {
    await t.close();
  });

  it('lists exactly the tenders each user may open (the policy and its SQL form agree)', async () => {
    const admin = await as('admin@wspolnie.demo');
    const all = (await admin.get('/tenders?limit=200').expect(200)).body as ListPage;
    expect(all.items.length).toBeGreaterThan(3);
    const users = [
      'officer@skawina.demo',
      'coordinator@liszki.demo',
      'treasurer@czernichow.demo',
      'lawyer@skawina.demo',
      'coordinator@zabierzow.demo',
      'officer@zabierzow.demo',
    ];
    let hidden = 0;
    let shown = 0;
    for (const email of users) {
      const who = await as(email);
      const listed = new Set(
        ((await who.get('/tenders?limit=200').expect(200)).body as ListPage).items.map((x) => x.id),
      );
      for (const tender of all.items) {
        const res = await who.get(`/tenders/${tender.id}`);
        expect([tender.id, res.status]).toEqual([tender.id, listed.has(tender.id) ? 200 : 404]);
        if (listed.has(tender.id)) shown += 1;
        else hidden += 1;
      }
    }
    // Both sides of the rule were exercised: tenders shown and tenders hidden.
    expect(shown).toBeGreaterThan(0);
    expect(hidden).toBeGreaterThan(0);
  });

  it.each(['-createdAt', 'createdAt', 'shareDeadline', '-shareDeadline', 'title', '-valueNet'])(
    'walks the list by cursor in the order of the offset pages (sort=%s), no row twice or missed',
    async (sort) => {
      const officer = await as('officer@skawina.demo');
      const whole = (await officer.get(`/tenders?limit=200&sort=${sort}`).expect(200))
        .body as ListPage;
      expect(whole.nextCursor).toBeNull();
      const pages = await walk(officer, `/tenders?limit=3&sort=${sort}`);
      const ids = pages.flatMap((p) => p.items.map((x) => x.id));
      expect(ids).toEqual(whole.items.map((x) => x.id));
      expect(pages.length).toBeGreaterThan(1);
      for (const p of pages) expect(p).toMatchObject({ total: whole.total, limit: 3, offset: 0 });
      expect(pages[pages.length - 1].nextCursor).toBeNull();
      // An offset page carries the cursor of the page after it, too.
      const second = (await officer.get(`/tenders?limit=3&offset=3&sort=${sort}`).expect(200))
        .body as ListPage;
      expect(second.items.map((x) => x.id)).toEqual(ids.slice(3, 6));
      if (second.nextCursor) {
        const third = (
          await officer
            .get(`/tenders?limit=3&sort=${sort}&cursor=${encodeURIComponent(second.nextCursor)}`)
            .expect(200)
        ).body as ListPage;
        expect(third.items.map((x) => x.id)).toEqual(ids.slice(6, 9));
      }
    },
  );

  it('applies the filters to keyset pages as to offset pages', async () => {
    const coordinator = await as('coordinator@liszki.demo');
    const whole = (await coordinator.get('/tenders?limit=200&status=COLLECTING_SHARES').expect(200))
      .body as ListPage;
    const pages = await walk(coordinator, '/tenders?limit=2&status=COLLECTING_SHARES');
    expect(pages.flatMap((p) => p.items.map((x) => x.id))).toEqual(whole.items.map((x) => x.id));
    for (const item of whole.items) expect(item.status).toBe('COLLECTING_SHARES');
  });

  it('answers a bad cursor with 400 naming the field and the rule', async () => {
    const officer = await as('officer@skawina.demo');
    const first = (await officer.get('/tenders?limit=1').expect(200)).body as ListPage;
    expect(first.nextCursor).toEqual(expect.any(String));
    const cursor = encodeURIComponent(first.nextCursor as string);
    const cases: [string, string, string][] = [
      ['/tenders?cursor=not-a-cursor', 'cursor', 'cursor'],
      [`/tenders?cursor=${cursor}&sort=title`, 'cursor', 'sameSort'],
      [`/tenders?cursor=${cursor}&offset=5`, 'offset', 'withCursor'],
      [
        `/tenders?cursor=${Buffer.from(JSON.stringify(['-createdAt', '2026-13-45 99:00:00+00', first.items[0].id])).toString('base64url')}`,
        'cursor',
        'cursor',
      ],
      [
        `/tenders?cursor=${Buffer.from(JSON.stringify(['-createdAt', null, 'x'])).toString('base64url')}`,
        'cursor',
        'cursor',
      ],
      [`/tenders?cursor=${'a'.repeat(2001)}`, 'cursor', 'maxLength'],
    ];
    for (const [path, field, rule] of cases) {
      const res = await officer.get(path);
      expect([path, res.status]).toEqual([path, 400]);
      expect(res.body.errors).toEqual([expect.objectContaining({ field, rule })]);
    }
  });

  it('counts up to the cap, then says that more match (totalIsLowerBound)', async () => {
    const officer = await as('officer@skawina.demo');
    const exact = (await officer.get('/tenders?limit=200').expect(200)).body as ListPage;
    expect(exact.totalIsLowerBound).toBe(false);
    expect(exact.total).toBe(exact.items.length);
    // The cap is 1000 in the API; the same query with a cap of 2 shows what happens beyond it.
    const actor: Actor = {
      userId: officer.userId,
      email: 'officer@skawina.demo',
      displayName: 'officer',
      admin: false,
      requestId: 'test',
      memberships: (await officer.get('/auth/me').expect(200)).body.memberships,
    };
    const orgs = actor.memberships.map((m) => m.organisationId);
    // The list as the officer with a count cap of 2 (what 1000 is in the API).
    const listCapped = (over: Partial<TendersQuery>) =>
      listTenders(
        t.dataSource.manager,
        actor,
        orgs,
        todayInWarsaw(),
        Object.assign(new TendersQuery(), { limit: 1, offset: 0, ...over }),
        2,
      );
    const capped = await listCapped({});
    expect(capped).toMatchObject({ total: 2, totalIsLowerBound: true });
    expect(capped.items).toHaveLength(1);
    // A page beyond the cap is counted to its end: total never falls behind what was shown.
    expect((await listCapped({ offset: 3 })).total).toBeGreaterThanOrEqual(4);
    const all = await listCapped({ limit: 200 });
    expect(all).toMatchObject({ total: exact.total, totalIsLowerBound: false });
  });
});
