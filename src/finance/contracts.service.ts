import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { AccessPolicyService } from '../auth';
import type { Actor } from '../auth';
import { recordAudit } from '../audit';
import { dateViolation } from '../common/dates';
import { conflict, DomainError, fieldError, rulesViolated, unprocessable } from '../common/errors';
import { toWarsawIso, warsawDate } from '../common/polish-calendar';
import { formatAmount, formatPln, parseAmount } from '../common/money';
import { loadLotContractFacts, lotAwardedOn, warsawLabel } from '../procedure';
import { tenderFacts, TendersService } from '../tenders';
import type { Lot, Tender } from '../tenders';
import { Contract } from './contract.entity';
import type { ContractView, CreateContractDto } from './dto/finance.dto';
import { FinanceAccess } from './finance-access.service';
import { FinanceViews } from './finance-views.service';
import { assertVatFollowsRate } from './vat-rule';

/** Contracts of a tender: who signs under each settlement model; one transaction with its audit event. */
@Injectable()
export class ContractsService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly policy: AccessPolicyService,
    private readonly tenders: TendersService,
    private readonly access: FinanceAccess,
    private readonly views: FinanceViews,
  ) {}

  async createContract(
    actor: Actor,
    tenderId: string,
    dto: CreateContractDto,
  ): Promise<ContractView> {
    const id = await this.dataSource.transaction(async (manager) => {
      const { tender, participants } = await this.access.lockTender(manager, actor, tenderId);
      const lot = await this.access.lotOf(manager, tender, dto.lotId);
      const organisationId = this.signer(tender, dto.organisationId);
      this.policy.assert(actor, {
        action: 'finance.manage',
        tender: tenderFacts(tender, participants),
        organisationId,
      });
      if (lot.awardedNet === null || lot.contractorNip === null) {
        throw unprocessable('LOT_NOT_AWARDED', `Lot ${lot.number} has not been awarded`);
      }
      if (dto.contractorNip !== lot.contractorNip) {
        throw unprocessable(
          'CONTRACTOR_NOT_AWARDED',
          `Lot ${lot.number} was awarded to NIP ${lot.contractorNip}, not ${dto.contractorNip}`,
          { awardedNip: lot.contractorNip },
        );
      }
      await this.assertContractMayBeSigned(manager, tender, lot, dto.signedOn);
      const amountNet = parseAmount(dto.amountNet);
      const amountGross = parseAmount(dto.amountGross);
      if (amountGross < amountNet) {
        throw fieldError('amountGross', 'atLeastNet', 'amountGross may not be less than amountNet');
      }
      const dateProblem = dateViolation('signedOn', dto.signedOn, {
        earliest: [
          {
            on: await lotAwardedOn(manager, lot.id),
            rule: 'notBeforeAward',
            what: `the award of lot ${lot.number}`,
          },
        ],
        latest: [{ on: this.access.today(), rule: 'notInFuture', what: 'today' }],
      });
      if (dateProblem) throw rulesViolated([dateProblem]);
      assertVatFollowsRate(
        'amountGross',
        amountNet,
        amountGross - amountNet,
        lot.vatRate,
        dto.vatExemptionReason,
      );
      if (tender.settlementModel === 'SEPARATE_CONTRACTS') {
        const [share] = await manager.query<{ id: string }[]>(
          `SELECT id FROM shares WHERE lot_id = $1 AND organisation_id = $2 AND status = 'CONFIRMED'`,
          [lot.id, organisationId],
        );
        if (!share) {
          throw unprocessable(
            'NO_CONFIRMED_SHARE',
            `The organisation has no confirmed share in lot ${lot.number}: it signs no contract for it`,
          );
        }
      }
      const existing = await manager.getRepository(Contract).find({ where: { lotId: lot.id } });
      if (existing.some((c) => c.organisationId === organisationId)) {
        throw conflict(
          'CONTRACT_EXISTS',
          `A contract for lot ${lot.number} is already recorded for this organisation`,
        );
      }
      const contracted = existing.reduce((s, c) => s + c.amountNet, 0);
      if (contracted + amountNet > lot.awardedNet) {
        throw unprocessable(
          'CONTRACTS_EXCEED_AWARD',
          `Contracts of lot ${lot.number} would total ${formatPln(contracted + amountNet)} net, more than the awarded ${formatPln(lot.awardedNet)}`,
          {
            awardedNet: formatAmount(lot.awardedNet),
            contractedNet: formatAmount(contracted),
            requestedNet: formatAmount(amountNet),
          },
        );
      }
      const contract = await manager.getRepository(Contract).save(
        manager.getRepository(Contract).create({
          tenderId: tender.id,
          lotId: lot.id,
          organisationId,
          contractorName: dto.contractorName.trim(),
          contractorNip: dto.contractorNip,
          amountNet,
          amountGross,
          signedOn: dto.signedOn,
          vatExemptionReason: dto.vatExemptionReason?.trim() ?? null,
          createdById: actor.userId,
        }),
      );
      await recordAudit(manager, actor, {
        action: 'contract.recorded',
        entityType: 'contract',
        entityId: contract.id,
        tenderId: tender.id,
        partnershipId: tender.partnershipId,
        organisationId,
        data: {
          lot: lot.number,
          contractorName: contract.contractorName,
          contractorNip: contract.contractorNip,
          amountNet: formatAmount(amountNet),
          amountGross: formatAmount(amountGross),
          signedOn: dto.signedOn,
          ...(dto.vatExemptionReason ? { vatExemptionReason: dto.vatExemptionReason.trim() } : {}),
        },
      });
      return contract.id;
    });
    const [view] = await this.views.contractViews(this.dataSource.manager, { id });
    return view;
  }

  async listContracts(actor: Actor, tenderId: string): Promise<ContractView[]> {
    const { tender, participants } = await this.tenders.loadVisible(
      this.dataSource.manager,
      actor,
      tenderId,
      false,
    );
    const rows = await this.views.contractViews(this.dataSource.manager, { tenderId });
    return rows.filter((c) => this.access.canView(actor, tender, participants, c.organisationId));
  }

  /**
   * No contract while an appeal of the lot waits for KIO (art. 577 Pzp), before the standstill
   * (the lot's own STANDSTILL_END, else the schedule's) has passed, or dated on or before its end.
   */
  private async assertContractMayBeSigned(
    manager: EntityManager,
    tender: Tender,
    lot: Lot,
    signedOn: string,
  ): Promise<void> {
    const facts = await loadLotContractFacts(manager, tender.id, lot.id);
    if (!facts) return;
    if (facts.lot.pendingAppeals > 0) {
      const message = `Lot ${lot.number} has a pending appeal to KIO: no contract until the ruling (art. 577 Pzp)`;
      throw new DomainError(422, 'LOT_APPEAL_PENDING', message, [
        { field: 'lotId', rule: 'noPendingAppeal', message },
      ]);
    }
    const standstill = facts.lot.standstill ?? facts.scheduleStandstill;
    if (!standstill) return;
    const due = `${standstill.label} (STANDSTILL_END) due ${warsawLabel(standstill.dueAt)} Europe/Warsaw`;
    const details = {
      deadline: standstill.label,
      kind: standstill.kind,
      dueAt: toWarsawIso(standstill.dueAt),
    };
    if (this.access.now().getTime() < standstill.dueAt.getTime()) {
      const message = `No contract of lot ${lot.number} before the ${due}`;
      throw new DomainError(
        422,
        'CONTRACT_BEFORE_STANDSTILL',
        message,
        [{ field: 'lotId', rule: 'afterStandstill', message }],
        details,
      );
    }
    const day = warsawDate(standstill.dueAt);
    if (signedOn <= day) {
      const message = `signedOn ${signedOn} must be after the end of the standstill on ${day}: ${due}`;
      throw new DomainError(
        422,
        'CONTRACT_BEFORE_STANDSTILL',
        message,
        [{ field: 'signedOn', rule: 'afterStandstill', message }],
        details,
      );
    }
  }

  /** Who signs a contract: the named partner (separate contracts) or the leader. */
  private signer(tender: Tender, organisationId: string | undefined): string {
    return this.access.partyUnderModel(tender, organisationId, {
      required:
        'organisationId (the partner signing the contract) is required under separate contracts',
      code: 'LEADER_SIGNS_THE_CONTRACT',
      leaderOnly: "Under the leader's contract the leader signs the contract for every partner",
    });
  }
}
