import { Injectable, Logger } from '@nestjs/common';
import { getISOWeek, getISOWeekYear } from 'date-fns';
import { DataSource } from 'typeorm';
import { systemActor } from '../auth';
import { recordAudit } from '../audit';
import { warsawDate } from '../common/polish-calendar';
import { AppConfig } from '../config';
import { NotificationsService } from '../notifications';
import { openTasks, type OpenTaskRow } from '../responsibilities';
import { Clock } from '../schedule';
import { loadTenderGraphs, tendersWithWaitingShares } from '../tenders';
import { tenderWaits } from './share-waits';
import { STALL_STEP_PL, dayPl, workingDaysWord } from './stall-escalation.service';
import { waitingNow } from './stall-stats';

export interface DigestItem {
  tenderReference: string;
  lot: number;
  step: string;
  since: Date;
  workingDays: number;
  link: string;
}

/** An open task of the responsibility matrix, as the digest lists it. */
export interface DigestTask {
  tenderReference: string;
  title: string;
  lotNumber: number | null;
  /** YYYY-MM-DD */
  dueOn: string;
  since: Date;
  link: string;
}

export interface DigestResult {
  week: string;
  organisations: number;
  sent: number;
}

/** "2026-W49": the ISO week of the Warsaw day. */
export function isoWeekOf(instant: Date): string {
  const day = new Date(`${warsawDate(instant)}T12:00:00Z`);
  return `${getISOWeekYear(day)}-W${String(getISOWeek(day)).padStart(2, '0')}`;
}

const PLURAL = new Intl.PluralRules('pl-PL');

/** "1 sprawa czeka", "3 sprawy czekają", "5 spraw czeka". */
export function casesWaiting(n: number): string {
  const c = PLURAL.select(n);
  return `${n} ${c === 'one' ? 'sprawa czeka' : c === 'few' ? 'sprawy czekają' : 'spraw czeka'}`;
}

/** "1 zadanie", "3 zadania", "5 zadań" do wykonania. */
export function tasksToDo(n: number): string {
  const c = PLURAL.select(n);
  return `${n} ${c === 'one' ? 'zadanie' : c === 'few' ? 'zadania' : 'zadań'} do wykonania`;
}

/** "Przegląd tygodnia: 3 sprawy czekają na decyzję, 1 zadanie do wykonania". */
export function digestTitle(cases: number, tasks: number): string {
  const parts = [
    ...(cases > 0 ? [`${casesWaiting(cases)} na decyzję`] : []),
    ...(tasks > 0 ? [tasksToDo(tasks)] : []),
  ];
  return `Przegląd tygodnia: ${parts.join(', ')}`;
}

const dayOf = (isoDay: string): string => {
  const [y, m, d] = isoDay.split('-');
  return `${d}.${m}.${y} r.`;
};

/**
 * The digest's lines: the shares waiting for a decision, oldest wait first (what, since when, how
 * long, where to act); then the open tasks of the responsibility matrix, the oldest first (what,
 * due when — "po terminie" once the due day has passed —, open since, the task's page).
 */
export function digestBody(
  organisationName: string,
  items: DigestItem[],
  tasks: DigestTask[] = [],
  today = '',
): string {
  const lines = [...items]
    .sort((a, b) => a.since.getTime() - b.since.getTime())
    .map(
      (i) =>
        `– ${i.tenderReference}, część ${i.lot}: ${STALL_STEP_PL[i.step as keyof typeof STALL_STEP_PL] ?? i.step}, ` +
        `czeka od ${dayPl(i.since)} (${i.workingDays} ${workingDaysWord(i.workingDays)}): ${i.link}`,
    );
  const taskLines = [...tasks]
    .sort((a, b) => a.since.getTime() - b.since.getTime() || a.dueOn.localeCompare(b.dueOn))
    .map(
      (t) =>
        `– ${t.tenderReference}: ${t.title}, ` +
        `termin ${dayOf(t.dueOn)}${t.dueOn < today ? ' (po terminie)' : ''}, ` +
        `otwarte od ${dayPl(t.since)}: ${t.link}`,
    );
  return [
    ...(lines.length > 0
      ? [`Czekają na decyzję w jednostce: ${organisationName} (najdłużej czekające najpierw):`]
      : []),
    ...lines,
    ...(taskLines.length > 0 && lines.length > 0 ? [''] : []),
    ...(taskLines.length > 0
      ? [
          `Zadania do wykonania w jednostce: ${organisationName} (podział zadań i odpowiedzialności, najstarsze najpierw):`,
        ]
      : []),
    ...taskLines,
  ].join('\n');
}

