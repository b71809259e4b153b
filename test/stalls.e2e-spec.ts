import { nextWorkingDay, warsawDate, warsawDateTime } from '../src/common/polish-calendar';
import { Clock, ScaledClock } from '../src/schedule/clock';
import { Session, TestApp, createTestApp, login } from './support/app';
import { createTender, findShare, proposeShare, type TenderBody } from './support/tenders';

/** Issue #14: where decisions stall, on the schedule's clock moved by travel. */
describe('Where decisions stall (GET /tenders/:id/stalls)', () => {
  let t: TestApp;
  const clock = new ScaledClock(new Date(), 1);
  const sessions = new Map<string, Session>();
  const as = async (email: string) => {
    if (!sessions.has(email)) sessions.set(email, await login(t, email));
    return sessions.get(email) as Session;
  };

  beforeAll(async () => {
    t = await createTestApp((b) => b.overrideProvider(Clock).useValue(clock));
  }, 120000);
  afterAll(async () => {
    await t?.close();
  });

  it('puts the treasurer who waited 7 working days first, and only for the leader’s officer', async () => {
    const officer = await as('officer@skawina.demo');
    let tender = await createTender(officer);
    tender = await proposeShare(t, officer, tender, 1, 'czernichow', '100000.00');
    tender = await proposeShare(t, officer, tender, 2, 'liszki', '50000.00');
    tender = (
      await officer
        .post(`/tenders/${tender.id}/transition`, {
          to: 'COLLECTING_SHARES',
          version: tender.version,
        })
        .expect(200)
    ).body as TenderBody;
    const share = findShare(tender, 1, 'Gmina Czernichów');
    const coordinator = await as('coordinator@czernichow.demo');
    await coordinator.post(`/shares/${share.id}/approve`, { version: share.version }).expect(200);
    // Liszki's share goes on to its head later: it waits there a shorter (or equal) time.
    const other = findShare(tender, 2, 'Gmina Liszki');
    const body = (
      await (
        await as('coordinator@liszki.demo')
      )
        .post(`/shares/${other.id}/approve`, { version: other.version })
        .expect(200)
    ).body as { version: number };
    await (
      await as('treasurer@liszki.demo')
    )
      .post(`/shares/${other.id}/approve`, {
        version: body.version,
        budgetClassification: '600/60016/4270',
      })
      .expect(200);

    // Seven working days later by the Polish calendar (weekends and holidays skipped).
    let day = warsawDate(new Date());
    for (let i = 0; i < 7; i++) day = nextWorkingDay(day);
    clock.travel(warsawDateTime(day, '12:00'));

    const report = (await officer.get(`/tenders/${tender.id}/stalls`).expect(200)).body as {
      waitingNow: { shareId: string; partnerName: string; step: string; workingDays: number }[];
      perStep: { key: string; slowestWorkingDays: number }[];
    };
    expect(report.waitingNow[0]).toMatchObject({
      shareId: share.id,
      partnerName: 'Gmina Czernichów',
      step: 'TREASURER',
      workingDays: 7,
    });
    expect(report.waitingNow.map((w) => w.step)).toEqual(['TREASURER', 'HEAD']);
    expect(report.perStep.find((f) => f.key === 'TREASURER')?.slowestWorkingDays).toBe(7);

    const partnerTreasurer = await as('treasurer@czernichow.demo');
    await partnerTreasurer.get(`/tenders/${tender.id}/stalls`).expect(403);
  });
});
