/**
 * Write benchmark (not a test).
 *
 *   npx ts-node -T test/bench/api-writes.ts
 *
 * On a throwaway database with the demo data, lays out by SQL through the real schema (copies of
 * the demo tender ZP.271.1.2026, collecting shares) the same number of PROPOSED shares of the
 * three demo partners twice:
 *
 *   - spread: BENCH_SHARES / 3 tenders of one lot each (three shares per tender);
 *   - hot: one tender of BENCH_SHARES / 3 lots (all the shares on one tender);
 *
 * and has the partners' coordinators accept every share through the real API in this process
 * (Fastify on a free port, loopback) from BENCH_CLIENTS concurrent clients. The baseline is
 * `pgbench -N` (2 clients, BENCH_PGBENCH_S seconds) against a pgbench database on the same
 * PostgreSQL, in the same run, interleaved with the two layouts for BENCH_ROUNDS rounds. Each
 * round checks that the final state equals the successful answers (every share accepted once,
 * version 2, one approval each). Prints approvals/s, ÷ pgbench TPS, and hot ÷ spread.
 */
import { spawnSync } from 'node:child_process';
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

const SHARES = Number(process.env.BENCH_SHARES ?? 600);
const CLIENTS = Number(process.env.BENCH_CLIENTS ?? 8);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3);
const PGBENCH_S = Number(process.env.BENCH_PGBENCH_S ?? 10);
const PARTNERS = ['czernichow', 'liszki', 'mogilany'];

const log = (m: string) => process.stdout.write(`${m}\n`);
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

/** Lays out `tenders` × `lots` × the three partners' PROPOSED shares; returns [shareId, slug]. */
async function layout(
  db: Client,
  tag: string,
  tenders: number,
  lots: number,
): Promise<[string, string][]> {
  const cols = async (table: string) =>
    (
      await db.query<{ column_name: string }>(
        `SELECT column_name FROM information_schema.columns WHERE table_name = $1 ORDER BY ordinal_position`,
        [table],
      )
    ).rows.map((r) => r.column_name);
  const copy = (columns: string[], overrides: Record<string, string>, alias: string) =>
    columns.map((c) => overrides[c] ?? `${alias}."${c}"`).join(', ');
  const list = (columns: string[]) => columns.map((c) => `"${c}"`).join(', ');
  const [tenderCols, lotCols, shareCols] = await Promise.all([
    cols('tenders'),
    cols('lots'),
    cols('shares'),
  ]);
  await db.query(
    `CREATE OR REPLACE FUNCTION pg_temp.uid(text) RETURNS uuid LANGUAGE sql IMMUTABLE AS
       $$ SELECT overlay(overlay(md5($1) placing '4' from 13) placing '8' from 17)::uuid $$`,
  );
  await db.query('BEGIN');
  await db.query(
    `INSERT INTO tenders (${list(tenderCols)})
     SELECT ${copy(
       tenderCols,
       {
         id: `pg_temp.uid('${tag}t' || g)`,
         reference: `'ZP.WRITES.${tag}.' || g`,
         status: `'COLLECTING_SHARES'`,
         version: '1',
       },
       't',
     )}
       FROM tenders t, generate_series(1, $1::int) g WHERE t.reference = 'ZP.271.1.2026'`,
    [tenders],
  );
  await db.query(
    `INSERT INTO lots (${list(lotCols)})
     SELECT ${copy(
       lotCols,
       {
         id: `pg_temp.uid('${tag}l' || g || '-' || n)`,
         tender_id: `pg_temp.uid('${tag}t' || g)`,
         number: 'n',
       },
       'l',
     )}
       FROM lots l JOIN tenders t ON t.id = l.tender_id,
            generate_series(1, $1::int) g, generate_series(1, $2::int) n
      WHERE t.reference = 'ZP.271.1.2026' AND l.number = 1`,
    [tenders, lots],
  );
  const rows = await db.query<{ id: string; slug: string }>(
    `INSERT INTO shares (${list(shareCols)})
     SELECT ${copy(
       shareCols,
       {
         id: `pg_temp.uid('${tag}s' || g || '-' || n || '-' || o.id)`,
         tender_id: `pg_temp.uid('${tag}t' || g)`,
         lot_id: `pg_temp.uid('${tag}l' || g || '-' || n)`,
         organisation_id: 'o.id',
         status: `'PROPOSED'`,
         version: '1',
         budget_classification: 'NULL',
         wpf_reference: 'NULL',
         created_at: 'now()',
         updated_at: 'now()',
       },
       's',
     )}
       FROM (SELECT s.* FROM shares s JOIN lots l ON l.id = s.lot_id
               JOIN tenders t ON t.id = l.tender_id
              WHERE t.reference = 'ZP.271.1.2026' AND l.number = 1
              ORDER BY s.created_at LIMIT 1) s
       CROSS JOIN (SELECT id FROM organisations WHERE slug = ANY($3)) o
       CROSS JOIN generate_series(1, $1::int) g CROSS JOIN generate_series(1, $2::int) n
     RETURNING id, (SELECT slug FROM organisations WHERE organisations.id = organisation_id) AS slug`,
    [tenders, lots, PARTNERS],
  );
  await db.query('COMMIT');
  await db.query('ANALYZE tenders; ANALYZE lots; ANALYZE shares');
  return rows.rows.map((r) => [r.id, r.slug]);
}

