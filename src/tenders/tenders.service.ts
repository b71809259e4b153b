import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { AccessPolicyService } from '../auth';
import type { Actor } from '../auth';
import { changedFields, recordAudit, AuditEventView } from '../audit';
import { todayInWarsaw } from '../common/dates';
import { assertVersion, conflict, DomainError, notFound, unprocessable } from '../common/errors';
import type { Page } from '../common/pagination';
import { NotificationsService } from '../notifications';
import { Partnership } from '../partnerships';
import type {
  AddLotDto,
  CreateTenderDto,
  TendersQuery,
  TransitionDto,
  UpdateTenderDto,
} from './dto/tender.dto';
import type { TenderView, TransitionCheckView } from './dto/tender-view.dto';
import { Lot } from './lot.entity';
import { TenderHooks } from './tender-hooks';
import {
  decideRegime,
  loadTenderGraphs,
  loadTenderGraphWithParticipants,
  participantsOf,
  recomputeValue,
  tenderFacts,
} from './tender-graph';
import { tenderHistory } from './tender-history.query';
import { listTenders, type TenderPage } from './tender-list.query';
import { notifyTransition } from './tender-notifications';
import { assertLotNumbersUnique, assertReferenceFree, assertScheduleDates } from './tender-rules';
import { cpvNamesAfter } from '../common/identifiers';
import { canTransition, missingConditions, nextStatuses, SHARES_EDITABLE } from './tender-state';
import { toDetail } from './tender-view';
import { Tender } from './tender.entity';

