import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { AccessPolicyService, type Actor } from '../auth';
import { PartnershipsService } from '../partnerships';
import { taskHistories } from '../responsibilities';
import { Clock } from '../schedule';
import { loadTenderGraphs, tenderFacts, tenderIdsOfPartnership, TendersService } from '../tenders';
import { tenderWaits } from './share-waits';
import { taskWaits } from './task-waits';
import {
  measure,
  monthlyTrend,
  perPartner,
  perStep,
  waitingNow,
  type AnyWait,
  type MeasuredWait,
  type MonthlyTrendPoint,
  type StallFigure,
  type StepWait,
  type TaskWait,
} from './stall-stats';

type View<W extends AnyWait> = Omit<MeasuredWait<W>, 'arrived' | 'left'> & { since: string };
/** A share waiting at a step, or a task of the matrix waiting to be done (`step: "TASK"`). */
export type WaitingNowView = View<StepWait> | View<TaskWait>;

export interface StallReport {
  tenderId: string;
  /** When the figures were taken (the schedule's clock). */
  asOf: string;
  /** Shares and tasks waiting now, the longest wait first. */
  waitingNow: WaitingNowView[];
  perStep: StallFigure[];
  perPartner: StallFigure[];
}

export interface PartnershipStallReport {
  partnershipId: string;
  asOf: string;
  /** The window of the figures: waits that ended in it or still go on (the last 12 months). */
  from: string;
  stallEscalationWorkingDays: number;
  waitingNow: Array<WaitingNowView & { tenderId: string; tenderReference: string }>;
  perStep: StallFigure[];
  perPartner: StallFigure[];
  /** Median wait of the waits that ended in each month of the window, oldest first. */
  trend: MonthlyTrendPoint[];
}

const WINDOW_MONTHS = 12;

/** An open task of a cancelled or settled tender waits for nothing any more (as in Moje zadania). */
const ENDED: ReadonlySet<string> = new Set(['CANCELLED', 'SETTLED']);
const stillWaits =
  (statusOf: (tenderId: string) => string | undefined) =>
  (w: TaskWait): boolean =>
    w.left !== null || !ENDED.has(statusOf(w.tenderId) ?? '');

function waitingView(w: MeasuredWait<AnyWait>): WaitingNowView {
  const { arrived, left: _left, ...rest } = w;
  return { ...rest, since: arrived.toISOString() };
}

/**
 * "Where decisions stall", per tender and per partnership: for the leader's procurement officers
 * (tender.manage; partnership.manage) and administrators.
 */
@Injectable()
export class StallsService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly tenders: TendersService,
    private readonly partnerships: PartnershipsService,
    private readonly policy: AccessPolicyService,
    private readonly clock: Clock,
  ) {}

  async tenderReport(actor: Actor, tenderId: string): Promise<StallReport> {
    return this.dataSource.transaction('REPEATABLE READ', async (manager) => {
      const { tender, participants } = await this.tenders.loadVisible(manager, actor, tenderId);
      if (!actor.admin)
        this.policy.assert(actor, {
          action: 'tender.manage',
          tender: tenderFacts(tender, participants),
        });
      const now = this.clock.now();
      const waits: AnyWait[] = [
        ...tenderWaits(tender),
        ...taskWaits(await taskHistories(manager, [tenderId])).filter(
          stillWaits(() => tender.status),
        ),
      ];
      const measured = measure(waits, now);
      return {
        tenderId,
        asOf: now.toISOString(),
        waitingNow: waitingNow(waits, now).map(waitingView),
        perStep: perStep(measured),
        perPartner: perPartner(measured),
      };
    });
  }

  /** The partnership's tenders together over the last 12 months, with the monthly trend. */
  async partnershipReport(actor: Actor, partnershipId: string): Promise<PartnershipStallReport> {
    const partnership = await this.partnerships.get(actor, partnershipId);
    // Members see the partnership (else 404 above); the report is the leader's tool (403).
    if (!actor.admin)
      this.policy.assert(actor, {
        action: 'partnership.manage',
        leaderOrganisationId: partnership.leader.id,
      });
    return this.dataSource.transaction('REPEATABLE READ', async (manager) => {
      const now = this.clock.now();
      const from = new Date(now);
      from.setUTCMonth(from.getUTCMonth() - WINDOW_MONTHS);
      const tenderIds = await tenderIdsOfPartnership(manager, partnershipId);
      const tenders = await loadTenderGraphs(manager, tenderIds);
      const inWindow = (w: AnyWait) => w.left === null || w.left.getTime() >= from.getTime();
      const byShare = new Map<string, { tenderId: string; tenderReference: string }>();
      const references = new Map(tenders.map((t) => [t.id, t.reference]));
      const statuses = new Map<string, string>(tenders.map((t) => [t.id, t.status]));
      const shareWaitsInWindow = tenders.flatMap((t) => {
        for (const l of t.lots ?? [])
          for (const s of l.shares ?? [])
            byShare.set(s.id, { tenderId: t.id, tenderReference: t.reference });
        return tenderWaits(t).filter(inWindow);
      });
      const waits: AnyWait[] = [
        ...shareWaitsInWindow,
        ...taskWaits(await taskHistories(manager, tenderIds))
          .filter(inWindow)
          .filter(stillWaits((id) => statuses.get(id))),
      ];
      const measured = measure(waits, now);
      return {
        partnershipId,
        asOf: now.toISOString(),
        from: from.toISOString(),
        stallEscalationWorkingDays: partnership.stallEscalationWorkingDays,
        waitingNow: waitingNow(waits, now).map((w) => ({
          ...waitingView(w),
          ...('taskId' in w
            ? { tenderId: w.tenderId, tenderReference: references.get(w.tenderId) ?? '' }
            : (byShare.get(w.shareId) as { tenderId: string; tenderReference: string })),
        })),
        perStep: perStep(measured),
        perPartner: perPartner(measured),
        trend: monthlyTrend(measured),
      };
    });
  }
}
