import { getQueueToken } from '@nestjs/bullmq';
import type { TestingModule } from '@nestjs/testing';
import type { Queue } from 'bullmq';
import { createHash, randomUUID } from 'node:crypto';
import { createServer, type AddressInfo } from 'node:net';
import type Redis from 'ioredis';
import request from 'supertest';
import { HEARTBEAT_KEY } from '../src/common/metrics';
import { REDIS } from '../src/common/redis';
import { QueueName } from '../src/common/jobs/job-catalogue';
import { NotificationsService } from '../src/notifications/notifications.service';
import { Session, TestApp, createTestApp, login, orgId, waitFor } from './support/app';
import { renderDocument } from './support/documents';
import { validateReleasePackage } from './support/ocds/ocds-validator';
import { type TestSmtpServer, startSmtpServer } from './support/smtp';
import { unzip } from './support/zip';
import { startWorker } from './support/worker';

const TOKEN = 'test-metrics-token-0123456789';
process.env.METRICS_TOKEN = TOKEN;

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((r) => server.close(() => r()));
  return port;
}

interface ReadyBody {
  status: string;
  info: Record<string, Record<string, unknown>>;
}

/** Sum of the samples of a metric whose labels include the given ones. */
function sample(text: string, name: string, labels: Record<string, string> = {}): number | null {
  let found = false;
  let sum = 0;
  for (const line of text.split('\n')) {
    if (!line.startsWith(`${name}{`) && !line.startsWith(`${name} `)) continue;
    const m = /^([^{\s]+)(?:\{([^}]*)\})?\s+(\S+)$/.exec(line);
    if (!m || m[1] !== name) continue;
    const have = Object.fromEntries(
      [...(m[2] ?? '').matchAll(/(\w+)="([^"]*)"/g)].map((x) => [x[1], x[2]]),
    );
    if (Object.entries(labels).every(([k, v]) => have[k] === v)) {
      found = true;
      sum += Number(m[3]);
    }
  }
  return found ? sum : null;
}

/**
 * Operations on the real API and worker: Prometheus metrics of both processes (each metric moves
 * when its event happens), readiness with the outbox backlog and the worker's heartbeat, the queue
 * board for administrators only, and the tender archive built by the worker.
 */
