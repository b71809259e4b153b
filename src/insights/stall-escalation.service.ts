import { Injectable, Logger } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { systemActor } from '../auth';
import { recordAudit } from '../audit';
import { warsawDate } from '../common/polish-calendar';
import { NotificationsService } from '../notifications';
import { stallEscalationThresholds } from '../partnerships';
import { Clock } from '../schedule';
import { loadTenderGraphs, tendersWithWaitingShares, type Tender } from '../tenders';
import { tenderWaits } from './share-waits';
import { dueForEscalation, type MeasuredWait, type StallStep } from './stall-stats';

/** What each step waits for, as the head's notification says it. */
export const STALL_STEP_PL: Record<StallStep, string> = {
  COORDINATOR: 'akceptacja koordynatora',
  TREASURER: 'kontrasygnata skarbnika',
  HEAD: 'podpis kierownika jednostki (wójta, burmistrza, starosty)',
  CHANGE_REQUESTED: 'nowa kwota udziału od lidera (partner poprosił o zmianę)',
};

export interface StallSweepResult {
  tenders: number;
  escalated: number;
  failed: number;
}

/**
 * The escalation rule of a partnership: a share that has waited at one step of its chain for at
 * least `stallEscalationWorkingDays` Polish working days (default 5) gets its partner's head
 * notified — once per stay at that step (`stall_escalations`, unique per share, step and arrival),
 * and the escalation is in the tender's history (`share.stall_escalated`). A stay at
 * CHANGE_REQUESTED waits for the leader, so the leader's head is notified. Each tender is its own
 * transaction: one that fails is logged and retried by the next sweep.
 */
@Injectable()
export class StallEscalationService {
  private readonly logger = new Logger(StallEscalationService.name);

  constructor(
    private readonly dataSource: DataSource,
    private readonly notifications: NotificationsService,
    private readonly clock: Clock,
  ) {}

  /**
   * One sweep over every tender with waiting shares, on the schedule's clock; `now` and
   * `onlyTenderIds` narrow it (an operator re-running one tender, a test on its own tender).
   */
  async sweep(now = this.clock.now(), onlyTenderIds?: string[]): Promise<StallSweepResult> {
    const candidates = (await tendersWithWaitingShares(this.dataSource.manager)).filter(
      (c) => !onlyTenderIds || onlyTenderIds.includes(c.tenderId),
    );
    const thresholds = await stallEscalationThresholds(this.dataSource.manager, [
      ...new Set(candidates.map((c) => c.partnershipId)),
    ]);
    const result: StallSweepResult = { tenders: candidates.length, escalated: 0, failed: 0 };
    for (const c of candidates) {
      const after = thresholds.get(c.partnershipId) ?? 5;
      try {
        result.escalated += await this.dataSource.transaction((m) =>
          this.escalateTender(m, c.tenderId, after, now),
        );
      } catch (err) {
        result.failed++;
        const message = err instanceof Error ? err.message : String(err);
        this.logger.warn(
          `Stall sweep skipped tender ${c.tenderId}; it is retried by the next sweep: ${message}`,
        );
      }
    }
    return result;
  }

  private async escalateTender(
    manager: EntityManager,
    tenderId: string,
    afterWorkingDays: number,
    now: Date,
  ): Promise<number> {
    const [tender] = await loadTenderGraphs(manager, [tenderId]);
    if (!tender) return 0;
    const lotOf = new Map(
      (tender.lots ?? []).flatMap((l) => (l.shares ?? []).map((s) => [s.id, l.number] as const)),
    );
    let escalated = 0;
    for (const w of dueForEscalation(tenderWaits(tender), now, afterWorkingDays)) {
      const recipient = w.step === 'CHANGE_REQUESTED' ? tender.leaderOrganisationId : w.partnerId;
      const inserted = await manager.query<{ id: string }[]>(
        `INSERT INTO stall_escalations
           (share_id, tender_id, organisation_id, step, arrived_at, working_days, threshold_working_days, notified, escalated_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, 0, $8)
         ON CONFLICT (share_id, step, arrived_at) DO NOTHING
         RETURNING id`,
        [w.shareId, tender.id, recipient, w.step, w.arrived, w.workingDays, afterWorkingDays, now],
      );
      if (inserted.length === 0) continue;
      const notified = await this.notifyHead(manager, tender, w, recipient, lotOf.get(w.shareId));
      await manager.query('UPDATE stall_escalations SET notified = $2 WHERE id = $1', [
        inserted[0].id,
        notified,
      ]);
      await recordAudit(manager, systemActor('stall-sweep'), {
        action: 'share.stall_escalated',
        entityType: 'share',
        entityId: w.shareId,
        tenderId: tender.id,
        partnershipId: tender.partnershipId,
        organisationId: recipient,
        data: {
          step: w.step,
          partner: w.partnerName,
          lot: lotOf.get(w.shareId),
          since: warsawDate(w.arrived),
          workingDays: w.workingDays,
          thresholdWorkingDays: afterWorkingDays,
          notifiedHeads: notified,
        },
      });
      escalated++;
    }
    return escalated;
  }

  private notifyHead(
    manager: EntityManager,
    tender: Tender,
    w: MeasuredWait,
    organisationId: string,
    lot: number | undefined,
  ): Promise<number> {
    const days = `${w.workingDays} ${workingDaysWord(w.workingDays)}`;
    return this.notifications.notifyRole(manager, organisationId, ['HEAD'], {
      kind: 'share.stalled',
      title: `Decyzja czeka ${days}: ${tender.reference}`,
      body:
        `${tender.reference}${lot !== undefined ? `, część ${lot}` : ''}: udział ${w.partnerName} ` +
        `czeka od ${dayPl(w.arrived)} na krok „${STALL_STEP_PL[w.step]}” – ${days}, ` +
        `dłużej niż ustalone w partnerstwie. Prosimy o przyspieszenie decyzji.`,
      tenderId: tender.id,
      entityType: 'share',
      entityId: w.shareId,
      link: `/postepowania/${tender.id}/zastoje`,
    });
  }
}

/** "02.12.2026 r." (the Warsaw day). */
export function dayPl(instant: Date): string {
  const [y, m, d] = warsawDate(instant).split('-');
  return `${d}.${m}.${y} r.`;
}

const PLURAL = new Intl.PluralRules('pl-PL');

/** "1 dzień roboczy", "2 dni robocze", "5 dni roboczych" (whole days). */
export function workingDaysWord(n: number): string {
  const category = PLURAL.select(n);
  if (category === 'one') return 'dzień roboczy';
  return category === 'few' ? 'dni robocze' : 'dni roboczych';
}
