import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import type { Actor } from '../auth';
import { DomainError, conflict, notFound, unprocessable } from '../common/errors';
import { formatAmount, parseAmount } from '../common/money';
import { warsawDate } from '../common/polish-calendar';
import { Clock, DeadlineWriter, deadlineRows } from '../schedule';
import { warsawDateTime } from '../common/polish-calendar';
import { Lot } from '../tenders';
import { Tender } from '../tenders';
import { TendersService } from '../tenders';
import { Appeal } from './appeal.entity';
import { Committee, CommitteeMember } from './committee.entity';
import type {
  AppointCommitteeDto,
  ExtendOfferValidityDto,
  PlannedAmountDto,
  RecordNoticeDto,
  SetCriteriaDto,
  StatementDto,
} from './dto/procedure.dto';
import { LotProcedure } from './lot-procedure.entity';
import { ProcedureNotice } from './notice.entity';
import { Offer } from './offer.entity';
import { OfferValidityExtension } from './offer-validity-extension.entity';
import { offerValidityExtensionProblem } from './offer-validity';
import {
  assertStatus,
  audit,
  confirmedSharesGross,
  lotOf,
  lotRowForChange,
} from './procedure-store';
import { committeeView, lotProcedureView, noticeView, type ProcedureView } from './procedure-view';
import { extensionBasis, loadOfferValidity } from './offer-validity';
import { checkCriteria } from './scoring';

/** Before the opening: the criteria are part of the SWZ, fixed when the offers arrive. */
const BEFORE_OPENING = ['DRAFT', 'COLLECTING_SHARES', 'READY', 'PUBLISHED'] as const;

/**
 * The procedure up to the opening of offers: notices, each lot's criteria and the amount planned
 * for financing it, the tender committee and the art. 56 statements; and the procedure view.
 */
