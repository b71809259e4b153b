/**
 * Scale benchmark (not a test).
 *
 *   npx ts-node -T test/bench/scale.ts
 *
 * On a throwaway database with the demo data, grows the demo partnership to 100, 1 000 and
 * 10 000 tenders of 2 lots × 10 partners (20 shares each: 200 000 shares at the end) by SQL
 * through the real schema — copies of the demo tender ZP.271.1.2026 and its shares — and at each
 * size measures, on the real API in this process (Fastify on a free port, loopback):
 *
 *   - the tender list (`limit=20`), one tender's read and `/me/tasks`, as the leader's officer and
 *     as a partner's coordinator (visibility through membership and shares): p50 / p95 / p99 of
 *     BENCH_REQUESTS (200) sequential requests, and the SQL statements each request sent;
 *   - the plan of every statement the list and the read sent (EXPLAIN ANALYZE), flagged when it
 *     scans `tenders` or `shares` sequentially.
 *
 * The baseline is `GET /health` measured the same way in the same run, so the figures read as
 * ratios to the HTTP floor. BENCH_SIZES ("100,1000,10000") and BENCH_REQUESTS change the work;
 * BENCH_PLANS=1 prints the plans of the statements counted as sequential scans.
 */
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { NestFactory } from '@nestjs/core';
import { randomBytes } from 'node:crypto';
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { Client } from 'pg';
import { runMigrations } from '../../src/database/migrate';
import { seedDemo } from '../../src/database/seed/seed';
import {
  acquireServices,
  createDatabase,
  databaseUrlFor,
  deleteRedisKeys,
  dropDatabase,
  findFreePort,
  makeScratchDir,
} from '../../src/tooling/services';

const SIZES = (process.env.BENCH_SIZES ?? '100,1000,10000').split(',').map(Number);
const REQUESTS = Number(process.env.BENCH_REQUESTS ?? 200);
const PARTNERS = 10;
/** BENCH_PLANS=1 prints the plan of every statement that scans `tenders` or `shares`. */
const PLANS = process.env.BENCH_PLANS === '1';

const log = (m: string) => process.stdout.write(`${m}\n`);
const pct = (xs: number[], p: number) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))];
};

/** Every statement the pg driver sends, while `recording` is on. */
const sent: { text: string; values?: unknown[] }[] = [];
let recording = false;
const original = Client.prototype.query;
Client.prototype.query = function (this: Client, ...args: unknown[]) {
  if (recording) {
    const [first, second] = args as [unknown, unknown];
    const text = typeof first === 'string' ? first : (first as { text?: string })?.text;
    if (text) sent.push({ text, values: Array.isArray(second) ? second : undefined });
  }
  return (original as (...a: unknown[]) => unknown).apply(this, args);
} as typeof Client.prototype.query;

async function grow(db: Client, from: number, to: number): Promise<void> {
  const cols = async (table: string) =>
    (
      await db.query<{ column_name: string }>(
        `SELECT column_name FROM information_schema.columns WHERE table_name = $1 ORDER BY ordinal_position`,
        [table],
      )
    ).rows.map((r) => r.column_name);
  const copy = (columns: string[], overrides: Record<string, string>, alias: string) =>
    columns.map((c) => overrides[c] ?? `${alias}."${c}"`).join(', ');
  const [tenderCols, lotCols, shareCols] = await Promise.all([
    cols('tenders'),
    cols('lots'),
    cols('shares'),
  ]);
  const list = (columns: string[]) => columns.map((c) => `"${c}"`).join(', ');
  // Deterministic version-4 UUIDs, so copies of lots and shares can name their tender and lot.
  await db.query(
    `CREATE OR REPLACE FUNCTION pg_temp.uid(text) RETURNS uuid LANGUAGE sql IMMUTABLE AS
       $$ SELECT overlay(overlay(md5($1) placing '4' from 13) placing '8' from 17)::uuid $$`,
  );
  await db.query('BEGIN');
  await db.query(
    `INSERT INTO tenders (${list(tenderCols)})
     SELECT ${copy(tenderCols, { id: `pg_temp.uid('t' || g)`, reference: `'ZP.SCALE.' || g`, title: `t.title || ' (' || g || ')'`, created_at: `t.created_at - g * interval '1 minute'` }, 't')}
       FROM tenders t, generate_series($1::int, $2::int) g WHERE t.reference = 'ZP.271.1.2026'`,
    [from + 1, to],
  );
  await db.query(
    `INSERT INTO lots (${list(lotCols)})
     SELECT ${copy(lotCols, { id: `pg_temp.uid('l' || g || '-' || l.number)`, tender_id: `pg_temp.uid('t' || g)` }, 'l')}
       FROM lots l JOIN tenders t ON t.id = l.tender_id, generate_series($1::int, $2::int) g
      WHERE t.reference = 'ZP.271.1.2026' AND l.number <= 2`,
    [from + 1, to],
  );
  await db.query(
    `INSERT INTO shares (${list(shareCols)})
     SELECT ${copy(
       shareCols,
       {
         id: `pg_temp.uid('s' || g || '-' || l.number || '-' || o.id)`,
         tender_id: `pg_temp.uid('t' || g)`,
         lot_id: `pg_temp.uid('l' || g || '-' || l.number)`,
         organisation_id: 'o.id',
       },
       's',
     )}
       FROM (SELECT DISTINCT ON (l.number) s.*, l.number AS lot_number FROM shares s
               JOIN lots l ON l.id = s.lot_id JOIN tenders t ON t.id = l.tender_id
              WHERE t.reference = 'ZP.271.1.2026' AND l.number <= 2 ORDER BY l.number, s.created_at) s
       JOIN (SELECT number FROM lots l JOIN tenders t ON t.id = l.tender_id
              WHERE t.reference = 'ZP.271.1.2026' AND l.number <= 2) l ON l.number = s.lot_number
       CROSS JOIN (SELECT id FROM organisations ORDER BY (slug = 'skawina') DESC, slug LIMIT ${PARTNERS}) o
       CROSS JOIN generate_series($1::int, $2::int) g`,
    [from + 1, to],
  );
  await db.query('COMMIT');
  await db.query('ANALYZE tenders; ANALYZE lots; ANALYZE shares');
}

