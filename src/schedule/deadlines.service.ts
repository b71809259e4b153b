import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager, Not } from 'typeorm';
import { AccessPolicyService, systemActor, type Actor } from '../auth';
import { changedFields, recordAudit } from '../audit';
import { conflict, DomainError, fieldError, notFound, unprocessable } from '../common/errors';
import { OutboxService } from '../common/outbox';
import { Page, page } from '../common/pagination';
import { toWarsawIso } from '../common/polish-calendar';
import { AppConfig } from '../config';
import { participantsOf, tenderFacts, Tender, TendersService } from '../tenders';
import { Clock } from './clock';
import {
  ENFORCED_MINIMUM_KINDS,
  KIND_LABEL_PL,
  PENDING_STATUSES,
  type DeadlineKind,
  type DeadlineOrigin,
  type DeadlineStatus,
} from './deadline-kinds';
import { Deadline, type StatutoryFlags } from './deadline.entity';
import type {
  CancelDeadlineDto,
  CompleteDeadlineDto,
  CreateDeadlineDto,
  DeadlinesQuery,
  DeadlineView,
  UpdateDeadlineDto,
} from './dto/deadline.dto';
import { planReminders } from './reminder-plan';
import { checkStatutoryMinimum, type StatutoryContext } from './statutory-check';

/** Tender statuses in which the schedule can no longer change. */
const CLOSED_TENDER: readonly string[] = ['CANCELLED', 'SETTLED'];

/** A minimum computed elsewhere (the schedule proposal), stored for display. */
export interface PresetMinimum {
  on: string;
  constraint: 'NOT_BEFORE' | 'NOT_AFTER';
  basis: string;
}

/**
 * What another module passes to create a deadline inside its own transaction — a stable API.
 * Finance creates a payment deadline like this (after checking `finance.manage` itself):
 *
 *   await deadlines.createDeadline(manager, actor, {
 *     tenderId, kind: 'PAYMENT', dueAt: warsawDateTime(payment.dueOn, '15:00'),
 *     title: `Płatność ${payment.reference}`, responsibleOrganisationId: payment.organisationId,
 *     origin: 'FINANCE', subjectType: 'payment', subjectId: payment.id,
 *   });
 *
 * and later `findBySubject(manager, 'payment', id)` → `changeDeadline` (new due day),
 * `completeDeadline` (paid) or `cancelDeadline` (withdrawn), all in the caller's transaction.
 * Reminders go to the TREASURER of the responsible organisation and the leader's officers;
 * an unpaid one past due is marked MISSED by the sweep and escalated to that partner's head.
 */
export interface NewDeadline {
  tenderId: string;
  kind: DeadlineKind;
  dueAt: Date;
  title?: string;
  /** Null or absent: the leader (share confirmation: every partner with an unconfirmed share). */
  responsibleOrganisationId?: string | null;
  /** Minutes before dueAt; default REMINDER_OFFSETS. */
  reminderOffsets?: number[];
  note?: string | null;
  origin?: DeadlineOrigin;
  /** What the deadline belongs to in the calling module, e.g. `payment` and its id. */
  subjectType?: string;
  subjectId?: string;
  countedFrom?: string;
  urgent?: boolean;
  priorInformationNotice?: boolean;
  electronic?: boolean;
  minimum?: PresetMinimum | null;
}

/** Changes to a deadline; absent fields stay. */
export interface DeadlinePatch {
  dueAt?: Date;
  title?: string;
  responsibleOrganisationId?: string;
  reminderOffsets?: number[];
  note?: string;
  countedFrom?: string;
  urgent?: boolean;
  priorInformationNotice?: boolean;
  electronic?: boolean;
  minimum?: PresetMinimum | null;
}

