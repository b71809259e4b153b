import { execFileSync } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ChildProcess } from 'node:child_process';
import type { TestingModule } from '@nestjs/testing';
import request from 'supertest';
import { toWarsawIso } from '../src/common/polish-calendar';
import { DocumentRendererService } from '../src/documents/document-renderer.service';
import { DocumentsProcessor } from '../src/documents/documents.processor';
import { DocumentStorages } from '../src/documents/storage/document-storages';
import { PG_READ_CHUNK_BYTES } from '../src/documents/storage/postgres-document-storage';
import { Session, TestApp, createTestApp, login, orgId, waitFor } from './support/app';
import { DocumentBody, renderAgreement, renderDocument } from './support/documents';
import { preparePublication } from './support/procedure';
import { TenderBody, confirmAll, createTender, proposeShare } from './support/tenders';
import { exited, spawnWorker, startWorker } from './support/worker';

/** The demo tender (READY, six partners) and its partners' shares as the documents print them. */
const DEMO_REFERENCE = 'ZP.271.1.2026';
const PARTNERS = [
  'Gmina Skawina',
  'Gmina Czernichów',
  'Gmina Liszki',
  'Gmina Mogilany',
  'Gmina Świątniki Górne',
  'Powiat Krakowski',
];
const TOTAL_NET = '3 685 500,00 zł';
const TOTAL_NET_WORDS = 'trzy miliony sześćset osiemdziesiąt pięć tysięcy pięćset złotych 00/100';
const SWIATNIKI_NET = '278 000,00 zł';
const SWIATNIKI_NET_WORDS = 'dwieście siedemdziesiąt osiem tysięcy złotych 00/100';

/** A worker lock short enough that a killed worker's job is taken over within seconds. */
const WORKER_ENV = { DOCUMENT_JOB_LOCK_MS: '4000' };

const binary = (res: request.Response, cb: (err: Error | null, body: Buffer) => void) => {
  const chunks: Buffer[] = [];
  res.on('data', (c: Buffer) => chunks.push(c));
  res.on('end', () => cb(null, Buffer.concat(chunks)));
};

const oneLine = (s: string) => s.replace(/\s+/g, ' ');

/** Entries of a zip archive whose entries are stored (the bundle does not compress PDFs). */
function unzipStored(zip: Buffer): Map<string, Buffer> {
  const eocd = zip.lastIndexOf(Buffer.from([0x50, 0x4b, 0x05, 0x06]));
  if (eocd < 0) throw new Error('not a zip archive');
  const count = zip.readUInt16LE(eocd + 10);
  let at = zip.readUInt32LE(eocd + 16);
  const out = new Map<string, Buffer>();
  for (let i = 0; i < count; i += 1) {
    if (zip.readUInt32LE(at) !== 0x02014b50) throw new Error('bad central directory');
    const method = zip.readUInt16LE(at + 10);
    const size = zip.readUInt32LE(at + 20);
    const nameLength = zip.readUInt16LE(at + 28);
    const extraLength = zip.readUInt16LE(at + 30);
    const commentLength = zip.readUInt16LE(at + 32);
    const local = zip.readUInt32LE(at + 42);
    const name = zip.subarray(at + 46, at + 46 + nameLength).toString('utf8');
    if (method !== 0) throw new Error(`${name} is compressed (method ${method})`);
    const dataAt = local + 30 + zip.readUInt16LE(local + 26) + zip.readUInt16LE(local + 28);
    out.set(name, zip.subarray(dataAt, dataAt + size));
    at += 46 + nameLength + extraLength + commentLength;
  }
  return out;
}

