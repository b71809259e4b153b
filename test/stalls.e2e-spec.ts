import type { TestingModule } from '@nestjs/testing';
import { DataSource } from 'typeorm';
import { nextWorkingDay, warsawDate, warsawDateTime } from '../src/common/polish-calendar';
import { StallEscalationService, WeeklyDigestService } from '../src/insights';
import { Clock, ScaledClock } from '../src/schedule/clock';
import { Session, TestApp, createTestApp, login, orgId, waitFor } from './support/app';
import { startSmtpServer, type TestSmtpServer } from './support/smtp';
import {
  collectingTender,
  demoPartnershipId,
  findShare,
  type TenderBody,
} from './support/tenders';
import { textOf, titleOf, WebClient } from './support/web';
import { startWorker } from './support/worker';

interface TaskBody {
  id: string;
  version: number;
  kind: string;
  organisationName: string;
  dueOn: string;
}

/** Issue #14: where decisions stall, on the schedule's clock moved by travel. */
describe('Where decisions stall (GET /tenders/:id/stalls)', () => {
  let t: TestApp;
  const clock = new ScaledClock(new Date(), 1);
  const sessions = new Map<string, Session>();
  const as = async (email: string) => {
    if (!sessions.has(email)) sessions.set(email, await login(t, email));
    return sessions.get(email) as Session;
  };

  let worker: TestingModule;
  let smtp: TestSmtpServer;
  const notifications = (email: string, tenderId: string) =>
    t.app.get(DataSource).query<{ title: string; body: string; link: string }[]>(
      `SELECT n.title, n.body, n.link FROM notifications n JOIN users u ON u.id = n.user_id
        WHERE u.email = $1 AND n.kind = 'share.stalled' AND n.tender_id = $2 ORDER BY n.created_at`,
      [email, tenderId],
    );

  beforeAll(async () => {
    t = await createTestApp((b) => b.overrideProvider(Clock).useValue(clock));
    smtp = await startSmtpServer();
    worker = await startWorker({ SMTP_URL: smtp.url });
  }, 120000);
  afterAll(async () => {
    await worker?.close();
    await smtp?.close();
    await t?.close();
  });

  it('puts the treasurer who waited 7 working days first, and only for the leader’s officer', async () => {
    const officer = await as('officer@skawina.demo');
    const tender = await collectingTender(t, officer);
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

    // The partnership's report: the same wait first, with its tender; the leader's tool only.
    const partnershipId = await demoPartnershipId(officer);
    const overall = (await officer.get(`/partnerships/${partnershipId}/stalls`).expect(200))
      .body as {
      stallEscalationWorkingDays: number;
      waitingNow: { shareId: string; tenderReference: string; workingDays: number }[];
      trend: { month: string; count: number }[];
    };
    expect(overall.stallEscalationWorkingDays).toBe(5);
    expect(overall.waitingNow.find((w) => w.shareId === share.id)).toMatchObject({
      tenderReference: tender.reference,
      workingDays: 7,
    });
    expect(overall.waitingNow[0].workingDays).toBeGreaterThanOrEqual(7);
    // Liszki's coordinator step ended this month: the trend counts it.
    expect(overall.trend.reduce((n, p) => n + p.count, 0)).toBeGreaterThanOrEqual(3);
    await partnerTreasurer.get(`/partnerships/${partnershipId}/stalls`).expect(403);

    // The escalation rule: 7 working days ≥ the partnership's 5, so each waiting partner's head
    // is notified once — Czernichów's for its treasurer, Liszki's for its own signature.
    const escalation = worker.get(StallEscalationService);
    const first = await escalation.sweep(clock.now(), [tender.id]);
    expect(first).toEqual({ tenders: 1, escalated: 2, failed: 0 });
    const [note] = await notifications('head@czernichow.demo', tender.id);
    expect(note.title).toBe(`Decyzja czeka 7 dni roboczych: ${tender.reference}`);
    expect(note.body).toContain('udział Gmina Czernichów');
    expect(note.body).toContain('„kontrasygnata skarbnika”');
    expect(note.link).toBe(`/postepowania/${tender.id}/zastoje`);
    expect(await notifications('head@liszki.demo', tender.id)).toHaveLength(1);
    expect(await notifications('treasurer@czernichow.demo', tender.id)).toEqual([]);

    // A second sweep (another worker, a retry) escalates nothing twice.
    expect(await escalation.sweep(clock.now(), [tender.id])).toEqual({
      tenders: 1,
      escalated: 0,
      failed: 0,
    });
    expect(await notifications('head@czernichow.demo', tender.id)).toHaveLength(1);

    // It is in the tender's history, by the system, with the step and the working days.
    const history = (await officer.get(`/tenders/${tender.id}/history?limit=200`).expect(200)).body
      .items as { action: string; entityId: string; data: Record<string, unknown> }[];
    expect(
      history.find((e) => e.action === 'share.stall_escalated' && e.entityId === share.id)?.data,
    ).toMatchObject({ step: 'TREASURER', workingDays: 7, thresholdWorkingDays: 5 });

    // The weekly digest: Czernichów's coordinator gets what waits in the municipality, with links.
    const czernichow = await orgId(t, 'czernichow');
    const digest = worker.get(WeeklyDigestService);
    const sent = await digest.send(clock.now(), [czernichow]);
    expect(sent).toMatchObject({ organisations: 1, sent: 1 });
    const mail = await waitFor(
      () =>
        Promise.resolve(
          smtp
            .to('coordinator@czernichow.demo')
            .find((m) => m.subject.includes('Przegląd tygodnia')),
        ),
      20000,
      'the weekly digest e-mail',
    );
    expect(mail.text).toContain('Czekają na decyzję w jednostce: Gmina Czernichów');
    expect(mail.text).toMatch(
      new RegExp(
        `– ${tender.reference.replace(/\./g, '\\.')}, część 1: kontrasygnata skarbnika, czeka od .+ \\(7 dni roboczych\\): http\\S+/udzialy/${share.id}`,
      ),
    );
    expect(smtp.to('treasurer@czernichow.demo').some((m) => m.subject.includes('Przegląd'))).toBe(
      false,
    );
    // Once a week: a second run sends nothing.
    expect(await digest.send(clock.now(), [czernichow])).toMatchObject({ sent: 0 });

    // The same figures on the officer's page, in Polish, with the chart's figures in words.
    const web = new WebClient(t);
    await web.signIn('officer@skawina.demo');
    const tenderPage = await web.get(`/postepowania/${tender.id}`);
    expect(tenderPage.text).toContain(`href="/postepowania/${tender.id}/zastoje"`);
    const page = await web.get(`/postepowania/${tender.id}/zastoje`);
    expect(page.status).toBe(200);
    expect(page.text).toContain('<html lang="pl"');
    expect(titleOf(page.text)).toContain(`Gdzie czekają decyzje – ${tender.reference}`);
    const waitingTable = textOf(
      page.text.slice(
        page.text.indexOf('id="czeka-teraz-lista"'),
        page.text.indexOf('id="wedlug-kroku"'),
      ),
    );
    expect(waitingTable).toMatch(
      /Gmina Czernichów Kontrasygnata skarbnika .+ 7 ponad próg – kierownik jest powiadamiany/,
    );
    expect(waitingTable.indexOf('Gmina Czernichów')).toBeLessThan(
      waitingTable.indexOf('Gmina Liszki'),
    );
    expect(textOf(page.text)).toContain('Gmina Czernichów: mediana');
    const overallPage = await web.get(`/partnerstwa/${partnershipId}/zastoje`);
    expect(overallPage.status).toBe(200);
    expect(textOf(overallPage.text)).toContain(tender.reference);
    expect(overallPage.text).toContain('Trend w kolejnych miesiącach');

    // The threshold form: Polish field error (422), never a 500; a partner's people get 403.
    const wrong = await web.post(`/partnerstwa/${partnershipId}/zastoje`, {
      version: /name="version" value="(\d+)"/.exec(overallPage.text)?.[1] ?? '',
      stallEscalationWorkingDays: '0',
    });
    expect(wrong.status).toBe(422);
    expect(textOf(wrong.text)).toContain(
      'Po ilu dniach roboczych powiadomić kierownika: Podaj liczbę dni roboczych od 1 do 60.',
    );
    expect(wrong.text).toContain('aria-invalid="true"');
    const partnerWeb = new WebClient(t, '10.9.0.2');
    await partnerWeb.signIn('treasurer@czernichow.demo');
    expect((await partnerWeb.get(`/postepowania/${tender.id}/zastoje`)).status).toBe(403);
  });

  it('lets the leader’s officer set the threshold, within 1–60 working days', async () => {
    const officer = await as('officer@skawina.demo');
    const partnershipId = await demoPartnershipId(officer);
    const current = (await officer.get(`/partnerships/${partnershipId}`).expect(200)).body as {
      version: number;
      stallEscalationWorkingDays: number;
    };
    const bad = await officer
      .patch(`/partnerships/${partnershipId}`, {
        version: current.version,
        stallEscalationWorkingDays: 0,
      })
      .expect(400);
    expect(JSON.stringify(bad.body)).toContain('stallEscalationWorkingDays must be at least 1');
    const changed = (
      await officer
        .patch(`/partnerships/${partnershipId}`, {
          version: current.version,
          stallEscalationWorkingDays: 8,
        })
        .expect(200)
    ).body as { version: number; stallEscalationWorkingDays: number };
    expect(changed.stallEscalationWorkingDays).toBe(8);
    // Through the page: 303 and the new threshold shown.
    const web = new WebClient(t, '10.9.0.3');
    await web.signIn('officer@skawina.demo');
    const form = await web.get(`/partnerstwa/${partnershipId}/zastoje`);
    const saved = await web.post(`/partnerstwa/${partnershipId}/zastoje`, {
      version: /name="version" value="(\d+)"/.exec(form.text)?.[1] ?? '',
      stallEscalationWorkingDays: '6',
    });
    expect(saved.status).toBe(303);
    expect(textOf((await web.get(`/partnerstwa/${partnershipId}/zastoje`)).text)).toContain(
      'Zapisano próg eskalacji: 6 dni roboczych.',
    );
    // A stale form (the version of before the save) is refused, not applied.
    const stale = await web.post(`/partnerstwa/${partnershipId}/zastoje`, {
      version: /name="version" value="(\d+)"/.exec(form.text)?.[1] ?? '',
      stallEscalationWorkingDays: '9',
    });
    expect(stale.status).toBe(409);
    const latest = (await officer.get(`/partnerships/${partnershipId}`).expect(200)).body as {
      version: number;
      stallEscalationWorkingDays: number;
    };
    expect(latest.stallEscalationWorkingDays).toBe(6);

    // Put back for the other suites sharing the database.
    await officer
      .patch(`/partnerships/${partnershipId}`, {
        version: latest.version,
        stallEscalationWorkingDays: current.stallEscalationWorkingDays,
      })
      .expect(200);
  });

  let taskTender: Record<'czernichowInput' | 'liszkiInput' | 'waived', TaskBody> & {
    tender: TenderBody;
  };

  it('counts the tasks of the responsibility matrix as the step “zadanie”, in the API and on both pages', async () => {
    const officer = await as('officer@skawina.demo');
    // Due days count from the schedule clock's day: back to today after the earlier travels.
    clock.travel(new Date());
    const tender = await collectingTender(t, officer);
    const matrix = (await officer.post(`/tenders/${tender.id}/tasks/apply-set`, {}).expect(200))
      .body as { tasks: TaskBody[] };
    const taskOf = (kind: string, org: string) =>
      matrix.tasks.find((x) => x.kind === kind && x.organisationName === org) as TaskBody;
    const czernichowInput = taskOf('INPUT_DATA', 'Gmina Czernichów');
    const liszkiInput = taskOf('INPUT_DATA', 'Gmina Liszki');
    const waived = taskOf('COMMITTEE_NOMINATION', 'Gmina Czernichów');
    taskTender = { tender, czernichowInput, liszkiInput, waived };
    await (
      await as('coordinator@liszki.demo')
    )
      .post(`/tender-tasks/${liszkiInput.id}/done`, {
        version: liszkiInput.version,
        note: 'Dane przekazane liderowi.',
      })
      .expect(200);
    await officer
      .post(`/tender-tasks/${waived.id}/waive`, {
        version: waived.version,
        reason: 'Gmina wskaże członka komisji w innym postępowaniu.',
      })
      .expect(200);

    // Ten working days after the tasks were made: the input data (due in 7 days) is overdue.
    let day = warsawDate(new Date());
    for (let i = 0; i < 10; i++) day = nextWorkingDay(day);
    clock.travel(warsawDateTime(day, '12:00'));

    interface Row {
      step: string;
      taskId?: string;
      shareId?: string;
      partnerName: string;
      title?: string;
      dueOn?: string;
      workingDays: number;
      tenderReference?: string;
    }
    interface Figure {
      key: string;
      count: number;
      slowestWorkingDays: number;
      slowestTaskId?: string;
      slowestShareId?: string;
    }
    const report = (await officer.get(`/tenders/${tender.id}/stalls`).expect(200)).body as {
      waitingNow: Row[];
      perStep: Figure[];
      perPartner: (Figure & { label: string })[];
    };
    const taskRows = report.waitingNow.filter((w) => w.step === 'TASK');
    const open = matrix.tasks.filter((x) => x.id !== liszkiInput.id && x.id !== waived.id);
    expect(taskRows.map((w) => w.taskId).sort()).toEqual(open.map((x) => x.id).sort());
    expect(taskRows.find((w) => w.taskId === czernichowInput.id)).toMatchObject({
      partnerName: 'Gmina Czernichów',
      title: 'Dane wejściowe',
      dueOn: czernichowInput.dueOn,
      workingDays: 10,
    });
    // Done: its wait ended (and counts); waived: not a wait at all.
    const taskStep = report.perStep.find((f) => f.key === 'TASK') as Figure;
    expect(taskStep).toMatchObject({ count: matrix.tasks.length - 1, slowestWorkingDays: 10 });
    expect(open.map((x) => x.id)).toContain(taskStep.slowestTaskId);
    expect(taskStep.slowestShareId).toBeUndefined();
    const liszki = report.perPartner.find((f) => f.label === 'Gmina Liszki') as Figure;
    const liszkiTasks = matrix.tasks.filter((x) => x.organisationName === 'Gmina Liszki').length;
    // Its share's coordinator step (still waiting) and its tasks, together.
    expect(liszki.count).toBe(liszkiTasks + 1);

    const partnershipId = await demoPartnershipId(officer);
    const overall = (await officer.get(`/partnerships/${partnershipId}/stalls`).expect(200))
      .body as { waitingNow: Row[]; perStep: Figure[] };
    expect(overall.waitingNow.find((w) => w.taskId === czernichowInput.id)).toMatchObject({
      tenderReference: tender.reference,
      workingDays: 10,
    });
    expect(overall.waitingNow.some((w) => w.taskId === liszkiInput.id)).toBe(false);
    expect(overall.perStep.find((f) => f.key === 'TASK')?.count).toBeGreaterThanOrEqual(
      matrix.tasks.length - 1,
    );

    // The pages: a row per waiting task linking to the task, overdue in words; the step in the tables.
    const web = new WebClient(t, '10.9.0.4');
    await web.signIn('officer@skawina.demo');
    for (const path of [
      `/postepowania/${tender.id}/zastoje`,
      `/partnerstwa/${partnershipId}/zastoje`,
    ]) {
      const page = await web.get(path);
      expect(page.status).toBe(200);
      const html = page.text;
      const at = html.indexOf(`data-task="${czernichowInput.id}"`);
      expect(at).toBeGreaterThan(0);
      const row = html.slice(at, html.indexOf('</tr>', at));
      expect(row).toContain(`href="/zadania-postepowania/${czernichowInput.id}"`);
      expect(textOf(row)).toMatch(
        /Gmina Czernichów Zadanie: Dane wejściowe .+ 10 po terminie \(.+\) – kierownik jest powiadamiany/,
      );
      expect(html).not.toContain(`data-task="${liszkiInput.id}"`);
      expect(html).not.toContain(`data-task="${waived.id}"`);
      const steps = textOf(
        html.slice(html.indexOf('id="wedlug-kroku"'), html.indexOf('id="wedlug-partnera"')),
      );
      expect(steps).toMatch(/Zadanie z podziału zadań i odpowiedzialności \d+ [\d,]+ \d+/);
      expect(textOf(html)).toContain('Gmina Czernichów: mediana');
    }
    const swz = taskOf('SWZ_REVIEW', 'Gmina Skawina');
    const page = await web.get(`/postepowania/${tender.id}/zastoje`);
    const at = page.text.indexOf(`data-task="${swz.id}"`);
    expect(textOf(page.text.slice(at, page.text.indexOf('</tr>', at)))).toMatch(
      /10 termin \d+ \S+ \d{4} r\.\s*$/,
    );
  });

  it('sends the digest with the open tasks to an opted-in coordinator, none to one who opted out on the settings page', async () => {
    const { tender, czernichowInput, liszkiInput, waived } = taskTender;
    const email = 'coordinator@liszki.demo';
    const api = await as(email);
    const before = (await api.get('/me/preferences').expect(200)).body as {
      emailOptOutKinds: string[];
      kinds: { kind: string }[];
    };
    // Liszki's coordinator switches the weekly digest's e-mail off on Ustawienia (CSRF, audited).
    const web = new WebClient(t, '10.9.0.5');
    await web.signIn(email);
    const settings = await web.get('/ustawienia');
    expect(textOf(settings.text)).toContain(
      'Cotygodniowy przegląd spraw czekających na decyzję mojej jednostki (dla koordynatorów)',
    );
    const kept = before.kinds
      .map((k) => k.kind)
      .filter((k) => k !== 'digest.weekly' && !before.emailOptOutKinds.includes(k));
    const refused = await web.post('/ustawienia/e-mail', {
      _csrf: 'nieprawidlowy',
      email: 'tak',
      rodzaj: kept,
    });
    expect(refused.status).toBe(403);
    expect((await api.get('/me/preferences').expect(200)).body.emailOptOutKinds).not.toContain(
      'digest.weekly',
    );
    const saved = await web.post('/ustawienia/e-mail', { email: 'tak', rodzaj: kept });
    expect(saved.status).toBe(303);
    expect((await web.get('/ustawienia')).text).toMatch(/value="digest\.weekly">/);
    const [audit] = await t.app
      .get(DataSource)
      .query<{ data: { emailOptOutKinds: { to: string[] } } }[]>(
        `SELECT a.data FROM audit_events a JOIN users u ON a.entity_id = u.id::text
        WHERE a.action = 'user.preferences_changed' AND u.email = $1
        ORDER BY a.occurred_at DESC, a.id DESC LIMIT 1`,
        [email],
      );
    expect(audit.data.emailOptOutKinds.to).toContain('digest.weekly');

    try {
      // A week later than any digest of this suite: both municipalities get theirs.
      const now = new Date(clock.now().getTime() + 14 * 86400000);
      const czernichow = await orgId(t, 'czernichow');
      const liszki = await orgId(t, 'liszki');
      const sent = await worker.get(WeeklyDigestService).send(now, [czernichow, liszki]);
      expect(sent).toMatchObject({ organisations: 2, sent: 2 });
      const mail = await waitFor(
        () =>
          Promise.resolve(
            smtp
              .to('coordinator@czernichow.demo')
              .find((m) => m.text.includes(`/zadania-postepowania/${czernichowInput.id}`)),
          ),
        20000,
        'the weekly digest with the tasks',
      );
      expect(mail.subject).toMatch(/Przegląd tygodnia: .*\d+ zada(nie|nia|ń) do wykonania/);
      expect(mail.text).toContain(
        'Zadania do wykonania w jednostce: Gmina Czernichów (podział zadań i odpowiedzialności, najstarsze najpierw):',
      );
      expect(mail.text).toMatch(
        new RegExp(
          `– ${tender.reference.replace(/\./g, '\\.')}: Dane wejściowe, termin .+ \\(po terminie\\), otwarte od .+: http\\S+/zadania-postepowania/${czernichowInput.id}`,
        ),
      );
      expect(mail.text).not.toContain(waived.id);
      expect(mail.text).not.toContain(liszkiInput.id);
      // Liszki's coordinator has the digest in the application, and no e-mail was even queued.
      const [note] = await t.app.get(DataSource).query<{ id: string; body: string }[]>(
        `SELECT n.id, n.body FROM notifications n JOIN users u ON u.id = n.user_id
          WHERE u.email = $1 AND n.kind = 'digest.weekly' AND n.created_at >= now() - interval '1 minute'
          ORDER BY n.created_at DESC LIMIT 1`,
        [email],
      );
      expect(note.body).toContain('Zadania do wykonania w jednostce: Gmina Liszki');
      const jobs = await t.app.get(DataSource).query<{ n: number }[]>(
        `SELECT count(*)::int AS n FROM outbox_jobs WHERE name = 'notification.email'
            AND payload->>'notificationId' = $1`,
        [note.id],
      );
      expect(jobs[0].n).toBe(0);
      expect(smtp.to(email).some((m) => m.subject.includes('Przegląd tygodnia'))).toBe(false);
    } finally {
      await api.patch('/me/preferences', { emailOptOutKinds: before.emailOptOutKinds }).expect(200);
    }
  });
});
