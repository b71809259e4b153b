import type { TestingModule } from '@nestjs/testing';
import { addCalendarDays } from '../src/common/polish-calendar';
import { todayInWarsaw } from '../src/common/dates/iso-date';
import { RemindersService } from '../src/schedule/reminders.service';
import { Session, TestApp, createTestApp, login } from './support/app';
import { createTender, proposeShare, wholeInbox, type TenderBody } from './support/tenders';
import { textOf, WebClient } from './support/web';
import { drainBacklog, startWorker } from './support/worker';

interface TaskBody {
  id: string;
  version: number;
  kind: string;
  scope: string;
  lotNumber: number | null;
  title: string;
  organisationId: string;
  organisationName: string;
  dueOn: string;
  status: string;
  overdue: boolean;
  note: string | null;
  fileName: string | null;
  fileUrl: string | null;
  deadlineId: string | null;
  mayComplete: boolean;
}
interface MatrixBody {
  tasks: TaskBody[];
  organisations: { id: string; name: string; leader: boolean }[];
  mayManage: boolean;
}

/** Issue #14: the responsibility matrix of a tender — task sets, deadlines, done with a file. */
describe('Responsibility matrix', () => {
  let t: TestApp;
  let worker: TestingModule;
  const sessions = new Map<string, Session>();
  const as = async (email: string) => {
    if (!sessions.has(email)) sessions.set(email, await login(t, email));
    return sessions.get(email) as Session;
  };
  let tender: TenderBody;
  let matrix: MatrixBody;
  const taskOf = (kind: string, org: string, lot: number | null = null) => {
    const found = matrix.tasks.find(
      (x) => x.kind === kind && x.organisationName.includes(org) && x.lotNumber === lot,
    );
    if (!found) throw new Error(`no task ${kind} of ${org} (lot ${lot})`);
    return found;
  };

  beforeAll(async () => {
    t = await createTestApp();
    worker = await startWorker({ REMINDER_SWEEP_EVERY_MS: '300' });
    await drainBacklog(worker);
    const officer = await as('officer@skawina.demo');
    tender = await createTender(officer);
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
  }, 120000);
  afterAll(async () => {
    await worker?.close();
    await t?.close();
  });

  it('applies the works set: the leader for all once, each partner per lot or once', async () => {
    const officer = await as('officer@skawina.demo');
    matrix = (await officer.post(`/tenders/${tender.id}/tasks/apply-set`, {}).expect(200))
      .body as MatrixBody;
    expect(matrix.mayManage).toBe(true);
    expect(matrix.organisations.map((o) => o.leader)).toEqual([true, false, false]);
    // 2 leader-for-all lines + (input data, committee) per partner + 4 per-lot lines per share.
    expect(matrix.tasks).toHaveLength(2 + 2 * 2 + 4 * 2);
    const swz = matrix.tasks.filter((x) => x.kind === 'SWZ_REVIEW');
    expect(swz).toHaveLength(1);
    expect(swz[0]).toMatchObject({ scope: 'LEADER_FOR_ALL', organisationName: 'Gmina Skawina' });
    expect(taskOf('OPZ', 'Liszki', 2).title).toBe('Opis przedmiotu zamówienia (OPZ) – część 2');
    expect(taskOf('OPZ', 'Czernichów', 1).deadlineId).toBeTruthy();
    const history = (await officer.get(`/tenders/${tender.id}/history?limit=200`).expect(200))
      .body as { items: { action: string }[] };
    expect(history.items.filter((e) => e.action === 'task.created')).toHaveLength(14);
    expect(history.items.some((e) => e.action === 'task.set_applied')).toBe(true);
  });

  it("shows the partner's tasks in its people's /me/tasks", async () => {
    const coordinator = await as('coordinator@liszki.demo');
    // Other suites share the database: only this tender's tasks are compared.
    const tasks = (await wholeInbox(coordinator)).filter(
      (i) => i.kind === 'RESPONSIBILITY_TASK' && i.tenderId === tender.id,
    );
    expect(tasks.map((i) => i.taskId).sort()).toEqual(
      matrix.tasks
        .filter((x) => x.organisationName.includes('Liszki'))
        .map((x) => x.id)
        .sort(),
    );
    const other = await wholeInbox(await as('coordinator@czernichow.demo'));
    expect(other.some((i) => i.taskId === taskOf('OPZ', 'Liszki', 2).id)).toBe(false);
  });

  it('refuses a responsible organisation outside the tender and a past due day, naming the field', async () => {
    const officer = await as('officer@skawina.demo');
    const mogilany = matrix.organisations.find((o) => o.leader)?.id as string;
    const [outsider] = await t.dataSource.query<{ id: string }[]>(
      `SELECT id FROM organisations WHERE name LIKE '%Mogilany%' LIMIT 1`,
    );
    const bad = await officer
      .post(`/tenders/${tender.id}/tasks`, {
        kind: 'INPUT_DATA',
        organisationId: outsider.id,
        dueOn: addCalendarDays(todayInWarsaw(), 3),
      })
      .expect(422);
    expect(bad.body.errors[0]).toMatchObject({ field: 'organisationId', rule: 'partnerOfTender' });
    const past = await officer
      .post(`/tenders/${tender.id}/tasks`, {
        kind: 'INPUT_DATA',
        organisationId: mogilany,
        dueOn: addCalendarDays(todayInWarsaw(), -1),
      })
      .expect(422);
    expect(past.body.errors[0]).toMatchObject({ field: 'dueOn', rule: 'notInPast' });
  });

  it("escalates an overdue task to the responsible partner's head", async () => {
    const officer = await as('officer@skawina.demo');
    const input = taskOf('INPUT_DATA', 'Liszki');
    const moved = (
      await officer
        .post(`/tender-tasks/${input.id}/changes`, {
          version: input.version,
          dueOn: todayInWarsaw(),
          reason: 'Dane potrzebne wcześniej do kosztorysu.',
        })
        .expect(200)
    ).body as TaskBody;
    expect(moved).toMatchObject({ version: 2, dueOn: todayInWarsaw(), status: 'OPEN' });
    // The sweep as it runs once the day is over.
    const dayAfter = new Date(`${addCalendarDays(todayInWarsaw(), 1)}T12:00:00Z`);
    await worker.get(RemindersService).sweep(dayAfter);
    const [deadline] = await t.dataSource.query<{ status: string }[]>(
      'SELECT status FROM deadlines WHERE id = $1',
      [moved.deadlineId],
    );
    expect(deadline.status).toBe('MISSED');
    const heads = await t.dataSource.query<{ email: string; title: string }[]>(
      `SELECT u.email, n.title FROM notifications n JOIN users u ON u.id = n.user_id
        WHERE n.entity_id = $1 AND n.title LIKE 'Termin przekroczony%'`,
      [moved.deadlineId],
    );
    expect(heads.map((h) => h.email)).toContain('head@liszki.demo');
    expect(heads.map((h) => h.email)).not.toContain('head@czernichow.demo');
  });

  it('lets the partner mark its task done with a file, and nobody else’s', async () => {
    const opz = taskOf('OPZ', 'Czernichów', 1);
    const liszki = await as('coordinator@liszki.demo');
    await liszki
      .post(`/tender-tasks/${opz.id}/done`, { version: opz.version, note: 'Gotowe' })
      .expect(403);
    const content = Buffer.from('%PDF-1.4\nOPZ części 1\n');
    const done = (
      await (
        await as('coordinator@czernichow.demo')
      )
        .post(`/tender-tasks/${opz.id}/done`, {
          version: opz.version,
          note: 'OPZ części 1 przekazany liderowi.',
          file: {
            name: 'opz-czesc-1.pdf',
            contentType: 'application/pdf',
            contentBase64: content.toString('base64'),
          },
        })
        .expect(200)
    ).body as TaskBody;
    expect(done).toMatchObject({ status: 'DONE', fileName: 'opz-czesc-1.pdf', version: 2 });
    const officer = await as('officer@skawina.demo');
    const file = await officer.get(`/tender-tasks/${opz.id}/file`).expect(200);
    expect(Buffer.from(file.body as Buffer).equals(content)).toBe(true);
    const [deadline] = await t.dataSource.query<{ status: string }[]>(
      'SELECT status FROM deadlines WHERE id = $1',
      [done.deadlineId],
    );
    expect(deadline.status).toBe('DONE');
    await officer
      .post(`/tender-tasks/${opz.id}/done`, { version: 2, note: 'Jeszcze raz' })
      .expect(409);
    const empty = await officer
      .post(`/tender-tasks/${taskOf('OPZ', 'Liszki', 2).id}/done`, { version: 1 })
      .expect(400);
    expect(empty.body.errors[0]).toMatchObject({ field: 'note', rule: 'noteOrFile' });
  });

  it('waives a task with a reason, keeping every version', async () => {
    const officer = await as('officer@skawina.demo');
    const committee = taskOf('COMMITTEE_NOMINATION', 'Liszki');
    await (
      await as('head@liszki.demo')
    )
      .post(`/tender-tasks/${committee.id}/waive`, { version: 1, reason: 'Nie dotyczy.' })
      .expect(403);
    const waived = (
      await officer
        .post(`/tender-tasks/${committee.id}/waive`, {
          version: 1,
          reason: 'Gmina nie wskazuje członka komisji.',
        })
        .expect(200)
    ).body as TaskBody;
    expect(waived).toMatchObject({ status: 'WAIVED', note: 'Gmina nie wskazuje członka komisji.' });
    const versions = await t.dataSource.query<{ action: string }[]>(
      'SELECT action FROM tender_tasks WHERE task_id = $1 ORDER BY version',
      [committee.id],
    );
    expect(versions.map((v) => v.action)).toEqual(['CREATED', 'WAIVED']);
    await expect(
      t.dataSource.query('DELETE FROM tender_tasks WHERE task_id = $1', [committee.id]),
    ).rejects.toThrow(/append-only/);
  });

  it('shows the matrix on the tender page and takes done and waive through the forms (HTTP)', async () => {
    const web = new WebClient(t, '10.9.8.1');
    await web.signIn('coordinator@liszki.demo');
    const page = await web.get(`/postepowania/${tender.id}`);
    expect(page.status).toBe(200);
    const text = textOf(page.text);
    expect(text).toContain('Podział zadań i odpowiedzialności');
    expect(page.text).toContain('<th scope="col">Gmina Skawina (lider)</th>');
    // The task swept as missed is still open and past its day: said in words, not by colour.
    expect(text).toContain('Do wykonania – po terminie');
    expect(text).toContain('Wykonane');
    expect(text).toContain('Odstąpiono');
    // The tender's history names the matrix's events.
    expect(text).toContain('Zastosowano zestaw zadań');
    expect(text).toContain('Oznaczono zadanie jako wykonane');
    // Partners do not apply sets.
    expect(page.text).not.toContain('/zadania/zestaw');

    const inbox = textOf((await web.get('/zadania')).text);
    expect(inbox).toContain('Zadania w postępowaniach');
    expect(inbox).toContain('Opis przedmiotu zamówienia (OPZ) – część 2');

    const opz = taskOf('OPZ', 'Liszki', 2);
    const taskPage = await web.get(`/zadania-postepowania/${opz.id}`);
    expect(taskPage.status).toBe(200);
    expect(taskPage.text).toMatch(
      /<label class="field__label" for="notatka">Notatka o wykonaniu <span class="field__optional">/,
    );
    expect(taskPage.text).not.toContain('/odstap');
    const forged = await web.post(`/zadania-postepowania/${opz.id}/wykonane`, {
      _csrf: 'forged',
      notatka: 'Bez tokenu',
    });
    expect(forged.status).toBe(403);
    await web.get(`/zadania-postepowania/${opz.id}`);
    const empty = await web.post(`/zadania-postepowania/${opz.id}/wykonane`, {
      version: String(opz.version),
      notatka: '  ',
    });
    expect(empty.status).toBe(422);
    expect(textOf(empty.text)).toContain(
      'Notatka o wykonaniu: Wpisz, co zostało wykonane, albo dołącz plik',
    );
    expect(empty.text).toContain('aria-describedby="notatka-wskazowka notatka-blad"');
    const ok = await web.post(`/zadania-postepowania/${opz.id}/wykonane`, {
      version: String(opz.version),
      notatka: 'OPZ części 2 przekazany liderowi.',
    });
    expect(ok.status).toBe(303);
    expect(ok.headers.location).toBe(`/postepowania/${tender.id}#zadania`);
    const stale = await web.post(`/zadania-postepowania/${opz.id}/wykonane`, {
      version: String(opz.version),
      notatka: 'Jeszcze raz',
    });
    expect(stale.status).toBe(303);
    expect(stale.headers.location).toBe(`/zadania-postepowania/${opz.id}`);

    const officer = new WebClient(t, '10.9.8.2');
    await officer.signIn('officer@skawina.demo');
    const officerPage = await officer.get(`/postepowania/${tender.id}`);
    expect(officerPage.text).toContain(`action="/postepowania/${tender.id}/zadania/zestaw"`);
    const payment = taskOf('PAYMENT', 'Liszki', 2);
    await officer.get(`/zadania-postepowania/${payment.id}`);
    const noReason = await officer.post(`/zadania-postepowania/${payment.id}/odstap`, {
      version: '1',
      powod: '',
    });
    expect(noReason.status).toBe(422);
    expect(textOf(noReason.text)).toContain('Powód odstąpienia: Podaj powód odstąpienia');
    const waived = await officer.post(`/zadania-postepowania/${payment.id}/odstap`, {
      version: '1',
      powod: 'Zapłaty dokona lider ze środków wspólnych.',
    });
    expect(waived.status).toBe(303);
    const after = (await (await as('officer@skawina.demo')).get(`/tender-tasks/${payment.id}`))
      .body as TaskBody;
    expect(after).toMatchObject({
      status: 'WAIVED',
      note: 'Zapłaty dokona lider ze środków wspólnych.',
    });
  });
});