@Injectable()
export class TendersService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly policy: AccessPolicyService,
    private readonly notifications: NotificationsService,
    private readonly hooks: TenderHooks,
  ) {}

  // ---- reading -------------------------------------------------------------------------------

  /** The tender list (see `listTenders`: visibility, keyset cursor, capped count). */
  list(actor: Actor, q: TendersQuery): Promise<TenderPage> {
    return listTenders(
      this.dataSource.manager,
      actor,
      this.policy.organisationIds(actor),
      todayInWarsaw(),
      q,
    );
  }

  async get(actor: Actor, id: string): Promise<TenderView> {
    const { tender, participants } = await this.loadVisible(this.dataSource.manager, actor, id);
    return toDetail(actor, tender, participants);
  }

  /** The tender's audit trail as the actor may read it (see `tenderHistory`). */
  async history(
    actor: Actor,
    id: string,
    q: { limit: number; offset: number },
  ): Promise<Page<AuditEventView>> {
    const { tender, participants } = await this.loadVisible(
      this.dataSource.manager,
      actor,
      id,
      false,
    );
    return tenderHistory(
      this.dataSource,
      this.policy,
      actor,
      tenderFacts(tender, participants),
      id,
      q,
    );
  }

  /** Loads a tender the actor may see (404 otherwise, so other partnerships stay invisible). */
  async loadVisible(
    manager: EntityManager,
    actor: Actor,
    id: string,
    graph = true,
  ): Promise<{ tender: Tender; participants: string[] }> {
    // The page's read is one statement: the graph with its participants.
    const loaded = graph
      ? await loadTenderGraphWithParticipants(manager, id)
      : await this.withParticipants(manager, await manager.getRepository(Tender).findOneBy({ id }));
    if (!loaded) throw notFound('Tender', id);
    const { tender, participants } = loaded;
    if (
      !actor.admin &&
      !this.policy.can(actor, { action: 'tender.view', tender: tenderFacts(tender, participants) })
    ) {
      throw notFound('Tender', id);
    }
    return { tender, participants };
  }

  private async withParticipants(
    manager: EntityManager,
    tender: Tender | null,
  ): Promise<{ tender: Tender; participants: string[] } | null> {
    if (!tender) return null;
    return { tender, participants: (await participantsOf(manager, [tender])).get(tender.id) ?? [] };
  }

  /** Locks the tender row for a change and checks visibility and, optionally, the manage right. */
  async lockForChange(
    manager: EntityManager,
    actor: Actor,
    id: string,
    manage: boolean,
  ): Promise<{ tender: Tender; participants: string[] }> {
    const tender = await manager
      .getRepository(Tender)
      .findOne({ where: { id }, lock: { mode: 'pessimistic_write' } });
    if (!tender) throw notFound('Tender', id);
    const participants = (await participantsOf(manager, [tender])).get(tender.id) ?? [];
    const facts = tenderFacts(tender, participants);
    if (!actor.admin && !this.policy.can(actor, { action: 'tender.view', tender: facts }))
      throw notFound('Tender', id);
    if (manage) this.policy.assert(actor, { action: 'tender.manage', tender: facts });
    return { tender, participants };
  }

  // ---- changes -------------------------------------------------------------------------------

  async create(actor: Actor, dto: CreateTenderDto): Promise<TenderView> {
    const id = await this.dataSource.transaction((manager) => this.createIn(manager, actor, dto));
    return this.get(actor, id);
  }

  /** The creation inside the caller's transaction (the wizard adds the shares in the same one). */
  async createIn(manager: EntityManager, actor: Actor, dto: CreateTenderDto): Promise<string> {
    const partnership = await manager
      .getRepository(Partnership)
      .findOne({ where: { id: dto.partnershipId } });
    if (!partnership || !(await this.policy.canSeePartnership(actor, partnership.id)))
      throw notFound('Partnership', dto.partnershipId);
    this.policy.assert(actor, {
      action: 'tender.create',
      leaderOrganisationId: partnership.leaderOrganisationId,
    });
    await assertReferenceFree(manager, partnership.leaderOrganisationId, dto.reference);
    assertLotNumbersUnique(dto.lots ?? []);
    assertScheduleDates(this.today(), dto.shareDeadline ?? null, dto.plannedStartOn ?? null);
    const draft = manager.getRepository(Tender).create({
      partnershipId: partnership.id,
      leaderOrganisationId: partnership.leaderOrganisationId,
      reference: dto.reference.trim(),
      title: dto.title.trim(),
      description: dto.description ?? null,
      subjectKind: dto.subjectKind,
      cpvMain: dto.cpvMain,
      cpvAdditional: dto.cpvAdditional ?? [],
      cpvNamesPl: cpvNamesAfter(
        { cpvMain: dto.cpvMain, cpvAdditional: dto.cpvAdditional ?? [] },
        dto,
      ),
      procedure: dto.procedure,
      settlementModel: dto.settlementModel,
      shareDeadline: dto.shareDeadline ? new Date(dto.shareDeadline) : null,
      plannedStartOn: dto.plannedStartOn ?? null,
      status: 'DRAFT',
      createdById: actor.userId,
      // Created on the day of the act, as the other acts record it (the database's time otherwise).
      ...(this.hooks.actTime() ? { createdAt: this.hooks.actTime() as Date } : {}),
    });
    draft.regime = decideRegime(0, draft).regime;
    const tender = await manager.getRepository(Tender).save(draft);
    for (const lot of dto.lots ?? []) {
      await manager.insert(Lot, {
        tenderId: tender.id,
        number: lot.number,
        title: lot.title,
        vatRate: lot.vatRate,
      });
    }
    await recordAudit(manager, actor, {
      action: 'tender.created',
      entityType: 'tender',
      entityId: tender.id,
      tenderId: tender.id,
      partnershipId: tender.partnershipId,
      organisationId: tender.leaderOrganisationId,
      data: {
        reference: tender.reference,
        title: tender.title,
        cpvNamesPl: tender.cpvNamesPl,
        lots: dto.lots ?? [],
      },
    });
    return tender.id;
  }

  async update(actor: Actor, id: string, dto: UpdateTenderDto): Promise<TenderView> {
    await this.dataSource.transaction(async (manager) => {
      const { tender } = await this.lockForChange(manager, actor, id, true);
      this.assertVersion(tender, dto.version);
      if (!SHARES_EDITABLE.includes(tender.status)) {
        throw conflict('TENDER_NOT_EDITABLE', `A ${tender.status} tender can no longer be edited`, {
          currentStatus: tender.status,
        });
      }
      if (dto.reference && dto.reference.trim() !== tender.reference) {
        await assertReferenceFree(manager, tender.leaderOrganisationId, dto.reference.trim());
      }
      const changes: Partial<Tender> = {
        ...(dto.reference !== undefined ? { reference: dto.reference.trim() } : {}),
        ...(dto.title !== undefined ? { title: dto.title.trim() } : {}),
        ...(dto.description !== undefined ? { description: dto.description } : {}),
        ...(dto.subjectKind !== undefined ? { subjectKind: dto.subjectKind } : {}),
        ...(dto.cpvMain !== undefined ? { cpvMain: dto.cpvMain } : {}),
        ...(dto.cpvAdditional !== undefined ? { cpvAdditional: dto.cpvAdditional } : {}),
        cpvNamesPl: cpvNamesAfter(
          {
            cpvMain: dto.cpvMain ?? tender.cpvMain,
            cpvAdditional: dto.cpvAdditional ?? tender.cpvAdditional,
          },
          dto,
          tender.cpvNamesPl,
        ),
        ...(dto.procedure !== undefined ? { procedure: dto.procedure } : {}),
        ...(dto.settlementModel !== undefined ? { settlementModel: dto.settlementModel } : {}),
        ...(dto.shareDeadline !== undefined ? { shareDeadline: new Date(dto.shareDeadline) } : {}),
        ...(dto.plannedStartOn !== undefined ? { plannedStartOn: dto.plannedStartOn } : {}),
      };
      const diff = changedFields(tender, changes);
      if (Object.keys(diff).length === 0) return;
      if (dto.shareDeadline !== undefined || dto.plannedStartOn !== undefined) {
        assertScheduleDates(
          this.today(),
          dto.shareDeadline ?? null,
          dto.plannedStartOn ?? tender.plannedStartOn,
          dto.shareDeadline === undefined ? tender.shareDeadline : null,
        );
      }
      Object.assign(tender, changes);
      await manager.update(Tender, id, { ...changes, version: tender.version + 1 });
      const regime = await recomputeValue(manager, tender);
      await recordAudit(manager, actor, {
        action: 'tender.updated',
        entityType: 'tender',
        entityId: id,
        tenderId: id,
        partnershipId: tender.partnershipId,
        organisationId: tender.leaderOrganisationId,
        data: {
          ...diff,
          ...(regime.from !== regime.to ? { regime: { from: regime.from, to: regime.to } } : {}),
        },
      });
    });
    return this.get(actor, id);
  }

  async addLot(actor: Actor, id: string, dto: AddLotDto): Promise<TenderView> {
    await this.dataSource.transaction(async (manager) => {
      const { tender } = await this.lockForChange(manager, actor, id, true);
      if (tender.status !== 'DRAFT' && tender.status !== 'COLLECTING_SHARES') {
        throw conflict(
          'TENDER_NOT_EDITABLE',
          `Lots can be added only before the shares are complete (tender is ${tender.status})`,
          {
            currentStatus: tender.status,
          },
        );
      }
      if (await manager.getRepository(Lot).exist({ where: { tenderId: id, number: dto.number } })) {
        throw conflict('LOT_NUMBER_TAKEN', `Lot ${dto.number} already exists in this tender`, {
          errors: [
            { field: 'number', rule: 'unique', message: `number ${dto.number} is already used` },
          ],
        });
      }
      const lot = await manager
        .getRepository(Lot)
        .save(manager.getRepository(Lot).create({ tenderId: id, ...dto }));
      await manager.update(Tender, id, { version: tender.version + 1 });
      await recordAudit(manager, actor, {
        action: 'lot.added',
        entityType: 'lot',
        entityId: lot.id,
        tenderId: id,
        partnershipId: tender.partnershipId,
        organisationId: tender.leaderOrganisationId,
        data: { number: lot.number, title: lot.title, vatRate: lot.vatRate },
      });
    });
    return this.get(actor, id);
  }

  /**
   * Every transition open from the current status with what blocks it now: the same conditions
   * `transition` checks (the lifecycle's own and other modules' guards), so a page can list them
   * before the button. Cancellation's reason is asked for by the form, so it is not reported.
   * Officers of the leader (tender.manage) only; others get 403.
   */
  async transitionChecks(actor: Actor, id: string): Promise<TransitionCheckView[]> {
    return this.dataSource.transaction('REPEATABLE READ', async (manager) => {
      const { tender, participants } = await this.loadVisible(manager, actor, id);
      this.policy.assert(actor, {
        action: 'tender.manage',
        tender: tenderFacts(tender, participants),
      });
      const lots = tender.lots ?? [];
      const shares = lots.flatMap((l) => l.shares ?? []);
      const out: TransitionCheckView[] = [];
      for (const to of nextStatuses(tender.status)) {
        const missing = [
          ...missingConditions(to, {
            lots,
            shares,
            cpv: tender,
            reason: to === 'CANCELLED' ? 'x'.repeat(5) : undefined,
          }),
          ...(await this.hooks.missing(manager, tender, to)),
        ];
        out.push({ to, allowed: missing.length === 0, needsReason: to === 'CANCELLED', missing });
      }
      return out;
    });
  }

  async transition(actor: Actor, id: string, dto: TransitionDto): Promise<TenderView> {
    await this.dataSource.transaction(async (manager) => {
      const { tender } = await this.lockForChange(manager, actor, id, true);
      this.assertVersion(tender, dto.version);
      const from = tender.status;
      if (!canTransition(from, dto.to)) {
        throw conflict('TENDER_ILLEGAL_TRANSITION', `A ${from} tender cannot move to ${dto.to}`, {
          currentStatus: from,
          allowed: [],
        });
      }
      if (dto.awards !== undefined) {
        // The award follows from the evaluation of the offers (procedure module), not from typing.
        const message =
          'awards are no longer given at the transition: record the offers, the evaluation and the head’s approval per lot (POST /lots/:lotId/award/approve)';
        throw new DomainError(422, 'AWARDS_FOLLOW_EVALUATION', message, [
          { field: 'awards', rule: 'followsEvaluation', message },
        ]);
      }
      const [graph] = await loadTenderGraphs(manager, [id]);
      const lots = graph.lots ?? [];
      const shares = lots.flatMap((l) => l.shares ?? []);
      const missing = [
        ...missingConditions(dto.to, { lots, shares, reason: dto.reason, cpv: tender }),
        ...(await this.hooks.missing(manager, tender, dto.to)),
      ];
      if (missing.length > 0) {
        throw unprocessable(
          'TENDER_CONDITIONS_NOT_MET',
          `Cannot move to ${dto.to}: ${missing.join('; ')}`,
          {
            currentStatus: from,
            missing,
          },
        );
      }
      const changes: Partial<Tender> = { status: dto.to, version: tender.version + 1 };
      const data: Record<string, unknown> = { from, to: dto.to };
      const actAt = this.hooks.actTime();
      if (actAt) data.at = actAt.toISOString();
      if (dto.to === 'PUBLISHED') {
        changes.publishedOn =
          (await this.hooks.publicationDate(manager, tender)) ?? todayInWarsaw();
        // The thresholds of the publication day fix the regime from now on.
        const decision = decideRegime(tender.valueNet, {
          ...tender,
          publishedOn: changes.publishedOn,
        });
        changes.regime = decision.regime;
        data.publishedOn = changes.publishedOn;
        data.regime = decision.regime;
      }
      if (dto.to === 'CANCELLED') {
        changes.cancelReason = dto.reason?.trim() ?? null;
        data.reason = changes.cancelReason;
      }
      await manager.update(Tender, id, changes);
      await recordAudit(manager, actor, {
        action: 'tender.transitioned',
        entityType: 'tender',
        entityId: id,
        tenderId: id,
        partnershipId: tender.partnershipId,
        organisationId: tender.leaderOrganisationId,
        data,
      });
      await this.hooks.transitioned(manager, actor, { ...tender, ...changes }, from);
      await notifyTransition(this.notifications, manager, actor, { ...tender, ...changes }, shares);
    });
    return this.get(actor, id);
  }

  private assertVersion(tender: Tender, version: number): void {
    assertVersion(
      tender.version,
      version,
      'TENDER_VERSION_CONFLICT',
      `The tender was changed by someone else (current version ${tender.version}); reload and retry`,
      { currentVersion: tender.version, currentStatus: tender.status },
    );
  }

  /** Today in Warsaw on the clock the acts are recorded by (the schedule's, when registered). */
  private today(): string {
    return todayInWarsaw(this.hooks.actTime() ?? new Date());
  }

  /** Moves a READY tender back to collecting when its set of shares changes. */
  async reopenIfReady(
    manager: EntityManager,
    actor: Actor,
    tender: Tender,
    why: string,
  ): Promise<void> {
    if (tender.status !== 'READY') return;
    await manager.update(Tender, tender.id, {
      status: 'COLLECTING_SHARES',
      version: tender.version + 1,
    });
    tender.status = 'COLLECTING_SHARES';
    tender.version += 1;
    await recordAudit(manager, actor, {
      action: 'tender.transitioned',
      entityType: 'tender',
      entityId: tender.id,
      tenderId: tender.id,
      partnershipId: tender.partnershipId,
      organisationId: tender.leaderOrganisationId,
      data: { from: 'READY', to: 'COLLECTING_SHARES', reason: why },
    });
  }
}