function pgbenchTps(url: string): number {
  const run = spawnSync('pgbench', ['-N', '-c', '2', '-j', '2', '-T', String(PGBENCH_S), url], {
    encoding: 'utf8',
  });
  const m = /tps = ([\d.]+) \(without initial connection time\)/.exec(run.stdout);
  if (!m) throw new Error(`pgbench: ${run.stdout}\n${run.stderr}`);
  return Number(m[1]);
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
  const pgbenchName = `wspolnie_pgbench_${suffix}`;
  const prefix = `wspolnie-bench-${suffix}`;
  let app: NestFastifyApplication | undefined;
  try {
    await createDatabase(services.postgresAdminUrl, databaseName);
    await createDatabase(services.postgresAdminUrl, pgbenchName);
    const pgbenchUrl = databaseUrlFor(services.postgresAdminUrl, pgbenchName);
    const init = spawnSync('pgbench', ['-i', '-q', '-s', '1', pgbenchUrl], { encoding: 'utf8' });
    if (init.status !== 0) throw new Error(`pgbench -i: ${init.stderr}`);
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
      { logger: ['error'] },
    );
    await configureApp(app, config);
    const port = await findFreePort();
    await app.listen(port, '127.0.0.1');
    const base = `http://127.0.0.1:${port}`;
    const tokens = new Map<string, string>();
    for (const slug of PARTNERS) {
      const res = await fetch(`${base}/api/v1/auth/login`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ email: `coordinator@${slug}.demo`, password: 'wspolnie-demo' }),
      });
      if (res.status !== 200) throw new Error(`login ${slug}: ${res.status}`);
      tokens.set(slug, ((await res.json()) as { accessToken: string }).accessToken);
    }
    const db = new Client({ connectionString: databaseUrl });
    await db.connect();

    /** Every share accepted once from CLIENTS concurrent clients; approvals per second. */
    const approveAll = async (shares: [string, string][]): Promise<number> => {
      const queue = [...shares];
      let ok = 0;
      const t0 = process.hrtime.bigint();
      await Promise.all(
        Array.from({ length: CLIENTS }, async () => {
          for (let next = queue.shift(); next; next = queue.shift()) {
            const [id, slug] = next;
            const res = await fetch(`${base}/api/v1/shares/${id}/approve`, {
              method: 'POST',
              headers: {
                'content-type': 'application/json',
                authorization: `Bearer ${tokens.get(slug)}`,
              },
              body: JSON.stringify({ version: 1 }),
            });
            const body = (await res.json()) as { status?: string; version?: number };
            if (res.status !== 200 || body.status !== 'COORDINATOR_ACCEPTED' || body.version !== 2)
              throw new Error(`approve ${id}: ${res.status} ${JSON.stringify(body)}`);
            ok += 1;
          }
        }),
      );
      const seconds = Number(process.hrtime.bigint() - t0) / 1e9;
      const state = await db.query<{ n: string; approvals: string }>(
        `SELECT count(*) AS n, sum((SELECT count(*) FROM share_approvals a WHERE a.share_id = s.id)) AS approvals
           FROM shares s WHERE s.id = ANY($1) AND s.status = 'COORDINATOR_ACCEPTED' AND s.version = 2`,
        [shares.map(([id]) => id)],
      );
      if (Number(state.rows[0].n) !== ok || Number(state.rows[0].approvals) !== ok)
        throw new Error(
          `final state differs from the ${ok} answers: ${JSON.stringify(state.rows[0])}`,
        );
      return ok / seconds;
    };

    const perTender = PARTNERS.length;
    const groups = Math.max(1, Math.round(SHARES / perTender));
    const rows: { tps: number; spread: number; hot: number }[] = [];
    log(`${groups * perTender} shares per layout, ${CLIENTS} clients, ${ROUNDS} rounds`);
    log(
      '| round | pgbench -N TPS (2 clients) | spread approvals/s | hot approvals/s | spread ÷ TPS | hot ÷ TPS | hot ÷ spread |',
    );
    log('|---|---|---|---|---|---|---|');
    for (let round = 1; round <= ROUNDS; round++) {
      const tps = pgbenchTps(pgbenchUrl);
      const spread = await approveAll(await layout(db, `r${round}s`, groups, 1));
      const hot = await approveAll(await layout(db, `r${round}h`, 1, groups));
      rows.push({ tps, spread, hot });
      log(
        `| ${round} | ${tps.toFixed(0)} | ${spread.toFixed(1)} | ${hot.toFixed(1)} | ${(spread / tps).toFixed(3)} | ${(hot / tps).toFixed(3)} | ${(hot / spread).toFixed(2)} |`,
      );
    }
    const ratio = (f: (r: (typeof rows)[number]) => number) => {
      const xs = rows.map(f);
      return `${median(xs).toFixed(3)} (${Math.min(...xs).toFixed(3)}–${Math.max(...xs).toFixed(3)})`;
    };
    log(`median spread ÷ TPS: ${ratio((r) => r.spread / r.tps)}`);
    log(`median hot ÷ TPS: ${ratio((r) => r.hot / r.tps)}`);
    log(`median hot ÷ spread: ${ratio((r) => r.hot / r.spread)}`);
    await db.end();
  } finally {
    await app?.close().catch(() => undefined);
    await dropDatabase(services.postgresAdminUrl, databaseName).catch(() => undefined);
    await dropDatabase(services.postgresAdminUrl, pgbenchName).catch(() => undefined);
    await deleteRedisKeys(services.redisUrl, prefix).catch(() => undefined);
    await services.stop().catch(() => undefined);
    rmSync(scratch, { recursive: true, force: true });
  }
}

main().catch((err) => {
  process.stderr.write(`${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
  process.exit(1);
});