describe('Operations: metrics, readiness, queue board, archives', () => {
  let t: TestApp;
  let worker: TestingModule | undefined;
  let smtp: TestSmtpServer;
  let workerPort: number;
  let officer: Session;
  let admin: Session;
  let tenderId: string;
  const before: { api: string; ready: ReadyBody; baseline: string } = {
    api: '',
    ready: { status: '', info: {} },
    baseline: '',
  };
  let brokenDocumentId: string;

  const scrape = async () =>
    (await request(t.http).get('/metrics').set('authorization', `Bearer ${TOKEN}`).expect(200))
      .text;
  const scrapeWorker = async () => {
    const res = await fetch(`http://127.0.0.1:${workerPort}/metrics`, {
      headers: { authorization: `Bearer ${TOKEN}` },
    });
    if (res.status !== 200) throw new Error(`worker metrics ${res.status}`);
    return res.text();
  };
  const queue = (name: QueueName) => t.app.get<Queue>(getQueueToken(name));

  beforeAll(async () => {
    t = await createTestApp();
    officer = await login(t, 'officer@skawina.demo');
    admin = await login(t, 'admin@wspolnie.demo');
    [{ id: tenderId }] = await t.dataSource.query<{ id: string }[]>(
      `SELECT id FROM tenders WHERE reference = 'ZP.271.1.2026'`,
    );
    // Suites share one Redis prefix: a worker of an earlier suite that was killed without its
    // shutdown hook (the fault tests do that) leaves a beat that counts for the TTL. This suite's
    // story starts with no worker at all.
    await t.app.get<Redis>(REDIS).del(HEARTBEAT_KEY);
    before.baseline = await scrape();
    // While no worker runs: work waits in the outbox and in the queues.
    const liszki = await orgId(t, 'liszki');
    const broken = await officer
      .post(`/tenders/${tenderId}/documents`, { kind: 'POWER_OF_ATTORNEY', organisationId: liszki })
      .expect(202);
    brokenDocumentId = broken.body.id;
    await queue(QueueName.Archives).add('archive.build', { archiveId: randomUUID() });
    await waitFor(async () => {
      const text = await scrape();
      return (sample(text, 'wspolnie_queue_oldest_waiting_seconds', { queue: 'archives' }) ?? 0) > 0
        ? text
        : null;
    }).then((text) => (before.api = text));
    before.ready = (await request(t.http).get('/health/ready').expect(200)).body as ReadyBody;
    // The power of attorney cannot render (its snapshot is broken) and is tried once.
    await t.dataSource.query(`UPDATE documents SET snapshot = '{"broken": true}' WHERE id = $1`, [
      brokenDocumentId,
    ]);
    await t.dataSource.query(`DELETE FROM outbox_jobs WHERE payload->>'documentId' = $1`, [
      brokenDocumentId,
    ]);
    await queue(QueueName.Documents).add(
      'document.render',
      { documentId: brokenDocumentId },
      { jobId: `broken.${brokenDocumentId}`, attempts: 1 },
    );
    smtp = await startSmtpServer();
    workerPort = await freePort();
    worker = await startWorker({
      METRICS_TOKEN: TOKEN,
      WORKER_METRICS_PORT: String(workerPort),
      SMTP_URL: smtp.url,
      HOST: '127.0.0.1',
    });
  }, 60000);
  afterAll(async () => {
    await worker?.close();
    await smtp?.close();
    await t?.close();
  });

  describe('metrics', () => {
    it('are served only with the configured token, on the API and on the worker’s own port', async () => {
      await request(t.http).get('/metrics').expect(401);
      const wrong = await request(t.http)
        .get('/metrics')
        .set('authorization', 'Bearer nope-nope-nope-nope');
      expect(wrong.status).toBe(401);
      expect(wrong.body.code).toBe('METRICS_INVALID_TOKEN');
      const ok = await request(t.http)
        .get('/metrics')
        .set('authorization', `Bearer ${TOKEN}`)
        .expect(200);
      expect(ok.headers['content-type']).toMatch(/^text\/plain/);
      expect((await fetch(`http://127.0.0.1:${workerPort}/metrics`)).status).toBe(401);
      expect(await scrapeWorker()).toContain('wspolnie_job_duration_seconds');
    });

    it('count HTTP requests by route pattern and status', async () => {
      const route = { route: '/api/v1/tenders/:id', status_code: '200' };
      const was =
        sample(await scrape(), 'wspolnie_http_request_duration_seconds_count', route) ?? 0;
      await officer.get(`/tenders/${tenderId}`).expect(200);
      await officer.get(`/tenders/${tenderId}`).expect(200);
      const now = sample(await scrape(), 'wspolnie_http_request_duration_seconds_count', route);
      expect(now).toBe(was + 2);
    });

    it('show the outbox backlog and its age while no worker runs, and its drain afterwards', async () => {
      expect(sample(before.api, 'wspolnie_outbox_backlog')).toBeGreaterThan(
        sample(before.baseline, 'wspolnie_outbox_backlog') ?? 0,
      );
      expect(sample(before.api, 'wspolnie_outbox_oldest_age_seconds')).toBeGreaterThan(0);
      await waitFor(
        async () => sample(await scrape(), 'wspolnie_outbox_backlog') === 0,
        30000,
        'outbox drained',
      );
    });

    it('show queue depth by state and the age of the oldest waiting job', async () => {
      expect(
        sample(before.api, 'wspolnie_queue_jobs', { queue: 'archives', state: 'waiting' }),
      ).toBeGreaterThan(
        sample(before.baseline, 'wspolnie_queue_jobs', { queue: 'archives', state: 'waiting' }) ??
          0,
      );
      expect(
        sample(before.api, 'wspolnie_queue_oldest_waiting_seconds', { queue: 'archives' }),
      ).toBeGreaterThan(0);
      await waitFor(
        async () =>
          sample(await scrape(), 'wspolnie_queue_oldest_waiting_seconds', { queue: 'archives' }) ===
          0,
        30000,
        'the archives queue to be empty',
      );
    });

    it('count documents rendered and failed, and job durations and failures per queue', async () => {
      const w0 = await scrapeWorker();
      await renderDocument(officer, tenderId, 'AGREEMENT');
      await waitFor(async () => {
        const w = await scrapeWorker();
        return (sample(w, 'wspolnie_documents_rendered_total', { kind: 'AGREEMENT' }) ?? 0) >
          (sample(w0, 'wspolnie_documents_rendered_total', { kind: 'AGREEMENT' }) ?? 0)
          ? w
          : null;
      });
      const w = await waitFor(
        async () => {
          const text = await scrapeWorker();
          return (sample(text, 'wspolnie_documents_failed_total', { kind: 'POWER_OF_ATTORNEY' }) ??
            0) >= 1
            ? text
            : null;
        },
        30000,
        'the broken document to fail',
      );
      expect(
        sample(w, 'wspolnie_job_failures_total', { queue: 'documents', name: 'document.render' }),
      ).toBeGreaterThanOrEqual(1);
      expect(
        sample(w, 'wspolnie_job_duration_seconds_count', {
          queue: 'documents',
          name: 'document.render',
          result: 'completed',
        }),
      ).toBeGreaterThan(
        sample(w0, 'wspolnie_job_duration_seconds_count', {
          queue: 'documents',
          name: 'document.render',
          result: 'completed',
        }) ?? 0,
      );
      const doc = (await officer.get(`/documents/${brokenDocumentId}`).expect(200)).body;
      expect(doc.status).toBe('FAILED');
    });

    it('measure reminder lateness when a reminder fires', async () => {
      const was = sample(await scrapeWorker(), 'wspolnie_reminder_lateness_seconds_count') ?? 0;
      await queue(QueueName.Reminders).add(
        'deadline.reminder',
        { deadlineId: randomUUID(), offsetMinutes: 0, dueAt: new Date().toISOString() },
        { delay: 50 },
      );
      await waitFor(
        async () =>
          (sample(await scrapeWorker(), 'wspolnie_reminder_lateness_seconds_count') ?? 0) > was,
        20000,
        'the reminder to fire',
      );
    });

    it('count e-mails sent, and failed when the SMTP server is gone', async () => {
      const skawina = await orgId(t, 'skawina');
      const notify = (title: string) =>
        t.dataSource.transaction((manager) =>
          t.app.get(NotificationsService).notifyRole(manager, skawina, ['COORDINATOR'], {
            kind: 'tender.ready',
            title,
            body: 'Sprawdzenie wysyłki wiadomości.',
            link: '/zadania',
          }),
        );
      const w0 = await scrapeWorker();
      await notify('Wiadomość kontrolna');
      await waitFor(
        async () =>
          (sample(await scrapeWorker(), 'wspolnie_emails_sent_total') ?? 0) >
          (sample(w0, 'wspolnie_emails_sent_total') ?? 0),
        30000,
        'an e-mail to be sent',
      );
      await smtp.close();
      const w1 = await scrapeWorker();
      await notify('Wiadomość bez serwera');
      await waitFor(
        async () =>
          (sample(await scrapeWorker(), 'wspolnie_emails_failed_total') ?? 0) >
          (sample(w1, 'wspolnie_emails_failed_total') ?? 0),
        30000,
        'an e-mail to fail',
      );
    });

    it('report the PostgreSQL pool, the event loop lag and the worker’s heartbeat', async () => {
      const text = await scrape();
      expect(
        sample(text, 'wspolnie_pg_pool_connections', { state: 'total' }),
      ).toBeGreaterThanOrEqual(1);
      expect(sample(text, 'wspolnie_pg_pool_connections', { state: 'idle' })).not.toBeNull();
      expect(sample(text, 'wspolnie_pg_pool_connections', { state: 'waiting' })).not.toBeNull();
      expect(sample(text, 'nodejs_eventloop_lag_seconds')).not.toBeNull();
      expect(sample(before.api, 'wspolnie_worker_last_seen_seconds')).toBe(-1);
      await waitFor(
        async () => (sample(await scrape(), 'wspolnie_worker_last_seen_seconds') ?? -1) >= 0,
      );
    });
  });

  it('reports readiness degraded without a worker, with the outbox backlog, and ok once one beats', async () => {
    expect(before.ready.status).toBe('degraded');
    expect(before.ready.info.worker).toMatchObject({ status: 'up', seen: false });
    expect(before.ready.info.outbox.backlog).toBeGreaterThanOrEqual(1);
    const ready = await waitFor(async () => {
      const body = (await request(t.http).get('/health/ready').expect(200)).body;
      return body.status === 'ok' ? body : null;
    });
    expect(ready.info.worker.seen).toBe(true);
    expect(typeof ready.info.outbox.oldestAgeSeconds).toBe('number');
  });

  describe('queue board', () => {
    it('is closed to anyone but an administrator', async () => {
      expect((await request(t.http).get('/admin/queues')).status).toBe(401);
      expect((await request(t.http).get('/admin/queues/api/queues')).status).toBe(401);
      const asOfficer = await request(t.http)
        .get('/admin/queues/api/queues')
        .set('authorization', `Bearer ${officer.token}`);
      expect(asOfficer.status).toBe(403);
      expect(asOfficer.body.code).toBe('FORBIDDEN');
      const page = await request(t.http)
        .get('/admin/queues')
        .set('authorization', `Bearer ${admin.token}`);
      expect(page.status).toBe(200);
      expect(page.text).toMatch(/<html/i);
    });

    it('lets an administrator see the queues, retry and clean failed jobs', async () => {
      const auth = { authorization: `Bearer ${admin.token}` };
      const failedJob = await queue(QueueName.Archives).add('unknown-job', {}, { attempts: 1 });
      await waitFor(
        async () => (await failedJob.isFailed()) || null,
        20000,
        'the unknown job to fail',
      );
      const list = await request(t.http).get('/admin/queues/api/queues').set(auth).expect(200);
      expect(list.body.queues.map((q: { name: string }) => q.name).sort()).toEqual([
        'archives',
        'documents',
        'insights',
        'notifications',
        'reminders',
      ]);
      await request(t.http)
        .put('/admin/queues/api/queues/archives/retry/failed')
        .set(auth)
        .expect(200);
      await waitFor(
        async () =>
          ((await queue(QueueName.Archives).getJob(failedJob.id as string))?.attemptsMade ?? 0) >=
            2 || null,
        20000,
        'the retried job to run again',
      );
      await waitFor(async () => (await queue(QueueName.Archives).getFailedCount()) > 0 || null);
      // The board keeps jobs that failed in its last 5 s (its grace time): clean until they are older.
      await waitFor(
        async () => {
          await request(t.http)
            .put('/admin/queues/api/queues/archives/clean/failed')
            .set(auth)
            .expect(200);
          return (await queue(QueueName.Archives).getFailedCount()) === 0;
        },
        20000,
        'the failed jobs to be cleaned',
      );
      expect(await queue(QueueName.Archives).getJob(failedJob.id as string)).toBeUndefined();
      await request(t.http)
        .put('/admin/queues/api/queues/archives/clean/failed')
        .set('authorization', `Bearer ${officer.token}`)
        .expect(403);
    });
  });

  describe('archive', () => {
    it('is built by the worker and holds every current document, the trail, OCDS and a manifest whose sums match', async () => {
      const lawyer = await login(t, 'lawyer@liszki.demo');
      const first = await lawyer.get(`/tenders/${tenderId}/archive.zip`).expect(202);
      expect(first.headers['retry-after']).toBe('2');
      expect(['QUEUED', 'BUILDING', 'READY']).toContain(first.body.status);
      const res = await waitFor(
        async () => {
          const r = await lawyer
            .get(`/tenders/${tenderId}/archive.zip`)
            .buffer(true)
            .parse((resp, cb) => {
              const chunks: Buffer[] = [];
              resp.on('data', (c: Buffer) => chunks.push(c));
              resp.on('end', () => cb(null, Buffer.concat(chunks)));
            });
          return r.status === 200 ? r : null;
        },
        30000,
        'the archive to be READY',
      );
      expect(res.headers['content-type']).toBe('application/zip');
      const zip = res.body as Buffer;
      expect(res.headers.etag).toBe(`"${createHash('sha256').update(zip).digest('hex')}"`);
      const files = unzip(zip);
      const manifest = JSON.parse(files.get('manifest.json')!.toString('utf8'));
      expect(manifest.basis).toMatch(/art\. 78/);
      for (const f of manifest.files as { path: string; sha256: string; sizeBytes: number }[]) {
        const body = files.get(f.path);
        expect(body).toBeDefined();
        expect(createHash('sha256').update(body!).digest('hex')).toBe(f.sha256);
        expect(body!.length).toBe(f.sizeBytes);
      }
      const sums = files.get('SHA256SUMS')!.toString('utf8').trim().split('\n');
      expect(sums).toHaveLength(manifest.files.length);
      const paths = manifest.files.map((f: { path: string }) => f.path);
      expect(paths).toEqual(expect.arrayContaining(['dziennik-zdarzen.jsonl', 'ocds.json']));
      expect(paths.some((p: string) => /^dokumenty\/Porozumienie.*\.pdf$/.test(p))).toBe(true);
      const pdf = [...files.entries()].find(([p]) => p.startsWith('dokumenty/'))![1];
      expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
      const trail = files
        .get('dziennik-zdarzen.jsonl')!
        .toString('utf8')
        .trim()
        .split('\n')
        .map((l) => JSON.parse(l));
      expect(trail.some((e: { action: string }) => e.action === 'tender.created')).toBe(true);
      expect(
        validateReleasePackage(JSON.parse(files.get('ocds.json')!.toString('utf8'))).errors,
      ).toEqual([]);
      // Unchanged since: the same archive again, without a new build.
      const again = await lawyer.get(`/tenders/${tenderId}/archive.zip`).expect(200);
      expect(again.headers.etag).toBe(res.headers.etag);
    });

    it('is not for partners’ clerks nor outsiders', async () => {
      const coordinator = await login(t, 'coordinator@liszki.demo');
      await coordinator.get(`/tenders/${tenderId}/archive.zip`).expect(403);
      const outsider = await login(t, 'officer@zabierzow.demo');
      await outsider.get(`/tenders/${tenderId}/archive.zip`).expect(404);
    });
  });
});
