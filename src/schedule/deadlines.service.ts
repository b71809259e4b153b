import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { AccessPolicyService, keepsTenderBooks, type Actor } from '../auth';
import { assertVersion, DomainError, fieldError, notFound } from '../common/errors';
import { Page, page } from '../common/pagination';
import { Lot, tenderFacts, Tender, TendersService } from '../tenders';
import { DeadlineWriter } from './deadline-writer.service';
import { Deadline } from './deadline.entity';
import type {
  CancelDeadlineDto,
  CompleteDeadlineDto,
  CreateDeadlineDto,
  DeadlinesQuery,
  DeadlineView,
  UpdateDeadlineDto,
} from './dto/deadline.dto';

/**
 * Deadlines of tenders and their reminders. HTTP use cases run in one transaction each; the
 * `…(manager, …)` methods let other modules (finance, documents) create, move and complete
 * deadlines inside THEIR transaction — they check their own access rules first.
 *
 * Reminders are BullMQ delayed jobs written to the outbox in the same transaction, with ids derived
 * from the deadline, its due time and the offset: moving a deadline cancels the old ids and adds the
 * new ones; completing or cancelling it cancels them. The worker re-reads the deadline before
 * sending anything (see RemindersService).
 */

/** The deadline use cases of the HTTP API: access checked here, every change through DeadlineWriter. */
@Injectable()
export class DeadlinesService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly policy: AccessPolicyService,
    private readonly tenders: TendersService,
    private readonly writer: DeadlineWriter,
  ) {}

  async list(actor: Actor, tenderId: string, q: DeadlinesQuery): Promise<Page<DeadlineView>> {
    const { tender, participants } = await this.tenders.loadVisible(
      this.dataSource.manager,
      actor,
      tenderId,
      false,
    );
    const qb = this.dataSource
      .getRepository(Deadline)
      .createQueryBuilder('d')
      .leftJoinAndSelect('d.responsibleOrganisation', 'o')
      .where('d.tender_id = :tenderId', { tenderId });
    const finance = this.financeSeen(actor, tender, participants);
    if (finance !== null)
      qb.andWhere(
        '(d.finance_organisation_id IS NULL OR d.finance_organisation_id = ANY(:finance))',
        {
          finance,
        },
      );
    if (q.status) qb.andWhere('d.status = :status', { status: q.status });
    if (q.kind) qb.andWhere('d.kind = :kind', { kind: q.kind });
    const [rows, total] = await qb
      .orderBy('d.dueAt', 'ASC')
      .addOrderBy('d.id', 'ASC')
      .take(q.limit)
      .skip(q.offset)
      .getManyAndCount();
    return page(
      rows.map((d) => this.writer.toView(d)),
      total,
      q,
    );
  }

  async get(actor: Actor, id: string): Promise<DeadlineView> {
    const d = await this.writer.findRow(this.dataSource.manager, id);
    let loaded: { tender: Tender; participants: string[] };
    try {
      loaded = await this.tenders.loadVisible(this.dataSource.manager, actor, d.tenderId, false);
    } catch (err) {
      throw hideTender(err, id);
    }
    const finance = this.financeSeen(actor, loaded.tender, loaded.participants);
    // Another partner's payment deadline is hidden like the list hides it.
    if (
      d.financeOrganisationId !== null &&
      finance !== null &&
      !finance.includes(d.financeOrganisationId)
    )
      throw notFound('Deadline', id);
    return this.writer.toView(d);
  }

  /**
   * The partners whose finance deadlines (payments) the actor sees in this tender, by the
   * `finance.view` rule; null when it sees every partner's (the leader's keepers, admins).
   */
  private financeSeen(actor: Actor, tender: Tender, participants: string[]): string[] | null {
    const facts = tenderFacts(tender, participants);
    if (keepsTenderBooks(actor, facts)) return null;
    return [...new Set([tender.leaderOrganisationId, ...participants])].filter((organisationId) =>
      this.policy.can(actor, { action: 'finance.view', tender: facts, organisationId }),
    );
  }

  async create(actor: Actor, tenderId: string, dto: CreateDeadlineDto): Promise<DeadlineView> {
    const id = await this.dataSource.transaction(async (manager) => {
      const { tender, participants } = await this.tenders.lockForChange(
        manager,
        actor,
        tenderId,
        false,
      );
      this.policy.assert(actor, {
        action: 'deadline.manage',
        tender: tenderFacts(tender, participants),
      });
      const d = await this.writer.create(
        manager,
        actor,
        {
          tenderId,
          kind: dto.kind,
          dueAt: new Date(dto.dueAt),
          title: dto.title,
          responsibleOrganisationId: dto.responsibleOrganisationId ?? null,
          reminderOffsets: dto.reminderOffsets,
          note: dto.note ?? null,
          origin: 'MANUAL',
          ...(dto.lotId
            ? { subjectType: 'lot', subjectId: await this.lotOf(manager, tender, dto.lotId) }
            : {}),
          countedFrom: dto.countedFrom,
          urgent: dto.urgent,
          priorInformationNotice: dto.priorInformationNotice,
          electronic: dto.electronic,
        },
        { tender, participants },
      );
      return d.id;
    });
    return this.view(id);
  }

  /** The id of one of the tender's lots, else 400 naming lotId. */
  private async lotOf(manager: EntityManager, tender: Tender, lotId: string): Promise<string> {
    if (!(await manager.getRepository(Lot).exist({ where: { id: lotId, tenderId: tender.id } })))
      throw fieldError('lotId', 'lotOfTender', 'lotId must be a lot of this tender');
    return lotId;
  }

  async update(actor: Actor, id: string, dto: UpdateDeadlineDto): Promise<DeadlineView> {
    await this.dataSource.transaction(async (manager) => {
      const { deadline, tender, participants } = await this.lockForChange(manager, actor, id);
      assertDeadlineVersion(deadline, dto.version);
      await this.writer.update(
        manager,
        actor,
        deadline,
        {
          dueAt: dto.dueAt !== undefined ? new Date(dto.dueAt) : undefined,
          title: dto.title,
          responsibleOrganisationId: dto.responsibleOrganisationId,
          reminderOffsets: dto.reminderOffsets,
          note: dto.note,
          countedFrom: dto.countedFrom,
          urgent: dto.urgent,
          priorInformationNotice: dto.priorInformationNotice,
          electronic: dto.electronic,
        },
        { tender, participants },
      );
    });
    return this.view(id);
  }

  async complete(actor: Actor, id: string, dto: CompleteDeadlineDto): Promise<DeadlineView> {
    await this.dataSource.transaction(async (manager) => {
      const { deadline } = await this.lockForChange(manager, actor, id);
      if (dto.version !== undefined) assertDeadlineVersion(deadline, dto.version);
      await this.writer.complete(manager, actor, deadline, dto.note);
    });
    return this.view(id);
  }

  async cancel(actor: Actor, id: string, dto: CancelDeadlineDto): Promise<DeadlineView> {
    await this.dataSource.transaction(async (manager) => {
      const { deadline } = await this.lockForChange(manager, actor, id);
      assertDeadlineVersion(deadline, dto.version);
      await this.writer.cancel(manager, actor, deadline, dto.reason);
    });
    return this.view(id);
  }

  /** Locks the tender, then the deadline (same order as every tender change: no deadlocks). */
  private async lockForChange(
    manager: EntityManager,
    actor: Actor,
    id: string,
  ): Promise<{ deadline: Deadline; tender: Tender; participants: string[] }> {
    const found = await manager.getRepository(Deadline).findOne({ where: { id } });
    if (!found) throw notFound('Deadline', id);
    let locked: { tender: Tender; participants: string[] };
    try {
      locked = await this.tenders.lockForChange(manager, actor, found.tenderId, false);
    } catch (err) {
      throw hideTender(err, id);
    }
    this.policy.assert(actor, {
      action: 'deadline.manage',
      tender: tenderFacts(locked.tender, locked.participants),
    });
    return { deadline: await this.writer.lockRow(manager, id), ...locked };
  }

  private async view(id: string): Promise<DeadlineView> {
    return this.writer.toView(await this.writer.findRow(this.dataSource.manager, id));
  }
}

function assertDeadlineVersion(d: Deadline, version: number): void {
  assertVersion(
    d.version,
    version,
    'DEADLINE_VERSION_CONFLICT',
    `The deadline was changed by someone else (current version ${d.version}); reload and retry`,
    { currentVersion: d.version, currentStatus: d.status },
  );
}

/** A deadline of a tender the caller may not see is reported as a missing deadline. */
function hideTender(err: unknown, deadlineId: string): unknown {
  return err instanceof DomainError && err.status === 404 ? notFound('Deadline', deadlineId) : err;
}