/**
 * The weekly digest to each partner's coordinators: what waits in their municipality (shares at
 * a step of its chain in tenders that ask partners to decide; the open tasks of the organisation
 * in the tenders' responsibility matrices), oldest first, with links. An
 * in-app notification of kind `digest.weekly` with its e-mail copy — switched off per person on
 * the Ustawienia page like every other kind. One per organisation and ISO week (`weekly_digests`).
 */
@Injectable()
export class WeeklyDigestService {
  private readonly logger = new Logger(WeeklyDigestService.name);

  constructor(
    private readonly dataSource: DataSource,
    private readonly notifications: NotificationsService,
    private readonly config: AppConfig,
    private readonly clock: Clock,
  ) {}

  /** `onlyOrganisationIds` narrows the run (an operator re-sending one, a test). */
  async send(now = this.clock.now(), onlyOrganisationIds?: string[]): Promise<DigestResult> {
    const week = isoWeekOf(now);
    const base = this.config.publicUrl.replace(/\/+$/, '');
    const candidates = await tendersWithWaitingShares(this.dataSource.manager);
    const tenders = await loadTenderGraphs(
      this.dataSource.manager,
      candidates.map((c) => c.tenderId),
    );
    const byOrganisation = new Map<
      string,
      { name: string; items: DigestItem[]; tasks: DigestTask[] }
    >();
    for (const tender of tenders) {
      const lots = new Map(
        (tender.lots ?? []).flatMap((l) => (l.shares ?? []).map((s) => [s.id, l.number] as const)),
      );
      for (const w of waitingNow(tenderWaits(tender), now)) {
        // A change request waits for the leader's officer, who has it in Moje zadania.
        if (w.step === 'CHANGE_REQUESTED') continue;
        if (onlyOrganisationIds && !onlyOrganisationIds.includes(w.partnerId)) continue;
        const entry = byOrganisation.get(w.partnerId) ?? {
          name: w.partnerName,
          items: [],
          tasks: [],
        };
        entry.items.push({
          tenderReference: tender.reference,
          lot: lots.get(w.shareId) ?? 0,
          step: w.step,
          since: w.arrived,
          workingDays: w.workingDays,
          link: `${base}/udzialy/${w.shareId}`,
        });
        byOrganisation.set(w.partnerId, entry);
      }
    }
    for (const task of await openTasks(this.dataSource.manager, onlyOrganisationIds)) {
      const entry = byOrganisation.get(task.organisationId) ?? {
        name: task.organisationName,
        items: [],
        tasks: [],
      };
      entry.tasks.push(digestTask(task, base));
      byOrganisation.set(task.organisationId, entry);
    }
    const today = warsawDate(now);
    const result: DigestResult = { week, organisations: byOrganisation.size, sent: 0 };
    for (const [organisationId, { name, items, tasks }] of byOrganisation) {
      try {
        await this.dataSource.transaction(async (manager) => {
          const claimed = await manager.query<{ week: string }[]>(
            `INSERT INTO weekly_digests (organisation_id, week, items, notified, sent_at)
             VALUES ($1, $2, $3, 0, $4) ON CONFLICT DO NOTHING RETURNING week`,
            [organisationId, week, items.length + tasks.length, now],
          );
          if (claimed.length === 0) return;
          const notified = await this.notifications.notifyRole(
            manager,
            organisationId,
            ['COORDINATOR'],
            {
              kind: 'digest.weekly',
              title: digestTitle(items.length, tasks.length),
              body: digestBody(name, items, tasks, today),
              entityType: 'organisation',
              entityId: organisationId,
              link: '/zadania',
            },
          );
          await manager.query(
            'UPDATE weekly_digests SET notified = $3 WHERE organisation_id = $1 AND week = $2',
            [organisationId, week, notified],
          );
          await recordAudit(manager, systemActor('weekly-digest'), {
            action: 'digest.sent',
            entityType: 'organisation',
            entityId: organisationId,
            organisationId,
            data: { week, items: items.length, tasks: tasks.length, notified },
          });
          result.sent++;
        });
      } catch (err) {
        const message = err instanceof Error ? err.message : String(err);
        this.logger.warn(`Weekly digest of organisation ${organisationId} failed: ${message}`);
      }
    }
    return result;
  }
}

function digestTask(t: OpenTaskRow, base: string): DigestTask {
  return {
    tenderReference: t.tenderReference,
    title: t.title,
    lotNumber: t.lotNumber,
    dueOn: t.dueOn,
    since: t.since,
    link: `${base}/zadania-postepowania/${t.taskId}`,
  };
}
