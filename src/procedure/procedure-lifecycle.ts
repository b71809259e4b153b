import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { Actor } from '../auth';
import { warsawDate } from '../common/polish-calendar';
import { Clock, deadlineRows } from '../schedule';
import { DeadlineWriter } from '../schedule';
import type { TenderStatus } from '../tenders';
import type { Tender } from '../tenders';
import { loadGateFacts, procedureMissing } from './lifecycle-gates';

/** Deadlines a lifecycle step fulfils: completed (their reminders stop) when the step is taken. */
const FULFILS: Partial<Record<TenderStatus, string[]>> = {
  OFFERS_OPENED: ['OFFERS', 'OPENING'],
  CONTRACTED: ['STANDSTILL_END', 'CONTRACT_SIGNING', 'OFFER_VALIDITY'],
};

/**
 * The procedure's part of the lifecycle, registered on the tenders module's hooks: the gates, the
 * publication day taken from the contract notice, and the deadlines each step completes or cancels.
 */
@Injectable()
export class ProcedureLifecycle {
  constructor(
    private readonly clock: Clock,
    private readonly deadlines: DeadlineWriter,
  ) {}

  /** The time of the acts (the schedule's clock). */
  now(): Date {
    return this.clock.now();
  }

  async missing(manager: EntityManager, tender: Tender, to: TenderStatus): Promise<string[]> {
    if (!['PUBLISHED', 'OFFERS_OPENED', 'AWARDED', 'CONTRACTED'].includes(to)) return [];
    return procedureMissing(to, await loadGateFacts(manager, tender.id, this.clock.now()));
  }

  async publicationDate(manager: EntityManager, tender: Tender): Promise<string | null> {
    const [notice] = await manager.query<{ published_at: Date }[]>(
      `SELECT published_at FROM procedure_notices WHERE tender_id = $1 AND type = 'CONTRACT_NOTICE'`,
      [tender.id],
    );
    return notice ? warsawDate(new Date(notice.published_at)) : null;
  }

  async transitioned(
    manager: EntityManager,
    actor: Actor,
    tender: Tender,
    _from: TenderStatus,
  ): Promise<void> {
    const rows = await manager.query<{ id: string; kind: string; origin: string }[]>(
      `SELECT id, kind, origin FROM ${deadlineRows} deadlines WHERE tender_id = $1 AND status IN ('OPEN', 'MISSED') ORDER BY due_at`,
      [tender.id],
    );
    if (tender.status === 'CANCELLED') {
      for (const d of rows)
        await this.deadlines.cancel(manager, actor, d.id, 'Postępowanie unieważnione');
      return;
    }
    const kinds = FULFILS[tender.status] ?? [];
    for (const d of rows.filter((x) => x.origin === 'SCHEDULE' && kinds.includes(x.kind)))
      await this.deadlines.complete(manager, actor, d.id, `Wykonano: ${tender.status}`);
  }
}
