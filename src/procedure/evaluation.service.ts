import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { hasRole } from '../auth';
import type { Actor } from '../auth';
import { DomainError, conflict, forbidden, notFound, unprocessable } from '../common/errors';
import { formatAmount, formatPln, parseAmount } from '../common/money';
import { Clock, DeadlineWriter, deadlineRows } from '../schedule';
import { NotificationsService } from '../notifications';
import { Lot } from '../tenders';
import { Share } from '../tenders';
import { TendersService } from '../tenders';
import { Appeal } from './appeal.entity';
import type {
  ApproveDto,
  CancelLotDto,
  DecideAppealDto,
  RecommendDto,
  RecordAppealDto,
  RecordOfferDto,
  RejectOfferDto,
} from './dto/procedure.dto';
import { LotProcedure } from './lot-procedure.entity';
import { offersDeadline } from './lifecycle-gates';
import { Offer } from './offer.entity';
import {
  assertStatus,
  assertProcedureVersion,
  audit,
  lotOf,
  lotRowForChange,
} from './procedure-store';
import { ProcedureService } from './procedure.service';
import {
  evaluate,
  evaluationView,
  type EvaluationView,
  type ProcedureView,
} from './procedure-view';

/**
 * After the opening: the offers of each lot with their rejections, the ranking, the committee's
 * recommendation and the head's approval (the award), a lot's cancellation, and appeals to KIO.
 */