describe('Documents: templates, PDF worker, versioned storage, downloads', () => {
  let t: TestApp;
  let worker: TestingModule | undefined;
  let officer: Session;
  let lawyer: Session;
  let tenderId: string;
  let swiatniki: string;
  let czernichow: string;
  const scratch = mkdtempSync(join(tmpdir(), 'wspolnie-docs-'));
  const sessions = new Map<string, Session>();
  const as = async (email: string) => {
    if (!sessions.has(email)) sessions.set(email, await login(t, email));
    return sessions.get(email) as Session;
  };

  const download = (s: Session, id: string, headers: Record<string, string> = {}) => {
    let r = request(t.http)
      .get(`/api/v1/documents/${id}/file`)
      .set('authorization', `Bearer ${s.token}`);
    for (const [k, v] of Object.entries(headers)) r = r.set(k, v);
    return r.buffer(true).parse(binary);
  };

  const fileCount = async (sha256?: string | null): Promise<number> => {
    const rows = await t.dataSource.query<{ n: number }[]>(
      sha256
        ? 'SELECT count(*)::int AS n FROM document_files WHERE sha256 = $1'
        : 'SELECT count(*)::int AS n FROM document_files',
      sha256 ? [sha256] : [],
    );
    return rows[0].n;
  };

  /** Waits until no document is waiting or rendering, so file counts belong to one test. */
  const idle = () =>
    waitFor(
      async () =>
        (
          await t.dataSource.query<{ n: number }[]>(
            `SELECT count(*)::int AS n FROM documents WHERE status IN ('QUEUED', 'RENDERING')`,
          )
        )[0].n === 0,
      30000,
      'the document queue to drain',
    );

  beforeAll(async () => {
    t = await createTestApp();
    worker = await startWorker(WORKER_ENV);
    officer = await as('officer@skawina.demo');
    lawyer = await as('lawyer@skawina.demo');
    tenderId = (
      await t.dataSource.query<{ id: string }[]>('SELECT id FROM tenders WHERE reference = $1', [
        DEMO_REFERENCE,
      ])
    )[0].id;
    swiatniki = await orgId(t, 'swiatniki-gorne');
    czernichow = await orgId(t, 'czernichow');
  });

  afterAll(async () => {
    await worker?.close();
    await t.close();
  });

  it('renders every kind for the demo tender: Polish names, amounts and words, valid PDF, embedded fonts', async () => {
    const requests: [string, string | undefined][] = [
      ['AGREEMENT', undefined],
      ['POWER_OF_ATTORNEY', swiatniki],
      ['SHARE_CONFIRMATION', swiatniki],
      ['COST_SPLIT', undefined],
      ['PROTOCOL', undefined],
    ];
    for (const [kind, organisationId] of requests) {
      const doc = await renderDocument(officer, tenderId, kind, organisationId);
      expect(doc).toEqual(
        expect.objectContaining({
          kind,
          tenderId,
          organisationId: organisationId ?? null,
          status: 'READY',
          sha256: expect.stringMatching(/^[0-9a-f]{64}$/),
          sizeBytes: expect.any(Number),
          pages: expect.any(Number),
          readyAt: expect.any(String),
          error: null,
        }),
      );
      const res = await download(lawyer, doc.id).expect(200);
      const pdf = res.body as Buffer;
      expect(res.headers['content-type']).toBe('application/pdf');
      expect(pdf.length).toBe(doc.sizeBytes);
      expect(createHash('sha256').update(pdf).digest('hex')).toBe(doc.sha256);
      expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');

      const file = join(scratch, `${kind}.pdf`);
      writeFileSync(file, pdf);
      const text = oneLine(execFileSync('pdftotext', ['-enc', 'UTF-8', file, '-']).toString());
      expect(text).toContain(DEMO_REFERENCE);
      if (kind === 'AGREEMENT' || kind === 'PROTOCOL') {
        // CPV codes with the Polish names the officer gave; the English list is for search only.
        expect(text).toContain('45233140-2 – Roboty drogowe');
        expect(text).toContain('45233142-6 – Roboty w zakresie naprawy dróg');
        expect(text).not.toMatch(/Roadworks|Road-repair works/);
      }
      const perPartner = organisationId !== undefined;
      for (const name of perPartner ? ['Gmina Skawina', 'Gmina Świątniki Górne'] : PARTNERS)
        expect(text).toContain(name);
      if (perPartner) {
        expect(text).toContain(SWIATNIKI_NET);
        expect(text).toContain(SWIATNIKI_NET_WORDS);
      } else {
        expect(text).toContain(TOTAL_NET);
        expect(text).toContain(TOTAL_NET_WORDS);
      }
      // qpdf exits non-zero on a damaged file; pdffonts lists "emb yes" for embedded fonts.
      expect(execFileSync('qpdf', ['--check', file]).toString()).toMatch(
        /No syntax or stream encoding errors/,
      );
      const fonts = execFileSync('pdffonts', [file]).toString().trim().split('\n').slice(2);
      expect(fonts.length).toBeGreaterThan(0);
      for (const line of fonts) expect(line).toMatch(/\s(yes)\s+(yes|no)\s+(yes|no)\s+\d+\s+\d+$/);
      for (const line of fonts) expect(line.split(/\s+/).slice(-5)[0]).toBe('yes');
    }
  });

  it('makes version n+1 per (tender, kind, organisation); older versions stay downloadable; ETag and 304', async () => {
    const list = async () =>
      (
        (await officer.get(`/tenders/${tenderId}/documents`).expect(200)).body as {
          items: DocumentBody[];
        }
      ).items;
    const before = (await list()).filter(
      (d) => d.kind === 'POWER_OF_ATTORNEY' && d.organisationId === swiatniki,
    );
    const previous = before.length;
    const v1 = await renderDocument(officer, tenderId, 'POWER_OF_ATTORNEY', swiatniki);
    const v2 = await renderDocument(officer, tenderId, 'POWER_OF_ATTORNEY', swiatniki);
    const other = await renderDocument(officer, tenderId, 'POWER_OF_ATTORNEY', czernichow);
    expect(v1.version).toBe(previous + 1);
    expect(v2.version).toBe(previous + 2);
    expect(other.version).toBe(1);
    // Each version keeps its own frozen snapshot (its own date), so its own bytes.
    expect(v2.sha256).not.toBe(v1.sha256);

    const old = await download(officer, v1.id).expect(200);
    expect(
      createHash('sha256')
        .update(old.body as Buffer)
        .digest('hex'),
    ).toBe(v1.sha256);
    expect(old.headers.etag).toBe(`"${v1.sha256}"`);
    const disposition = old.headers['content-disposition'];
    expect(disposition).toContain(
      `attachment; filename="Pelnomocnictwo_Gmina_Swiatniki_Gorne_ZP.271.1.2026_wersja_${v1.version}.pdf"`,
    );
    expect(decodeURIComponent(disposition.split("filename*=UTF-8''")[1])).toBe(
      `Pełnomocnictwo – Gmina Świątniki Górne – ZP.271.1.2026 – wersja ${v1.version}.pdf`,
    );

    const notModified = await download(officer, v1.id, { 'if-none-match': `"${v1.sha256}"` });
    expect(notModified.status).toBe(304);
    expect(notModified.headers.etag).toBe(`"${v1.sha256}"`);
    const changed = await download(officer, v1.id, { 'if-none-match': `"${v2.sha256}"` });
    expect(changed.status).toBe(200);

    const versions = (await list())
      .filter((d) => d.kind === 'POWER_OF_ATTORNEY' && d.organisationId === swiatniki)
      .map((d) => d.version);
    expect(versions.slice(0, 2)).toEqual([previous + 2, previous + 1]);
  });

  it('validates requests, naming the field', async () => {
    const missing = await officer
      .post(`/tenders/${tenderId}/documents`, { kind: 'SHARE_CONFIRMATION' })
      .expect(400);
    expect(missing.body.errors).toEqual([
      expect.objectContaining({ field: 'organisationId', rule: 'required' }),
    ]);
    const notAllowed = await officer
      .post(`/tenders/${tenderId}/documents`, { kind: 'AGREEMENT', organisationId: swiatniki })
      .expect(400);
    expect(notAllowed.body.errors[0]).toEqual(expect.objectContaining({ field: 'organisationId' }));
    const outsider = await officer
      .post(`/tenders/${tenderId}/documents`, {
        kind: 'POWER_OF_ATTORNEY',
        organisationId: await orgId(t, 'zabierzow'),
      })
      .expect(400);
    expect(outsider.body.errors[0]).toEqual(
      expect.objectContaining({ field: 'organisationId', rule: 'participant' }),
    );
    const kind = await officer.post(`/tenders/${tenderId}/documents`, { kind: 'MEMO' }).expect(400);
    expect(JSON.stringify(kind.body)).toContain('kind');
    await officer
      .post('/tenders/00000000-0000-4000-8000-000000000000/documents', { kind: 'AGREEMENT' })
      .expect(404);
    const notReady = await officer
      .post(`/tenders/${tenderId}/documents`, { kind: 'COST_SPLIT' })
      .expect(202);
    expect(notReady.body).toEqual(expect.objectContaining({ status: 'QUEUED', sha256: null }));
  });

  it('lets lawyers and the leader see all; a partner its own documents; others 403 or 404', async () => {
    const agreement = await renderDocument(officer, tenderId, 'AGREEMENT');
    const own = await renderDocument(officer, tenderId, 'SHARE_CONFIRMATION', swiatniki);
    const foreign = await renderDocument(officer, tenderId, 'SHARE_CONFIRMATION', czernichow);

    // A member's lawyer reads everything and may request.
    const memberLawyer = await as('lawyer@liszki.demo');
    await download(memberLawyer, agreement.id).expect(200);
    await download(memberLawyer, foreign.id).expect(200);
    await memberLawyer.post(`/tenders/${tenderId}/documents`, { kind: 'COST_SPLIT' }).expect(202);

    // Świątniki's own people: their confirmation yes, another partner's and the agreement no.
    const treasurer = await as('treasurer@swiatniki-gorne.demo');
    await download(treasurer, own.id).expect(200);
    expect((await download(treasurer, foreign.id)).status).toBe(403);
    expect((await download(treasurer, agreement.id)).status).toBe(403);
    await treasurer.get(`/documents/${foreign.id}`).expect(403);
    const theirs = (await treasurer.get(`/tenders/${tenderId}/documents`).expect(200)).body as {
      items: DocumentBody[];
    };
    expect(theirs.items.length).toBeGreaterThan(0);
    expect(theirs.items.every((d) => d.organisationId === swiatniki)).toBe(true);
    const coordinator = await as('coordinator@swiatniki-gorne.demo');
    await coordinator.post(`/tenders/${tenderId}/documents`, { kind: 'AGREEMENT' }).expect(403);

    // Outside the partnership the tender does not exist.
    const outsider = await as('officer@zabierzow.demo');
    expect((await download(outsider, agreement.id)).status).toBe(404);
    await outsider.get(`/documents/${agreement.id}`).expect(404);
    await outsider.get(`/tenders/${tenderId}/documents`).expect(404);
    await outsider.get(`/tenders/${tenderId}/documents/bundle.zip`).expect(404);
    await outsider.post(`/tenders/${tenderId}/documents`, { kind: 'AGREEMENT' }).expect(404);
  });

  it('audits every download with who, which document and its SHA-256', async () => {
    const doc = await renderDocument(officer, tenderId, 'COST_SPLIT');
    const audited = async () =>
      (
        await t.dataSource.query<{ n: number }[]>(
          `SELECT count(*)::int AS n FROM audit_events
            WHERE action = 'document.downloaded' AND entity_id = $1 AND actor_user_id = $2
              AND data->>'sha256' = $3 AND tender_id = $4`,
          [doc.id, lawyer.userId, doc.sha256, tenderId],
        )
      )[0].n;
    expect(await audited()).toBe(0);
    await download(lawyer, doc.id).expect(200);
    await download(lawyer, doc.id).expect(200);
    expect(await audited()).toBe(2);
    // A 304 sends no file, so it is no download.
    await download(lawyer, doc.id, { 'if-none-match': `"${doc.sha256}"` }).expect(304);
    expect(await audited()).toBe(2);
  });

  it('bundles the newest READY version of each document with SHA-256 sums and a manifest', async () => {
    const agreement = await renderAgreement(officer, tenderId);
    const res = await request(t.http)
      .get(`/api/v1/tenders/${tenderId}/documents/bundle.zip`)
      .set('authorization', `Bearer ${lawyer.token}`)
      .buffer(true)
      .parse(binary)
      .expect(200);
    expect(res.headers['content-type']).toBe('application/zip');
    expect(res.headers['content-disposition']).toContain("filename*=UTF-8''Dokumenty");
    const entries = unzipStored(res.body as Buffer);
    const sums = (entries.get('SHA256SUMS') as Buffer).toString().trim().split('\n');
    const manifest = JSON.parse((entries.get('manifest.json') as Buffer).toString()) as {
      tender: { reference: string };
      documents: { file: string; kind: string; version: number; sha256: string; id: string }[];
    };
    expect(manifest.tender.reference).toBe(DEMO_REFERENCE);
    expect(sums).toHaveLength(manifest.documents.length);
    for (const line of sums) {
      const [sha, file] = line.split(/\s+/);
      const bytes = entries.get(file) as Buffer;
      expect(bytes).toBeDefined();
      expect(createHash('sha256').update(bytes).digest('hex')).toBe(sha);
    }
    // The newest agreement only; one confirmation per partner.
    const agreements = manifest.documents.filter((d) => d.kind === 'AGREEMENT');
    expect(agreements).toEqual([
      expect.objectContaining({
        id: agreement.id,
        version: agreement.version,
        sha256: agreement.sha256,
      }),
    ]);
    expect(new Set(manifest.documents.map((d) => d.file)).size).toBe(manifest.documents.length);
    const audit = await t.dataSource.query<{ n: number }[]>(
      `SELECT count(*)::int AS n FROM audit_events WHERE action = 'document.bundle_downloaded' AND tender_id = $1`,
      [tenderId],
    );
    expect(audit[0].n).toBeGreaterThan(0);
  });

  it('publishes only with a READY agreement of the current shares', async () => {
    let tender: TenderBody = await createTender(officer);
    tender = await proposeShare(t, officer, tender, 1, 'czernichow', '150000.00');
    tender = await proposeShare(t, officer, tender, 2, 'liszki', '30000.00');
    tender = (
      await officer
        .post(`/tenders/${tender.id}/transition`, {
          to: 'COLLECTING_SHARES',
          version: tender.version,
        })
        .expect(200)
    ).body as TenderBody;
    // Rendered while the shares were still unconfirmed: a different set of shares than at publication.
    const early = await renderAgreement(officer, tender.id);
    tender = await confirmAll(t, tender, as);
    const move = async (to: string) => {
      const current = (await officer.get(`/tenders/${tender.id}`).expect(200)).body as TenderBody;
      return officer.post(`/tenders/${tender.id}/transition`, { to, version: current.version });
    };
    expect((await move('READY')).status).toBe(200);
    await preparePublication(officer, tender);
    const stale = await move('PUBLISHED');
    expect(stale.status).toBe(422);
    expect(stale.body.code).toBe('TENDER_CONDITIONS_NOT_MET');
    expect(stale.body.missing).toEqual([
      expect.stringMatching(
        /^AGREEMENT_NOT_READY: the READY agreement was rendered from a different set of shares/,
      ),
    ]);
    const current = await renderAgreement(officer, tender.id);
    expect(current.version).toBe(early.version + 1);
    expect((await move('PUBLISHED')).status).toBe(200);
  });

  it('prints each CPV code with its Polish name: no agreement and no publication while a name is missing', async () => {
    let tender: TenderBody = await createTender(officer);
    tender = await proposeShare(t, officer, tender, 1, 'czernichow', '150000.00');
    tender = await proposeShare(t, officer, tender, 2, 'liszki', '30000.00');
    tender = (
      await officer
        .post(`/tenders/${tender.id}/transition`, {
          to: 'COLLECTING_SHARES',
          version: tender.version,
        })
        .expect(200)
    ).body as TenderBody;
    tender = await confirmAll(t, tender, as);
    const current = async () =>
      (await officer.get(`/tenders/${tender.id}`).expect(200)).body as TenderBody & {
        cpvMainName: string | null;
        cpvAdditionalNames: (string | null)[];
      };
    const move = async (to: string) =>
      officer.post(`/tenders/${tender.id}/transition`, { to, version: (await current()).version });
    expect((await move('READY')).status).toBe(200);
    await preparePublication(officer, tender);

    // An API client adds a code without its name (the name is optional for older clients).
    await officer
      .patch(`/tenders/${tender.id}`, {
        version: (await current()).version,
        cpvAdditional: ['45233142-6', '45233120-6'],
      })
      .expect(200);
    expect((await current()).cpvAdditionalNames).toEqual(['Roboty w zakresie naprawy dróg', null]);
    const refused = await officer
      .post(`/tenders/${tender.id}/documents`, { kind: 'AGREEMENT' })
      .expect(422);
    expect(refused.body.code).toBe('DOCUMENT_DATA_MISSING');
    expect(refused.body.missing).toEqual([
      expect.stringMatching(/Polish name of CPV code\(s\) 45233120-6 is missing/),
    ]);
    const unpublished = await move('PUBLISHED');
    expect(unpublished.status).toBe(422);
    expect(unpublished.body.missing).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^the Polish name of CPV code\(s\) 45233120-6 is missing/),
      ]),
    );

    // The names pair one to one with the codes, each at least 3 characters.
    const version = (await current()).version;
    const mismatch = await officer
      .patch(`/tenders/${tender.id}`, { version, cpvAdditionalNames: ['Roboty drogowe'] })
      .expect(400);
    expect(mismatch.body.errors).toEqual([
      expect.objectContaining({ field: 'cpvAdditionalNames', rule: 'oneNamePerCode' }),
    ]);
    const short = await officer
      .patch(`/tenders/${tender.id}`, { version, cpvMainName: 'x' })
      .expect(400);
    expect(short.body.errors).toEqual([
      expect.objectContaining({ field: 'cpvMainName', rule: 'minLength' }),
    ]);
    await officer
      .patch(`/tenders/${tender.id}`, {
        version,
        cpvAdditionalNames: ['Roboty w zakresie naprawy dróg', 'Roboty w zakresie budowy dróg'],
      })
      .expect(200);
    const audit = await t.dataSource.query<
      { data: { cpvNamesPl: { to: Record<string, string> } } }[]
    >(
      `SELECT data FROM audit_events WHERE entity_id = $1 AND action = 'tender.updated'
        ORDER BY id DESC LIMIT 1`,
      [tender.id],
    );
    expect(audit[0].data.cpvNamesPl.to['45233120-6']).toBe('Roboty w zakresie budowy dróg');

    const agreement = await renderAgreement(officer, tender.id);
    const file = join(scratch, 'cpv-agreement.pdf');
    writeFileSync(file, (await download(officer, agreement.id).expect(200)).body as Buffer);
    const text = oneLine(execFileSync('pdftotext', ['-enc', 'UTF-8', file, '-']).toString());
    expect(text).toContain('kod główny 45233140-2 – Roboty drogowe');
    expect(text).toContain(
      'kody dodatkowe: 45233142-6 – Roboty w zakresie naprawy dróg, 45233120-6 – Roboty w zakresie budowy dróg',
    );
    expect(text).not.toMatch(/Roadworks|Road-repair works|Road construction works/);

    // A name changed after the agreement was rendered outdates it.
    await officer
      .patch(`/tenders/${tender.id}`, {
        version: (await current()).version,
        cpvMainName: 'Roboty drogowe na drogach gminnych',
      })
      .expect(200);
    const outdated = await move('PUBLISHED');
    expect(outdated.status).toBe(422);
    expect(outdated.body.missing).toEqual([
      expect.stringMatching(
        /^AGREEMENT_NOT_READY: the READY agreement prints CPV codes or their Polish names that changed/,
      ),
    ]);
    await renderAgreement(officer, tender.id);
    expect((await move('PUBLISHED')).status).toBe(200);
  });

  it('refuses publication when a date the agreement prints has moved', async () => {
    let tender: TenderBody = await createTender(officer);
    tender = await proposeShare(t, officer, tender, 1, 'czernichow', '150000.00');
    tender = await proposeShare(t, officer, tender, 2, 'liszki', '30000.00');
    tender = (
      await officer
        .post(`/tenders/${tender.id}/transition`, {
          to: 'COLLECTING_SHARES',
          version: tender.version,
        })
        .expect(200)
    ).body as TenderBody;
    tender = await confirmAll(t, tender, as);
    const move = async (to: string) => {
      const current = (await officer.get(`/tenders/${tender.id}`).expect(200)).body as TenderBody;
      return officer.post(`/tenders/${tender.id}/transition`, { to, version: current.version });
    };
    expect((await move('READY')).status).toBe(200);
    await preparePublication(officer, tender);
    type Row = { id: string; kind: string; dueAt: string; version: number };
    const schedule = (await officer.get(`/tenders/${tender.id}/deadlines?limit=100`).expect(200))
      .body.items as Row[];
    const offers = schedule.find((d) => d.kind === 'OFFERS') as Row;
    await renderAgreement(officer, tender.id);
    const later = toWarsawIso(new Date(Date.parse(offers.dueAt) + 7 * 86_400_000));
    const current = (await officer.get(`/deadlines/${offers.id}`).expect(200)).body as Row;
    await officer
      .patch(`/deadlines/${offers.id}`, { dueAt: later, version: current.version })
      .expect(200);
    const stale = await move('PUBLISHED');
    expect(stale.status).toBe(422);
    expect(stale.body.missing).toEqual([
      expect.stringMatching(
        /^AGREEMENT_NOT_READY: the READY agreement prints schedule dates that changed since it was rendered \(\w+ \d{4}-\d\d-\d\d → /,
      ),
    ]);
    await renderAgreement(officer, tender.id);
    expect((await move('PUBLISHED')).status).toBe(200);
  });

  it('fails a render for good after its last attempt, with the reason', async () => {
    const requested = (
      await officer.post(`/tenders/${tenderId}/documents`, { kind: 'COST_SPLIT' }).expect(202)
    ).body as DocumentBody;
    // Keep the worker away from this version, break its snapshot, then run its attempts here.
    await t.dataSource.query(
      `UPDATE documents SET snapshot = jsonb_set(snapshot, '{generatedAt}', '"not a date"') WHERE id = $1`,
      [requested.id],
    );
    const processor = (worker as TestingModule).get(DocumentsProcessor);
    const job = (attemptsMade: number) => ({
      id: `test.${requested.id}`,
      name: 'document.render',
      data: { documentId: requested.id },
      attemptsMade,
      opts: { attempts: 3 },
    });
    // The worker may have got there first with the real job; either way the outcome is the same.
    await processor.process(job(0)).catch(() => undefined);
    const retrying = (await officer.get(`/documents/${requested.id}`).expect(200))
      .body as DocumentBody;
    if (retrying.status !== 'FAILED') {
      expect(retrying.status).toBe('QUEUED');
      expect(retrying.error).toMatch(/not a date/);
    }
    await expect(processor.process(job(2))).rejects.toThrow(/not a date/);
    const failed = (await officer.get(`/documents/${requested.id}`).expect(200))
      .body as DocumentBody;
    expect(failed).toEqual(
      expect.objectContaining({
        status: 'FAILED',
        sha256: null,
        error: expect.stringMatching(/not a date/),
      }),
    );
    const res = await download(officer, requested.id).expect(409);
    expect(JSON.parse((res.body as Buffer).toString()).code).toBe('DOCUMENT_NOT_READY');
  });

  it('never leaves two files for one version when two workers render it at once', async () => {
    const second = await startWorker(WORKER_ENV);
    try {
      await idle();
      const filesBefore = await fileCount();
      const requested = (
        await officer.post(`/tenders/${tenderId}/documents`, { kind: 'PROTOCOL' }).expect(202)
      ).body as DocumentBody;
      // The queued job plus two direct renders of the same version, all at once.
      const outcomes = await Promise.all([
        (worker as TestingModule).get(DocumentRendererService).render(requested.id),
        second.get(DocumentRendererService).render(requested.id),
      ]);
      const doc = await waitFor(
        async () => {
          const d = (await officer.get(`/documents/${requested.id}`).expect(200))
            .body as DocumentBody;
          return d.status === 'READY' ? d : null;
        },
        20000,
        'the raced document',
      );
      expect(outcomes.map((o) => o.outcome).sort()).toEqual(
        expect.arrayContaining(['already-ready']),
      );
      expect(await fileCount(doc.sha256)).toBe(1);
      expect(await fileCount()).toBe(filesBefore + 1);
      // Exactly one run marked the version READY.
      const rendered = await t.dataSource.query<{ n: number }[]>(
        `SELECT count(*)::int AS n FROM audit_events WHERE action = 'document.rendered' AND entity_id = $1`,
        [requested.id],
      );
      expect(rendered[0].n).toBe(1);
      // A duplicated job afterwards stores nothing new.
      const again = await second.get(DocumentRendererService).render(requested.id);
      expect(again).toEqual({ outcome: 'already-ready', sha256: doc.sha256 });
      expect(await fileCount()).toBe(filesBefore + 1);
    } finally {
      await second.close();
    }
  });

  it('survives a worker killed in the middle of a render: no file, then READY after a restart', async () => {
    await idle();
    await worker?.close();
    worker = undefined;
    let child: ChildProcess | undefined = spawnWorker({
      ...WORKER_ENV,
      DOCUMENT_RENDER_DELAY_MS: '120000',
    });
    // Read the child's output, or its pipes stay open (and paused) after it dies.
    let childOutput = '';
    child.stdout?.on('data', (c: Buffer) => (childOutput += c.toString()));
    child.stderr?.on('data', (c: Buffer) => (childOutput += c.toString()));
    try {
      const filesBefore = await fileCount();
      const requested = (
        await officer.post(`/tenders/${tenderId}/documents`, { kind: 'AGREEMENT' }).expect(202)
      ).body as DocumentBody;
      await waitFor(
        async () => {
          const d = (await officer.get(`/documents/${requested.id}`).expect(200))
            .body as DocumentBody;
          return d.status === 'RENDERING';
        },
        // A worker started through ts-node compiles the app first: slow on a busy machine.
        90000,
        'the spawned worker to start rendering',
      ).catch((err: Error) => {
        throw new Error(`${err.message}\nworker output:\n${childOutput}`);
      });
      child.kill('SIGKILL');
      await exited(child);
      child = undefined;

      const orphan = (await officer.get(`/documents/${requested.id}`).expect(200))
        .body as DocumentBody;
      expect(orphan).toEqual(
        expect.objectContaining({ status: 'RENDERING', sha256: null, sizeBytes: null }),
      );
      expect(await fileCount()).toBe(filesBefore);
      await download(officer, requested.id).expect(409);

      worker = await startWorker(WORKER_ENV);
      const ready = await waitFor(
        async () => {
          const d = (await officer.get(`/documents/${requested.id}`).expect(200))
            .body as DocumentBody;
          return d.status === 'READY' ? d : null;
        },
        90000,
        'the restarted worker to finish the render',
      );
      expect(await fileCount(ready.sha256)).toBe(1);
      const rows = await t.dataSource.query<{ attempts: number }[]>(
        'SELECT attempts FROM documents WHERE id = $1',
        [requested.id],
      );
      expect(rows[0].attempts).toBeGreaterThanOrEqual(2);
      const res = await download(officer, ready.id).expect(200);
      expect(
        createHash('sha256')
          .update(res.body as Buffer)
          .digest('hex'),
      ).toBe(ready.sha256);
    } finally {
      if (child) {
        child.kill('SIGKILL');
        await exited(child);
      }
      worker ??= await startWorker(WORKER_ENV);
    }
  }, 240000);

  it('streams a large file from PostgreSQL in slices, byte for byte, and stores it once', async () => {
    const store = t.app.get(DocumentStorages, { strict: false }).get('postgres');
    const bytes = randomBytes(PG_READ_CHUNK_BYTES * 2 + 12345);
    const sha = createHash('sha256').update(bytes).digest('hex');
    expect(await store.has(sha)).toBe(false);
    await t.dataSource.transaction(async (manager) => {
      await store.put(manager, sha, bytes);
      await store.put(manager, sha, bytes);
    });
    expect(await fileCount(sha)).toBe(1);
    const chunks: Buffer[] = [];
    for await (const c of (await store.open(sha)) as NodeJS.ReadableStream)
      chunks.push(c as Buffer);
    expect(chunks.length).toBe(3);
    expect(Buffer.compare(Buffer.concat(chunks), bytes)).toBe(0);
    // A rolled-back transaction leaves no file behind.
    const other = randomBytes(1000);
    const otherSha = createHash('sha256').update(other).digest('hex');
    await t.dataSource
      .transaction(async (manager) => {
        await store.put(manager, otherSha, other);
        throw new Error('rollback');
      })
      .catch(() => undefined);
    expect(await store.has(otherSha)).toBe(false);
    await expect(store.open('../etc/passwd')).rejects.toThrow(RangeError);
  });

  it('stores files on disk under DATA_DIR when DOCUMENT_STORAGE=disk; the API serves them', async () => {
    await worker?.close();
    // Kept last: this worker stays until afterAll closes it.
    worker = await startWorker({ ...WORKER_ENV, DOCUMENT_STORAGE: 'disk' });
    {
      const doc = await renderDocument(officer, tenderId, 'SHARE_CONFIRMATION', czernichow);
      const rows = await t.dataSource.query<{ storage: string; storage_key: string }[]>(
        'SELECT storage, storage_key FROM documents WHERE id = $1',
        [doc.id],
      );
      expect(rows[0]).toEqual({ storage: 'disk', storage_key: doc.sha256 });
      expect(await fileCount(doc.sha256)).toBe(0);
      const sha = doc.sha256 as string;
      const onDisk = readFileSync(
        join(t.config.dataDir, 'documents', sha.slice(0, 2), `${sha}.pdf`),
      );
      expect(createHash('sha256').update(onDisk).digest('hex')).toBe(sha);
      const res = await download(lawyer, doc.id).expect(200);
      expect(Buffer.compare(res.body as Buffer, onDisk)).toBe(0);
    }
  });
});
