import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { AccessPolicyService, type Actor } from '../auth';
import { Clock } from '../schedule';
import { TendersService, tenderFacts } from '../tenders';
import { shareWaits } from './share-waits';
import {
  measure,
  perPartner,
  perStep,
  waitingNow,
  type MeasuredWait,
  type StallFigure,
} from './stall-stats';

export interface StallReport {
  tenderId: string;
  /** When the figures were taken (the schedule's clock). */
  asOf: string;
  /** Shares waiting now, the longest wait first. */
  waitingNow: Array<Omit<MeasuredWait, 'arrived' | 'left'> & { since: string }>;
  perStep: StallFigure[];
  perPartner: StallFigure[];
}

/** "Where decisions stall" for a tender: for the leader's officers (tender.manage) and administrators. */
@Injectable()
export class StallsService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly tenders: TendersService,
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
      const waits = (tender.lots ?? [])
        .flatMap((l) => l.shares ?? [])
        .flatMap((s) =>
          shareWaits({
            id: s.id,
            partnerId: s.organisationId,
            partnerName: s.organisation?.name ?? s.organisationId,
            status: s.status,
            createdAt: s.createdAt,
            approvals: s.approvals ?? [],
          }),
        );
      const measured = measure(waits, now);
      return {
        tenderId,
        asOf: now.toISOString(),
        waitingNow: waitingNow(waits, now).map(({ arrived, left: _left, ...w }) => ({
          ...w,
          since: arrived.toISOString(),
        })),
        perStep: perStep(measured),
        perPartner: perPartner(measured),
      };
    });
  }
}