@Injectable()
export class ProcedureService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly tenders: TendersService,
    private readonly clock: Clock,
    private readonly deadlines: DeadlineWriter,
  ) {}

  async view(actor: Actor, tenderId: string): Promise<ProcedureView> {
    await this.tenders.loadVisible(this.dataSource.manager, actor, tenderId, false);
    return this.load(this.dataSource.manager, tenderId);
  }

  async load(manager: EntityManager, tenderId: string): Promise<ProcedureView> {
    const tender = await manager.getRepository(Tender).findOneOrFail({ where: { id: tenderId } });
    const [lots, rows, offers, appeals, notices, committee, members] = await Promise.all([
      manager.getRepository(Lot).find({ where: { tenderId }, order: { number: 'ASC' } }),
      manager.getRepository(LotProcedure).find({ where: { tenderId } }),
      manager.getRepository(Offer).find({ where: { tenderId }, order: { number: 'ASC' } }),
      manager
        .getRepository(Appeal)
        .find({ where: { tenderId }, order: { filedOn: 'ASC', createdAt: 'ASC' } }),
      manager
        .getRepository(ProcedureNotice)
        .find({ where: { tenderId }, order: { publishedAt: 'ASC' } }),
      manager.getRepository(Committee).findOne({ where: { tenderId } }),
      manager
        .getRepository(CommitteeMember)
        .find({ where: { tenderId }, order: { createdAt: 'ASC' } }),
    ]);
    const lotViews = [];
    for (const lot of lots) {
      lotViews.push(
        lotProcedureView(
          lot,
          await confirmedSharesGross(manager, lot),
          rows.find((r) => r.lotId === lot.id) ?? null,
          offers.filter((o) => o.lotId === lot.id),
          appeals.filter((a) => a.lotId === lot.id),
        ),
      );
    }
    return {
      tenderId,
      status: tender.status,
      ocid: tender.ocid,
      notices: notices.map(noticeView),
      committee: committee ? committeeView(committee, members) : null,
      offerValidity: await loadOfferValidity(manager, tenderId),
      lots: lotViews,
    };
  }

  /**
   * Records the one extension of the offer validity (art. 220 ust. 3 / art. 307 ust. 2 Pzp): the
   * contractors were asked before it ended; the validity deadline moves to the new day.
   */
  async extendOfferValidity(
    actor: Actor,
    tenderId: string,
    dto: ExtendOfferValidityDto,
  ): Promise<ProcedureView> {
    await this.dataSource.transaction(async (manager) => {
      const { tender } = await this.tenders.lockForChange(manager, actor, tenderId, true);
      assertStatus(
        tender,
        ['PUBLISHED', 'OFFERS_OPENED', 'AWARDED'],
        'Extending the offer validity',
      );
      const [deadline] = await manager.query<{ id: string; until: string; status: string }[]>(
        `SELECT id, (due_at AT TIME ZONE 'Europe/Warsaw')::date::text AS until, status FROM ${deadlineRows} deadlines
          WHERE tender_id = $1 AND kind = 'OFFER_VALIDITY' AND origin = 'SCHEDULE' AND status <> 'CANCELLED'`,
        [tenderId],
      );
      if (!deadline)
        throw unprocessable(
          'OFFER_VALIDITY_NOT_SCHEDULED',
          'The schedule has no offer validity (termin związania ofertą): apply the schedule first',
        );
      const existing = await manager
        .getRepository(OfferValidityExtension)
        .findOne({ where: { tenderId } });
      const problem = offerValidityExtensionProblem({
        procedure: tender.procedure,
        currentUntil: deadline.until,
        requestedOn: dto.requestedOn,
        validUntil: dto.validUntil,
        today: warsawDate(this.clock.now()),
        alreadyExtended: existing !== null,
        procedureStartedOn: tender.publishedOn ?? undefined,
      });
      if (problem?.rule === 'once')
        throw conflict('OFFER_VALIDITY_ALREADY_EXTENDED', problem.message, {
          validUntil: existing?.validUntil,
        });
      if (problem)
        throw new DomainError(422, 'OFFER_VALIDITY_EXTENSION_UNLAWFUL', problem.message, [problem]);
      const basis = extensionBasis(tender.procedure);
      const row = await manager.getRepository(OfferValidityExtension).save(
        manager.getRepository(OfferValidityExtension).create({
          tenderId,
          requestedOn: dto.requestedOn,
          previousUntil: deadline.until,
          validUntil: dto.validUntil,
          reason: dto.reason.trim(),
          basis,
          createdById: actor.userId,
          createdByName: actor.displayName ?? null,
        }),
      );
      await this.deadlines.update(manager, actor, deadline.id, {
        dueAt: warsawDateTime(dto.validUntil, '23:59'),
        minimum: { on: dto.validUntil, constraint: 'NOT_AFTER', basis },
        note: `Przedłużony za zgodą wykonawców (wniosek z dnia ${dto.requestedOn}): ${dto.reason.trim()}`,
      });
      await audit(
        manager,
        actor,
        tender,
        'procedure.offer_validity_extended',
        { type: 'offer_validity_extension', id: row.id },
        {
          previousUntil: deadline.until,
          validUntil: dto.validUntil,
          requestedOn: dto.requestedOn,
          basis,
          reason: row.reason,
        },
      );
    });
    return this.load(this.dataSource.manager, tenderId);
  }

  async recordNotice(actor: Actor, tenderId: string, dto: RecordNoticeDto): Promise<ProcedureView> {
    await this.dataSource.transaction(async (manager) => {
      const { tender } = await this.tenders.lockForChange(manager, actor, tenderId, true);
      const publishedAt = new Date(dto.publishedAt);
      if (publishedAt.getTime() > this.clock.now().getTime()) {
        throw new DomainError(
          422,
          'NOTICE_IN_FUTURE',
          'publishedAt is later than now: record a notice once it is published',
          [{ field: 'publishedAt', rule: 'notInFuture', message: 'publishedAt is later than now' }],
        );
      }
      if (dto.type === 'CONTRACT_NOTICE') {
        assertStatus(tender, ['READY'], 'Recording the contract notice');
        const existing = await manager
          .getRepository(ProcedureNotice)
          .findOne({ where: { tenderId, type: 'CONTRACT_NOTICE' } });
        if (existing)
          throw conflict(
            'NOTICE_EXISTS',
            `The contract notice ${existing.number} is already recorded`,
            {
              noticeId: existing.id,
            },
          );
      } else {
        assertStatus(
          tender,
          ['AWARDED', 'CONTRACTED', 'SETTLED', 'CANCELLED'],
          'Recording the result notice',
        );
      }
      if (dto.ocid && tender.ocid && dto.ocid !== tender.ocid) {
        throw new DomainError(422, 'OCID_MISMATCH', `The tender already has ocid ${tender.ocid}`, [
          { field: 'ocid', rule: 'sameAsTender', message: `ocid must be ${tender.ocid}` },
        ]);
      }
      const notice = await manager.getRepository(ProcedureNotice).save(
        manager.getRepository(ProcedureNotice).create({
          tenderId,
          type: dto.type,
          medium: dto.medium,
          number: dto.number.trim(),
          publishedAt,
          ocid: dto.ocid ?? null,
          createdById: actor.userId,
        }),
      );
      if (dto.ocid && !tender.ocid) await manager.update(Tender, tenderId, { ocid: dto.ocid });
      await audit(
        manager,
        actor,
        tender,
        'procedure.notice_recorded',
        { type: 'notice', id: notice.id },
        {
          type: dto.type,
          medium: dto.medium,
          number: notice.number,
          publishedOn: warsawDate(publishedAt),
          publishedAt: publishedAt.toISOString(),
          ...(dto.ocid ? { ocid: dto.ocid } : {}),
        },
      );
    });
    return this.load(this.dataSource.manager, tenderId);
  }

  async setCriteria(actor: Actor, lotId: string, dto: SetCriteriaDto): Promise<ProcedureView> {
    const lot = await lotOf(this.dataSource.manager, lotId);
    await this.dataSource.transaction(async (manager) => {
      const { tender } = await this.tenders.lockForChange(manager, actor, lot.tenderId, true);
      assertStatus(tender, BEFORE_OPENING, 'Setting the criteria');
      const set = {
        criteria: dto.criteria,
        qualityStandardsDescribed: dto.qualityStandardsDescribed ?? false,
      };
      const violations = checkCriteria(set);
      if (violations.length > 0) {
        throw new DomainError(
          400,
          'VALIDATION_FAILED',
          violations.map((v) => v.message).join('; '),
          violations,
        );
      }
      const row = await lotRowForChange(manager, lot);
      await manager.update(LotProcedure, row.id, {
        criteria: set.criteria,
        qualityStandardsDescribed: set.qualityStandardsDescribed,
        version: row.version + 1,
      });
      await audit(
        manager,
        actor,
        tender,
        'procedure.criteria_set',
        { type: 'lot', id: lot.id },
        {
          lot: lot.number,
          criteria: set.criteria.map((c) => ({ name: c.name, weight: c.weight })),
          ...(row.criteria.length > 0
            ? { previous: row.criteria.map((c) => ({ name: c.name, weight: c.weight })) }
            : {}),
        },
      );
    });
    return this.load(this.dataSource.manager, lot.tenderId);
  }

  async setPlannedAmount(
    actor: Actor,
    lotId: string,
    dto: PlannedAmountDto,
  ): Promise<ProcedureView> {
    const lot = await lotOf(this.dataSource.manager, lotId);
    await this.dataSource.transaction(async (manager) => {
      const { tender } = await this.tenders.lockForChange(manager, actor, lot.tenderId, true);
      assertStatus(tender, ['READY', 'PUBLISHED'], 'Recording the amount planned for financing');
      const shares = await confirmedSharesGross(manager, lot);
      const amount = dto.amountGross !== undefined ? parseAmount(dto.amountGross) : shares;
      const other = amount !== shares;
      if (other && !dto.reason?.trim()) {
        const message = `amountGross ${formatAmount(amount)} differs from the partners' confirmed gross shares (${formatAmount(shares)}): give the reason`;
        throw new DomainError(400, 'VALIDATION_FAILED', message, [
          { field: 'reason', rule: 'requiredWhenNotShares', message },
        ]);
      }
      const row = await lotRowForChange(manager, lot);
      await manager.update(LotProcedure, row.id, {
        plannedAmountGross: amount,
        plannedBasis: other ? 'OTHER' : 'SHARES',
        plannedReason: other ? (dto.reason?.trim() ?? null) : null,
        plannedAt: this.clock.now(),
        version: row.version + 1,
      });
      await audit(
        manager,
        actor,
        tender,
        'procedure.planned_amount_recorded',
        { type: 'lot', id: lot.id },
        {
          lot: lot.number,
          amountGross: formatAmount(amount),
          basis: other ? 'OTHER' : 'SHARES',
          ...(row.plannedAmountGross !== null
            ? { previous: formatAmount(row.plannedAmountGross) }
            : {}),
          ...(other ? { reason: dto.reason?.trim() } : {}),
        },
      );
    });
    return this.load(this.dataSource.manager, lot.tenderId);
  }

  async appointCommittee(
    actor: Actor,
    tenderId: string,
    dto: AppointCommitteeDto,
  ): Promise<ProcedureView> {
    await this.dataSource.transaction(async (manager) => {
      const { tender } = await this.tenders.lockForChange(manager, actor, tenderId, true);
      assertStatus(tender, ['READY', 'PUBLISHED'], 'Appointing the tender committee');
      if (await manager.getRepository(Committee).exist({ where: { tenderId } }))
        throw conflict('COMMITTEE_EXISTS', 'The tender committee is already appointed');
      const heads = dto.members.filter((m) => m.function === 'HEAD').length;
      const members = dto.members.filter((m) => m.function !== 'HEAD').length;
      const errors = [];
      if (heads !== 1)
        errors.push({
          field: 'members',
          rule: 'oneHead',
          message: `name the head of the contracting authority once (function HEAD); now ${heads}`,
        });
      if (members < 3)
        errors.push({
          field: 'members',
          rule: 'atLeastThreeMembers',
          message: `the committee has at least 3 members (art. 55 ust. 2 Pzp); now ${members}`,
        });
      if (dto.members.filter((m) => m.function === 'CHAIR').length !== 1)
        errors.push({
          field: 'members',
          rule: 'oneChair',
          message: 'the committee has exactly one chair (CHAIR)',
        });
      if (errors.length > 0)
        throw new DomainError(
          400,
          'VALIDATION_FAILED',
          errors.map((e) => e.message).join('; '),
          errors,
        );
      const committee = await manager.getRepository(Committee).save(
        manager.getRepository(Committee).create({
          tenderId,
          orderNumber: dto.orderNumber.trim(),
          orderDate: dto.orderDate,
          createdById: actor.userId,
        }),
      );
      for (const m of dto.members) {
        await manager.insert(CommitteeMember, {
          tenderId,
          committeeId: committee.id,
          userId: m.userId ?? null,
          name: m.name.trim(),
          function: m.function,
        });
      }
      await audit(
        manager,
        actor,
        tender,
        'procedure.committee_appointed',
        { type: 'committee', id: committee.id },
        {
          orderNumber: committee.orderNumber,
          orderDate: committee.orderDate,
          members: dto.members.map((m) => ({ name: m.name.trim(), function: m.function })),
        },
      );
    });
    return this.load(this.dataSource.manager, tenderId);
  }

  async recordStatement(actor: Actor, memberId: string, dto: StatementDto): Promise<ProcedureView> {
    const member = await this.dataSource
      .getRepository(CommitteeMember)
      .findOne({ where: { id: memberId } });
    if (!member) throw notFound('CommitteeMember', memberId);
    await this.dataSource.transaction(async (manager) => {
      const { tender } = await this.tenders.lockForChange(manager, actor, member.tenderId, true);
      assertStatus(
        tender,
        ['READY', 'PUBLISHED', 'OFFERS_OPENED'],
        'Recording an art. 56 statement',
      );
      if (member.conflict !== null) {
        throw conflict(
          'STATEMENT_EXISTS',
          `${member.name} has already made the art. 56 statement`,
          {
            statementOn: member.statementOn,
          },
        );
      }
      const excluded = dto.conflict && member.function !== 'HEAD';
      await manager.update(CommitteeMember, member.id, {
        statementOn: dto.statementOn,
        conflict: dto.conflict,
        statementNote: dto.note?.trim() || null,
        excludedAt: excluded ? this.clock.now() : null,
      });
      await audit(
        manager,
        actor,
        tender,
        'procedure.statement_recorded',
        { type: 'committee_member', id: member.id },
        {
          name: member.name,
          function: member.function,
          statementOn: dto.statementOn,
          conflict: dto.conflict,
          excluded,
        },
      );
    });
    return this.load(this.dataSource.manager, member.tenderId);
  }
}
