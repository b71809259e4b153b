/**
 * Documents benchmark (not a test).
 *
 *   npx ts-node test/bench/documents.ts
 *
 * Part 1 — layout overhead, no database: for every kind, the demo snapshot rendered by the real
 * renderer (Handlebars template → block grammar → layout engine → PDF) against a baseline
 * measured in the same run: plain pdfkit writing the same text (the same blocks, flattened) with
 * the same DejaVu font, page after page, no layout rules. Median of BENCH_ITERATIONS (30) runs
 * after warm-up. Target: renderer ≤ 2× the baseline.
 *
 * Part 2 — documents per second for one worker process, end to end: on a throwaway database and
 * Redis prefix, BENCH_DOCUMENTS (100) requests through DocumentsService (snapshot, audit, outbox)
 * for the demo tender, all kinds in turn, then the real worker (outbox dispatcher → BullMQ →
 * render → READY with its file in PostgreSQL) until all are READY. DOCUMENT_CONCURRENCY (2)
 * applies as in production.
 */
import 'reflect-metadata';
import { randomBytes } from 'node:crypto';
import { readFileSync, rmSync } from 'node:fs';
import { join, dirname } from 'node:path';
import type { INestApplicationContext } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import PDFDocument from 'pdfkit';
import { DataSource } from 'typeorm';
import { systemActor } from '../../src/auth/actor';
import { runMigrations } from '../../src/database/migrate';
import { seedDemo } from '../../src/database/seed/seed';
import { DOCUMENT_KINDS, type DocumentKind } from '../../src/documents/document-kinds';
import { inlineText, parseBlocks, type Block } from '../../src/documents/render/block-parser';
import { demoSnapshot } from '../../src/documents/render/fixtures';
import {
  DEFAULT_TEMPLATES_DIR,
  renderDocument,
  warmUpRenderer,
} from '../../src/documents/render/render-document';
import { loadTemplate } from '../../src/documents/render/template-engine';
import { buildDocumentModel } from '../../src/documents/render/view-model';
import {
  acquireServices,
  createDatabase,
  databaseUrlFor,
  deleteRedisKeys,
  dropDatabase,
  makeScratchDir,
} from '../../src/tooling/services';

const ITERATIONS = Number(process.env.BENCH_ITERATIONS ?? 30);
const DOCUMENTS = Number(process.env.BENCH_DOCUMENTS ?? 100);

const log = (m: string) => process.stdout.write(`${m}\n`);
const fmt = (n: number, digits = 1) =>
  n.toLocaleString('en-US', { maximumFractionDigits: digits, minimumFractionDigits: digits });
const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)];
};

const FONT_DIR = join(dirname(require.resolve('dejavu-fonts-ttf/package.json')), 'ttf');
const SERIF = readFileSync(join(FONT_DIR, 'DejaVuSerif.ttf'));
/** The same font parsed once by pdfkit's own fontkit, as the renderer does with its fonts. */
const fontkitPath = require.resolve('fontkit', { paths: [dirname(require.resolve('pdfkit'))] });
// eslint-disable-next-line @typescript-eslint/no-require-imports -- pdfkit's own copy, by path
const SERIF_PARSED = (require(fontkitPath) as { create(b: Buffer): unknown }).create(SERIF);

/** The text of a block as plain lines, the way someone would write it with bare pdfkit. */
function blockText(b: Block): string {
  switch (b.type) {
    case 'heading':
    case 'paragraph':
    case 'small':
    case 'bullet':
      return inlineText(b.text);
    case 'numbered':
    case 'point':
      return `${b.number}. ${inlineText(b.text)}`;
    case 'letter':
      return `${b.letter}) ${inlineText(b.text)}`;
    case 'clause':
      return `§ ${b.number}${b.title ? ` ${inlineText(b.title)}` : ''}`;
    case 'table':
      return [...(b.header ? [b.header] : []), ...b.rows]
        .map((row) => row.map(inlineText).join('    '))
        .join('\n');
    case 'signatures':
      return b.parties
        .map((p) =>
          [
            inlineText(p.party),
            ...p.signers.map((s) => `${s.name}, ${s.title}`),
            ...p.countersigners.map((s) => `${s.name}, ${s.title}`),
            ...p.notes.map(inlineText),
          ].join('\n'),
        )
        .join('\n\n');
    case 'pageBreak':
      return '';
  }
}

/**
 * Baseline: plain pdfkit, same font, same text, one text() call per block. `parsedOnce` hands
 * pdfkit the font already parsed (as the renderer does) instead of the TTF bytes, which pdfkit
 * would otherwise parse again for every document.
 */
