import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TestingModule } from '@nestjs/testing';
import { addCalendarDays } from '../src/common/polish-calendar';
import { todayInWarsaw } from '../src/common/dates/iso-date';
import { formatDatePl } from '../src/documents';
import { Session, TestApp, createTestApp, login } from './support/app';
import { pdfTextOf, renderAgreement } from './support/documents';
import { preparePublication } from './support/procedure';
import { TenderBody, confirmAll, createTender, proposeShare } from './support/tenders';
import { startWorker } from './support/worker';
import { tenderWithTaskMatrix, type TaskBody } from './support/task-matrix';

const oneLine = (s: string) => s.replace(/\s+/g, ' ');

/**
 * Issue #14: the agreement's annex "Podział zadań i odpowiedzialności" is made from the tender's
 * responsibility matrix, and a changed matrix outdates the agreement like changed shares do.
 */
describe('Agreement annex: the division of tasks from the responsibility matrix', () => {
  let t: TestApp;
  let worker: TestingModule;
  let officer: Session;
  let tender: TenderBody;
  let tasks: TaskBody[];
  const scratch = mkdtempSync(join(tmpdir(), 'wspolnie-annex-'));
  const sessions = new Map<string, Session>();
  const as = async (email: string) => {
    if (!sessions.has(email)) sessions.set(email, await login(t, email));
    return sessions.get(email) as Session;
  };
  const task = (kind: string, org: string, lot: number | null = null) => {
    const found = tasks.find(
      (x) => x.kind === kind && x.organisationName.includes(org) && x.lotNumber === lot,
    );
    if (!found) throw new Error(`no task ${kind} of ${org} (lot ${lot})`);
    return found;
  };
  const pdfText = (documentId: string) => pdfTextOf(t, officer, documentId, scratch, true);
  const publicationBlock = async () => {
    const checks = (await officer.get(`/tenders/${tender.id}/transitions`).expect(200)).body as {
      to: string;
      missing: string[];
    }[];
    return checks.find((c) => c.to === 'PUBLISHED')?.missing ?? ['PUBLISHED not offered'];
  };

  beforeAll(async () => {
    t = await createTestApp();
    worker = await startWorker();
    officer = await as('officer@skawina.demo');
    ({ tender, tasks } = await tenderWithTaskMatrix(t, officer, [
      [1, 'skawina', '200000.00'],
      [1, 'czernichow', '120000.00'],
      [2, 'liszki', '60000.00'],
    ]));
    const input = task('INPUT_DATA', 'Czernichów');
    await (
      await as('coordinator@czernichow.demo')
    )
      .post(`/tender-tasks/${input.id}/done`, {
        version: input.version,
        note: 'Dane o chodnikach przekazane liderowi.',
      })
      .expect(200);
    const acceptance = task('ACCEPTANCE', 'Liszki', 2);
    await officer
      .post(`/tender-tasks/${acceptance.id}/waive`, {
        version: acceptance.version,
        reason: 'Odbioru dokonuje inspektor nadzoru lidera.',
      })
      .expect(200);
    tasks = (await officer.get(`/tenders/${tender.id}/tasks`).expect(200)).body.tasks as TaskBody[];
    tender = await confirmAll(t, tender, as);
    const current = (await officer.get(`/tenders/${tender.id}`).expect(200)).body as TenderBody;
    await officer
      .post(`/tenders/${tender.id}/transition`, { to: 'READY', version: current.version })
      .expect(200);
    await preparePublication(officer, tender);
  }, 180000);
  afterAll(async () => {
    await worker?.close();
    await t?.close();
  });

  it('lists the tasks: the leader’s for all, then each partner’s own, with who, by when and the state', async () => {
    const agreement = await renderAgreement(officer, tender.id);
    const text = await pdfText(agreement.id);
    const flat = oneLine(text);
    expect(flat).toContain('Załącznik nr 3 do Porozumienia');
    expect(flat).toContain('PODZIAŁ ZADAŃ I ODPOWIEDZIALNOŚCI');
    expect(flat).toContain('określa załącznik nr 3 do Porozumienia');
    expect(flat).toContain(
      'I. Zadania wykonywane przez Lidera w imieniu i na rzecz wszystkich Stron (art. 38 ust. 1 ustawy Pzp)',
    );
    expect(flat).toContain('II. Zadania wykonywane przez każdą ze Stron we własnym zakresie');
    // The annex starts after the signatures; the leader's own part, then the partners alphabetically.
    const annex = text.slice(text.indexOf('PODZIAŁ ZADAŃ I ODPOWIEDZIALNOŚCI'));
    const order = ['Lider: Gmina Skawina', 'Partner: Gmina Czernichów', 'Partner: Gmina Liszki'];
    const at = order.map((h) => annex.indexOf(h));
    expect(at.every((i) => i > 0)).toBe(true);
    expect([...at].sort((a, b) => a - b)).toEqual(at);
    // Each task's row: its title and its due day in Polish ("15 stycznia 2027 r.") on one line.
    const lines = annex.split('\n');
    for (const x of tasks) {
      const short = x.title.split(' – ')[0].slice(0, 24);
      expect(lines.some((l) => l.includes(short) && l.includes(formatDatePl(x.dueOn)))).toBe(true);
      expect(formatDatePl(x.dueOn)).toMatch(
        /^\d{1,2} (stycznia|lutego|marca|kwietnia|maja|czerwca|lipca|sierpnia|września|października|listopada|grudnia) \d{4} r\.$/,
      );
    }
    // The leader's tasks for all are in part I, before any partner's heading.
    const swz = annex.indexOf('Przegląd projektu SWZ');
    expect(swz).toBeGreaterThan(annex.indexOf('I. Zadania wykonywane przez Lidera'));
    expect(swz).toBeLessThan(annex.indexOf('II. Zadania wykonywane'));
    expect(flat).toContain(`wykonano ${formatDatePl(todayInWarsaw())}`);
    // A wrapped cell interleaves with its neighbours in the layout text: the reason, in parts.
    expect(flat).toContain('odstąpiono: Odbioru dokonuje');
    expect(flat).toContain('inspektor nadzoru lidera.');
    expect(flat).toContain('do wykonania');
    // The schedule table of § 4 no longer repeats the tasks' due days.
    const body = text.slice(0, text.indexOf('PODZIAŁ ZADAŃ I ODPOWIEDZIALNOŚCI'));
    expect(body).not.toContain('Przegląd projektu SWZ');
    expect(await publicationBlock()).toEqual([]);
  });

  it('stays current when a task is done; a changed due day outdates it until a new version', async () => {
    tasks = (await officer.get(`/tenders/${tender.id}/tasks`).expect(200)).body.tasks as TaskBody[];
    const opz = task('OPZ', 'Liszki', 2);
    await (
      await as('coordinator@liszki.demo')
    )
      .post(`/tender-tasks/${opz.id}/done`, { version: opz.version, note: 'OPZ przekazany.' })
      .expect(200);
    // Done fulfils the agreement: nothing to sign again.
    expect(await publicationBlock()).toEqual([]);

    const swz = task('SWZ_REVIEW', 'Skawina');
    const later = addCalendarDays(swz.dueOn, 7);
    await officer
      .post(`/tender-tasks/${swz.id}/changes`, {
        version: swz.version,
        dueOn: later,
        reason: 'Lider potrzebuje tygodnia więcej na przegląd SWZ.',
      })
      .expect(200);
    const blocked = await publicationBlock();
    expect(blocked).toEqual([
      expect.stringMatching(
        /^AGREEMENT_NOT_READY: the READY agreement's annex of tasks was rendered from a different responsibility matrix/,
      ),
    ]);
    expect(blocked[0]).toContain(`Przegląd projektu SWZ (Gmina Skawina) ${swz.dueOn} → ${later}`);
    const current = (await officer.get(`/tenders/${tender.id}`).expect(200)).body as TenderBody;
    const refused = await officer.post(`/tenders/${tender.id}/transition`, {
      to: 'PUBLISHED',
      version: current.version,
    });
    expect(refused.status).toBe(422);
    expect(refused.body.code).toBe('TENDER_CONDITIONS_NOT_MET');

    const renewed = await renderAgreement(officer, tender.id);
    expect(oneLine(await pdfText(renewed.id))).toContain(formatDatePl(later));
    expect(await publicationBlock()).toEqual([]);
  });

  it('an agreement without tasks says so in § 4 and has no annex', async () => {
    let other = await createTender(officer);
    other = await proposeShare(t, officer, other, 1, 'mogilany', '80000.00');
    const text = oneLine(await pdfText((await renderAgreement(officer, other.id)).id));
    expect(text).toContain(
      'Strony nie ustaliły odrębnego podziału zadań i odpowiedzialności w Postępowaniu',
    );
    expect(text).not.toContain('PODZIAŁ ZADAŃ I ODPOWIEDZIALNOŚCI');
  });
});
