import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import {
  AccessPolicyService,
  escapeLike,
  FINANCE_DOCUMENT_KINDS,
  financeEventView,
  keepsTenderBooks,
  policySql,
} from '../auth';
import type { Actor } from '../auth';
import { AuditEvent, changedFields, recordAudit, AuditEventView } from '../audit';
import { dateViolation, todayInWarsaw } from '../common/dates';
import type { NotificationKind } from '../common/vocabulary';
import {
  conflict,
  DomainError,
  fieldError,
  notFound,
  rulesViolated,
  unprocessable,
} from '../common/errors';
import type { FieldViolation } from '../common/errors';
import { warsawDate } from '../common/polish-calendar';
import { Page, page } from '../common/pagination';
import { NotificationsService } from '../notifications';
import { Partnership } from '../partnerships';
import type {
  AddLotDto,
  CreateTenderDto,
  TendersQuery,
  TransitionDto,
  UpdateTenderDto,
} from './dto/tender.dto';
import type { TenderSummaryView, TenderView, TransitionCheckView } from './dto/tender-view.dto';
import { Lot } from './lot.entity';
import { TenderHooks } from './tender-hooks';
import {
  decideRegime,
  loadTenderGraphs,
  participantsOf,
  recomputeValue,
  tenderFacts,
} from './tender-graph';
import { canTransition, missingConditions, nextStatuses, SHARES_EDITABLE } from './tender-state';
import { toDetail, toSummary } from './tender-view';
import { Tender } from './tender.entity';

const SORTS: Record<string, string> = {
  createdAt: 't.created_at',
  reference: 't.reference',
  title: 't.title',
  valueNet: 't.value_net',
  shareDeadline: 't.share_deadline',
};

