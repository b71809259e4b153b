import { createHash } from 'node:crypto';
import request from 'supertest';
import { FILE_MAX_BYTES } from '../src/responsibilities';
import { Session, TestApp, createTestApp, login, orgId, unique } from './support/app';
import { onDay } from './support/dates';
import { demoPartnershipId, type TenderBody } from './support/tenders';
import { textOf, WebClient } from './support/web';
import { taskIn, tenderWithTaskMatrix, type TaskBody } from './support/task-matrix';

interface CommentBody {
  id: string;
  targetKind: string;
  organisationName: string | null;
  mentions: { userId: string; displayName: string }[];
}
interface ThreadBody {
  items: (CommentBody & { body: string | null })[];
  total: number;
  mayPost: boolean;
}

const PDF = Buffer.from('%PDF-1.4\n% protokół odbioru części 1\n1 0 obj <<>> endobj\n%%EOF\n');

/**
 * Issue #14 on the web: a task marked done with an attached file through the multipart form (the
 * API's rules and storage; CSRF, 422 in Polish and nothing written on a refused file, 303 and the
 * download), and comment threads on a task and on a project sheet (API and pages: visibility,
 * lawyers read, @mentions notify with a link to the thread, audited).
 */
describe('web: task files and the threads of tasks and project sheets', () => {
  let t: TestApp;
  const sessions = new Map<string, Session>();
  const as = async (email: string) => {
    if (!sessions.has(email)) sessions.set(email, await login(t, email));
    return sessions.get(email) as Session;
  };
  let tender: TenderBody;
  let tasks: TaskBody[];
  const taskOf = (kind: string, org: string, lot: number | null = null) =>
    taskIn(tasks, kind, org, lot);

  const task = async (id: string) =>
    (await (await as('officer@skawina.demo')).get(`/tender-tasks/${id}`).expect(200))
      .body as TaskBody;
  const mentionsOf = (email: string, commentId: string) =>
    t.dataSource.query<{ title: string; link: string }[]>(
      `SELECT n.title, n.link FROM notifications n JOIN users u ON u.id = n.user_id
        WHERE u.email = $1 AND n.kind = 'comment.mention' AND n.entity_id = $2`,
      [email, commentId],
    );

  beforeAll(async () => {
    t = await createTestApp();
    const officer = await as('officer@skawina.demo');
    ({ tender, tasks } = await tenderWithTaskMatrix(t, officer, [
      [1, 'czernichow', '100000.00'],
      [2, 'liszki', '50000.00'],
    ]));
  }, 120000);
  afterAll(async () => {
    await t?.close();
  });

  it('takes a file on the done form: CSRF, Polish 422 without writing anything, 303 and the download', async () => {
    const acceptance = taskOf('ACCEPTANCE', 'Czernichów', 1);
    const web = new WebClient(t, '10.9.6.1');
    await web.signIn('coordinator@czernichow.demo');
    const page = await web.get(`/zadania-postepowania/${acceptance.id}`);
    expect(page.status).toBe(200);
    expect(page.text).toContain('enctype="multipart/form-data"');
    expect(page.text).toMatch(/<input[^>]+id="plik" name="plik" type="file" accept="\.pdf,/);
    const path = `/zadania-postepowania/${acceptance.id}/wykonane`;
    const pdf = { name: 'protokół odbioru – część 1.pdf', content: PDF, type: 'application/pdf' };

    // CSRF: a forged token and none at all are refused before anything is read into the task.
    const forged = await web.postMultipart(
      path,
      { _csrf: 'forged', version: '1', notatka: 'Bez tokenu' },
      { plik: pdf },
    );
    expect(forged.status).toBe(403);
    const noToken = await web.agent
      .post(path)
      .set('x-forwarded-for', web.ip)
      .field('version', '1')
      .attach('plik', PDF, { filename: 'opz.pdf', contentType: 'application/pdf' })
      .redirects(0);
    expect(noToken.status).toBe(403);

    const refusals: [string, Parameters<WebClient['postMultipart']>[2], string][] = [
      [
        'an HTML page',
        { plik: { name: 'strona.html', content: Buffer.from('<html></html>'), type: 'text/html' } },
        'Plik: Dołącz plik jednego z rodzajów: PDF, JPEG, PNG',
      ],
      [
        'HTML named .pdf',
        {
          plik: {
            name: 'opz.pdf',
            content: Buffer.from('<script>1</script>'),
            type: 'application/pdf',
          },
        },
        'Plik: Zawartość pliku nie odpowiada rozszerzeniu jego nazwy',
      ],
      [
        'over 5 MB',
        {
          plik: {
            name: 'skan.pdf',
            content: Buffer.concat([PDF, Buffer.alloc(FILE_MAX_BYTES)]),
            type: 'application/pdf',
          },
        },
        'Plik: Plik może mieć najwyżej 5 MB.',
      ],
      [
        'an empty file',
        { plik: { name: 'pusty.pdf', content: Buffer.alloc(0), type: 'application/pdf' } },
        'Plik: Wybrany plik jest pusty.',
      ],
    ];
    for (const [what, files, message] of refusals) {
      await web.get(`/zadania-postepowania/${acceptance.id}`);
      const res = await web.postMultipart(path, { version: '1', notatka: 'Odbiór' }, files);
      expect([what, res.status]).toEqual([what, 422]);
      expect(textOf(res.text)).toContain('Popraw błąd w formularzu');
      expect(textOf(res.text)).toContain(message);
      expect(res.text).toContain('aria-describedby="plik-wskazowka plik-blad"');
      // The note as typed stays in the form; the task is still open, nothing stored.
      expect(res.text).toContain('>Odbiór</textarea>');
    }
    await web.get(`/zadania-postepowania/${acceptance.id}`);
    const two = await web.postMultipart(
      path,
      { version: '1' },
      { plik: pdf, drugi: { name: 'drugi.pdf', content: PDF, type: 'application/pdf' } },
    );
    expect(two.status).toBe(422);
    expect(textOf(two.text)).toContain('Plik: Dołącz jeden plik.');
    await web.get(`/zadania-postepowania/${acceptance.id}`);
    const nothing = await web.postMultipart(path, { version: '1', notatka: ' ' });
    expect(nothing.status).toBe(422);
    expect(textOf(nothing.text)).toContain(
      'Notatka o wykonaniu: Wpisz, co zostało wykonane, albo dołącz plik',
    );
    expect(await task(acceptance.id)).toMatchObject({ status: 'OPEN', version: 1 });
    const stored = await t.dataSource.query<unknown[]>(
      'SELECT 1 FROM tender_task_files WHERE size > $1',
      [FILE_MAX_BYTES],
    );
    expect(stored).toEqual([]);

    // Multipart goes only to the forms that take a file: elsewhere (and on the API) 415, never 500.
    await web.get(`/zadania-postepowania/${acceptance.id}`);
    const elsewhere = await web.postMultipart(`/zadania-postepowania/${acceptance.id}/odstap`, {
      version: '1',
      powod: 'Nie dotyczy',
    });
    expect(elsewhere.status).toBe(415);
    const api = await request(t.http)
      .post(`/api/v1/tender-tasks/${acceptance.id}/done`)
      .set('authorization', `Bearer ${(await as('coordinator@czernichow.demo')).token}`)
      .field('version', '1')
      .attach('file', PDF, { filename: 'opz.pdf', contentType: 'application/pdf' });
    expect(api.status).toBe(415);

    await web.get(`/zadania-postepowania/${acceptance.id}`);
    const ok = await web.postMultipart(
      path,
      { version: '1', notatka: 'Protokół odbioru podpisany bez zastrzeżeń.' },
      { plik: pdf },
    );
    expect(ok.status).toBe(303);
    expect(ok.headers.location).toBe(`/postepowania/${tender.id}#zadania`);
    expect(await task(acceptance.id)).toMatchObject({
      status: 'DONE',
      version: 2,
      note: 'Protokół odbioru podpisany bez zastrzeżeń.',
      fileName: 'protokół odbioru – część 1.pdf',
    });
    const done = await web.get(`/zadania-postepowania/${acceptance.id}`);
    const href = `/zadania-postepowania/${acceptance.id}/plik`;
    expect(done.text).toContain(`<a href="${href}" download>`);
    const file = await web.agent
      .get(href)
      .buffer(true)
      .parse((r, cb) => {
        const chunks: Buffer[] = [];
        r.on('data', (c: Buffer) => chunks.push(c));
        r.on('end', () => cb(null, Buffer.concat(chunks)));
      });
    expect(file.status).toBe(200);
    expect(file.headers['content-type']).toBe('application/pdf');
    expect(file.headers['content-disposition']).toContain(
      "filename*=UTF-8''protok%C3%B3%C5%82%20odbioru",
    );
    expect(sha(file.body as Buffer)).toBe(sha(PDF));
    // Another partnership's officer does not see it; the audit trail names the file.
    const stranger = new WebClient(t, '10.9.6.2');
    await stranger.signIn('officer@zabierzow.demo');
    expect((await stranger.get(href)).status).toBe(404);
    const [event] = await t.dataSource.query<
      { data: { file: { name: string; sha256: string } } }[]
    >(`SELECT data FROM audit_events WHERE action = 'task.done' AND entity_id = $1`, [
      acceptance.id,
    ]);
    expect(event.data.file).toMatchObject({
      name: 'protokół odbioru – część 1.pdf',
      sha256: sha(PDF),
    });
  });

  it('applies the same file rules to the API (422 naming the field and the rule)', async () => {
    const input = taskOf('INPUT_DATA', 'Liszki');
    const api = await as('coordinator@liszki.demo');
    const refused = await api
      .post(`/tender-tasks/${input.id}/done`, {
        version: 1,
        file: {
          name: 'dane.exe',
          contentType: 'application/pdf',
          contentBase64: PDF.toString('base64'),
        },
      })
      .expect(422);
    expect(refused.body.errors[0]).toMatchObject({ field: 'file.name', rule: 'fileType' });
    const pretending = await api
      .post(`/tender-tasks/${input.id}/done`, {
        version: 1,
        file: {
          name: 'dane.pdf',
          contentType: 'application/pdf',
          contentBase64: Buffer.from('MZ\x90\x00').toString('base64'),
        },
      })
      .expect(422);
    expect(pretending.body.errors[0]).toMatchObject({
      field: 'file.contentBase64',
      rule: 'fileContent',
    });
    expect(await task(input.id)).toMatchObject({ status: 'OPEN', version: 1 });
  });

  it('keeps a thread on a task: who sees the tender reads, @mentions notify, lawyers read only', async () => {
    const opz = taskOf('OPZ', 'Liszki', 2);
    const coordinator = await as('coordinator@liszki.demo');
    const posted = (
      await coordinator
        .post(`/tender-tasks/${opz.id}/comments`, {
          body: '@officer@skawina.demo czy OPZ części 2 ma objąć także oświetlenie?',
        })
        .expect(201)
    ).body as CommentBody;
    expect(posted).toMatchObject({ targetKind: 'task', organisationName: 'Gmina Liszki' });
    const [note] = await mentionsOf('officer@skawina.demo', posted.id);
    expect(note.link).toBe(`/zadania-postepowania/${opz.id}#komentarze`);
    expect(note.title).toContain(`w postępowaniu ${tender.reference}`);
    const [event] = await t.dataSource.query<{ tender_id: string; data: { targetKind: string } }[]>(
      `SELECT tender_id, data FROM audit_events WHERE action = 'comment.posted' AND entity_id = $1`,
      [posted.id],
    );
    expect(event).toMatchObject({ tender_id: tender.id, data: { targetKind: 'task' } });

    const lawyer = await as('lawyer@liszki.demo');
    const thread = (await lawyer.get(`/tender-tasks/${opz.id}/comments`).expect(200))
      .body as ThreadBody;
    expect(thread).toMatchObject({ total: 1, mayPost: false });
    await lawyer.post(`/tender-tasks/${opz.id}/comments`, { body: 'Uwaga' }).expect(403);
    const outsider = await as('officer@zabierzow.demo');
    await outsider.get(`/tender-tasks/${opz.id}/comments`).expect(404);
    const mention = await coordinator
      .post(`/tender-tasks/${opz.id}/comments`, { body: 'Pytanie do @officer@zabierzow.demo' })
      .expect(422);
    expect(mention.body.errors[0]).toMatchObject({ field: 'body', rule: 'mention' });

    // The task's page shows the thread with its form (CSRF, 422 in Polish, 303 to the thread).
    const web = new WebClient(t, '10.9.6.3');
    await web.signIn('officer@skawina.demo');
    const page = await web.get(`/zadania-postepowania/${opz.id}`);
    expect(page.text).toContain('<h2 id="komentarze" tabindex="-1">Komentarze (1)</h2>');
    expect(page.text).toContain(`action="/zadania-postepowania/${opz.id}/komentarze"`);
    expect(textOf(page.text)).toContain('czy OPZ części 2 ma objąć także oświetlenie?');
    const action = `/zadania-postepowania/${opz.id}/komentarze`;
    expect((await web.post(action, { _csrf: 'forged', body: 'Bez tokenu' })).status).toBe(403);
    await web.get(`/zadania-postepowania/${opz.id}`);
    const empty = await web.post(action, { body: '' });
    expect(empty.status).toBe(422);
    expect(textOf(empty.text)).toContain('Treść komentarza: Wpisz treść komentarza');
    expect(empty.text).toContain(`href="/zadania-postepowania/${opz.id}"`);
    const ok = await web.post(action, {
      body: 'Tak, @coordinator@liszki.demo – razem z oświetleniem.',
    });
    expect(ok.status).toBe(303);
    expect(ok.headers.location).toBe(`/zadania-postepowania/${opz.id}#komentarze`);
    const after = await coordinator.get(`/tender-tasks/${opz.id}/comments`).expect(200);
    const reply = (after.body as ThreadBody).items[1];
    expect(reply.body).toContain('razem z oświetleniem');
    expect(await mentionsOf('coordinator@liszki.demo', reply.id)).toHaveLength(1);
  });

  it('keeps a thread on a project sheet: who sees the partnership reads, its people post', async () => {
    const partnershipId = await demoPartnershipId(await as('officer@skawina.demo'));
    const org = {
      czernichow: await orgId(t, 'czernichow'),
      liszki: await orgId(t, 'liszki'),
    };
    const sheet = (
      await (
        await as('coordinator@liszki.demo')
      )
        .post('/project-sheets', {
          partnershipId,
          title: unique('Wspólna modernizacja oświetlenia ulicznego '),
          need: 'Oprawy sodowe zużywają dwa razy więcej energii niż LED.',
          subjectKind: 'WORKS',
          cpvMain: '45316110-9',
          estimatedValueNet: '800000.00',
          partnerIds: [org.czernichow, org.liszki],
          plannedAnnouncementMonth: onDay(20).slice(0, 7),
        })
        .expect(201)
    ).body as { id: string; title: string };
    const czernichow = await as('coordinator@czernichow.demo');
    const posted = (
      await czernichow
        .post(`/project-sheets/${sheet.id}/comments`, {
          body: '@coordinator@liszki.demo czy fiszka obejmie też oświetlenie parków?',
        })
        .expect(201)
    ).body as CommentBody;
    expect(posted).toMatchObject({ targetKind: 'sheet', organisationName: 'Gmina Czernichów' });
    const [note] = await mentionsOf('coordinator@liszki.demo', posted.id);
    expect(note.link).toBe(`/fiszki/${sheet.id}#komentarze`);
    expect(note.title).toContain('fiszka projektu');
    const [event] = await t.dataSource.query<
      { tender_id: string | null; partnership_id: string }[]
    >(
      `SELECT tender_id, partnership_id FROM audit_events WHERE action = 'comment.posted' AND entity_id = $1`,
      [posted.id],
    );
    expect(event).toEqual({ tender_id: null, partnership_id: partnershipId });
    await (
      await as('officer@zabierzow.demo')
    )
      .get(`/project-sheets/${sheet.id}/comments`)
      .expect(404);
    await (
      await as('officer@zabierzow.demo')
    )
      .post(`/project-sheets/${sheet.id}/comments`, { body: 'Dzień dobry' })
      .expect(404);
    const lawyer = await as('lawyer@liszki.demo');
    expect(
      ((await lawyer.get(`/project-sheets/${sheet.id}/comments`).expect(200)).body as ThreadBody)
        .mayPost,
    ).toBe(false);
    await lawyer.post(`/project-sheets/${sheet.id}/comments`, { body: 'Uwaga' }).expect(403);
    const outsiderMention = await czernichow
      .post(`/project-sheets/${sheet.id}/comments`, { body: 'Do @officer@zabierzow.demo' })
      .expect(422);
    expect(outsiderMention.body.errors[0]).toMatchObject({ field: 'body', rule: 'mention' });

    const web = new WebClient(t, '10.9.6.4');
    await web.signIn('officer@skawina.demo');
    const page = await web.get(`/fiszki/${sheet.id}`);
    expect(page.status).toBe(200);
    expect(page.text).toContain(`action="/fiszki/${sheet.id}/komentarze"`);
    expect(textOf(page.text)).toContain('czy fiszka obejmie też oświetlenie parków?');
    const action = `/fiszki/${sheet.id}/komentarze`;
    expect((await web.post(action, { _csrf: 'forged', body: 'x' })).status).toBe(403);
    await web.get(`/fiszki/${sheet.id}`);
    const tooLong = await web.post(action, { body: 'x'.repeat(4001) });
    expect(tooLong.status).toBe(422);
    expect(textOf(tooLong.text)).toContain('od 1 do 4000 znaków');
    expect(tooLong.text).toContain('<a href="/fiszki">Fiszki projektów</a>');
    const ok = await web.post(action, { body: 'Parki w osobnej części zamówienia.' });
    expect(ok.status).toBe(303);
    expect(ok.headers.location).toBe(`/fiszki/${sheet.id}#komentarze`);
    const shown = await web.get(`/fiszki/${sheet.id}`);
    expect(textOf(shown.text)).toContain('Parki w osobnej części zamówienia.');
    // Correcting and withdrawing one's own comment lead back to the sheet's thread.
    const id =
      /id="komentarz-([0-9a-f-]{36})"(?:(?!id="komentarz-[0-9a-f-]{36}")[^])*Parki w osobnej części/.exec(
        shown.text,
      )?.[1] ?? '';
    expect(id).not.toBe('');
    const form = await web.get(`/komentarze/${id}/popraw`);
    expect(form.status).toBe(200);
    expect(form.text).toContain(`href="/fiszki/${sheet.id}#komentarze"`);
    const corrected = await web.post(`/komentarze/${id}/popraw`, {
      version: '1',
      body: 'Parki w osobnej części zamówienia (część 2).',
    });
    expect([corrected.status, corrected.headers.location]).toEqual([
      303,
      `/fiszki/${sheet.id}#komentarze`,
    ]);
    await web.get(`/fiszki/${sheet.id}`);
    const withdrawn = await web.post(`/komentarze/${id}/wycofaj`, { version: '2' });
    expect([withdrawn.status, withdrawn.headers.location]).toEqual([
      303,
      `/fiszki/${sheet.id}#komentarze`,
    ]);
    expect(textOf((await web.get(`/fiszki/${sheet.id}`)).text)).toContain('Komentarz wycofany');
  });
});

const sha = (b: Buffer): string => createHash('sha256').update(b).digest('hex');