function plainPdfkit(blocks: Block[], parsedOnce = false): Promise<{ pdf: Buffer; pages: number }> {
  const doc = new PDFDocument({ size: 'A4', margin: 56, bufferPages: true });
  doc.registerFont('serif', (parsedOnce ? SERIF_PARSED : SERIF) as PDFKit.Mixins.PDFFontSource);
  doc.font('serif').fontSize(10.5);
  const chunks: Buffer[] = [];
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on('data', (c: Buffer) => chunks.push(c));
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });
  for (const b of blocks) {
    if (b.type === 'pageBreak') doc.addPage();
    else doc.text(blockText(b), { align: 'justify', paragraphGap: 4 });
  }
  const pages = doc.bufferedPageRange().count;
  doc.end();
  return done.then((pdf) => ({ pdf, pages }));
}

async function blocksOf(kind: DocumentKind): Promise<Block[]> {
  const template = await loadTemplate(DEFAULT_TEMPLATES_DIR, kind);
  return parseBlocks(template.render(buildDocumentModel(kind, demoSnapshot(kind), template.law)));
}

async function timeIt(fn: () => Promise<unknown>): Promise<number> {
  const t0 = process.hrtime.bigint();
  await fn();
  return Number(process.hrtime.bigint() - t0) / 1e6;
}

async function layoutOverhead(): Promise<boolean> {
  await warmUpRenderer();
  log(`Part 1 — render time per kind (median of ${ITERATIONS}, after warm-up)`);
  log('');
  log(
    '| kind | pages (ours / baseline) | Wspólnie renderer | plain pdfkit, TTF per document | ratio | plain pdfkit, font parsed once | ratio |',
  );
  log('|---|---|---|---|---|---|---|');
  let worst = 0;
  for (const kind of DOCUMENT_KINDS) {
    const snapshot = demoSnapshot(kind);
    const blocks = await blocksOf(kind);
    for (let i = 0; i < 3; i += 1) {
      await renderDocument(kind, snapshot);
      await plainPdfkit(blocks);
      await plainPdfkit(blocks, true);
    }
    const ours: number[] = [];
    const base: number[] = [];
    const parsed: number[] = [];
    let pages = 0;
    let basePages = 0;
    for (let i = 0; i < ITERATIONS; i += 1) {
      ours.push(await timeIt(async () => (pages = (await renderDocument(kind, snapshot)).pages)));
      base.push(await timeIt(async () => (basePages = (await plainPdfkit(blocks)).pages)));
      parsed.push(await timeIt(() => plainPdfkit(blocks, true)));
    }
    const ratio = median(ours) / median(base);
    const strict = median(ours) / median(parsed);
    worst = Math.max(worst, strict);
    log(
      `| ${kind} | ${pages} / ${basePages} | ${fmt(median(ours))} ms | ${fmt(median(base))} ms | ${fmt(ratio, 2)}× | ${fmt(median(parsed))} ms | ${fmt(strict, 2)}× |`,
    );
  }
  log('');
  const met = worst <= 2;
  log(
    `Worst ratio against the stricter baseline (font parsed once) ${fmt(worst, 2)}× — target ≤ 2×: ${met ? 'met' : 'NOT met'}`,
  );
  return met;
}