/** A deadline as documents quote it (agreement timetable, procedure record). */
export interface DeadlineSnapshot {
  id: string;
  kind: DeadlineKind;
  /** Polish name of the kind. */
  kindLabel: string;
  title: string;
  /** ISO 8601 with the Warsaw offset. */
  dueAt: string;
  status: DeadlineStatus;
  responsibleOrganisationId: string | null;
  responsibleOrganisationName: string | null;
  minimumOn: string | null;
  basis: string | null;
  doneAt: string | null;
}

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
@Injectable()
export class DeadlinesService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly policy: AccessPolicyService,
    private readonly tenders: TendersService,
    private readonly outbox: OutboxService,
    private readonly config: AppConfig,
    private readonly clock: Clock,
  ) {}

  // ---- HTTP use cases ----------------------------------------------------------------------

  async list(actor: Actor, tenderId: string, q: DeadlinesQuery): Promise<Page<DeadlineView>> {
    await this.tenders.loadVisible(this.dataSource.manager, actor, tenderId, false);
    const qb = this.dataSource
      .getRepository(Deadline)
      .createQueryBuilder('d')
      .leftJoinAndSelect('d.responsibleOrganisation', 'o')
      .where('d.tender_id = :tenderId', { tenderId });
    if (q.status) qb.andWhere('d.status = :status', { status: q.status });
    if (q.kind) qb.andWhere('d.kind = :kind', { kind: q.kind });
    const [rows, total] = await qb
      .orderBy('d.dueAt', 'ASC')
      .addOrderBy('d.id', 'ASC')
      .take(q.limit)
      .skip(q.offset)
      .getManyAndCount();
    return page(
      rows.map((d) => this.toView(d)),
      total,
      q,
    );
  }

  async get(actor: Actor, id: string): Promise<DeadlineView> {
    const d = await this.findRow(this.dataSource.manager, id);
    try {
      await this.tenders.loadVisible(this.dataSource.manager, actor, d.tenderId, false);
    } catch (err) {
      throw hideTender(err, id);
    }
    return this.toView(d);
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
      const d = await this.insert(manager, actor, tender, participants, {
        tenderId,
        kind: dto.kind,
        dueAt: new Date(dto.dueAt),
        title: dto.title,
        responsibleOrganisationId: dto.responsibleOrganisationId ?? null,
        reminderOffsets: dto.reminderOffsets,
        note: dto.note ?? null,
        origin: 'MANUAL',
        countedFrom: dto.countedFrom,
        urgent: dto.urgent,
        priorInformationNotice: dto.priorInformationNotice,
        electronic: dto.electronic,
      });
      return d.id;
    });
    return this.view(id);
  }

  async update(actor: Actor, id: string, dto: UpdateDeadlineDto): Promise<DeadlineView> {
    await this.dataSource.transaction(async (manager) => {
      const { deadline, tender, participants } = await this.lockForChange(manager, actor, id);
      assertVersion(deadline, dto.version);
      await this.change(manager, actor, deadline, tender, participants, {
        dueAt: dto.dueAt !== undefined ? new Date(dto.dueAt) : undefined,
        title: dto.title,
        responsibleOrganisationId: dto.responsibleOrganisationId,
        reminderOffsets: dto.reminderOffsets,
        note: dto.note,
        countedFrom: dto.countedFrom,
        urgent: dto.urgent,
        priorInformationNotice: dto.priorInformationNotice,
        electronic: dto.electronic,
      });
    });
    return this.view(id);
  }

  async done(actor: Actor, id: string, dto: CompleteDeadlineDto): Promise<DeadlineView> {
    await this.dataSource.transaction(async (manager) => {
      const { deadline } = await this.lockForChange(manager, actor, id);
      if (dto.version !== undefined) assertVersion(deadline, dto.version);
      await this.markDone(manager, actor, deadline, dto.note);
    });
    return this.view(id);
  }

  async cancel(actor: Actor, id: string, dto: CancelDeadlineDto): Promise<DeadlineView> {
    await this.dataSource.transaction(async (manager) => {
      const { deadline } = await this.lockForChange(manager, actor, id);
      assertVersion(deadline, dto.version);
      await this.markCancelled(manager, actor, deadline, dto.reason);
    });
    return this.view(id);
  }

  // ---- for other modules, inside their transaction ----------------------------------------

  /**
   * Creates a deadline (statutory minimum checked, audit event, reminders in the outbox). The
   * caller has checked its own access rule; 422 when the due time breaks a statutory minimum.
   */
  async createDeadline(
    manager: EntityManager,
    actor: Actor,
    input: NewDeadline,
  ): Promise<Deadline> {
    const tender = await this.tenderRow(manager, input.tenderId);
    const participants = (await participantsOf(manager, [tender])).get(tender.id) ?? [];
    return this.insert(manager, actor, tender, participants, input);
  }

  /** Moves or edits a deadline (same checks as PATCH, without the version and access checks). */
  async changeDeadline(
    manager: EntityManager,
    actor: Actor,
    id: string,
    patch: DeadlinePatch,
  ): Promise<Deadline> {
    const deadline = await this.lockRow(manager, id);
    const tender = await this.tenderRow(manager, deadline.tenderId);
    const participants = (await participantsOf(manager, [tender])).get(tender.id) ?? [];
    return this.change(manager, actor, deadline, tender, participants, patch);
  }

  /** Marks a deadline done (idempotent: a DONE one is returned as it is). */
  async completeDeadline(
    manager: EntityManager,
    actor: Actor,
    id: string,
    note?: string,
  ): Promise<Deadline> {
    return this.markDone(manager, actor, await this.lockRow(manager, id), note);
  }

  async cancelDeadline(
    manager: EntityManager,
    actor: Actor,
    id: string,
    reason: string,
  ): Promise<Deadline> {
    return this.markCancelled(manager, actor, await this.lockRow(manager, id), reason);
  }

  /** The deadline another module attached to its record, if any (not cancelled). */
  async findBySubject(
    manager: EntityManager,
    subjectType: string,
    subjectId: string,
  ): Promise<Deadline[]> {
    return manager.getRepository(Deadline).find({
      where: { subjectType, subjectId, status: Not('CANCELLED') },
      order: { dueAt: 'ASC' },
    });
  }

  /** A tender's deadlines (not cancelled), by due time, for document snapshots. */
  async snapshot(manager: EntityManager, tenderId: string): Promise<DeadlineSnapshot[]> {
    const rows = await manager
      .getRepository(Deadline)
      .createQueryBuilder('d')
      .leftJoinAndSelect('d.responsibleOrganisation', 'o')
      .where('d.tender_id = :tenderId', { tenderId })
      .andWhere("d.status <> 'CANCELLED'")
      .orderBy('d.dueAt', 'ASC')
      .addOrderBy('d.id', 'ASC')
      .getMany();
    return rows.map((d) => ({
      id: d.id,
      kind: d.kind,
      kindLabel: KIND_LABEL_PL[d.kind],
      title: d.title,
      dueAt: toWarsawIso(d.dueAt),
      status: d.status,
      responsibleOrganisationId: d.responsibleOrganisationId,
      responsibleOrganisationName: d.responsibleOrganisation?.name ?? null,
      minimumOn: d.minimumOn,
      basis: d.basis,
      doneAt: d.doneAt ? d.doneAt.toISOString() : null,
    }));
  }

  /**
   * Writes the reminder jobs of `d` to the outbox. With `before` (its state before a change) only
   * the difference: jobs of the old due time or offsets are cancelled, new ones added. Without it
   * every reminder still ahead is (re-)added; re-adding an existing job id is a no-op in BullMQ.
   */
  async syncReminders(
    manager: EntityManager,
    d: Pick<Deadline, 'id' | 'dueAt' | 'reminderOffsets' | 'status'>,
    before?: Pick<Deadline, 'dueAt' | 'reminderOffsets' | 'status'>,
  ): Promise<void> {
    const options = {
      hour: this.config.reminderHour,
      now: this.clock.now(),
      unitMs: this.config.reminderOffsetUnitMs,
    };
    const next =
      d.status === 'OPEN' ? planReminders(d.id, d.dueAt, d.reminderOffsets, options) : [];
    const old =
      before?.status === 'OPEN'
        ? planReminders(d.id, before.dueAt, before.reminderOffsets, options)
        : [];
    const nextIds = new Set(next.map((r) => r.jobId));
    const oldIds = new Set(old.map((r) => r.jobId));
    for (const r of old) {
      if (!nextIds.has(r.jobId)) await this.outbox.cancel(manager, 'deadline.reminder', r.jobId);
    }
    for (const r of next) {
      if (before && oldIds.has(r.jobId)) continue;
      await this.outbox.enqueue(
        manager,
        'deadline.reminder',
        { deadlineId: d.id, offsetMinutes: r.offsetMinutes, dueAt: d.dueAt.toISOString() },
        // replace: a job with this id left in BullMQ's completed set (e.g. a stale run before the
        // deadline was moved back) would otherwise swallow the new one; the processor's unique
        // (deadline, due time, offset) row still guarantees a single reminder.
        { jobId: r.jobId, runAt: this.clock.realTimeOf(r.fireAt), replace: true },
      );
    }
  }

  // ---- internals ---------------------------------------------------------------------------

  private async insert(
    manager: EntityManager,
    actor: Actor,
    tender: Tender,
    participants: string[],
    input: NewDeadline,
  ): Promise<Deadline> {
    if (CLOSED_TENDER.includes(tender.status)) {
      throw conflict('TENDER_NOT_EDITABLE', `A ${tender.status} tender takes no new deadlines`, {
        currentStatus: tender.status,
      });
    }
    assertValidInstant(input.dueAt);
    const responsible = input.responsibleOrganisationId ?? null;
    if (responsible !== null) assertParticipant(tender, participants, responsible);
    if (input.kind === 'CUSTOM' && !input.title?.trim()) {
      throw fieldError('title', 'isDefined', 'title is required for a CUSTOM deadline');
    }
    const flags = flagsOf(input, {});
    const countedFrom = input.countedFrom ?? null;
    const minimum = this.minimumFor(tender, input.kind, input.dueAt, {
      countedFrom,
      flags,
      preset: input.minimum ?? null,
    });
    const d = await manager.getRepository(Deadline).save(
      manager.getRepository(Deadline).create({
        tenderId: tender.id,
        kind: input.kind,
        title: input.title?.trim() || KIND_LABEL_PL[input.kind],
        dueAt: input.dueAt,
        ...minimum,
        statutoryFlags: flags,
        responsibleOrganisationId: responsible,
        status: 'OPEN',
        reminderOffsets: [...new Set(input.reminderOffsets ?? this.config.reminderOffsets)].sort(
          (a, b) => b - a,
        ),
        note: input.note ?? null,
        origin: input.origin ?? 'MANUAL',
        subjectType: input.subjectType ?? null,
        subjectId: input.subjectId ?? null,
        createdById: isSystem(actor) ? null : actor.userId,
      }),
    );
    await recordAudit(manager, actor, {
      action: 'deadline.created',
      entityType: 'deadline',
      entityId: d.id,
      tenderId: tender.id,
      partnershipId: tender.partnershipId,
      organisationId: responsible ?? tender.leaderOrganisationId,
      data: {
        kind: d.kind,
        title: d.title,
        dueAt: toWarsawIso(d.dueAt),
        responsibleOrganisationId: responsible,
        reminderOffsets: d.reminderOffsets,
        minimumOn: d.minimumOn,
        basis: d.basis,
        origin: d.origin,
      },
    });
    await this.syncReminders(manager, d);
    return d;
  }

  private async change(
    manager: EntityManager,
    actor: Actor,
    d: Deadline,
    tender: Tender,
    participants: string[],
    patch: DeadlinePatch,
  ): Promise<Deadline> {
    if (!PENDING_STATUSES.includes(d.status)) {
      throw conflict(
        'DEADLINE_ILLEGAL_TRANSITION',
        `A ${d.status} deadline can no longer be changed`,
        { currentStatus: d.status },
      );
    }
    if (patch.dueAt) assertValidInstant(patch.dueAt);
    if (patch.responsibleOrganisationId !== undefined) {
      assertParticipant(tender, participants, patch.responsibleOrganisationId);
    }
    const dueAt = patch.dueAt ?? d.dueAt;
    const flags = flagsOf(patch, d.statutoryFlags);
    const countedFrom = patch.countedFrom ?? d.countedFrom;
    const statutoryInput =
      patch.dueAt !== undefined ||
      patch.countedFrom !== undefined ||
      patch.minimum !== undefined ||
      JSON.stringify(flags) !== JSON.stringify(d.statutoryFlags);
    const minimum = statutoryInput
      ? this.minimumFor(tender, d.kind, dueAt, {
          countedFrom,
          flags,
          preset:
            patch.minimum !== undefined
              ? patch.minimum
              : d.minimumOn && d.minimumConstraint && d.basis
                ? { on: d.minimumOn, constraint: d.minimumConstraint, basis: d.basis }
                : null,
        })
      : {};
    const offsets =
      patch.reminderOffsets !== undefined
        ? [...new Set(patch.reminderOffsets)].sort((a, b) => b - a)
        : d.reminderOffsets;
    // A missed deadline moved into the future is open again (and reminds again).
    const reopened = d.status === 'MISSED' && dueAt.getTime() > this.clock.now().getTime();
    const changes: Partial<Deadline> = {
      ...(patch.dueAt !== undefined ? { dueAt } : {}),
      ...(patch.title !== undefined ? { title: patch.title.trim() } : {}),
      ...(patch.responsibleOrganisationId !== undefined
        ? { responsibleOrganisationId: patch.responsibleOrganisationId }
        : {}),
      ...(patch.reminderOffsets !== undefined ? { reminderOffsets: offsets } : {}),
      ...(patch.note !== undefined ? { note: patch.note } : {}),
      ...minimum,
      ...(statutoryInput ? { statutoryFlags: flags } : {}),
      ...(reopened ? { status: 'OPEN' as const, missedAt: null } : {}),
    };
    const diff = changedFields<Record<string, unknown>>(
      { ...d, dueAt: toWarsawIso(d.dueAt) },
      { ...changes, ...(changes.dueAt ? { dueAt: toWarsawIso(changes.dueAt) } : {}) },
    );
    if (Object.keys(diff).length === 0) return d;
    const before = { dueAt: d.dueAt, reminderOffsets: d.reminderOffsets, status: d.status };
    Object.assign(d, changes, { version: d.version + 1 });
    await manager.update(Deadline, d.id, { ...changes, version: d.version });
    await recordAudit(manager, actor, {
      action: patch.dueAt !== undefined && diff.dueAt ? 'deadline.moved' : 'deadline.updated',
      entityType: 'deadline',
      entityId: d.id,
      tenderId: tender.id,
      partnershipId: tender.partnershipId,
      organisationId: d.responsibleOrganisationId ?? tender.leaderOrganisationId,
      data: diff,
    });
    await this.syncReminders(manager, d, before);
    return d;
  }

  private async markDone(
    manager: EntityManager,
    actor: Actor,
    d: Deadline,
    note?: string,
  ): Promise<Deadline> {
    if (d.status === 'DONE') return d;
    if (d.status === 'CANCELLED') {
      throw conflict('DEADLINE_ILLEGAL_TRANSITION', 'A CANCELLED deadline cannot be done', {
        currentStatus: d.status,
      });
    }
    const tender = await this.tenderRow(manager, d.tenderId);
    const before = { dueAt: d.dueAt, reminderOffsets: d.reminderOffsets, status: d.status };
    const doneAt = this.clock.now();
    const changes: Partial<Deadline> = {
      status: 'DONE',
      doneAt,
      doneById: isSystem(actor) ? null : actor.userId,
      doneByName: actor.displayName,
      ...(note !== undefined ? { note } : {}),
      version: d.version + 1,
    };
    Object.assign(d, changes);
    await manager.update(Deadline, d.id, changes);
    await recordAudit(manager, actor, {
      action: 'deadline.done',
      entityType: 'deadline',
      entityId: d.id,
      tenderId: d.tenderId,
      partnershipId: tender.partnershipId,
      organisationId: d.responsibleOrganisationId ?? tender.leaderOrganisationId,
      data: {
        kind: d.kind,
        dueAt: toWarsawIso(d.dueAt),
        late: doneAt.getTime() > d.dueAt.getTime(),
        ...(note ? { note } : {}),
      },
    });
    await this.syncReminders(manager, d, before);
    return d;
  }

  private async markCancelled(
    manager: EntityManager,
    actor: Actor,
    d: Deadline,
    reason: string,
  ): Promise<Deadline> {
    if (!PENDING_STATUSES.includes(d.status)) {
      throw conflict('DEADLINE_ILLEGAL_TRANSITION', `A ${d.status} deadline cannot be cancelled`, {
        currentStatus: d.status,
      });
    }
    const tender = await this.tenderRow(manager, d.tenderId);
    const before = { dueAt: d.dueAt, reminderOffsets: d.reminderOffsets, status: d.status };
    const changes: Partial<Deadline> = {
      status: 'CANCELLED',
      cancelledAt: this.clock.now(),
      cancelReason: reason.trim(),
      version: d.version + 1,
    };
    Object.assign(d, changes);
    await manager.update(Deadline, d.id, changes);
    await recordAudit(manager, actor, {
      action: 'deadline.cancelled',
      entityType: 'deadline',
      entityId: d.id,
      tenderId: d.tenderId,
      partnershipId: tender.partnershipId,
      organisationId: d.responsibleOrganisationId ?? tender.leaderOrganisationId,
      data: { kind: d.kind, dueAt: toWarsawIso(d.dueAt), reason: d.cancelReason },
    });
    await this.syncReminders(manager, d, before);
    return d;
  }

  /**
   * The statutory minimum columns for a deadline due at `dueAt`, or a 422 when it breaks one.
   * Enforced kinds are recomputed from the tender; other kinds keep the preset (proposal) minimum.
   */
  private minimumFor(
    tender: Tender,
    kind: DeadlineKind,
    dueAt: Date,
    input: { countedFrom: string | null; flags: StatutoryFlags; preset: PresetMinimum | null },
  ): Pick<Deadline, 'minimumOn' | 'minimumConstraint' | 'basis' | 'countedFrom'> {
    if (!ENFORCED_MINIMUM_KINDS.includes(kind)) {
      return {
        minimumOn: input.preset?.on ?? null,
        minimumConstraint: input.preset?.constraint ?? null,
        basis: input.preset?.basis ?? null,
        countedFrom: input.countedFrom,
      };
    }
    const context: StatutoryContext = {
      regime: tender.regime,
      procedure: tender.procedure,
      subjectKind: tender.subjectKind,
      publishedOn:
        tender.publishedOn ??
        (kind === 'OFFERS' ? input.countedFrom : null) ??
        tender.plannedStartOn ??
        null,
      awardSentOn: kind === 'STANDSTILL_END' ? input.countedFrom : null,
      urgent: input.flags.urgent ?? false,
      priorInformationNotice: input.flags.priorInformationNotice ?? false,
      electronic: input.flags.electronic ?? true,
      stored:
        input.preset && input.preset.constraint === 'NOT_BEFORE'
          ? { minimumOn: input.preset.on, basis: input.preset.basis }
          : null,
    };
    const verdict = checkStatutoryMinimum(kind, dueAt, context);
    if (verdict.ok) {
      const m = verdict.minimum;
      return {
        minimumOn: m.minimumOn,
        minimumConstraint: m.minimumOn ? 'NOT_BEFORE' : null,
        basis: m.basis,
        countedFrom: m.countedFrom ?? input.countedFrom,
      };
    }
    if (verdict.problem === 'TOO_EARLY') {
      const what = kind === 'OFFERS' ? 'The offer deadline' : 'The end of the standstill';
      const message =
        `${what} may not fall before ${verdict.earliest}` +
        (verdict.days !== undefined ? ` (a statutory minimum of ${verdict.days} days)` : '') +
        `: ${verdict.basis}`;
      throw new DomainError(
        422,
        'DEADLINE_BEFORE_STATUTORY_MINIMUM',
        message,
        [{ field: 'dueAt', rule: 'statutoryMinimum', message }],
        {
          earliest: verdict.earliest,
          basis: verdict.basis,
          ...(verdict.days !== undefined ? { days: verdict.days } : {}),
          ...(verdict.note ? { note: verdict.note } : {}),
        },
      );
    }
    throw unprocessable(
      verdict.problem === 'UNKNOWN' ? 'DEADLINE_MINIMUM_UNKNOWN' : 'SCHEDULE_NOT_COMPUTABLE',
      verdict.message,
    );
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
    return { deadline: await this.lockRow(manager, id), ...locked };
  }

  private async lockRow(manager: EntityManager, id: string): Promise<Deadline> {
    const d = await manager
      .getRepository(Deadline)
      .findOne({ where: { id }, lock: { mode: 'pessimistic_write' } });
    if (!d) throw notFound('Deadline', id);
    return d;
  }

  private async tenderRow(manager: EntityManager, id: string): Promise<Tender> {
    const tender = await manager.getRepository(Tender).findOne({ where: { id } });
    if (!tender) throw notFound('Tender', id);
    return tender;
  }

  private async findRow(manager: EntityManager, id: string): Promise<Deadline> {
    const d = await manager
      .getRepository(Deadline)
      .findOne({ where: { id }, relations: { responsibleOrganisation: true } });
    if (!d) throw notFound('Deadline', id);
    return d;
  }

  private async view(id: string): Promise<DeadlineView> {
    return this.toView(await this.findRow(this.dataSource.manager, id));
  }

  toView(d: Deadline): DeadlineView {
    const upcoming =
      d.status === 'OPEN'
        ? planReminders(d.id, d.dueAt, d.reminderOffsets, {
            hour: this.config.reminderHour,
            now: this.clock.now(),
            unitMs: this.config.reminderOffsetUnitMs,
          })
        : [];
    return {
      id: d.id,
      tenderId: d.tenderId,
      kind: d.kind,
      title: d.title,
      dueAt: toWarsawIso(d.dueAt),
      status: d.status,
      minimum:
        d.minimumOn && d.minimumConstraint
          ? {
              on: d.minimumOn,
              constraint: d.minimumConstraint,
              basis: d.basis ?? '',
              countedFrom: d.countedFrom,
              enforced:
                ENFORCED_MINIMUM_KINDS.includes(d.kind) && d.minimumConstraint === 'NOT_BEFORE',
            }
          : null,
      responsibleOrganisationId: d.responsibleOrganisationId,
      responsibleOrganisationName: d.responsibleOrganisation?.name ?? null,
      reminderOffsets: d.reminderOffsets,
      upcomingReminders: upcoming.map((r) => ({
        offsetMinutes: r.offsetMinutes,
        at: toWarsawIso(r.fireAt),
      })),
      origin: d.origin,
      note: d.note,
      subjectType: d.subjectType,
      subjectId: d.subjectId,
      doneAt: d.doneAt ? d.doneAt.toISOString() : null,
      doneByName: d.doneByName,
      missedAt: d.missedAt ? d.missedAt.toISOString() : null,
      cancelledAt: d.cancelledAt ? d.cancelledAt.toISOString() : null,
      cancelReason: d.cancelReason,
      version: d.version,
      updatedAt: d.updatedAt.toISOString(),
    };
  }
}