@Injectable()
export class EvaluationService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly tenders: TendersService,
    private readonly procedure: ProcedureService,
    private readonly notifications: NotificationsService,
    private readonly clock: Clock,
    private readonly deadlines: DeadlineWriter,
  ) {}

  async evaluation(actor: Actor, lotId: string): Promise<EvaluationView> {
    const lot = await lotOf(this.dataSource.manager, lotId);
    await this.tenders.loadVisible(this.dataSource.manager, actor, lot.tenderId, false);
    const row = await this.dataSource.getRepository(LotProcedure).findOne({ where: { lotId } });
    const offers = await this.dataSource.getRepository(Offer).find({ where: { lotId } });
    return evaluationView(evaluate(row?.criteria ?? [], offers));
  }

  async recordOffer(actor: Actor, lotId: string, dto: RecordOfferDto): Promise<ProcedureView> {
    const lot = await lotOf(this.dataSource.manager, lotId);
    await this.dataSource.transaction(async (manager) => {
      const { tender } = await this.tenders.lockForChange(manager, actor, lot.tenderId, true);
      assertStatus(tender, ['OFFERS_OPENED'], 'Recording an offer');
      const row = await lotRowForChange(manager, lot);
      const priceNet = parseAmount(dto.priceNet);
      const priceGross = parseAmount(dto.priceGross);
      const errors: { field: string; rule: string; message: string }[] = [];
      if (priceGross < priceNet)
        errors.push({
          field: 'priceGross',
          rule: 'notBelowNet',
          message: 'priceGross is below priceNet',
        });
      const values = dto.criteriaValues ?? {};
      const others = row.criteria.filter((c) => c.kind === 'OTHER');
      for (const c of others) {
        const v = values[c.key];
        if (typeof v !== 'number' || !Number.isFinite(v) || v < 0)
          errors.push({
            field: `criteriaValues.${c.key}`,
            rule: 'criterionValue',
            message: `criteriaValues.${c.key} (${c.name}) must be a number ≥ 0`,
          });
      }
      for (const key of Object.keys(values)) {
        if (!others.some((c) => c.key === key))
          errors.push({
            field: `criteriaValues.${key}`,
            rule: 'criterionOfLot',
            message: `${key} is not a non-price criterion of lot ${lot.number}`,
          });
      }
      if (errors.length > 0)
        throw new DomainError(
          400,
          'VALIDATION_FAILED',
          errors.map((e) => e.message).join('; '),
          errors,
        );
      const receivedAt = new Date(dto.receivedAt);
      const deadline = await offersDeadline(manager, tender.id);
      if (deadline && receivedAt.getTime() > deadline.dueAt.getTime()) {
        throw unprocessable(
          'OFFER_AFTER_DEADLINE',
          `receivedAt is after the offers deadline (${deadline.label}): a late offer is not opened (art. 226 ust. 1 pkt 1 Pzp)`,
          { deadline: deadline.dueAt.toISOString() },
        );
      }
      const [{ n }] = await manager.query<{ n: number }[]>(
        'SELECT coalesce(max(number), 0)::int + 1 AS n FROM offers WHERE lot_id = $1',
        [lot.id],
      );
      const offer = await manager.getRepository(Offer).save(
        manager.getRepository(Offer).create({
          tenderId: tender.id,
          lotId: lot.id,
          number: n,
          contractorName: dto.contractorName.trim(),
          contractorNip: dto.contractorNip,
          contractorAddress: dto.contractorAddress.trim(),
          priceNet,
          priceGross,
          criteriaValues: values,
          receivedAt,
          createdById: actor.userId,
        }),
      );
      await audit(
        manager,
        actor,
        tender,
        'procedure.offer_recorded',
        { type: 'offer', id: offer.id },
        {
          lot: lot.number,
          number: n,
          contractorName: offer.contractorName,
          contractorNip: offer.contractorNip,
          priceGross: formatAmount(priceGross),
          receivedAt: offer.receivedAt.toISOString(),
        },
      );
    });
    return this.procedure.load(this.dataSource.manager, lot.tenderId);
  }

  async rejectOffer(actor: Actor, offerId: string, dto: RejectOfferDto): Promise<ProcedureView> {
    const found = await this.dataSource.getRepository(Offer).findOne({ where: { id: offerId } });
    if (!found) throw notFound('Offer', offerId);
    await this.dataSource.transaction(async (manager) => {
      const { tender } = await this.tenders.lockForChange(manager, actor, found.tenderId, true);
      assertStatus(tender, ['OFFERS_OPENED'], 'Rejecting an offer');
      const offer = await manager
        .getRepository(Offer)
        .findOneOrFail({ where: { id: offerId }, lock: { mode: 'pessimistic_write' } });
      assertProcedureVersion(offer, dto.version, 'offer');
      if (offer.status === 'REJECTED')
        throw conflict('OFFER_ALREADY_REJECTED', `Offer ${offer.number} is already rejected`);
      const lot = await lotOf(manager, offer.lotId);
      const row = await lotRowForChange(manager, lot);
      if (row.outcome !== 'PENDING')
        throw conflict(
          'LOT_ALREADY_DECIDED',
          `Lot ${lot.number} is ${row.outcome}: its offers are final`,
          {
            outcome: row.outcome,
          },
        );
      await manager.update(Offer, offer.id, {
        status: 'REJECTED',
        rejectionPoint: dto.point,
        rejectionReason: dto.reason.trim(),
        rejectedAt: this.clock.now(),
        version: offer.version + 1,
      });
      await audit(
        manager,
        actor,
        tender,
        'procedure.offer_rejected',
        { type: 'offer', id: offer.id },
        {
          lot: lot.number,
          number: offer.number,
          contractorName: offer.contractorName,
          basis: `art. 226 ust. 1 pkt ${dto.point}`,
          reason: dto.reason.trim(),
          at: this.clock.now().toISOString(),
        },
      );
    });
    return this.procedure.load(this.dataSource.manager, found.tenderId);
  }

  async recommend(actor: Actor, lotId: string, dto: RecommendDto): Promise<ProcedureView> {
    const lot = await lotOf(this.dataSource.manager, lotId);
    await this.dataSource.transaction(async (manager) => {
      const { tender } = await this.tenders.lockForChange(manager, actor, lot.tenderId, true);
      assertStatus(tender, ['OFFERS_OPENED'], 'Recording the committee’s recommendation');
      const row = await lotRowForChange(manager, lot);
      assertProcedureVersion(row, dto.version, `procedure of lot ${lot.number}`);
      if (row.outcome !== 'PENDING')
        throw conflict('LOT_ALREADY_DECIDED', `Lot ${lot.number} is ${row.outcome}`, {
          outcome: row.outcome,
        });
      const offers = await manager.getRepository(Offer).find({ where: { lotId } });
      const ranking = evaluate(row.criteria, offers);
      if (ranking.tie === 'TIE')
        throw unprocessable(
          'OFFERS_TIE',
          `The best offers of lot ${lot.number} have the same points and the same price: ask their contractors for additional offers (art. 248 ust. 3 Pzp)`,
        );
      if (!ranking.bestOfferId)
        throw unprocessable(
          'NO_VALID_OFFER',
          `Lot ${lot.number} has no valid offer: cancel it (art. 255 pkt 1 or 2 Pzp)`,
        );
      if (dto.offerId !== ranking.bestOfferId) {
        const best = offers.find((o) => o.id === ranking.bestOfferId) as Offer;
        throw new DomainError(
          422,
          'NOT_THE_BEST_OFFER',
          `Only the best valid offer can be selected (art. 239 ust. 1 Pzp): in lot ${lot.number} it is offer ${best.number} (${best.contractorName})`,
          [{ field: 'offerId', rule: 'bestOffer', message: `offerId must be ${best.id}` }],
        );
      }
      await manager.update(LotProcedure, row.id, {
        outcome: 'RECOMMENDED',
        selectedOfferId: dto.offerId,
        recommendation: dto.recommendation.trim(),
        recommendedAt: this.clock.now(),
        recommendedByName: actor.displayName,
        version: row.version + 1,
      });
      const best = offers.find((o) => o.id === dto.offerId) as Offer;
      await audit(
        manager,
        actor,
        tender,
        'procedure.award_recommended',
        { type: 'lot', id: lot.id },
        {
          at: this.clock.now().toISOString(),
          lot: lot.number,
          number: best.number,
          contractorName: best.contractorName,
          priceGross: formatAmount(best.priceGross),
        },
      );
    });
    return this.procedure.load(this.dataSource.manager, lot.tenderId);
  }

  async approve(actor: Actor, lotId: string, dto: ApproveDto): Promise<ProcedureView> {
    const lot = await lotOf(this.dataSource.manager, lotId);
    await this.dataSource.transaction(async (manager) => {
      const { tender } = await this.tenders.lockForChange(manager, actor, lot.tenderId, false);
      if (!actor.admin && !hasRole(actor, tender.leaderOrganisationId, 'HEAD'))
        throw forbidden(
          'FORBIDDEN',
          "Only the leader's head (kierownik zamawiającego) approves the selection of the best offer",
        );
      assertStatus(tender, ['OFFERS_OPENED'], 'Approving the selection');
      const row = await lotRowForChange(manager, lot);
      assertProcedureVersion(row, dto.version, `procedure of lot ${lot.number}`);
      if (row.outcome !== 'RECOMMENDED' || !row.selectedOfferId)
        throw conflict(
          'LOT_NOT_RECOMMENDED',
          `Lot ${lot.number} has no recommendation of the committee to approve`,
          {
            outcome: row.outcome,
          },
        );
      const offer = await manager
        .getRepository(Offer)
        .findOneOrFail({ where: { id: row.selectedOfferId } });
      await manager.update(LotProcedure, row.id, {
        outcome: 'AWARDED',
        approvedAt: this.clock.now(),
        approvedByName: actor.displayName,
        version: row.version + 1,
      });
      await manager.update(Lot, lot.id, {
        contractorName: offer.contractorName,
        contractorNip: offer.contractorNip,
        awardedNet: offer.priceNet,
      });
      await audit(
        manager,
        actor,
        tender,
        'procedure.award_approved',
        { type: 'lot', id: lot.id },
        {
          at: this.clock.now().toISOString(),
          lot: lot.number,
          number: offer.number,
          contractorName: offer.contractorName,
          amountNet: formatAmount(offer.priceNet),
          amountGross: formatAmount(offer.priceGross),
        },
      );
    });
    return this.procedure.load(this.dataSource.manager, lot.tenderId);
  }

  async cancelLot(actor: Actor, lotId: string, dto: CancelLotDto): Promise<ProcedureView> {
    const lot = await lotOf(this.dataSource.manager, lotId);
    await this.dataSource.transaction(async (manager) => {
      const { tender } = await this.tenders.lockForChange(manager, actor, lot.tenderId, true);
      assertStatus(tender, ['PUBLISHED', 'OFFERS_OPENED'], 'Cancelling a lot');
      const row = await lotRowForChange(manager, lot);
      assertProcedureVersion(row, dto.version, `procedure of lot ${lot.number}`);
      if (row.outcome === 'AWARDED' || row.outcome === 'CANCELLED')
        throw conflict('LOT_ALREADY_DECIDED', `Lot ${lot.number} is ${row.outcome}`, {
          outcome: row.outcome,
        });
      await manager.update(LotProcedure, row.id, {
        outcome: 'CANCELLED',
        selectedOfferId: null,
        cancelPoint: dto.point,
        cancelReason: dto.reason.trim(),
        cancelledAt: this.clock.now(),
        version: row.version + 1,
      });
      // The lot's own deadlines (its standstill, its signing…) will not come: they are cancelled.
      const own = await manager.query<{ id: string }[]>(
        `SELECT id FROM ${deadlineRows} deadlines WHERE subject_type = 'lot' AND subject_id = $1 AND status IN ('OPEN', 'MISSED')`,
        [lot.id],
      );
      for (const d of own)
        await this.deadlines.cancel(
          manager,
          actor,
          d.id,
          `Część ${lot.number} unieważniona (art. 255 pkt ${dto.point} ustawy Pzp)`,
        );
      // The partners' money for this lot is no longer needed: tell their treasurers.
      const shares = await manager
        .getRepository(Share)
        .find({ where: { lotId, status: 'CONFIRMED' } });
      for (const s of shares) {
        await this.notifications.notifyRole(
          manager,
          s.organisationId,
          ['TREASURER', 'COORDINATOR'],
          {
            kind: 'procedure.lot_cancelled',
            title: `Unieważniono część ${lot.number}: ${tender.reference}`,
            body: `Część ${lot.number} „${lot.title}” unieważniono na podstawie art. 255 pkt ${dto.point} ustawy Pzp. Udział Waszej jednostki (${formatPln(s.amountNet)} netto) jest zwolniony. Powód: ${dto.reason.trim()}`,
            tenderId: tender.id,
            link: `/postepowania/${tender.id}`,
          },
        );
      }
      await audit(
        manager,
        actor,
        tender,
        'procedure.lot_cancelled',
        { type: 'lot', id: lot.id },
        {
          at: this.clock.now().toISOString(),
          lot: lot.number,
          basis: `art. 255 pkt ${dto.point}`,
          reason: dto.reason.trim(),
          releasedShares: shares.map((s) => ({
            organisationId: s.organisationId,
            amountNet: formatAmount(s.amountNet),
          })),
        },
      );
    });
    return this.procedure.load(this.dataSource.manager, lot.tenderId);
  }

  async recordAppeal(actor: Actor, lotId: string, dto: RecordAppealDto): Promise<ProcedureView> {
    const lot = await lotOf(this.dataSource.manager, lotId);
    await this.dataSource.transaction(async (manager) => {
      const { tender } = await this.tenders.lockForChange(manager, actor, lot.tenderId, true);
      assertStatus(tender, ['PUBLISHED', 'OFFERS_OPENED', 'AWARDED'], 'Recording an appeal');
      const appeal = await manager.getRepository(Appeal).save(
        manager.getRepository(Appeal).create({
          tenderId: tender.id,
          lotId,
          appellant: dto.appellant.trim(),
          filedOn: dto.filedOn,
          kioReference: dto.kioReference?.trim() || null,
          subject: dto.subject.trim(),
          createdById: actor.userId,
        }),
      );
      await audit(
        manager,
        actor,
        tender,
        'procedure.appeal_recorded',
        { type: 'appeal', id: appeal.id },
        {
          lot: lot.number,
          appellant: appeal.appellant,
          filedOn: appeal.filedOn,
          ...(appeal.kioReference ? { kioReference: appeal.kioReference } : {}),
        },
      );
    });
    return this.procedure.load(this.dataSource.manager, lot.tenderId);
  }

  async decideAppeal(actor: Actor, appealId: string, dto: DecideAppealDto): Promise<ProcedureView> {
    const found = await this.dataSource.getRepository(Appeal).findOne({ where: { id: appealId } });
    if (!found) throw notFound('Appeal', appealId);
    await this.dataSource.transaction(async (manager) => {
      const { tender } = await this.tenders.lockForChange(manager, actor, found.tenderId, true);
      const appeal = await manager
        .getRepository(Appeal)
        .findOneOrFail({ where: { id: appealId }, lock: { mode: 'pessimistic_write' } });
      assertProcedureVersion(appeal, dto.version, 'appeal');
      if (appeal.status !== 'PENDING')
        throw conflict('APPEAL_DECIDED', `The appeal is already ${appeal.status}`, {
          status: appeal.status,
        });
      await manager.update(Appeal, appeal.id, {
        status: dto.status,
        decidedOn: dto.decidedOn,
        outcomeNote: dto.outcomeNote?.trim() || null,
        version: appeal.version + 1,
      });
      const lot = await lotOf(manager, appeal.lotId);
      await audit(
        manager,
        actor,
        tender,
        'procedure.appeal_decided',
        { type: 'appeal', id: appeal.id },
        {
          lot: lot.number,
          appellant: appeal.appellant,
          status: dto.status,
          decidedOn: dto.decidedOn,
        },
      );
    });
    return this.procedure.load(this.dataSource.manager, found.tenderId);
  }
}