async function throughput(): Promise<void> {
  const scratch = makeScratchDir('wspolnie-bench-');
  const services = await acquireServices({
    dataDir: scratch,
    purpose: 'test',
    log: () => undefined,
  });
  const suffix = `${process.pid}_${randomBytes(4).toString('hex')}`;
  const databaseName = `wspolnie_bench_${suffix}`;
  const prefix = `wspolnie-bench-${suffix}`;
  let app: INestApplicationContext | undefined;
  let api: INestApplicationContext | undefined;
  try {
    await createDatabase(services.postgresAdminUrl, databaseName);
    const databaseUrl = databaseUrlFor(services.postgresAdminUrl, databaseName);
    await runMigrations(databaseUrl);
    Object.assign(process.env, {
      NODE_ENV: 'test',
      DATABASE_URL: databaseUrl,
      REDIS_URL: services.redisUrl,
      REDIS_PREFIX: prefix,
      JWT_SECRET: randomBytes(36).toString('base64url'),
      DATA_DIR: join(scratch, 'files'),
      LOG_LEVEL: 'error',
      PUBLIC_URL: 'http://localhost',
      OUTBOX_POLL_MS: '50',
      SMTP_URL: '',
      REMINDER_SWEEP_EVERY_MS: '3600000',
    });
    await seedDemo(databaseUrl, () => undefined, 'test');
    const { AppModule } = await import('../../src/app.module');
    const { WorkerModule } = await import('../../src/worker.module');
    const { DocumentsService } = await import('../../src/documents/documents.service');
    const { AppConfig } = await import('../../src/config/app-config');
    // The API side alone first: the requests queue up in the outbox.
    api = await NestFactory.createApplicationContext(AppModule, { logger: ['error'] });
    await api.init();
    const dataSource = api.get(DataSource);
    const concurrency = api.get(AppConfig).documentConcurrency;
    const [{ id: tenderId }] = await dataSource.query<{ id: string }[]>(
      `SELECT id FROM tenders WHERE reference = 'ZP.271.1.2026'`,
    );
    const [{ id: partnerId }] = await dataSource.query<{ id: string }[]>(
      `SELECT id FROM organisations WHERE slug = 'liszki'`,
    );
    const documents = api.get(DocumentsService);
    const actor = systemActor('bench');
    log('');
    log(
      `Part 2 — one worker process (DOCUMENT_CONCURRENCY ${concurrency}), ${DOCUMENTS} documents of the demo tender, all kinds in turn`,
    );
    const r0 = performance.now();
    for (let i = 0; i < DOCUMENTS; i += 1) {
      const kind = DOCUMENT_KINDS[i % DOCUMENT_KINDS.length];
      const perPartner = kind === 'POWER_OF_ATTORNEY' || kind === 'SHARE_CONFIRMATION';
      await documents.request(actor, tenderId, {
        kind,
        ...(perPartner ? { organisationId: partnerId } : {}),
      });
    }
    const requestedMs = performance.now() - r0;
    // Then one worker process drains the queue: outbox → BullMQ → render → READY with its file.
    const t0 = performance.now();
    app = await NestFactory.createApplicationContext(WorkerModule, { logger: ['error'] });
    await app.init();
    const bootMs = performance.now() - t0;
    for (;;) {
      const [{ ready, failed }] = await dataSource.query<{ ready: number; failed: number }[]>(
        `SELECT count(*) FILTER (WHERE status = 'READY')::int AS ready,
                count(*) FILTER (WHERE status = 'FAILED')::int AS failed FROM documents`,
      );
      if (failed > 0) throw new Error(`${failed} documents FAILED`);
      if (ready >= DOCUMENTS) break;
      await new Promise((r) => setTimeout(r, 20));
    }
    const totalMs = performance.now() - t0;
    const [stats] = await dataSource.query<
      { p50: number; p95: number; first: Date; last: Date; bytes: number }[]
    >(
      `SELECT percentile_cont(0.5) WITHIN GROUP (ORDER BY render_ms) AS p50,
              percentile_cont(0.95) WITHIN GROUP (ORDER BY render_ms) AS p95,
              min(render_started_at) AS first, max(ready_at) AS last,
              avg(size_bytes)::int AS bytes FROM documents`,
    );
    const workerMs = new Date(stats.last).getTime() - new Date(stats.first).getTime();
    log('');
    log('| figure | value |');
    log('|---|---|');
    log(
      `| API requests (snapshot + audit + outbox, one transaction each, sequential) | ${fmt((DOCUMENTS / requestedMs) * 1000)} /s |`,
    );
    log(`| worker boot (incl. renderer warm-up) | ${fmt(bootMs, 0)} ms |`);
    log(
      `| first render started → last READY | ${fmt(workerMs, 0)} ms → **${fmt((DOCUMENTS / workerMs) * 1000)} documents/s** |`,
    );
    log(
      `| worker start → all ${DOCUMENTS} READY (incl. boot and outbox dispatch) | ${fmt(totalMs, 0)} ms (${fmt((DOCUMENTS / totalMs) * 1000)} /s) |`,
    );
    log(
      `| render time in the worker (render_ms) p50 / p95 | ${fmt(stats.p50, 0)} / ${fmt(stats.p95, 0)} ms |`,
    );
    log(`| average PDF size | ${fmt(stats.bytes / 1024)} KiB |`);
  } finally {
    await app?.close().catch(() => undefined);
    await api?.close().catch(() => undefined);
    await dropDatabase(services.postgresAdminUrl, databaseName).catch(() => undefined);
    await deleteRedisKeys(services.redisUrl, prefix).catch(() => undefined);
    await services.stop().catch(() => undefined);
    rmSync(scratch, { recursive: true, force: true });
  }
}

async function main(): Promise<void> {
  log(`Documents benchmark — node ${process.version}, ${new Date().toISOString()}`);
  log('');
  await layoutOverhead();
  if (process.env.BENCH_SKIP_QUEUE !== '1') await throughput();
}

main()
  .then(() => process.exit(0))
  .catch((err: unknown) => {
    console.error(err);
    process.exit(1);
  });
