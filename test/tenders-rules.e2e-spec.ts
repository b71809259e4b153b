import { Client } from 'pg';
import request from 'supertest';
import { Session, TestApp, createTestApp, login, orgId, unique } from './support/app';
import { addCalendarDays, warsawDate } from '../src/common/polish-calendar/calendar';
import { Clock, ScaledClock } from '../src/schedule/clock';
import { renderAgreement } from './support/documents';
import { awardBest, openOffers, publishLawfully, recordOffers } from './support/procedure';
import { startWorker } from './support/worker';
import {
  TenderBody,
  confirmAll,
  createTender,
  demoPartnershipId,
  findShare,
  tenderAfter,
  proposeShare,
} from './support/tenders';

describe('Joint tender rules: access, separation of duties, versions, regime, withdrawal', () => {
  let t: TestApp;
  const clock = new ScaledClock(new Date(), 1);
  let officer: Session;
  const sessions = new Map<string, Session>();
  const as = async (email: string) => {
    if (!sessions.has(email)) sessions.set(email, await login(t, email));
    return sessions.get(email) as Session;
  };

  beforeAll(async () => {
    t = await createTestApp((b) => b.overrideProvider(Clock).useValue(clock));
    officer = await as('officer@skawina.demo');
  });
  afterAll(async () => {
    await t.close();
  });

  /** A tender collecting shares from Czernichów (lot 1) and Liszki (lot 2). */
  async function collecting(
    amounts: [string, string] = ['100000.00', '50000.00'],
  ): Promise<TenderBody> {
    let tender = await createTender(officer);
    tender = await proposeShare(t, officer, tender, 1, 'czernichow', amounts[0]);
    tender = await proposeShare(t, officer, tender, 2, 'liszki', amounts[1]);
    return (
      await officer
        .post(`/tenders/${tender.id}/transition`, {
          to: 'COLLECTING_SHARES',
          version: tender.version,
        })
        .expect(200)
    ).body;
  }

  it('needs shares from two organisations before collecting', async () => {
    let tender = await createTender(officer);
    tender = await proposeShare(t, officer, tender, 1, 'czernichow', '1000.00');
    const res = await officer
      .post(`/tenders/${tender.id}/transition`, {
        to: 'COLLECTING_SHARES',
        version: tender.version,
      })
      .expect(422);
    expect(res.body.missing).toEqual([expect.stringMatching(/at least 2 organisations/)]);
  });

  it('separates duties: the same person cannot accept and countersign one share', async () => {
    const tender = await collecting();
    const czernichow = await orgId(t, 'czernichow');
    const admin = await as('admin@wspolnie.demo');
    const email = `${unique('dual')}@czernichow.demo`;
    await admin
      .post('/admin/users', {
        email,
        displayName: 'Osoba Dwóch Ról',
        password: 'bardzo-długie-hasło',
        memberships: [
          { organisationId: czernichow, role: 'COORDINATOR' },
          { organisationId: czernichow, role: 'TREASURER' },
        ],
      })
      .expect(201);
    const dual = await login(t, email, 'bardzo-długie-hasło');
    let share = findShare(tender, 1, 'Gmina Czernichów');
    const accepted = await tenderAfter(
      dual,
      await dual.post(`/shares/${share.id}/approve`, { version: share.version }).expect(200),
    );
    share = findShare(accepted, 1, 'Gmina Czernichów');
    // The person who accepted sees no further step for themselves.
    expect(share.allowedActions).toEqual([]);
    const res = await dual
      .post(`/shares/${share.id}/approve`, {
        version: share.version,
        budgetClassification: '600/60016/4270',
      })
      .expect(403);
    expect(res.body.code).toBe('SHARE_SEPARATION_OF_DUTIES');
    // Another treasurer of the same organisation may countersign.
    await (
      await as('treasurer@czernichow.demo')
    )
      .post(`/shares/${share.id}/approve`, {
        version: share.version,
        budgetClassification: '600/60016/4270',
      })
      .expect(200);
  });

  it('refuses a coordinator of another organisation (403) and the wrong role (403)', async () => {
    const tender = await collecting();
    const share = findShare(tender, 1, 'Gmina Czernichów');
    const other = await (
      await as('coordinator@liszki.demo')
    )
      .post(`/shares/${share.id}/approve`, { version: share.version })
      .expect(403);
    expect(other.body.code).toBe('SHARE_STEP_ROLE_REQUIRED');
    const early = await (
      await as('treasurer@czernichow.demo')
    )
      .post(`/shares/${share.id}/approve`, {
        version: share.version,
        budgetClassification: '600/60016/4270',
      })
      .expect(403);
    expect(early.body.message).toMatch(/waits for the COORDINATOR/);
  });

  it('hides the tender from another partnership (404) and drafts from partners (404)', async () => {
    const tender = await collecting();
    const outsider = await as('coordinator@zabierzow.demo');
    await outsider.get(`/tenders/${tender.id}`).expect(404);
    const share = findShare(tender, 1, 'Gmina Czernichów');
    await outsider.post(`/shares/${share.id}/approve`, { version: share.version }).expect(404);
    const list = await outsider.get('/tenders?limit=200').expect(200);
    expect(list.body.items.map((x: { id: string }) => x.id)).not.toContain(tender.id);
    // A partner's coordinator sees it once it collects shares, and may not manage it.
    const partner = await as('coordinator@mogilany.demo');
    await partner.get(`/tenders/${tender.id}`).expect(200);
    await partner
      .patch(`/tenders/${tender.id}`, {
        version: tender.version,
        title: 'Zmieniony tytuł postępowania',
      })
      .expect(403);
  });

  it('answers a stale version with 409 and the current version', async () => {
    const tender = await createTender(officer);
    await officer
      .patch(`/tenders/${tender.id}`, { version: tender.version, title: 'Nowy tytuł postępowania' })
      .expect(200);
    const stale = await officer
      .patch(`/tenders/${tender.id}`, { version: tender.version, title: 'Inny tytuł postępowania' })
      .expect(409);
    expect(stale.body).toEqual(
      expect.objectContaining({
        code: 'TENDER_VERSION_CONFLICT',
        currentVersion: tender.version + 1,
      }),
    );
    const illegal = await officer
      .post(`/tenders/${tender.id}/transition`, { to: 'PUBLISHED', version: tender.version + 1 })
      .expect(409);
    expect(illegal.body).toEqual(
      expect.objectContaining({ code: 'TENDER_ILLEGAL_TRANSITION', currentStatus: 'DRAFT' }),
    );
  });

  it('lets exactly one of two concurrent approvals of the same step win', async () => {
    const tender = await collecting();
    const czernichow = await orgId(t, 'czernichow');
    const admin = await as('admin@wspolnie.demo');
    const email = `${unique('coord')}@czernichow.demo`;
    await admin
      .post('/admin/users', {
        email,
        displayName: 'Drugi Koordynator',
        password: 'bardzo-długie-hasło',
        memberships: [{ organisationId: czernichow, role: 'COORDINATOR' }],
      })
      .expect(201);
    const second = await login(t, email, 'bardzo-długie-hasło');
    const first = await as('coordinator@czernichow.demo');
    const share = findShare(tender, 1, 'Gmina Czernichów');
    const results = await Promise.all([
      first.post(`/shares/${share.id}/approve`, { version: share.version }),
      second.post(`/shares/${share.id}/approve`, { version: share.version }),
    ]);
    expect(results.map((r) => r.status).sort()).toEqual([200, 409]);
    const approvals = await t.dataSource.query(
      'SELECT * FROM share_approvals WHERE share_id = $1 AND NOT void',
      [share.id],
    );
    expect(approvals).toHaveLength(1);
    const [row] = await t.dataSource.query('SELECT status, version FROM shares WHERE id = $1', [
      share.id,
    ]);
    expect(row).toEqual({ status: 'COORDINATOR_ACCEPTED', version: share.version + 1 });
  });

  it('lets a partner coordinator declare its own need, but not for another organisation', async () => {
    const tender = await collecting();
    const coordinator = await as('coordinator@mogilany.demo');
    const lot = tender.lots[0];
    const foreign = await coordinator
      .post(`/tenders/${tender.id}/shares`, {
        lotId: lot.id,
        organisationId: await orgId(t, 'liszki'),
        amountNet: '1000.00',
      })
      .expect(403);
    expect(foreign.body.code).toBe('FORBIDDEN');
    const own = await coordinator
      .post(`/tenders/${tender.id}/shares`, {
        lotId: lot.id,
        organisationId: await orgId(t, 'mogilany'),
        amountNet: '12345.67',
      })
      .expect(201);
    expect(own.body).toMatchObject({ organisationName: 'Gmina Mogilany', amountNet: '12345.67' });
    expect(own.body.tender).toMatchObject({ id: tender.id, valueNet: expect.any(String) });
    expect(own.body.tender.lots).toBeUndefined();
    const bad = await coordinator
      .post(`/tenders/${tender.id}/shares`, {
        lotId: lot.id,
        organisationId: await orgId(t, 'mogilany'),
        amountNet: '12,5',
      })
      .expect(400);
    expect(bad.body.errors).toEqual([
      expect.objectContaining({ field: 'amountNet', rule: 'isAmount' }),
    ]);
  });

  describe('regime', () => {
    it.each([
      ['169999.99', 'SUPPLIES', '2026-03-01', 'OUTSIDE_ACT'],
      ['170000.00', 'SUPPLIES', '2026-03-01', 'NATIONAL'],
      ['129999.99', 'SERVICES', '2025-06-30', 'OUTSIDE_ACT'],
      ['130000.00', 'SERVICES', '2025-06-30', 'NATIONAL'],
      ['930959.99', 'SUPPLIES', '2026-03-01', 'NATIONAL'],
      ['930960.00', 'SUPPLIES', '2026-03-01', 'EU'],
      ['23291239.99', 'WORKS', '2026-03-01', 'NATIONAL'],
      ['23291240.00', 'WORKS', '2026-03-01', 'EU'],
    ])('GET /legal/regime: %s PLN %s on %s is %s', async (valueNet, subjectKind, on, regime) => {
      const res = await request(t.http)
        .get(`/api/v1/legal/regime?valueNet=${valueNet}&subjectKind=${subjectKind}&on=${on}`)
        .expect(200);
      expect(res.body.regime).toBe(regime);
    });

    it('follows the tender total across the 170 000 PLN national threshold (in force from 2026)', async () => {
      let tender = await createTender(officer, {
        subjectKind: 'SUPPLIES',
        cpvMain: '09310000-5',
        cpvAdditional: [],
      });
      tender = await proposeShare(t, officer, tender, 1, 'czernichow', '100000.00');
      tender = await proposeShare(t, officer, tender, 2, 'liszki', '69999.99');
      expect(tender.regime).toBe('OUTSIDE_ACT');
      const share = findShare(tender, 2, 'Gmina Liszki');
      tender = await tenderAfter(
        officer,
        await officer
          .patch(`/shares/${share.id}`, { version: share.version, amountNet: '70000.00' })
          .expect(200),
      );
      expect(tender.valueNet).toBe('170000.00');
      expect(tender.regime).toBe('NATIONAL');
    });

    it('validates the regime query', async () => {
      const res = await request(t.http)
        .get('/api/v1/legal/regime?valueNet=abc&subjectKind=FOOD')
        .expect(400);
      expect(res.body.errors.map((e: { field: string }) => e.field).sort()).toEqual([
        'subjectKind',
        'valueNet',
      ]);
    });
  });

  it('voids the shares of a partner who leaves and recomputes the value', async () => {
    // A partnership of its own, so the demo one keeps its members for other tests.
    const skawina = await orgId(t, 'skawina');
    const p = (
      await officer
        .post('/partnerships', {
          name: unique('Partnerstwo '),
          leaderOrganisationId: skawina,
          agreementSignedOn: '2026-01-01',
        })
        .expect(201)
    ).body;
    // Memberships decided outside the system (a council resolution), recorded by the administrator.
    const admin = await login(t, 'admin@wspolnie.demo');
    for (const slug of ['czernichow', 'liszki']) {
      await admin
        .post(`/partnerships/${p.id}/members`, {
          organisationId: await orgId(t, slug),
          joinedOn: '2026-01-02',
        })
        .expect(201);
    }
    let tender = await createTender(officer, { partnershipId: p.id });
    tender = await proposeShare(t, officer, tender, 1, 'czernichow', '100000.00');
    tender = await proposeShare(t, officer, tender, 2, 'liszki', '80000.00');
    expect(tender.regime).toBe('NATIONAL');
    await officer
      .post(`/partnerships/${p.id}/members/${await orgId(t, 'liszki')}/leave`, {
        leftOn: '2026-11-30',
      })
      .expect(200);
    const after = (await officer.get(`/tenders/${tender.id}`).expect(200)).body as TenderBody;
    expect(after.valueNet).toBe('100000.00');
    expect(after.regime).toBe('OUTSIDE_ACT');
    expect(after.lots[1].shares.map((s) => s.status)).toEqual(['WITHDRAWN']);
    const history = (await officer.get(`/tenders/${tender.id}/history`).expect(200)).body.items.map(
      (e: { action: string }) => e.action,
    );
    expect(history).toContain('tender.partner_withdrawn');
  });

  it('refuses a partnership that does not exist or is not visible when creating a tender', async () => {
    const zabierzow = await orgId(t, 'zabierzow');
    const admin = await as('admin@wspolnie.demo');
    const foreign = (
      await admin
        .post('/partnerships', { name: unique('Obce '), leaderOrganisationId: zabierzow })
        .expect(201)
    ).body;
    await officer
      .post('/tenders', {
        partnershipId: foreign.id,
        reference: unique('ZP.'),
        title: 'Postępowanie obce',
        subjectKind: 'SUPPLIES',
        cpvMain: '09310000-5',
        procedure: 'BASIC',
        settlementModel: 'SEPARATE_CONTRACTS',
      })
      .expect(404);
    const partner = await as('officer@liszki.demo');
    const res = await partner
      .post('/tenders', {
        partnershipId: await demoPartnershipId(officer),
        reference: unique('ZP.'),
        title: 'Postępowanie partnera',
        subjectKind: 'SUPPLIES',
        cpvMain: '09310000-5',
        procedure: 'BASIC',
        settlementModel: 'SEPARATE_CONTRACTS',
      })
      .expect(403);
    expect(res.body.message).toMatch(/leader/);
    const badCpv = await officer
      .post('/tenders', {
        partnershipId: await demoPartnershipId(officer),
        reference: unique('ZP.'),
        title: 'Zły kod CPV',
        subjectKind: 'SUPPLIES',
        cpvMain: '09310000-4',
        procedure: 'BASIC',
        settlementModel: 'SEPARATE_CONTRACTS',
      })
      .expect(400);
    expect(badCpv.body.errors).toEqual([
      expect.objectContaining({ field: 'cpvMain', rule: 'isCpv' }),
    ]);
  });

  it('runs the lifecycle after READY: publish, open offers, award per lot, contract, settle; refuses a regime change after publication', async () => {
    const skawina = await orgId(t, 'skawina');
    const p = (
      await officer
        .post('/partnerships', {
          name: unique('Partnerstwo '),
          leaderOrganisationId: skawina,
          agreementSignedOn: '2026-01-01',
        })
        .expect(201)
    ).body;
    // Memberships decided outside the system (a council resolution), recorded by the administrator.
    const admin = await login(t, 'admin@wspolnie.demo');
    for (const slug of ['czernichow', 'liszki']) {
      await admin
        .post(`/partnerships/${p.id}/members`, {
          organisationId: await orgId(t, slug),
          joinedOn: '2026-01-02',
        })
        .expect(201);
    }
    let tender = await createTender(officer, { partnershipId: p.id });
    tender = await proposeShare(t, officer, tender, 1, 'czernichow', '150000.00');
    tender = await proposeShare(t, officer, tender, 2, 'liszki', '30000.00');
    tender = (
      await officer
        .post(`/tenders/${tender.id}/transition`, {
          to: 'COLLECTING_SHARES',
          version: tender.version,
        })
        .expect(200)
    ).body;
    tender = await confirmAll(t, tender, as);
    const move = async (to: string, status: number, extra: object = {}) => {
      const current = (await officer.get(`/tenders/${tender.id}`).expect(200)).body as TenderBody;
      return officer
        .post(`/tenders/${tender.id}/transition`, {
          to,
          version: current.version,
          ...extra,
        })
        .expect(status);
    };
    await move('READY', 200);
    // Publishing needs a READY agreement of the current shares, rendered by the worker.
    const refusedPublication = await move('PUBLISHED', 422);
    expect(JSON.stringify(refusedPublication.body)).toContain('AGREEMENT_NOT_READY');
    const worker = await startWorker();
    try {
      await renderAgreement(officer, tender.id);
    } finally {
      await worker.close();
    }
    // …and the contract notice with a schedule counted from its day (published in the clock's past).
    const noNotice = await move('PUBLISHED', 422);
    expect(noNotice.body.missing).toEqual(
      expect.arrayContaining([expect.stringMatching(/contract notice must be recorded/)]),
    );
    const published = await publishLawfully(officer, tender, { clock, daysAgo: 90 });
    expect(published.publishedOn).toBe(warsawDate(clock.now()));
    expect(published.regime).toBe('NATIONAL');

    // Liszki leaving would drop the total below 170 000 PLN: refused, and nothing changes.
    const refused = await officer
      .post(`/partnerships/${p.id}/members/${await orgId(t, 'liszki')}/leave`, {
        leftOn: addCalendarDays(warsawDate(clock.now()), 30),
      })
      .expect(422);
    expect(refused.body).toEqual(
      expect.objectContaining({
        code: 'TENDER_REGIME_WOULD_CHANGE',
        currentRegime: 'NATIONAL',
        resultingRegime: 'OUTSIDE_ACT',
      }),
    );
    expect(refused.body.message).toMatch(/NATIONAL.*OUTSIDE_ACT/);
    const members = (await officer.get(`/partnerships/${p.id}/members`).expect(200)).body;
    expect(members).toHaveLength(3);

    await openOffers(officer, tender, clock);
    // Awards are no longer typed in at the transition: they follow from the evaluation.
    const typed = await move('AWARDED', 422, {
      awards: [
        {
          lotId: tender.lots[0].id,
          contractorName: 'Drogbud Sp. z o.o.',
          contractorNip: '8567346215',
          amountNet: '140000.00',
        },
      ],
    });
    expect(typed.body.code).toBe('AWARDS_FOLLOW_EVALUATION');
    expect(typed.body.errors).toEqual([
      expect.objectContaining({ field: 'awards', rule: 'followsEvaluation' }),
    ]);
    const badNip = await move('AWARDED', 400, {
      awards: [
        {
          lotId: tender.lots[0].id,
          contractorName: 'X Sp. z o.o.',
          contractorNip: '8567346216',
          amountNet: '1.00',
        },
      ],
    });
    expect(badNip.body.errors).toEqual([
      expect.objectContaining({ field: 'awards[0].contractorNip', rule: 'isNip' }),
    ]);
    const head = await as('head@skawina.demo');
    const receivedAt = new Date(Date.now() - 80 * 86_400_000).toISOString();
    await recordOffers(
      officer,
      tender.lots[0].id,
      [
        {
          contractorName: 'Drogbud Sp. z o.o.',
          contractorNip: '856-734-62-15',
          priceNet: '140000.00',
          priceGross: '172200.00',
        },
      ],
      receivedAt,
    );
    const partial = await move('AWARDED', 422);
    expect(partial.body.missing).toEqual([
      'lot 1 is neither awarded (evaluation, recommendation, head’s approval) nor cancelled',
      'lot 2 is neither awarded (evaluation, recommendation, head’s approval) nor cancelled',
    ]);
    await awardBest(officer, head, tender.id, tender.lots[0].id);
    await recordOffers(
      officer,
      tender.lots[1].id,
      [
        {
          contractorName: 'Asfalt-Pol S.A.',
          contractorNip: '8567346215',
          priceNet: '29500.50',
          priceGross: '36285.62',
        },
      ],
      receivedAt,
    );
    await awardBest(officer, head, tender.id, tender.lots[1].id);
    const awarded = (await move('AWARDED', 200)).body;
    expect(
      awarded.lots.map((l: { award: { amountNet: string; contractorNip: string } }) => [
        l.award.amountNet,
        l.award.contractorNip,
      ]),
    ).toEqual([
      ['140000.00', '8567346215'],
      ['29500.50', '8567346215'],
    ]);
    // Separate contracts: each partner signs its own contract for its lot before CONTRACTED.
    const unsigned = await move('CONTRACTED', 422);
    expect(unsigned.body.missing).toEqual([
      'lot 1 needs the contracts of Gmina Czernichów',
      'lot 2 needs the contracts of Gmina Liszki',
    ]);
    for (const [lot, slug, amountNet, amountGross] of [
      [0, 'czernichow', '140000.00', '172200.00'],
      [1, 'liszki', '29500.50', '36285.62'],
    ] as const) {
      await officer
        .post(`/tenders/${tender.id}/contracts`, {
          lotId: tender.lots[lot].id,
          organisationId: await orgId(t, slug),
          contractorName: 'Drogbud Sp. z o.o.',
          contractorNip: '8567346215',
          amountNet,
          amountGross,
          signedOn: warsawDate(clock.now()),
        })
        .expect(201);
    }
    await move('CONTRACTED', 200);
    const cancel = await move('CANCELLED', 409, { reason: 'Unieważnienie postępowania' });
    expect(cancel.body.currentStatus).toBe('CONTRACTED');
    expect((await move('SETTLED', 200)).body.status).toBe('SETTLED');
  });

  it('cancels with a reason only', async () => {
    const tender = await createTender(officer);
    const noReason = await officer
      .post(`/tenders/${tender.id}/transition`, { to: 'CANCELLED', version: tender.version })
      .expect(422);
    expect(noReason.body.missing).toEqual([expect.stringMatching(/reason/)]);
    const done = await officer
      .post(`/tenders/${tender.id}/transition`, {
        to: 'CANCELLED',
        version: tender.version,
        reason: 'Zmiana potrzeb partnerów',
      })
      .expect(200);
    expect(done.body).toEqual(
      expect.objectContaining({ status: 'CANCELLED', cancelReason: 'Zmiana potrzeb partnerów' }),
    );
  });

  it('notifies whoever must act next and lets them mark it read', async () => {
    await collecting();
    const coordinator = await as('coordinator@czernichow.demo');
    const unread = (await coordinator.get('/me/notifications?unread=true').expect(200)).body;
    const note = unread.items.find((n: { kind: string }) => n.kind === 'share.awaiting_step');
    expect(note.title).toMatch(/Udział/);
    await coordinator.post(`/me/notifications/${note.id}/read`).expect(200);
    const after = (await coordinator.get('/me/notifications?unread=true').expect(200)).body;
    expect(after.items.map((n: { id: string }) => n.id)).not.toContain(note.id);
    expect(after.unread).toBe(unread.unread - 1);
    const other = await as('coordinator@liszki.demo');
    await other.post(`/me/notifications/${note.id}/read`).expect(404);
  });

  describe('no N+1 queries', () => {
    let count = 0;
    let original: typeof Client.prototype.query;
    beforeAll(() => {
      original = Client.prototype.query;
      // Every SQL statement the app sends passes through pg's Client#query.
      Client.prototype.query = function (this: Client, ...args: unknown[]) {
        count += 1;
        return (original as (...a: unknown[]) => unknown).apply(this, args);
      } as typeof Client.prototype.query;
    });
    afterAll(() => {
      Client.prototype.query = original;
    });
    const measure = async (fn: () => Promise<unknown>) => {
      count = 0;
      await fn();
      return count;
    };

    it('reads a tender in the same number of queries whatever its size', async () => {
      const small = await collecting();
      let big = await createTender(officer, {
        lots: [1, 2, 3, 4].map((n) => ({ number: n, title: `Część ${n}`, vatRate: 23 })),
      });
      for (const n of [1, 2, 3, 4]) {
        for (const slug of ['skawina', 'czernichow', 'liszki', 'mogilany', 'swiatniki-gorne']) {
          big = await proposeShare(t, officer, big, n, slug, '1000.00');
        }
      }
      const a = await measure(() => officer.get(`/tenders/${small.id}`).expect(200));
      const b = await measure(() => officer.get(`/tenders/${big.id}`).expect(200));
      expect(a).toBeGreaterThan(0);
      expect(b).toBe(a);
    });

    it('lists tenders in the same number of queries for 1 or 50 items', async () => {
      const a = await measure(() => officer.get('/tenders?limit=1').expect(200));
      const b = await measure(async () => {
        const res = await officer.get('/tenders?limit=50').expect(200);
        expect(res.body.items.length).toBeGreaterThan(3);
      });
      // 50 tenders cost no more statements than 1 (2–3, whatever the page size).
      expect(b).toBeLessThanOrEqual(a);
      expect(a).toBeLessThanOrEqual(3);
      const c = await measure(() => officer.get('/me/tasks').expect(200));
      expect(c).toBeLessThanOrEqual(a + 1);
    });

    it('pages my tasks: a window of the same order, with the count of everything waiting', async () => {
      const head = await login(t, 'head@skawina.demo');
      const coordinator = await login(t, 'coordinator@liszki.demo');
      let checked = 0;
      for (const who of [head, coordinator]) {
        const all = (await who.get('/me/tasks?limit=200').expect(200)).body;
        expect(all.total).toBe(all.items.length);
        expect(all).toMatchObject({ limit: 200, offset: 0 });
        for (let k = 0; k < Math.min(all.total, 3); k++) {
          const one = (await who.get(`/me/tasks?limit=1&offset=${k}`).expect(200)).body;
          expect(one).toMatchObject({ total: all.total, limit: 1, offset: k });
          expect(one.items).toEqual([all.items[k]]);
          checked += 1;
        }
        const past = (await who.get(`/me/tasks?offset=${all.total}`).expect(200)).body;
        expect(past).toMatchObject({ items: [], total: all.total });
      }
      expect(checked).toBeGreaterThan(0);
      const bad = await head.get('/me/tasks?limit=0').expect(400);
      expect(bad.body.errors).toEqual([expect.objectContaining({ field: 'limit' })]);
    });
  });
});
