import { borrowRelation } from '../common/db';
import type { EntityManager } from 'typeorm';
import { TZDate } from '@date-fns/tz';
import { warsawDate } from '../common/polish-calendar';
import type { TenderStatus } from '../tenders';
import type { LotOutcome } from './lot-procedure.entity';
import type { MemberFunction } from './committee.entity';
import { checkCriteria, type Criterion } from './scoring';
import { deadlineRows } from '../schedule';
import { lotRows } from '../tenders';

/**
 * The conditions the procedure puts on the tender's lifecycle, as a pure function of facts (the
 * loader below reads them). The tenders module answers 422 TENDER_CONDITIONS_NOT_MET with them.
 */

export interface GateDeadline {
  kind: string;
  label: string;
  dueAt: Date;
  status: string;
  countedFrom: string | null;
}

export interface GateLot {
  number: number;
  criteria: Criterion[];
  qualityStandardsDescribed: boolean;
  planned: boolean;
  outcome: LotOutcome;
  pendingAppeals: number;
  /** The lot's own STANDSTILL_END (a deadline with subject lot), when it has one. */
  standstill?: GateDeadline | null;
}

/**
 * Why no contract of the lot may be signed now (or on `signedOn`): a pending appeal to KIO, or the
 * standstill — the lot's own, else the schedule's — not over yet. Empty: the contract may be signed.
 */
export function lotContractProblems(
  lot: Pick<GateLot, 'number' | 'pendingAppeals' | 'standstill'>,
  scheduleStandstill: GateDeadline | null,
  now: Date,
  signedOn?: string,
): string[] {
  const out: string[] = [];
  const standstill = lot.standstill ?? scheduleStandstill;
  if (standstill) {
    if (now.getTime() < standstill.dueAt.getTime())
      out.push(`lot ${lot.number}: no contract before the ${describe(standstill)}`);
    const day = warsawDate(standstill.dueAt);
    if (signedOn !== undefined && signedOn <= day)
      out.push(
        `lot ${lot.number}: a contract dated ${signedOn} is not after the standstill end ${day} (${standstill.label})`,
      );
  }
  if (lot.pendingAppeals > 0)
    out.push(
      `lot ${lot.number} has a pending appeal to KIO: no contract until the ruling (art. 577 Pzp)`,
    );
  return out;
}

export interface GateFacts {
  now: Date;
  /** Warsaw day of the contract notice's publication, null when not recorded. */
  noticeOn: string | null;
  /** The schedule's deadlines, cancelled ones left out. */
  deadlines: GateDeadline[];
  lots: GateLot[];
  committee: {
    members: { name: string; function: MemberFunction; conflict: boolean | null }[];
  } | null;
  /** Contracts recorded for the tender (finance module), with their lot. */
  contracts: { lot: number; signedOn: string }[];
}

/** "25.01.2027 12:00" in Warsaw time. */
export function warsawLabel(instant: Date): string {
  const t = new TZDate(instant.getTime(), 'Europe/Warsaw');
  const p = (n: number) => String(n).padStart(2, '0');
  return `${p(t.getDate())}.${p(t.getMonth() + 1)}.${t.getFullYear()} ${p(t.getHours())}:${p(t.getMinutes())}`;
}

const describe = (d: GateDeadline) =>
  `${d.label} (${d.kind}) due ${warsawLabel(d.dueAt)} Europe/Warsaw`;
const pending = (d: GateDeadline) => d.status === 'OPEN' || d.status === 'MISSED';