const isSystem = (actor: Actor): boolean => actor.userId === systemActor().userId;

function assertVersion(d: Deadline, version: number): void {
  if (d.version !== version) {
    throw conflict(
      'DEADLINE_VERSION_CONFLICT',
      `The deadline was changed by someone else (current version ${d.version}); reload and retry`,
      { currentVersion: d.version, currentStatus: d.status },
    );
  }
}

function assertValidInstant(at: Date): void {
  if (Number.isNaN(at.getTime())) throw fieldError('dueAt', 'isDate', 'dueAt is not a valid time');
}

function assertParticipant(tender: Tender, participants: string[], organisationId: string): void {
  if (organisationId !== tender.leaderOrganisationId && !participants.includes(organisationId)) {
    throw fieldError(
      'responsibleOrganisationId',
      'tenderParticipant',
      'responsibleOrganisationId must be the leader or a partner of the tender',
    );
  }
}

function flagsOf(
  input: { urgent?: boolean; priorInformationNotice?: boolean; electronic?: boolean },
  base: StatutoryFlags,
): StatutoryFlags {
  return {
    ...base,
    ...(input.urgent !== undefined ? { urgent: input.urgent } : {}),
    ...(input.priorInformationNotice !== undefined
      ? { priorInformationNotice: input.priorInformationNotice }
      : {}),
    ...(input.electronic !== undefined ? { electronic: input.electronic } : {}),
  };
}

/** A deadline of a tender the caller may not see is reported as a missing deadline. */
function hideTender(err: unknown, deadlineId: string): unknown {
  return err instanceof DomainError && err.status === 404 ? notFound('Deadline', deadlineId) : err;
}
