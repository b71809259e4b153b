/**
 * Demo tenders at every stage of the procedure, built through the real API (controllers,
 * validation, services, audit trail) with lawful dates in the past: the seeding context runs the
 * application with its own clock, set back to the day of each act. A real procedure takes weeks;
 * these let a newcomer see every page filled and let acceptance checks start from any stage.
 *
 *   ZP.271.1.2026 READY           (seeded with the partnership; every share confirmed)
 *   ZP.271.3.2026 PUBLISHED       notice in BZP two days ago, waiting for offers
 *   ZP.271.4.2026 OFFERS_OPENED   offers recorded in both lots, evaluation pending
 *   ZP.271.5.2026 AWARDED         lot 1 awarded, lot 2 cancelled (art. 255 pkt 3), standstill running
 *   ZP.271.6.2026 CONTRACTED      leader's contract, invoices, a partner's advance and a subsidy
 *   ZP.271.7.2026 COLLECTING_SHARES  the responsibility matrix and a stalled share (issue #14,
 *                                 demo-cooperation.ts)
 *
 * Only `npm run demo` runs this (after the database seed): the clock is replaced in this
 * throwaway application context, never by a setting, so no production configuration can move it.
 * Idempotent: a stage whose reference exists is skipped.
 */
import { NestFastifyApplication } from '@nestjs/platform-fastify';
import { Test } from '@nestjs/testing';
import { DataSource } from 'typeorm';
import { AppModule } from '../app.module';
import { configureApp, createFastifyAdapter } from '../app.setup';
import { addCalendarDays, warsawDate } from '../common/polish-calendar';
import { loadConfig } from '../config';
import { DEMO_PASSWORD } from '../database';
import { DocumentRendererService, DocumentsWorkerModule } from '../documents';
import { Clock } from '../schedule';
import { buildCooperationDemo, COOPERATION_DEMO } from './demo-cooperation';
import {
  ADDRESS,
  at,
  CONTRACTORS,
  CRITERIA,
  DEMO_STAGES,
  gross23,
  grosz,
  hash,
  money,
  uuidLike,
  type StageSpec,
} from './demo-stage-specs';
import { withPostgres } from './services';

export { DEMO_STAGES } from './demo-stage-specs';

const DAY = 86_400_000;
const LEADER = 'skawina';

/**
 * The seeding context's clock: shows the time of the act being recorded, set by the script.
 * Reminders still ahead in real time are planned at their real moment. One whose moment has
 * already passed (a deadline of a past act, usually completed in the same run) is put a minute or
 * more after the seeding, so its planning and its cancellation reach the queue together, before it
 * could run; the worker re-reads the deadline and skips it when it is done.
 */
export class DemoClock extends Clock {
  constructor(private current: Date) {
    super();
  }

  now(): Date {
    return new Date(this.current.getTime());
  }

  realTimeOf(instant: Date): Date {
    const real = Date.now();
    if (instant.getTime() >= real) return instant;
    return new Date(real + 60_000 + Math.max(0, instant.getTime() - this.current.getTime()));
  }

  /** Each stage moves it forward through its acts; the next stage starts further back. */
  set(to: Date): void {
    this.current = new Date(to.getTime());
  }
}

export type Body = Record<string, unknown>;
export interface Api {
  (method: 'GET' | 'POST' | 'PUT', path: string, body?: object): Promise<Body>;
}
export interface TenderView {
  id: string;
  version: number;
  status: string;
  lots: {
    id: string;
    number: number;
    shares: { id: string; organisationId: string; status: string; version: number }[];
  }[];
}
interface ProcedureView {
  committee: { members: { id: string }[] } | null;
  lots: {
    lotId: string;
    number: number;
    version: number;
    offers: { id: string; number: number; version: number }[];
    evaluation: { bestOfferId: string | null };
  }[];
}
interface DeadlineRow {
  id: string;
  kind: string;
  dueAt: string;
  status: string;
  version: number;
}

/**
 * Builds the missing stages. `log` gets one line per stage. The environment must hold the
 * application settings (DATABASE_URL, REDIS_URL, JWT_SECRET…), as for the API.
 */
