import type { TestingModule } from '@nestjs/testing';
import { Session, TestApp, createTestApp, login, waitFor } from './support/app';
import { startSmtpServer, type TestSmtpServer } from './support/smtp';
import { createTender, findShare, proposeShare, type TenderBody } from './support/tenders';
import { textOf, WebClient } from './support/web';
import { drainBacklog, startWorker } from './support/worker';

interface CommentBody {
  id: string;
  status: string;
  body: string | null;
  version: number;
  withdrawnAt: string | null;
  authorName: string;
  organisationName: string | null;
  mentions: { userId: string; displayName: string }[];
  revisions: { version: number; action: string; body: string | null; at: string }[];
  allowedActions: string[];
}
interface ThreadBody {
  items: CommentBody[];
  total: number;
  mayPost: boolean;
}

/** Issue #14: comment threads on a tender, a lot and a share, with @mentions. */
describe('Comments (tenders, lots, shares)', () => {
  let t: TestApp;
  let smtp: TestSmtpServer;
  let worker: TestingModule;
  const sessions = new Map<string, Session>();
  const as = async (email: string) => {
    if (!sessions.has(email)) sessions.set(email, await login(t, email));
    return sessions.get(email) as Session;
  };
  const mentionsOf = (email: string, commentId: string) =>
    t.dataSource.query<{ title: string; body: string; link: string }[]>(
      `SELECT n.title, n.body, n.link FROM notifications n JOIN users u ON u.id = n.user_id
        WHERE u.email = $1 AND n.kind = 'comment.mention' AND n.entity_id = $2`,
      [email, commentId],
    );
  let tender: TenderBody;

  beforeAll(async () => {
    t = await createTestApp();
    smtp = await startSmtpServer();
    worker = await startWorker({ REMINDER_SWEEP_EVERY_MS: '300', SMTP_URL: smtp.url });
    await drainBacklog(worker);
    const officer = await as('officer@skawina.demo');
    tender = await createTender(officer);
    tender = await proposeShare(t, officer, tender, 1, 'czernichow', '100000.00');
    tender = await proposeShare(t, officer, tender, 2, 'liszki', '50000.00');
  }, 120000);
  afterAll(async () => {
    await worker?.close();
    await smtp?.close();
    await t?.close();
  });

  it('refuses a mention of a partner while the tender is a draft the partner cannot see', async () => {
    const officer = await as('officer@skawina.demo');
    const res = await officer
      .post(`/tenders/${tender.id}/comments`, { body: 'Czy @head@liszki.demo to widzi?' })
      .expect(422);
    expect(res.body.errors).toEqual([expect.objectContaining({ field: 'body', rule: 'mention' })]);
    // The partner does not see the draft's thread at all.
    await (await as('coordinator@liszki.demo')).get(`/tenders/${tender.id}/comments`).expect(404);
  });

  it('notifies each mentioned person in-app and by e-mail (unless that kind is switched off)', async () => {
    const officer = await as('officer@skawina.demo');
    tender = (
      await officer
        .post(`/tenders/${tender.id}/transition`, {
          to: 'COLLECTING_SHARES',
          version: tender.version,
        })
        .expect(200)
    ).body as TenderBody;
    const head = await as('head@liszki.demo');
    await head.patch('/me/preferences', { emailOptOutKinds: ['comment.mention'] }).expect(200);

    const coordinator = await as('coordinator@liszki.demo');
    const posted = (
      await coordinator
        .post(`/tenders/${tender.id}/comments`, {
          body: '@officer@skawina.demo prosimy o termin narady; @head@liszki.demo, proszę o wstępną zgodę. <b>pilne</b>',
        })
        .expect(201)
    ).body as CommentBody;
    expect(posted).toMatchObject({
      status: 'ACTIVE',
      version: 1,
      organisationName: 'Gmina Liszki',
      allowedActions: ['correct', 'withdraw'],
    });
    expect(posted.body).toContain('<b>pilne</b>'); // stored as written, plain text
    expect(posted.mentions.map((m) => m.displayName)).toHaveLength(2);

    const [inApp] = await mentionsOf('officer@skawina.demo', posted.id);
    expect(inApp.title).toContain(`postępowanie ${tender.reference}`);
    expect(inApp.link).toBe(`/postepowania/${tender.id}#komentarze`);
    expect(await mentionsOf('head@liszki.demo', posted.id)).toHaveLength(1);

    const [mail] = await waitFor(
      async () => {
        const m = smtp.to('officer@skawina.demo').filter((x) => x.text.includes(tender.id));
        return m.length > 0 ? m : null;
      },
      30000,
      "the officer's e-mail",
    );
    expect(mail.subject).toContain('wspomina o Tobie w komentarzu');
    expect(mail.text).toContain(`/postepowania/${tender.id}#komentarze`);
    expect(mail.text).toContain('prosimy o termin narady');
    await drainBacklog(worker);
    expect(smtp.to('head@liszki.demo').filter((x) => x.text.includes(tender.id))).toEqual([]);

    const thread = (await officer.get(`/tenders/${tender.id}/comments`).expect(200))
      .body as ThreadBody;
    expect(thread).toMatchObject({ total: 1, mayPost: true });
    expect(thread.items[0].allowedActions).toEqual([]);
  });

  it('refuses a mention of an outsider exactly like a mention of nobody, and an ambiguous local part', async () => {
    const coordinator = await as('coordinator@liszki.demo');
    const outsider = await coordinator
      .post(`/tenders/${tender.id}/comments`, { body: 'Pytanie do @officer@zabierzow.demo' })
      .expect(422);
    const nobody = await coordinator
      .post(`/tenders/${tender.id}/comments`, { body: 'Pytanie do @nikt@zabierzow.demo' })
      .expect(422);
    expect(outsider.body.errors[0]).toMatchObject({ field: 'body', rule: 'mention' });
    expect(outsider.body.errors[0].message.replace('officer', 'nikt')).toBe(
      nobody.body.errors[0].message,
    );
    const ambiguous = await coordinator
      .post(`/tenders/${tender.id}/comments`, { body: '@officer czy to już?' })
      .expect(422);
    expect(ambiguous.body.errors[0]).toMatchObject({ field: 'body', rule: 'mentionAmbiguous' });
    const empty = await coordinator
      .post(`/tenders/${tender.id}/comments`, { body: '   ' })
      .expect(400);
    expect(empty.body.errors[0].field).toBe('body');
    await coordinator
      .post(`/tenders/${tender.id}/comments`, { body: 'x'.repeat(4001) })
      .expect(400);
  });

  it('hides the thread from an outsider (404) and lets the lawyers read without posting', async () => {
    const outsider = await as('officer@zabierzow.demo');
    await outsider.get(`/tenders/${tender.id}/comments`).expect(404);
    await outsider.post(`/tenders/${tender.id}/comments`, { body: 'Dzień dobry' }).expect(404);
    const share = findShare(tender, 1, 'Gmina Czernichów');
    await outsider.get(`/shares/${share.id}/comments`).expect(404);
    await outsider.get(`/lots/${share.lotId}/comments`).expect(404);

    const lawyer = await as('lawyer@liszki.demo');
    const thread = (await lawyer.get(`/tenders/${tender.id}/comments`).expect(200))
      .body as ThreadBody;
    expect(thread.mayPost).toBe(false);
    await lawyer.post(`/tenders/${tender.id}/comments`, { body: 'Uwaga prawna' }).expect(403);
  });

  it('keeps the trail of a correction and a withdrawal (new versions, never deleted)', async () => {
    const treasurer = await as('treasurer@czernichow.demo');
    const share = findShare(tender, 1, 'Gmina Czernichów');
    const first = (
      await treasurer
        .post(`/shares/${share.id}/comments`, { body: 'Klasyfikacja 600/60016/4270.' })
        .expect(201)
    ).body as CommentBody;
    const other = await as('coordinator@czernichow.demo');
    await other
      .post(`/comments/${first.id}/corrections`, { version: 1, body: 'Nie moje' })
      .expect(403);
    const corrected = (
      await treasurer
        .post(`/comments/${first.id}/corrections`, {
          version: 1,
          body: 'Klasyfikacja 600/60016/4300, @coordinator@czernichow.demo proszę sprawdzić.',
        })
        .expect(200)
    ).body as CommentBody;
    expect(corrected).toMatchObject({ status: 'CORRECTED', version: 2 });
    expect(corrected.revisions.map((r) => [r.version, r.action, r.body])).toEqual([
      [1, 'POSTED', 'Klasyfikacja 600/60016/4270.'],
      [
        2,
        'CORRECTED',
        'Klasyfikacja 600/60016/4300, @coordinator@czernichow.demo proszę sprawdzić.',
      ],
    ]);
    const [mention] = await mentionsOf('coordinator@czernichow.demo', first.id);
    expect(mention.link).toBe(`/udzialy/${share.id}#komentarze`);
    const stale = await treasurer
      .post(`/comments/${first.id}/corrections`, { version: 1, body: 'Jeszcze raz' })
      .expect(409);
    expect(stale.body.currentVersion).toBe(2);

    const withdrawn = (
      await treasurer.post(`/comments/${first.id}/withdraw`, { version: 2 }).expect(200)
    ).body as CommentBody;
    expect(withdrawn).toMatchObject({ status: 'WITHDRAWN', version: 3, body: null });
    expect(withdrawn.withdrawnAt).toEqual(withdrawn.revisions[2].at);
    expect(withdrawn.revisions.map((r) => r.action)).toEqual(['POSTED', 'CORRECTED', 'WITHDRAWN']);
    await treasurer
      .post(`/comments/${first.id}/corrections`, { version: 3, body: 'Wracam' })
      .expect(409);

    const thread = (await other.get(`/shares/${share.id}/comments`).expect(200)).body as ThreadBody;
    expect(thread.items.map((c) => c.status)).toEqual(['WITHDRAWN']);
    await expect(t.dataSource.query('DELETE FROM comments')).rejects.toThrow(/append-only/);
    await expect(t.dataSource.query("UPDATE comments SET body = 'x'")).rejects.toThrow(
      /append-only/,
    );

    const history = (
      await (
        await as('officer@skawina.demo')
      )
        .get(`/tenders/${tender.id}/history?limit=200`)
        .expect(200)
    ).body as { items: { action: string; entityId: string; data: Record<string, unknown> }[] };
    const events = history.items.filter((e) => e.entityId === first.id);
    expect(events.map((e) => e.action)).toEqual([
      'comment.posted',
      'comment.corrected',
      'comment.withdrawn',
    ]);
    expect(events[0].data).toMatchObject({ targetKind: 'share', targetId: share.id, version: 1 });
  });

  it('keeps a thread per lot', async () => {
    const officer = await as('officer@skawina.demo');
    const lotId = tender.lots[1].id;
    await officer
      .post(`/lots/${lotId}/comments`, { body: 'Część 2: @head@liszki.demo, proszę o uwagi.' })
      .expect(201);
    const thread = (await (await as('head@liszki.demo')).get(`/lots/${lotId}/comments`).expect(200))
      .body as ThreadBody;
    expect(thread.items.map((c) => c.body)).toEqual([
      'Część 2: @head@liszki.demo, proszę o uwagi.',
    ]);
  });

  it('shows the thread under the tender page and takes comments through its form (HTTP)', async () => {
    const web = new WebClient(t, '10.9.7.1');
    await web.signIn('coordinator@liszki.demo');
    const page = await web.get(`/postepowania/${tender.id}`);
    expect(page.status).toBe(200);
    expect(page.text).toContain('<h2 id="komentarze" tabindex="-1">Komentarze (1)</h2>');
    expect(page.text).toMatch(/<article class="comment" id="komentarz-[0-9a-f-]+"/);
    // The text is escaped, never rendered as HTML.
    expect(page.text).toContain('&lt;b&gt;pilne&lt;/b&gt;');
    expect(page.text).not.toContain('<b>pilne</b>');
    expect(page.text).toMatch(/<label class="field__label" for="body">Treść komentarza<\/label>/);
    expect(page.text).toContain('aria-describedby="body-wskazowka"');

    const forged = await web.post(`/postepowania/${tender.id}/komentarze`, {
      _csrf: 'forged',
      body: 'Bez tokenu',
    });
    expect(forged.status).toBe(403);

    await web.get(`/postepowania/${tender.id}`);
    const empty = await web.post(`/postepowania/${tender.id}/komentarze`, { body: '  ' });
    expect(empty.status).toBe(422);
    expect(textOf(empty.text)).toContain(
      'Treść komentarza: Wpisz treść komentarza: od 1 do 4000 znaków.',
    );
    expect(empty.text).toContain('aria-describedby="body-wskazowka body-blad"');

    const outsider = await web.post(`/postepowania/${tender.id}/komentarze`, {
      body: 'Proszę @officer@zabierzow.demo o opinię',
    });
    expect(outsider.status).toBe(422);
    expect(textOf(outsider.text)).toContain(
      '@officer@zabierzow.demo nie jest osobą, która widzi ten wątek.',
    );
    expect(outsider.text).toContain('Proszę @officer@zabierzow.demo o opinię</textarea>');

    const ok = await web.post(`/postepowania/${tender.id}/komentarze`, {
      body: 'Zgoda wstępna wójta z dnia narady. @officer@skawina.demo',
    });
    expect(ok.status).toBe(303);
    expect(ok.headers.location).toBe(`/postepowania/${tender.id}#komentarze`);
    const after = await web.get(`/postepowania/${tender.id}`);
    expect(textOf(after.text)).toContain('Dodano komentarz.');
    const id = /id="komentarz-([0-9a-f-]+)"[^]*?Zgoda wstępna wójta/.exec(
      after.text,
    )?.[1] as string;
    expect(id).toBeDefined();

    const form = await web.get(`/komentarze/${id}/popraw`);
    expect(form.status).toBe(200);
    const corrected = await web.post(`/komentarze/${id}/popraw`, {
      version: '1',
      body: 'Zgoda wstępna wójta z 12 listopada.',
    });
    expect(corrected.status).toBe(303);
    const shown = textOf((await web.get(`/postepowania/${tender.id}`)).text);
    expect(shown).toContain('poprawiono');
    expect(shown).toContain('Zgoda wstępna wójta z 12 listopada.');
    expect(shown).toContain('Wcześniejsze wersje (1)');

    const withdrawn = await web.post(`/komentarze/${id}/wycofaj`, { version: '2' });
    expect(withdrawn.status).toBe(303);
    expect(textOf((await web.get(`/postepowania/${tender.id}`)).text)).toContain(
      'Komentarz wycofany',
    );

    const stranger = new WebClient(t, '10.9.7.2');
    await stranger.signIn('officer@zabierzow.demo');
    expect((await stranger.get(`/postepowania/${tender.id}`)).status).toBe(404);
    await stranger.get('/postepowania');
    expect(
      (await stranger.post(`/postepowania/${tender.id}/komentarze`, { body: 'Dzień dobry' }))
        .status,
    ).toBe(404);
  });

  it('shows the share thread on the share page with its own form', async () => {
    const share = findShare(tender, 1, 'Gmina Czernichów');
    const web = new WebClient(t, '10.9.7.3');
    await web.signIn('coordinator@czernichow.demo');
    const page = await web.get(`/udzialy/${share.id}`);
    expect(page.status).toBe(200);
    expect(page.text).toContain(`action="/udzialy/${share.id}/komentarze"`);
    expect(textOf(page.text)).toContain('Komentarz wycofany');
    const ok = await web.post(`/udzialy/${share.id}/komentarze`, { body: 'Przyjęte do planu.' });
    expect(ok.status).toBe(303);
    expect(ok.headers.location).toBe(`/udzialy/${share.id}#komentarze`);
  });

  it('gives each lot a thread page linked from its section of the tender page', async () => {
    const lot = tender.lots[1];
    const web = new WebClient(t, '10.9.7.4');
    await web.signIn('head@liszki.demo');
    const tenderPage = await web.get(`/postepowania/${tender.id}`);
    const href = `/postepowania/${tender.id}/czesci/${lot.id}/komentarze`;
    expect(tenderPage.text).toContain(`href="${href}"`);
    const page = await web.get(href);
    expect(page.status).toBe(200);
    expect(textOf(page.text)).toContain('Część 2: @head@liszki.demo, proszę o uwagi.');
    const ok = await web.post(href, { body: 'Uwagi prześlę do piątku.' });
    expect(ok.status).toBe(303);
    expect(ok.headers.location).toBe(`${href}#komentarze`);
    const refused = await web.post(href, { body: '' });
    expect(refused.status).toBe(422);
    expect(refused.text).toContain('<h2 id="bledy-tytul">');
    // A lot under the address of another tender does not exist.
    const other = await createTender(await as('officer@skawina.demo'));
    const officerWeb = new WebClient(t, '10.9.7.5');
    await officerWeb.signIn('officer@skawina.demo');
    expect(
      (await officerWeb.get(`/postepowania/${other.id}/czesci/${lot.id}/komentarze`)).status,
    ).toBe(404);
  });
});
