import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager, IsNull } from 'typeorm';
import { AccessPolicyService } from '../auth';
import type { Actor } from '../auth';
import { recordAudit } from '../audit';
import { dateViolation } from '../common/dates';
import {
  conflict,
  DomainError,
  fieldError,
  notFound,
  rulesViolated,
  unprocessable,
} from '../common/errors';
import { toWarsawIso, warsawDate } from '../common/polish-calendar';
import { formatAmount, formatPln, parseAmount } from '../common/money';
import { loadLotContractFacts, lotAwardedOn, warsawLabel } from '../procedure';
import { confirmedShareOf, tenderFacts, TendersService } from '../tenders';
import type { Lot, Tender } from '../tenders';
import { Contract } from './contract.entity';
import { ContractAmendment } from './contract-amendment.entity';
import type {
  AmendContractDto,
  ContractView,
  CorrectionReasonDto,
  CreateContractDto,
} from './dto/finance.dto';
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
        const share = await confirmedShareOf(manager, lot.id, organisationId);
        if (!share) {
          throw unprocessable(
            'NO_CONFIRMED_SHARE',
            `The organisation has no confirmed share in lot ${lot.number}: it signs no contract for it`,
          );
        }
      }
      const existing = await manager
        .getRepository(Contract)
        .find({ where: { lotId: lot.id, cancelledAt: IsNull() } });
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

  /**
   * An amendment (aneks): new amounts from its signing day, with the reason; the original amounts
   * stay in the amendment's record. Not below what is already invoiced, not above the award.
   */
  async amendContract(
    actor: Actor,
    contractId: string,
    dto: AmendContractDto,
  ): Promise<ContractView> {
    const reason = dto.reason.trim();
    await this.dataSource.transaction(async (manager) => {
      const { contract, tender, lot } = await this.lockContract(manager, actor, contractId);
      const amountNet = parseAmount(dto.amountNet);
      const amountGross = parseAmount(dto.amountGross);
      if (amountGross < amountNet) {
        throw fieldError('amountGross', 'atLeastNet', 'amountGross may not be less than amountNet');
      }
      assertVatFollowsRate(
        'amountGross',
        amountNet,
        amountGross - amountNet,
        lot.vatRate,
        dto.vatExemptionReason,
      );
      const dateProblem = dateViolation('signedOn', dto.signedOn, {
        earliest: [{ on: contract.signedOn, rule: 'notBeforeContract', what: 'the contract' }],
        latest: [{ on: this.access.today(), rule: 'notInFuture', what: 'today' }],
      });
      if (dateProblem) throw rulesViolated([dateProblem]);
      const [billed] = await manager.query<{ net: string; gross: string }[]>(
        `SELECT COALESCE(SUM(net), 0) AS net, COALESCE(SUM(gross), 0) AS gross
           FROM invoices WHERE contract_id = $1 AND cancelled_at IS NULL AND corrected_by_id IS NULL`,
        [contract.id],
      );
      if (amountNet < Number(billed.net) || amountGross < Number(billed.gross)) {
        throw unprocessable(
          'AMENDMENT_BELOW_INVOICED',
          `The contract is already invoiced for ${formatPln(Number(billed.gross))} gross; the amendment cannot go below it`,
        );
      }
      const others = await manager.query<{ net: string }[]>(
        `SELECT COALESCE(SUM(amount_net), 0) AS net FROM contracts
          WHERE lot_id = $1 AND id <> $2 AND cancelled_at IS NULL`,
        [lot.id, contract.id],
      );
      if (lot.awardedNet !== null && Number(others[0].net) + amountNet > lot.awardedNet) {
        throw unprocessable(
          'CONTRACTS_EXCEED_AWARD',
          `Contracts of lot ${lot.number} would total ${formatPln(Number(others[0].net) + amountNet)} net, more than the awarded ${formatPln(lot.awardedNet)}`,
        );
      }
      await manager.insert(ContractAmendment, {
        contractId: contract.id,
        tenderId: tender.id,
        signedOn: dto.signedOn,
        reason,
        amountNetBefore: contract.amountNet,
        amountGrossBefore: contract.amountGross,
        amountNet,
        amountGross,
        createdById: actor.userId,
      });
      await manager.update(Contract, contract.id, { amountNet, amountGross });
      await recordAudit(manager, actor, {
        action: 'contract.amended',
        entityType: 'contract',
        entityId: contract.id,
        tenderId: tender.id,
        partnershipId: tender.partnershipId,
        organisationId: contract.organisationId,
        data: {
          lot: lot.number,
          signedOn: dto.signedOn,
          reason,
          amountNet: { from: formatAmount(contract.amountNet), to: formatAmount(amountNet) },
          amountGross: { from: formatAmount(contract.amountGross), to: formatAmount(amountGross) },
        },
      });
    });
    const [view] = await this.views.contractViews(this.dataSource.manager, { id: contractId });
    return view;
  }

  /** Cancels a contract recorded by mistake; its invoices must be cancelled first. */
  async cancelContract(
    actor: Actor,
    contractId: string,
    dto: CorrectionReasonDto,
  ): Promise<ContractView> {
    const reason = dto.reason.trim();
    await this.dataSource.transaction(async (manager) => {
      const { contract, tender, lot } = await this.lockContract(manager, actor, contractId);
      const [row] = await manager.query<{ n: number }[]>(
        'SELECT count(*)::int AS n FROM invoices WHERE contract_id = $1 AND cancelled_at IS NULL',
        [contract.id],
      );
      if (row.n > 0) {
        throw conflict(
          'CONTRACT_HAS_INVOICES',
          `${row.n} invoice(s) bill this contract: cancel them first (or amend the contract)`,
        );
      }
      await manager.update(Contract, contract.id, {
        cancelledAt: new Date(),
        cancelReason: reason,
        cancelledById: actor.userId,
      });
      await recordAudit(manager, actor, {
        action: 'contract.cancelled',
        entityType: 'contract',
        entityId: contract.id,
        tenderId: tender.id,
        partnershipId: tender.partnershipId,
        organisationId: contract.organisationId,
        data: { lot: lot.number, contractorNip: contract.contractorNip, reason },
      });
    });
    const [view] = await this.views.contractViews(this.dataSource.manager, { id: contractId });
    return view;
  }

  private async lockContract(manager: EntityManager, actor: Actor, contractId: string) {
    const row = await manager.getRepository(Contract).findOne({ where: { id: contractId } });
    if (!row) throw notFound('Contract', contractId);
    const { tender, participants } = await this.access.lockTender(manager, actor, row.tenderId);
    const contract = await manager
      .getRepository(Contract)
      .findOneOrFail({ where: { id: contractId }, lock: { mode: 'pessimistic_write' } });
    this.policy.assert(actor, {
      action: 'finance.manage',
      tender: tenderFacts(tender, participants),
      organisationId: contract.organisationId,
    });
    if (contract.cancelledAt) throw conflict('CONTRACT_CANCELLED', 'The contract is cancelled');
    const lot = await this.access.lotOf(manager, tender, contract.lotId);
    return { contract, tender, lot };
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