export function procedureMissing(to: TenderStatus, f: GateFacts): string[] {
  const out: string[] = [];
  const deadline = (kind: string) => f.deadlines.find((d) => d.kind === kind);
  switch (to) {
    case 'PUBLISHED': {
      if (!f.noticeOn)
        out.push(
          'the contract notice must be recorded first (POST /tenders/:id/notices: BZP or TED number and publication time)',
        );
      const offers = deadline('OFFERS');
      if (!offers) {
        out.push(
          `an applied schedule is needed (POST /tenders/:id/schedule/apply with publishedOn ${f.noticeOn ?? 'the notice day'})`,
        );
      } else if (f.noticeOn && offers.countedFrom !== f.noticeOn) {
        out.push(
          `the schedule counts from ${offers.countedFrom ?? '?'} but the notice was published on ${f.noticeOn}: apply the schedule from ${f.noticeOn}`,
        );
      }
      for (const d of f.deadlines.filter((x) => pending(x) && x.kind !== 'SHARE_CONFIRMATION'))
        if (d.dueAt.getTime() <= f.now.getTime())
          out.push(`${describe(d)} is already past: move it or apply the schedule again`);
      for (const lot of f.lots) {
        if (lot.criteria.length === 0)
          out.push(`lot ${lot.number} has no evaluation criteria (PUT /lots/:lotId/criteria)`);
        else if (checkCriteria(lot).length > 0)
          out.push(`lot ${lot.number} has criteria that cannot be used`);
      }
      return out;
    }
    case 'OFFERS_OPENED': {
      const offers = deadline('OFFERS');
      if (!offers) out.push('the schedule has no offers deadline (OFFERS)');
      else if (f.now.getTime() < offers.dueAt.getTime())
        out.push(`offers cannot be opened before the ${describe(offers)}`);
      for (const lot of f.lots.filter((l) => !l.planned && l.outcome !== 'CANCELLED'))
        out.push(
          `lot ${lot.number} needs the amount planned for financing, made public before the opening (art. 222 ust. 4 Pzp)`,
        );
      if (!f.committee) {
        out.push('the tender committee must be appointed (POST /tenders/:id/committee)');
      } else {
        const missing = f.committee.members.filter((m) => m.conflict === null).map((m) => m.name);
        if (missing.length > 0) out.push(`art. 56 statements are missing: ${missing.join(', ')}`);
        if (f.committee.members.some((m) => m.function === 'HEAD' && m.conflict === true))
          out.push(
            'the head stated a conflict of interest: entrust the head’s acts to another person (art. 53 ust. 2 Pzp) and record their statement',
          );
        const able = f.committee.members.filter(
          (m) => m.function !== 'HEAD' && m.conflict === false,
        ).length;
        if (missing.length === 0 && able < 3)
          out.push(
            `the committee has ${able} member(s) without a conflict of interest; it needs at least 3 (art. 55 ust. 2 Pzp)`,
          );
      }
      return out;
    }
    case 'AWARDED': {
      for (const lot of f.lots.filter(
        (l) => l.outcome === 'PENDING' || l.outcome === 'RECOMMENDED',
      ))
        out.push(
          lot.outcome === 'RECOMMENDED'
            ? `lot ${lot.number}: the head has not approved the committee’s recommendation yet`
            : `lot ${lot.number} is neither awarded (evaluation, recommendation, head’s approval) nor cancelled`,
        );
      if (out.length === 0 && !f.lots.some((l) => l.outcome === 'AWARDED'))
        out.push('every lot is cancelled: cancel the tender instead (art. 255 Pzp)');
      return out;
    }
    case 'CONTRACTED': {
      const standstill = deadline('STANDSTILL_END') ?? null;
      // Each awarded lot waits for its own standstill when it has one, else the schedule's.
      const awarded = f.lots.filter((l) => l.outcome === 'AWARDED');
      const gated =
        awarded.length > 0
          ? awarded
          : [{ number: 0, outcome: 'PENDING' as const, pendingAppeals: 0, standstill: null }];
      for (const lot of gated) {
        const own = lot.standstill ?? standstill;
        if (own && f.now.getTime() < own.dueAt.getTime()) {
          const message = `no contract before the ${describe(own)}`;
          if (!out.includes(message)) out.push(message);
        }
        if (own) {
          const day = warsawDate(own.dueAt);
          for (const c of f.contracts.filter(
            (x) => (lot.number === 0 || x.lot === lot.number) && x.signedOn <= day,
          ))
            out.push(
              `a contract of lot ${c.lot} is dated ${c.signedOn}, before the standstill end ${day}`,
            );
        }
        if (lot.outcome === 'AWARDED' && lot.pendingAppeals > 0)
          out.push(
            `lot ${lot.number} has a pending appeal to KIO: no contract until the ruling (art. 577 Pzp)`,
          );
      }
      return out;
    }
    case 'DRAFT':
    case 'COLLECTING_SHARES':
    case 'READY':
    case 'SETTLED':
    case 'CANCELLED':
      return out;
  }
}

/** The schedule's offers deadline of a tender (not cancelled), if any. */
export async function offersDeadline(
  manager: EntityManager,
  tenderId: string,
): Promise<{ dueAt: Date; label: string } | null> {
  const [row] = await manager.query<{ due_at: Date }[]>(
    `SELECT due_at FROM ${deadlineRows} deadlines WHERE tender_id = $1 AND kind = 'OFFERS' AND origin = 'SCHEDULE' AND status <> 'CANCELLED'`,
    [tenderId],
  );
  return row
    ? { dueAt: new Date(row.due_at), label: `${warsawLabel(new Date(row.due_at))} Europe/Warsaw` }
    : null;
}

/** The latest own STANDSTILL_END of a lot among the rows, as a gate deadline. */
function lotStandstill(
  rows: {
    number: number;
    title: string;
    due_at: Date;
    status: string;
    counted_from: string | null;
  }[],
  lot: number,
): GateDeadline | null {
  const mine = rows.filter((r) => r.number === lot);
  const last = mine[mine.length - 1];
  return last
    ? {
        kind: 'STANDSTILL_END',
        label: last.title,
        dueAt: new Date(last.due_at),
        status: last.status,
        countedFrom: last.counted_from,
      }
    : null;
}

