import { Session, TestApp, createTestApp, login } from './support/app';
import {
  TenderBody,
  createTender,
  findShare,
  proposeShare,
  tenderAfter,
  wholeInbox,
} from './support/tenders';

/**
 * The whole story with the demo partnership: the officer prepares a tender with two lots for four
 * partners, each partner's coordinator, treasurer and head confirm, one treasurer asks for a change,
 * the officer changes the amount, the chain restarts and completes, and the tender is READY.
 */
describe('Joint tender: from draft to READY through every partner’s decision chain', () => {
  let t: TestApp;
  let officer: Session;
  const sessions = new Map<string, Session>();
  const as = async (email: string) => {
    if (!sessions.has(email)) sessions.set(email, await login(t, email));
    return sessions.get(email) as Session;
  };

  beforeAll(async () => {
    t = await createTestApp();
    officer = await as('officer@skawina.demo');
  });
  afterAll(async () => {
    await t.close();
  });

  it('plays the story', async () => {
    let tender = await createTender(officer);
    expect(tender.status).toBe('DRAFT');
    expect(tender.allowedActions).toEqual(
      expect.arrayContaining(['update', 'addLot', 'proposeShare']),
    );
    expect(tender.allowedActions).not.toContain('transition:COLLECTING_SHARES');

    // Drafts are the leader's: a partner's coordinator cannot see it yet.
    await (await as('coordinator@liszki.demo')).get(`/tenders/${tender.id}`).expect(404);

    tender = await proposeShare(t, officer, tender, 1, 'skawina', '400000.00');
    tender = await proposeShare(t, officer, tender, 1, 'czernichow', '150000.10');
    tender = await proposeShare(t, officer, tender, 2, 'liszki', '250000.00');
    tender = await proposeShare(t, officer, tender, 2, 'mogilany', '199999.95');
    expect(tender.valueNet).toBe('1000000.05');
    // Exact sums: lot values are the sums of their shares, the tender's the sum of its lots.
    expect(tender.lots.map((l) => l.valueNet)).toEqual(['550000.10', '449999.95']);
    expect(tender.lots.map((l) => l.valueGross)).toEqual(['676500.12', '553499.94']);
    expect(tender.valueGross).toBe('1230000.06');
    expect(tender.regime).toBe('NATIONAL');

    const collect = await officer
      .post(`/tenders/${tender.id}/transition`, {
        to: 'COLLECTING_SHARES',
        version: tender.version,
      })
      .expect(200);
    tender = collect.body as TenderBody;
    expect(tender.status).toBe('COLLECTING_SHARES');

    const partners: [number, string, string][] = [
      [1, 'Gmina Skawina', 'skawina'],
      [1, 'Gmina Czernichów', 'czernichow'],
      [2, 'Gmina Liszki', 'liszki'],
      [2, 'Gmina Mogilany', 'mogilany'],
    ];
    // Coordinators accept.
    for (const [lot, name, slug] of partners) {
      const coordinator = await as(`coordinator@${slug}.demo`);
      const share = findShare(tender, lot, name);
      expect(await wholeInbox(coordinator)).toEqual(
        expect.arrayContaining([
          expect.objectContaining({
            kind: 'SHARE_AWAITING_STEP',
            shareId: share.id,
            step: 'COORDINATOR',
          }),
        ]),
      );
      tender = await tenderAfter(
        coordinator,
        await coordinator
          .post(`/shares/${share.id}/approve`, {
            version: share.version,
            comment: 'Zgodnie z potrzebami gminy',
          })
          .expect(200),
      );
      expect(findShare(tender, lot, name).status).toBe('COORDINATOR_ACCEPTED');
    }

    // Liszki's treasurer asks for a change instead of countersigning.
    const liszkiShare = findShare(tender, 2, 'Gmina Liszki');
    const liszkiTreasurer = await as('treasurer@liszki.demo');
    tender = await tenderAfter(
      liszkiTreasurer,
      await liszkiTreasurer
        .post(`/shares/${liszkiShare.id}/request-change`, {
          version: liszkiShare.version,
          reason: 'Plan wydatków na 2027 r. przewiduje 240 000 zł',
        })
        .expect(200),
    );
    expect(findShare(tender, 2, 'Gmina Liszki').status).toBe('CHANGE_REQUESTED');
    expect(await wholeInbox(officer)).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ kind: 'SHARE_CHANGE_REQUESTED', shareId: liszkiShare.id }),
      ]),
    );
    const notes = await officer.get('/me/notifications?unread=true').expect(200);
    expect(notes.body.items).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ kind: 'share.change_requested', entityId: liszkiShare.id }),
      ]),
    );

    // The other treasurers countersign with the budget classification; heads sign.
    for (const [lot, name, slug] of partners.filter(([, n]) => n !== 'Gmina Liszki')) {
      const treasurer = await as(`treasurer@${slug}.demo`);
      let share = findShare(tender, lot, name);
      const missing = await treasurer
        .post(`/shares/${share.id}/approve`, { version: share.version })
        .expect(400);
      expect(missing.body.errors).toEqual([
        expect.objectContaining({ field: 'budgetClassification' }),
      ]);
      tender = await tenderAfter(
        treasurer,
        await treasurer
          .post(`/shares/${share.id}/approve`, {
            version: share.version,
            budgetClassification: '600/60016/4270',
          })
          .expect(200),
      );
      share = findShare(tender, lot, name);
      expect(share.status).toBe('COUNTERSIGNED');
      const head = await as(`head@${slug}.demo`);
      tender = await tenderAfter(
        head,
        await head.post(`/shares/${share.id}/approve`, { version: share.version }).expect(200),
      );
      expect(findShare(tender, lot, name).status).toBe('CONFIRMED');
    }
    const notReady = await officer
      .post(`/tenders/${tender.id}/transition`, { to: 'READY', version: tender.version })
      .expect(422);
    expect(notReady.body.code).toBe('TENDER_CONDITIONS_NOT_MET');
    expect(notReady.body.missing).toEqual(['1 share(s) are not CONFIRMED yet']);

    // The officer changes the amount: the chain restarts, earlier approvals are kept but void.
    let share = findShare(tender, 2, 'Gmina Liszki');
    tender = await tenderAfter(
      officer,
      await officer
        .patch(`/shares/${share.id}`, { version: share.version, amountNet: '240000.00' })
        .expect(200),
    );
    share = findShare(tender, 2, 'Gmina Liszki');
    expect(share.status).toBe('PROPOSED');
    expect(share.approvals.map((a) => [a.step, a.decision, a.void])).toEqual([
      ['COORDINATOR', 'APPROVED', true],
      ['TREASURER', 'CHANGE_REQUESTED', true],
    ]);
    expect(tender.valueNet).toBe('990000.05');

    tender = await tenderAfter(
      officer,
      await (
        await as('coordinator@liszki.demo')
      )
        .post(`/shares/${share.id}/approve`, { version: share.version })
        .expect(200),
      false,
    );
    share = findShare(tender, 2, 'Gmina Liszki');
    tender = await tenderAfter(
      liszkiTreasurer,
      await liszkiTreasurer
        .post(`/shares/${share.id}/approve`, {
          version: share.version,
          budgetClassification: '600/60016/4270',
          wpfReference: 'WPF 2026–2028 poz. 1.3.2.4',
        })
        .expect(200),
    );
    share = findShare(tender, 2, 'Gmina Liszki');
    const liszkiHead = await as('head@liszki.demo');
    tender = await tenderAfter(
      liszkiHead,
      await liszkiHead.post(`/shares/${share.id}/approve`, { version: share.version }).expect(200),
    );
    share = findShare(tender, 2, 'Gmina Liszki');
    expect(share.status).toBe('CONFIRMED');
    expect(share.approvals.filter((a) => !a.void).map((a) => [a.step, a.amountNet])).toEqual([
      ['COORDINATOR', '240000.00'],
      ['TREASURER', '240000.00'],
      ['HEAD', '240000.00'],
    ]);

    // Allowed actions are per user: the head who signed last may not move the tender.
    expect(tender.allowedActions).toEqual([]);
    tender = (await officer.get(`/tenders/${tender.id}`).expect(200)).body;
    expect(tender.allowedActions).toContain('transition:READY');
    const ready = await officer
      .post(`/tenders/${tender.id}/transition`, { to: 'READY', version: tender.version })
      .expect(200);
    expect(ready.body.status).toBe('READY');
    expect(await wholeInbox(officer)).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ kind: 'TENDER_READY_TO_PUBLISH', tenderId: tender.id }),
      ]),
    );

    const history = await officer.get(`/tenders/${tender.id}/history?limit=200`).expect(200);
    const actions = history.body.items.map((e: { action: string }) => e.action);
    expect(actions[0]).toBe('tender.created');
    expect(actions.filter((a: string) => a === 'share.approved')).toHaveLength(13);
    expect(actions).toEqual(
      expect.arrayContaining([
        'share.change_requested',
        'share.amount_changed',
        'tender.transitioned',
      ]),
    );
  });
});