@Injectable()
export class TendersService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly policy: AccessPolicyService,
    private readonly notifications: NotificationsService,
    private readonly hooks: TenderHooks,
  ) {}

  // ---- reading -------------------------------------------------------------------------------

  async list(actor: Actor, q: TendersQuery): Promise<Page<TenderSummaryView>> {
    const qb = this.dataSource.getRepository(Tender).createQueryBuilder('t');
    if (!actor.admin) {
      const orgs = this.policy.organisationIds(actor);
      qb.where(
        policySql.tenderVisible('t', (column) => `${column} = ANY(:orgs)`, ':today'),
        {
          orgs,
          today: todayInWarsaw(),
        },
      );
    }
    if (q.status) qb.andWhere('t.status = :status', { status: q.status });
    if (q.partnershipId) qb.andWhere('t.partnership_id = :pid', { pid: q.partnershipId });
    if (q.regime) qb.andWhere('t.regime = :regime', { regime: q.regime });
    if (q.organisationId) {
      qb.andWhere(
        `EXISTS (SELECT 1 FROM shares x WHERE x.tender_id = t.id AND x.organisation_id = :oid AND x.status <> 'WITHDRAWN')`,
        {
          oid: q.organisationId,
        },
      );
    }
    if (q.q)
      qb.andWhere('(t.title ILIKE :q OR t.reference ILIKE :q)', { q: `%${escapeLike(q.q)}%` });
    const sort = q.sort ?? '-createdAt';
    const column = SORTS[sort.replace(/^-/, '')];
    qb.orderBy(column, sort.startsWith('-') ? 'DESC' : 'ASC', 'NULLS LAST').addOrderBy(
      't.id',
      'ASC',
    );
    const [rows, total] = await qb.take(q.limit).skip(q.offset).getManyAndCount();
    return page(rows.map(toSummary), total, q);
  }

  async get(actor: Actor, id: string): Promise<TenderView> {
    const { tender, participants } = await this.loadVisible(this.dataSource.manager, actor, id);
    return toDetail(actor, tender, participants);
  }

  /**
   * The tender's audit trail. Events stating a partner's finance (payments, subsidies, invoices,
   * contracts, payments' deadlines and settlement statements) follow `finance.view`: left out, or an invoice with only
   * the parts the reader sees (`financeEventView`). Those who keep the tender's books see all.
   */
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
    const facts = tenderFacts(tender, participants);
    const qb = this.dataSource
      .getRepository(AuditEvent)
      .createQueryBuilder('e')
      .where('e.tender_id = :id', { id })
      .orderBy('e.occurred_at', 'ASC')
      .addOrderBy('e.id', 'ASC');
    const view = (e: AuditEvent): AuditEventView => ({
      ...e,
      occurredAt: e.occurredAt.toISOString(),
    });
    if (keepsTenderBooks(actor, facts)) {
      const [rows, total] = await qb.take(q.limit).skip(q.offset).getManyAndCount();
      return page(rows.map(view), total, q);
    }
    // One tender's trail is small enough to filter whole; the page is cut from what is visible.
    const [rows, records] = await Promise.all([
      qb.getMany(),
      this.dataSource.query<{ id: string; organisation_id: string }[]>(
        `SELECT e.data->>'deadlineId' AS id, e.organisation_id FROM audit_events e
          WHERE e.tender_id = $1 AND e.action = 'payment.scheduled' AND e.data ? 'deadlineId'
         UNION ALL
         SELECT d.id::text, d.finance_organisation_id FROM deadlines d
          WHERE d.tender_id = $1 AND d.finance_organisation_id IS NOT NULL
         UNION ALL
         SELECT d.id::text, d.organisation_id FROM documents d
          WHERE d.tender_id = $1 AND d.kind = ANY($2) AND d.organisation_id IS NOT NULL`,
        [id, FINANCE_DOCUMENT_KINDS],
      ),
    ]);
    const financeRecords = new Map(records.map((r) => [r.id, r.organisation_id]));
    const canSee = (organisationId: string) =>
      this.policy.can(actor, { action: 'finance.view', tender: facts, organisationId });
    const visible = rows
      .map((e) => financeEventView(e, canSee, financeRecords))
      .filter((e): e is AuditEvent => e !== null);
    return page(visible.slice(q.offset, q.offset + q.limit).map(view), visible.length, q);
  }

  /** Loads a tender the actor may see (404 otherwise, so other partnerships stay invisible). */
  async loadVisible(
    manager: EntityManager,
    actor: Actor,
    id: string,
    graph = true,
  ): Promise<{ tender: Tender; participants: string[] }> {
    const tender = graph
      ? (await loadTenderGraphs(manager, [id]))[0]
      : await manager.getRepository(Tender).findOne({ where: { id } });
    if (!tender) throw notFound('Tender', id);
    const participants = (await participantsOf(manager, [tender])).get(tender.id) ?? [];
    if (
      !actor.admin &&
      !this.policy.can(actor, { action: 'tender.view', tender: tenderFacts(tender, participants) })
    ) {
      throw notFound('Tender', id);
    }
    return { tender, participants };
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
    await this.assertReferenceFree(manager, partnership.leaderOrganisationId, dto.reference);
    this.assertLotNumbersUnique(dto.lots ?? []);
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
      data: { reference: tender.reference, title: tender.title, lots: dto.lots ?? [] },
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
        await this.assertReferenceFree(manager, tender.leaderOrganisationId, dto.reference.trim());
      }
      const changes: Partial<Tender> = {
        ...(dto.reference !== undefined ? { reference: dto.reference.trim() } : {}),
        ...(dto.title !== undefined ? { title: dto.title.trim() } : {}),
        ...(dto.description !== undefined ? { description: dto.description } : {}),
        ...(dto.subjectKind !== undefined ? { subjectKind: dto.subjectKind } : {}),
        ...(dto.cpvMain !== undefined ? { cpvMain: dto.cpvMain } : {}),
        ...(dto.cpvAdditional !== undefined ? { cpvAdditional: dto.cpvAdditional } : {}),
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
        ...missingConditions(dto.to, { lots, shares, reason: dto.reason }),
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
      await this.notifyTransition(manager, actor, { ...tender, ...changes }, shares);
    });
    return this.get(actor, id);
  }

  /** Who must act next after a transition gets an in-app notification. */
  private async notifyTransition(
    manager: EntityManager,
    actor: Actor,
    tender: Tender,
    shares: { organisationId: string; status: string }[],
  ) {
    const link = `/postepowania/${tender.id}`;
    if (tender.status === 'COLLECTING_SHARES') {
      const orgs = [
        ...new Set(shares.filter((s) => s.status === 'PROPOSED').map((s) => s.organisationId)),
      ];
      for (const org of orgs) {
        await this.notifications.notifyRole(manager, org, ['COORDINATOR'], {
          kind: 'share.awaiting_step',
          title: `Udział do akceptacji: ${tender.reference}`,
          body: `Lider zbiera udziały partnerów w postępowaniu „${tender.title}”. Koordynator gminny akceptuje udział Twojej jednostki.`,
          tenderId: tender.id,
          link,
        });
      }
    }
    if (tender.status === 'READY') {
      await this.notifications.notifyRole(
        manager,
        tender.leaderOrganisationId,
        ['PROCUREMENT_OFFICER'],
        {
          kind: 'tender.ready',
          title: `Wszystkie udziały potwierdzone: ${tender.reference}`,
          body: `Postępowanie „${tender.title}” jest gotowe do publikacji.`,
          tenderId: tender.id,
          link,
        },
        [actor.userId],
      );
    }
    // Later stages concern every partner that buys something: tell its coordinator and treasurer.
    const info: Partial<Record<string, { kind: NotificationKind; title: string; body: string }>> = {
      PUBLISHED: {
        kind: 'tender.published',
        title: `Ogłoszono postępowanie ${tender.reference}`,
        body: `Lider opublikował ogłoszenie o zamówieniu „${tender.title}”. Terminy biegną od dnia publikacji.`,
      },
      AWARDED: {
        kind: 'tender.awarded',
        title: `Wybrano wykonawców: ${tender.reference}`,
        body: `W postępowaniu „${tender.title}” wybrano najkorzystniejsze oferty. Przygotujcie zabezpieczenie środków i podpisanie umów.`,
      },
      CANCELLED: {
        kind: 'tender.cancelled',
        title: `Unieważniono postępowanie ${tender.reference}`,
        body: `Postępowanie „${tender.title}” zostało unieważnione. Powód: ${tender.cancelReason ?? '—'}`,
      },
    };
    const message = info[tender.status];
    if (message) {
      const orgs = [
        ...new Set(shares.filter((s) => s.status !== 'WITHDRAWN').map((s) => s.organisationId)),
      ];
      for (const org of orgs) {
        await this.notifications.notifyRole(
          manager,
          org,
          ['COORDINATOR', 'TREASURER'],
          { ...message, tenderId: tender.id, link },
          [actor.userId],
        );
      }
    }
  }

  private assertVersion(tender: Tender, version: number): void {
    if (tender.version !== version) {
      throw conflict(
        'TENDER_VERSION_CONFLICT',
        `The tender was changed by someone else (current version ${tender.version}); reload and retry`,
        {
          currentVersion: tender.version,
          currentStatus: tender.status,
        },
      );
    }
  }

  private async assertReferenceFree(
    manager: EntityManager,
    leaderOrganisationId: string,
    reference: string,
  ): Promise<void> {
    if (await manager.getRepository(Tender).exist({ where: { leaderOrganisationId, reference } })) {
      throw conflict(
        'TENDER_REFERENCE_TAKEN',
        `The leader already has a tender with reference ${reference}`,
        {
          errors: [
            {
              field: 'reference',
              rule: 'uniquePerLeader',
              message: `reference ${reference} is already used by the leader`,
            },
          ],
        },
      );
    }
  }

  private assertLotNumbersUnique(lots: { number: number }[]): void {
    const seen = new Set<number>();
    for (const [i, l] of lots.entries()) {
      if (seen.has(l.number))
        throw fieldError(
          `lots[${i}].number`,
          'unique',
          `lots[${i}].number ${l.number} is used twice`,
        );
      seen.add(l.number);
    }
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

/**
 * The share deadline lies ahead (today or later, in Warsaw) and not after the planned start of the
 * procedure: partners confirm their shares before the notice goes out. `keptDeadline` is a share
 * deadline already on the tender: only its order against a changed planned start is checked.
 */
function assertScheduleDates(
  today: string,
  shareDeadline: string | null,
  plannedStartOn: string | null,
  keptDeadline: Date | null = null,
): void {
  const violations: FieldViolation[] = [];
  if (shareDeadline !== null) {
    const day = warsawDate(new Date(shareDeadline));
    const v = dateViolation('shareDeadline', day, {
      earliest: [{ on: today, rule: 'notInPast', what: 'today' }],
      latest: [{ on: plannedStartOn, rule: 'notAfterPlannedStart', what: 'plannedStartOn' }],
    });
    if (v) violations.push(v);
  } else if (keptDeadline !== null && plannedStartOn !== null) {
    const v = dateViolation('plannedStartOn', plannedStartOn, {
      earliest: [
        {
          on: warsawDate(keptDeadline),
          rule: 'notBeforeShareDeadline',
          what: 'the share deadline',
        },
      ],
    });
    if (v) violations.push(v);
  }
  if (violations.length > 0) throw rulesViolated(violations);
}