/**
 * What a contract of one lot waits for (finance asks before recording one): the lot's outcome and
 * pending appeals, its own STANDSTILL_END and the schedule's. `lotContractProblems` judges them.
 */
export async function loadLotContractFacts(
  manager: EntityManager,
  tenderId: string,
  lotId: string,
): Promise<{
  lot: Pick<GateLot, 'number' | 'outcome' | 'pendingAppeals' | 'standstill'>;
  scheduleStandstill: GateDeadline | null;
} | null> {
  const facts = await loadGateFacts(manager, tenderId, new Date());
  const [row] = await manager.query<{ number: number }[]>(
    `SELECT number FROM ${lotRows} lots WHERE id = $1 AND tender_id = $2`,
    [lotId, tenderId],
  );
  const lot = row ? facts.lots.find((l) => l.number === row.number) : undefined;
  if (!lot) return null;
  return {
    lot,
    scheduleStandstill: facts.deadlines.find((d) => d.kind === 'STANDSTILL_END') ?? null,
  };
}

/** Reads the facts of `procedureMissing` for one tender inside the transition's transaction. */
export async function loadGateFacts(
  manager: EntityManager,
  tenderId: string,
  now: Date,
): Promise<GateFacts> {
  const [notice] = await manager.query<{ published_at: Date }[]>(
    `SELECT published_at FROM procedure_notices WHERE tender_id = $1 AND type = 'CONTRACT_NOTICE'`,
    [tenderId],
  );
  const deadlines = await manager.query<
    { kind: string; title: string; due_at: Date; status: string; counted_from: string | null }[]
  >(
    `SELECT kind, title, due_at, status, counted_from::text AS counted_from FROM ${deadlineRows} deadlines
      WHERE tender_id = $1 AND origin = 'SCHEDULE' AND status <> 'CANCELLED' ORDER BY due_at`,
    [tenderId],
  );
  const lots = await manager.query<
    {
      number: number;
      criteria: Criterion[] | null;
      quality: boolean | null;
      planned: boolean;
      outcome: LotOutcome | null;
      appeals: number;
    }[]
  >(
    `SELECT l.number, p.criteria, p.quality_standards_described AS quality,
            (p.planned_amount_gross IS NOT NULL) AS planned, p.outcome,
            (SELECT count(*)::int FROM appeals a WHERE a.lot_id = l.id AND a.status = 'PENDING') AS appeals
       FROM ${lotRows} l LEFT JOIN lot_procedures p ON p.lot_id = l.id
      WHERE l.tender_id = $1 ORDER BY l.number`,
    [tenderId],
  );
  const own = await manager.query<
    { number: number; title: string; due_at: Date; status: string; counted_from: string | null }[]
  >(
    `SELECT l.number, d.title, d.due_at, d.status, d.counted_from::text AS counted_from
       FROM ${deadlineRows} d JOIN ${lotRows} l ON l.id = d.subject_id
      WHERE d.tender_id = $1 AND d.subject_type = 'lot' AND d.kind = 'STANDSTILL_END'
        AND d.status <> 'CANCELLED' ORDER BY d.due_at`,
    [tenderId],
  );
  const members = await manager.query<
    { name: string; function: MemberFunction; conflict: boolean | null }[]
  >(
    `SELECT name, function, conflict FROM committee_members WHERE tender_id = $1 ORDER BY created_at, id`,
    [tenderId],
  );
  const [committee] = await manager.query<{ id: string }[]>(
    'SELECT id FROM committees WHERE tender_id = $1',
    [tenderId],
  );
  const contracts = await manager.query<{ lot: number; signed_on: string }[]>(
    `SELECT l.number AS lot, c.signed_on::text AS signed_on FROM ${borrowRelation('contracts')} c JOIN ${lotRows} l ON l.id = c.lot_id WHERE c.tender_id = $1`,
    [tenderId],
  );
  return {
    now,
    noticeOn: notice ? warsawDate(new Date(notice.published_at)) : null,
    deadlines: deadlines.map((d) => ({
      kind: d.kind,
      label: d.title,
      dueAt: new Date(d.due_at),
      status: d.status,
      countedFrom: d.counted_from,
    })),
    lots: lots.map((l) => ({
      number: l.number,
      criteria: l.criteria ?? [],
      qualityStandardsDescribed: l.quality ?? false,
      planned: l.planned,
      outcome: l.outcome ?? 'PENDING',
      pendingAppeals: l.appeals,
      standstill: lotStandstill(own, l.number),
    })),
    committee: committee ? { members } : null,
    contracts: contracts.map((c) => ({ lot: c.lot, signedOn: c.signed_on })),
  };
}