export async function seedDemoStages(log: (m: string) => void): Promise<void> {
  const config = loadConfig();
  if (config.production) throw new Error('Refusing to seed demo stages: NODE_ENV is production.');
  // Later starts find every stage and boot nothing.
  const present = await withPostgres(config.databaseUrl, async (client) =>
    (
      await client.query<{ reference: string }>(
        'SELECT reference FROM tenders WHERE reference = ANY($1)',
        [[...DEMO_STAGES.map((s) => s.reference), COOPERATION_DEMO.reference]],
      )
    ).rows.map((r) => r.reference),
  );
  if (present.length === DEMO_STAGES.length + 1) return;
  log('building the demo tenders at every stage through the API (first start only) …');
  const today = warsawDate(new Date());
  const clock = new DemoClock(new Date(Date.now() - 400 * DAY));
  const moduleRef = await Test.createTestingModule({ imports: [AppModule, DocumentsWorkerModule] })
    .overrideProvider(Clock)
    .useValue(clock)
    .compile();
  const app = moduleRef.createNestApplication<NestFastifyApplication>(
    createFastifyAdapter(config),
    { logger: ['error'] },
  );
  await configureApp(app, config);
  await app.init();
  const fastify = app.getHttpAdapter().getInstance();
  await fastify.ready();
  try {
    const tokens = new Map<string, string>();
    const as = async (email: string): Promise<Api> => {
      let token = tokens.get(email);
      if (!token) {
        const res = await fastify.inject({
          method: 'POST',
          url: '/api/v1/auth/login',
          payload: { email, password: DEMO_PASSWORD },
        });
        if (res.statusCode !== 200) throw new Error(`demo login ${email}: ${res.body}`);
        token = res.json<{ accessToken: string }>().accessToken;
        tokens.set(email, token);
      }
      const bearer = token;
      return async (method, path, body) => {
        const res = await fastify.inject({
          method,
          url: `/api/v1${path}`,
          headers: { authorization: `Bearer ${bearer}` },
          ...(body ? { payload: body as Record<string, unknown> } : {}),
        });
        if (res.statusCode >= 300)
          throw new Error(`demo ${method} ${path} as ${email}: ${res.statusCode} ${res.body}`);
        return res.body ? res.json<Body>() : {};
      };
    };
    const officer = await as(`officer@${LEADER}.demo`);
    const partnerships = (await officer('GET', '/partnerships?q=Razem')) as {
      items: { id: string }[];
    };
    const partnershipId = partnerships.items[0].id;
    const dataSource = app.get(DataSource);
    const orgRows = await dataSource.query<{ id: string; slug: string }[]>(
      'SELECT id, slug FROM organisations',
    );
    const org = (slug: string) => {
      const row = orgRows.find((o) => o.slug === slug);
      if (!row) throw new Error(`demo organisation ${slug} missing`);
      return row.id;
    };
    const renderer = app.get(DocumentRendererService);

    const context: StageContext = { clock, today, as, officer, partnershipId, org, renderer };
    for (const spec of DEMO_STAGES) {
      const [exists] = await dataSource.query<{ id: string }[]>(
        'SELECT id FROM tenders WHERE reference = $1',
        [spec.reference],
      );
      if (exists) continue;
      const started = Date.now();
      await buildStage(spec, context);
      log(`${spec.reference} ${spec.until} (${Date.now() - started} ms)`);
    }
    if (!present.includes(COOPERATION_DEMO.reference)) {
      const started = Date.now();
      await buildCooperationDemo(context);
      log(`${COOPERATION_DEMO.reference} ${COOPERATION_DEMO.status} (${Date.now() - started} ms)`);
    }
    clock.set(new Date(Math.max(Date.now(), clock.now().getTime())));
  } finally {
    await app.close();
  }
}

export interface StageContext {
  clock: DemoClock;
  today: string;
  as: (email: string) => Promise<Api>;
  officer: Api;
  partnershipId: string;
  org: (slug: string) => string;
  renderer: DocumentRendererService;
}