async function addOrganisations(db: Client): Promise<void> {
  const have = Number((await db.query(`SELECT count(*) AS n FROM organisations`)).rows[0].n);
  const cols = (
    await db.query<{ column_name: string }>(
      `SELECT column_name FROM information_schema.columns WHERE table_name = 'organisations' ORDER BY ordinal_position`,
    )
  ).rows.map((r) => r.column_name);
  const overrides: Record<string, string> = {
    id: 'gen_random_uuid()',
    slug: `'scale-' || g`,
    name: `'Gmina Skalowa ' || g`,
    nip: `lpad((8880000000 + g)::text, 10, '0')`,
    regon: `lpad((888000000 + g)::text, 9, '0')`,
    teryt: 'NULL',
  };
  const expr = cols.map((c) => overrides[c] ?? `o."${c}"`).join(', ');
  await db.query(
    `INSERT INTO organisations (${cols.map((c) => `"${c}"`).join(', ')})
     SELECT ${expr} FROM organisations o, generate_series(1, $1::int) g WHERE o.slug = 'liszki'`,
    [Math.max(0, PARTNERS - have)],
  );
}

async function main(): Promise<void> {
  const scratch = makeScratchDir('wspolnie-bench-');
  const services = await acquireServices({
    dataDir: scratch,
    purpose: 'test',
    log: () => undefined,
  });
  const suffix = randomBytes(4).toString('hex');
  const databaseName = `wspolnie_bench_${suffix}`;
  const prefix = `wspolnie-bench-${suffix}`;
  let app: NestFastifyApplication | undefined;
  try {
    await createDatabase(services.postgresAdminUrl, databaseName);
    const databaseUrl = databaseUrlFor(services.postgresAdminUrl, databaseName);
    await runMigrations(databaseUrl);
    await seedDemo(databaseUrl, () => undefined, 'test');
    Object.assign(process.env, {
      NODE_ENV: 'test',
      DATABASE_URL: databaseUrl,
      REDIS_URL: services.redisUrl,
      REDIS_PREFIX: prefix,
      JWT_SECRET: randomBytes(36).toString('base64url'),
      JWT_ACCESS_TTL_SECONDS: '3600',
      DATA_DIR: join(scratch, 'files'),
      LOG_LEVEL: 'error',
      PUBLIC_URL: 'http://localhost',
      SMTP_URL: '',
    });
    const { AppModule } = await import('../../src/app.module');
    const { createFastifyAdapter, configureApp } = await import('../../src/app.setup');
    const { loadConfig } = await import('../../src/config/load-config');
    const config = loadConfig();
    app = await NestFactory.create<NestFastifyApplication>(
      AppModule,
      createFastifyAdapter(config),
      {
        logger: ['error'],
      },
    );
    await configureApp(app, config);
    const port = await findFreePort();
    await app.listen(port, '127.0.0.1');
    const base = `http://127.0.0.1:${port}`;
    const token = async (email: string) => {
      const res = await fetch(`${base}/api/v1/auth/login`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ email, password: 'wspolnie-demo' }),
      });
      if (res.status !== 200) throw new Error(`login ${email}: ${res.status} ${await res.text()}`);
      return ((await res.json()) as { accessToken: string }).accessToken;
    };
    const who = {
      officer: await token('officer@skawina.demo'),
      coordinator: await token('coordinator@liszki.demo'),
    };
    const get = async (path: string, bearer?: string) => {
      const t0 = process.hrtime.bigint();
      const res = await fetch(`${base}${path}`, {
        headers: bearer ? { authorization: `Bearer ${bearer}` } : {},
      });
      await res.arrayBuffer();
      if (res.status !== 200) throw new Error(`${path}: ${res.status}`);
      return Number(process.hrtime.bigint() - t0) / 1e6;
    };
    const series = async (path: string, bearer?: string) => {
      for (let i = 0; i < 10; i++) await get(path, bearer);
      const times: number[] = [];
      for (let i = 0; i < REQUESTS; i++) times.push(await get(path, bearer));
      sent.length = 0;
      recording = true;
      await get(path, bearer);
      recording = false;
      return { times, statements: [...sent] };
    };

    const admin = new Client({ connectionString: databaseUrl });
    await admin.connect();
    await addOrganisations(admin);
    log(
      `| tenders | shares | what | as | p50 ms | p95 ms | p99 ms | ÷ /health p50 | statements | seq scans |`,
    );
    log('|---|---|---|---|---|---|---|---|---|---|');
    let have = Number(
      (await admin.query(`SELECT count(*) AS n FROM tenders WHERE reference LIKE 'ZP.SCALE.%'`))
        .rows[0].n,
    );
    for (const size of SIZES) {
      await grow(admin, have, size);
      have = size;
      const shares = Number((await admin.query(`SELECT count(*) AS n FROM shares`)).rows[0].n);
      const sample = (
        await admin.query<{ id: string }>(`SELECT pg_temp.uid('t' || $1) AS id`, [
          Math.ceil(size / 2),
        ])
      ).rows[0].id;
      const health = await series('/health');
      const floor = pct(health.times, 50);
      log(
        `| ${size} | ${shares} | /health (baseline) | – | ${floor.toFixed(2)} | ${pct(health.times, 95).toFixed(2)} | ${pct(health.times, 99).toFixed(2)} | 1.0 | ${health.statements.length} | – |`,
      );
      for (const [role, bearer] of Object.entries(who)) {
        for (const [what, path] of [
          ['list ?limit=20', '/api/v1/tenders?limit=20'],
          ['tender read', `/api/v1/tenders/${sample}`],
          ['/me/tasks', '/api/v1/me/tasks'],
        ] as const) {
          if (role === 'coordinator' && what === 'tender read') continue;
          const r = await series(path, bearer);
          let seq = 0;
          for (const s of r.statements) {
            if (!/^\s*(SELECT|WITH)/i.test(s.text)) continue;
            const plan = await admin.query(`EXPLAIN (ANALYZE, FORMAT TEXT) ${s.text}`, s.values);
            const text = plan.rows.map((x: Record<string, string>) => x['QUERY PLAN']).join('\n');
            const scans = [...text.matchAll(/Seq Scan on (tenders|shares)\b[^\n]*/g)];
            if (scans.length === 0) continue;
            seq += 1;
            if (PLANS) {
              log(`  ${what} (${role}) scans ${scans.map((m) => m[1]).join(', ')} in:`);
              log(`    ${s.text.replace(/\s+/g, ' ').slice(0, 160)}…`);
              log(text.replace(/^/gm, '    '));
            }
          }
          const p50 = pct(r.times, 50);
          log(
            `| ${size} | ${shares} | ${what} | ${role} | ${p50.toFixed(2)} | ${pct(r.times, 95).toFixed(2)} | ${pct(r.times, 99).toFixed(2)} | ${(floor / p50).toFixed(3)} | ${r.statements.length} | ${seq} |`,
          );
        }
      }
    }
    await admin.end();
  } catch (err) {
    // Said before the clean-up, whose forced database drop ends the app's connections loudly.
    process.stderr.write(`${err instanceof Error ? err.stack : String(err)}\n`);
    process.exitCode = 1;
  } finally {
    await app?.close().catch(() => undefined);
    await dropDatabase(services.postgresAdminUrl, databaseName).catch(() => undefined);
    await deleteRedisKeys(services.redisUrl, prefix).catch(() => undefined);
    await services.stop().catch(() => undefined);
    rmSync(scratch, { recursive: true, force: true });
  }
}

main().catch((err: unknown) => {
  process.stderr.write(`${err instanceof Error ? err.stack : String(err)}\n`);
  process.exit(1);
});
