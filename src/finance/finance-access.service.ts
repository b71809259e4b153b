import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { AccessPolicyService } from '../auth';
import type { Actor } from '../auth';
import { todayInWarsaw } from '../common/dates';
import {
  conflict,
  DomainError,
  fieldError,
  forbidden,
  notFound,
  unprocessable,
} from '../common/errors';
import { Clock } from '../schedule';
import { Lot, tenderFacts, TendersService } from '../tenders';
import type { Tender } from '../tenders';
import { assertPaymentVersion } from './payment-checks';
import { payerOf } from './payment-kinds';
import { Payment } from './payment.entity';

/** Tender statuses in which contracts, invoices and payments are recorded. */
export const FINANCE_OPEN: readonly string[] = ['AWARDED', 'CONTRACTED'];

export interface Loaded {
  tender: Tender;
  participants: string[];
}

/**
 * What every finance use case shares: the date, who sees a partner's finance, and the tender or
 * payment locked for a change (only in the statuses in which finance is recorded).
 */
@Injectable()
export class FinanceAccess {
  constructor(
    private readonly policy: AccessPolicyService,
    private readonly tenders: TendersService,
    private readonly clock: Clock,
  ) {}

  today(): string {
    return todayInWarsaw(this.clock.now());
  }

  now(): Date {
    return this.clock.now();
  }

  canView(actor: Actor, tender: Tender, participants: string[], organisationId: string): boolean {
    return this.policy.can(actor, {
      action: 'finance.view',
      tender: tenderFacts(tender, participants),
      organisationId,
    });
  }

  canManage(actor: Actor, tender: Tender, participants: string[], organisationId: string): boolean {
    return this.policy.can(actor, {
      action: 'finance.manage',
      tender: tenderFacts(tender, participants),
      organisationId,
    });
  }

  assertView(actor: Actor, tender: Tender, participants: string[], organisationId: string): void {
    this.policy.assert(actor, {
      action: 'finance.view',
      tender: tenderFacts(tender, participants),
      organisationId,
    });
  }

  async lockTender(manager: EntityManager, actor: Actor, tenderId: string): Promise<Loaded> {
    const loaded = await this.tenders.lockForChange(manager, actor, tenderId, false);
    if (!FINANCE_OPEN.includes(loaded.tender.status)) {
      throw conflict(
        'TENDER_NOT_IN_FINANCE_STATUS',
        `Contracts, invoices and payments are recorded for an AWARDED or CONTRACTED tender; this one is ${loaded.tender.status}`,
        { currentStatus: loaded.tender.status },
      );
    }
    return loaded;
  }

  async lockPayment(
    manager: EntityManager,
    actor: Actor,
    id: string,
  ): Promise<Loaded & { payment: Payment }> {
    const row = await manager.getRepository(Payment).findOne({ where: { id } });
    if (!row) throw notFound('Payment', id);
    const loaded = await this.hideTender(id, () => this.lockTender(manager, actor, row.tenderId));
    const payment = await manager
      .getRepository(Payment)
      .findOneOrFail({ where: { id }, lock: { mode: 'pessimistic_write' } });
    if (!this.canView(actor, loaded.tender, loaded.participants, payment.organisationId)) {
      const payer = payerOf(payment, loaded.tender.leaderOrganisationId);
      if (!this.canView(actor, loaded.tender, loaded.participants, payer))
        throw forbidden('FORBIDDEN', "You do not keep this partner's finance");
    }
    return { ...loaded, payment };
  }

  /**
   * The payment locked for a change by whoever manages its payer's finance (`by: 'leader'`: the
   * leader's, for a subsidy's settlement), at the version the client saw.
   */
  async lockPaymentToManage(
    manager: EntityManager,
    actor: Actor,
    id: string,
    version: number | undefined,
    by: 'payer' | 'leader' = 'payer',
  ): Promise<Loaded & { payment: Payment }> {
    const loaded = await this.lockPayment(manager, actor, id);
    const { payment, tender, participants } = loaded;
    this.policy.assert(actor, {
      action: 'finance.manage',
      tender: tenderFacts(tender, participants),
      organisationId:
        by === 'leader'
          ? tender.leaderOrganisationId
          : payerOf(payment, tender.leaderOrganisationId),
    });
    assertPaymentVersion(payment, version);
    return loaded;
  }

  /** A payment of a tender the actor cannot see is "not found", like the tender. */
  async hideTender<T>(id: string, load: () => Promise<T>): Promise<T> {
    try {
      return await load();
    } catch (err) {
      if (err instanceof DomainError && err.status === 404) throw notFound('Payment', id);
      throw err;
    }
  }

  async lotOf(manager: EntityManager, tender: Tender, lotId: string): Promise<Lot> {
    const lot = await manager
      .getRepository(Lot)
      .findOne({ where: { id: lotId, tenderId: tender.id } });
    if (!lot) throw fieldError('lotId', 'lotOfTender', 'lotId is not a lot of this tender');
    return lot;
  }

  /** Separate contracts need the partner named; under the leader's contract it is the leader. */
  partyUnderModel(
    tender: Tender,
    organisationId: string | undefined,
    messages: { required: string; code: string; leaderOnly: string },
  ): string {
    if (tender.settlementModel === 'SEPARATE_CONTRACTS') {
      if (!organisationId) throw fieldError('organisationId', 'isDefined', messages.required);
      return organisationId;
    }
    if (organisationId && organisationId !== tender.leaderOrganisationId) {
      throw unprocessable(messages.code, messages.leaderOnly);
    }
    return tender.leaderOrganisationId;
  }
}