async function buildStage(spec: StageSpec, c: StageContext): Promise<void> {
  const { clock, officer } = c;
  const p = spec.publishedDaysAgo;
  const tenderOf = async (id: string) =>
    (await officer('GET', `/tenders/${id}`)) as unknown as TenderView;
  const move = async (id: string, to: string) => {
    const current = await tenderOf(id);
    await officer('POST', `/tenders/${id}/transition`, { to, version: current.version });
  };
  const deadlines = async (id: string) =>
    ((await officer('GET', `/tenders/${id}/deadlines?limit=100`)) as { items: DeadlineRow[] })
      .items;
  const procedureOf = async (id: string) =>
    (await officer('GET', `/tenders/${id}/procedure`)) as unknown as ProcedureView;
  /**
   * Moves the clock forward; the acts due before then that no lifecycle step completes (the
   * answers to questions on the SWZ…) are recorded as done in time, as an officer would.
   */
  const advance = async (id: string, to: Date) => {
    for (const d of await deadlines(id))
      if (
        ['QUESTIONS_CUTOFF', 'ANSWERS_DUE'].includes(d.kind) &&
        ['OPEN', 'MISSED'].includes(d.status) &&
        Date.parse(d.dueAt) <= to.getTime()
      ) {
        clock.set(new Date(Math.max(clock.now().getTime(), Date.parse(d.dueAt) - 3_600_000)));
        await officer('POST', `/deadlines/${d.id}/done`, {
          version: d.version,
          note:
            d.kind === 'ANSWERS_DUE'
              ? 'Wyjaśnienia treści SWZ udostępnione na stronie internetowej prowadzonego postępowania.'
              : 'Wnioski o wyjaśnienie treści SWZ przyjęte.',
        });
      }
    clock.set(to);
  };

  // 1. DRAFT → COLLECTING_SHARES → READY: the partners' chain of approvals, the agreement.
  clock.set(at(c.today, p + 21, '09:00'));
  const created = (await officer('POST', '/tenders', {
    partnershipId: c.partnershipId,
    reference: spec.reference,
    title: spec.title,
    description: spec.description,
    subjectKind: spec.subjectKind,
    cpvMain: spec.cpvMain,
    cpvAdditional: spec.cpvAdditional,
    cpvMainName: spec.cpvMainName,
    cpvAdditionalNames: spec.cpvAdditionalNames,
    procedure: 'BASIC',
    settlementModel: spec.settlementModel,
    shareDeadline: at(c.today, p + 7, '15:00').toISOString(),
    plannedStartOn: addCalendarDays(c.today, -p),
    lots: spec.lots,
  })) as unknown as TenderView;
  const id = created.id;
  for (const s of spec.shares) {
    const lot = created.lots.find((l) => l.number === s.lot);
    await officer('POST', `/tenders/${id}/shares`, {
      lotId: lot?.id,
      organisationId: c.org(s.slug),
      amountNet: s.amountNet,
    });
  }
  await move(id, 'COLLECTING_SHARES');
  clock.set(at(c.today, p + 14, '10:00'));
  for (const s of spec.shares) {
    for (const role of ['coordinator', 'treasurer', 'head']) {
      const t = await tenderOf(id);
      const share = t.lots
        .flatMap((l) => l.shares)
        .find((x) => x.organisationId === c.org(s.slug) && x.status !== 'WITHDRAWN');
      if (!share) throw new Error(`share of ${s.slug} missing`);
      const api = await c.as(`${role}@${s.slug}.demo`);
      await api('POST', `/shares/${share.id}/approve`, {
        version: share.version,
        ...(role === 'treasurer' ? { budgetClassification: s.budgetClassification } : {}),
      });
    }
  }
  clock.set(at(c.today, p + 6, '09:00'));
  await move(id, 'READY');
  const agreement = (await officer('POST', `/tenders/${id}/documents`, {
    kind: 'AGREEMENT',
  })) as { id: string };
  await c.renderer.render(agreement.id);

  // 2. PUBLISHED: the criteria (SWZ), the notice in BZP and the schedule counted from its day.
  clock.set(at(c.today, p, '09:00'));
  const ready = await tenderOf(id);
  for (const lot of ready.lots)
    await officer('PUT', `/lots/${lot.id}/criteria`, { criteria: CRITERIA });
  const serial = String(Math.abs(hash(spec.reference)) % 100_000).padStart(5, '0');
  await officer('POST', `/tenders/${id}/notices`, {
    type: 'CONTRACT_NOTICE',
    medium: 'BZP',
    number: `${addCalendarDays(c.today, -p).slice(0, 4)}/BZP 00${serial}/01`,
    publishedAt: at(c.today, p, '08:45').toISOString(),
    ocid: `ocds-148610-${uuidLike(spec.reference)}`,
  });
  await officer('POST', `/tenders/${id}/schedule/apply`, {
    publishedOn: addCalendarDays(c.today, -p),
  });
  await move(id, 'PUBLISHED');
  if (spec.until === 'PUBLISHED') return;

  // 3. Before the opening: the amounts planned for financing, the committee, art. 56 statements.
  clock.set(at(c.today, p - 1, '10:00'));
  for (const lot of ready.lots) await officer('POST', `/lots/${lot.id}/planned-amount`, {});
  const committee = (await officer('POST', `/tenders/${id}/committee`, {
    orderNumber: `0050.${spec.reference.split('.')[2]}.${addCalendarDays(c.today, -p).slice(0, 4)}`,
    orderDate: addCalendarDays(c.today, -(p - 1)),
    members: [
      { name: 'Jan Kowalski', function: 'HEAD' },
      { name: 'Anna Nowak', function: 'CHAIR' },
      { name: 'Piotr Wiśniewski', function: 'SECRETARY' },
      { name: 'Katarzyna Wójcik', function: 'MEMBER' },
    ],
  })) as unknown as ProcedureView;
  for (const m of committee.committee?.members ?? [])
    await officer('POST', `/committee-members/${m.id}/statement`, {
      statementOn: addCalendarDays(c.today, -(p - 1)),
      conflict: false,
    });

  // 4. OFFERS_OPENED: after the offers deadline; offers received on the platform before it.
  const offersDue = new Date(
    (await deadlines(id)).find((d) => d.kind === 'OFFERS')?.dueAt ?? Date.now(),
  );
  await advance(id, new Date(offersDue.getTime() + 30 * 60_000));
  await move(id, 'OFFERS_OPENED');
  const [lot1, lot2] = ready.lots;
  const planned = (lot: number) =>
    spec.shares.filter((s) => s.lot === lot).reduce((sum, s) => sum + grosz(s.amountNet), 0);
  const offer = async (
    lotId: string,
    i: number,
    net: number,
    warranty: number,
    hoursBefore: number,
  ) =>
    officer('POST', `/lots/${lotId}/offers`, {
      ...CONTRACTORS[i],
      contractorAddress: ADDRESS,
      priceNet: money(net),
      priceGross: gross23(money(net)),
      criteriaValues: { warranty },
      receivedAt: new Date(offersDue.getTime() - hoursBefore * 3_600_000).toISOString(),
    });
  // Lot 1: three offers within the planned amount (the cheapest will be rejected).
  await offer(lot1.id, 0, Math.round(planned(1) * 0.93), 36, 50);
  await offer(lot1.id, 1, Math.round(planned(1) * 0.97), 60, 26);
  await offer(lot1.id, 2, Math.round(planned(1) * 0.81), 60, 3);
  // Lot 2: two offers, the cheaper one above the planned amount.
  await offer(lot2.id, 0, Math.round(planned(2) * 1.18), 48, 20);
  await offer(lot2.id, 1, Math.round(planned(2) * 1.25), 60, 4);
  if (spec.until === 'OFFERS_OPENED') return;

  // 5. AWARDED: rejection (art. 226), ranking, recommendation, the head's approval; lot 2 cancelled.
  const awardDay = spec.until === 'AWARDED' ? 2 : p - 25;
  await advance(id, at(c.today, awardDay, '11:00'));
  let procedure = await procedureOf(id);
  const cheapest = procedure.lots[0].offers.find((o) => o.number === 3);
  await officer('POST', `/offers/${cheapest?.id}/reject`, {
    point: 8,
    reason:
      'Oferta zawiera rażąco niską cenę w stosunku do przedmiotu zamówienia; wykonawca nie udzielił wyjaśnień w terminie (art. 224 ust. 6 Pzp).',
    version: cheapest?.version,
  });
  procedure = await procedureOf(id);
  await officer('POST', `/lots/${lot1.id}/recommendation`, {
    offerId: procedure.lots[0].evaluation.bestOfferId,
    recommendation: 'Komisja rekomenduje wybór oferty najkorzystniejszej w części 1.',
    version: procedure.lots[0].version,
  });
  procedure = await procedureOf(id);
  const head = await c.as(`head@${LEADER}.demo`);
  await head('POST', `/lots/${lot1.id}/award/approve`, { version: procedure.lots[0].version });
  procedure = await procedureOf(id);
  await officer('POST', `/lots/${lot2.id}/cancel`, {
    point: 3,
    reason:
      'Cena najkorzystniejszej oferty przewyższa kwotę, którą zamawiający zamierzają przeznaczyć na sfinansowanie części 2.',
    version: procedure.lots[1].version,
  });
  await move(id, 'AWARDED');
  if (spec.until === 'AWARDED') return;

  // 6. CONTRACTED: the leader's contract after the standstill, invoices, an advance, a subsidy.
  const standstill = new Date(
    (await deadlines(id)).find((d) => d.kind === 'STANDSTILL_END')?.dueAt ?? Date.now(),
  );
  await advance(id, new Date(standstill.getTime() + 11 * 3_600_000));
  const signedOn = warsawDate(clock.now());
  const { lots } = (await officer('GET', `/tenders/${id}`)) as unknown as {
    lots: { award: { contractorName: string; contractorNip: string; amountNet: string } | null }[];
  };
  const award = lots[0].award;
  if (!award) throw new Error(`${spec.reference}: lot 1 was not awarded`);
  const awardedNet = award.amountNet;
  await officer('POST', `/tenders/${id}/contracts`, {
    lotId: lot1.id,
    contractorName: award.contractorName,
    contractorNip: award.contractorNip,
    amountNet: awardedNet,
    amountGross: gross23(awardedNet),
    signedOn,
  });
  await move(id, 'CONTRACTED');

  // Two invoices for lot 1, split by the confirmed shares.
  await advance(id, at(c.today, 40, '10:00'));
  const invoice = async (n: number, share: number, issuedDaysAgo: number) => {
    const net = Math.round(grosz(awardedNet) * share);
    const vat = Math.round(net * 0.23);
    return (await officer('POST', `/tenders/${id}/invoices`, {
      lotId: lot1.id,
      number: `FV/${addCalendarDays(c.today, -issuedDaysAgo).slice(0, 7).replace('-', '/')}/${n}`,
      contractorNip: award.contractorNip,
      net: money(net),
      vat: money(vat),
      gross: money(net + vat),
      issuedOn: addCalendarDays(c.today, -issuedDaysAgo),
      dueOn: addCalendarDays(c.today, -issuedDaysAgo + 30),
    })) as { id: string };
  };
  await invoice(101, 0.4, 40);
  await advance(id, at(c.today, 10, '10:00'));
  await invoice(187, 0.3, 10);

  // Czernichów pays an advance; Liszki finances its part by a targeted subsidy (council resolution).
  const czernichow = await c.as('treasurer@czernichow.demo');
  const advancePayment = (await czernichow('POST', `/tenders/${id}/payments`, {
    organisationId: c.org('czernichow'),
    kind: 'ADVANCE',
    amount: '60000.00',
    dueOn: addCalendarDays(c.today, -3),
    description: 'Zaliczka na część 1 (remonty dróg w Czernichowie)',
  })) as { id: string; version: number };
  await advance(id, at(c.today, 9, '12:00'));
  await czernichow('POST', `/payments/${advancePayment.id}/paid`, {
    paidOn: addCalendarDays(c.today, -9),
    reference: 'CZE/2026/ZAL/14',
    version: advancePayment.version,
  });
  const liszki = await c.as('treasurer@liszki.demo');
  await liszki('POST', `/tenders/${id}/payments`, {
    organisationId: c.org('liszki'),
    kind: 'SUBSIDY',
    amount: '45000.00',
    dueOn: addCalendarDays(c.today, 14),
    description: 'Pomoc finansowa dla Gminy Skawina na remont dróg w Liszkach',
    resolutionNumber: 'XXI/187/2026',
    agreementSignedOn: addCalendarDays(c.today, -(p - 30)),
    useUntil: addCalendarDays(c.today, 90),
    settlementDueOn: addCalendarDays(c.today, 120),
  });
}
