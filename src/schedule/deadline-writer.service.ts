import { Injectable } from '@nestjs/common';
import { EntityManager, In, Not } from 'typeorm';
import { systemActor, type Actor } from '../auth';
import { changedFields, recordAudit } from '../audit';
import { conflict, fieldError, notFound } from '../common/errors';
import { OutboxService } from '../common/outbox';
import { toWarsawIso } from '../common/polish-calendar';
import { AppConfig } from '../config';
import { participantsOf, Tender } from '../tenders';
import { Clock } from './clock';
import { ENFORCED_MINIMUM_KINDS, KIND_LABEL_PL, PENDING_STATUSES } from './deadline-kinds';
import { Deadline } from './deadline.entity';
import type { DeadlineView } from './dto/deadline.dto';
import { planReminders } from './reminder-plan';
import { assertParticipant, assertValidInstant, flagsOf, minimumFor } from './deadline-rules';
import type { DeadlinePatch, DeadlineSnapshot, LoadedTender, NewDeadline } from './deadline-inputs';

export type {
  DeadlinePatch,
  DeadlineSnapshot,
  LoadedTender,
  NewDeadline,
  PresetMinimum,
} from './deadline-inputs';

/** Tender statuses in which the schedule can no longer change. */
const CLOSED_TENDER: readonly string[] = ['CANCELLED', 'SETTLED'];

/**
 * The one writer of deadlines: the HTTP use cases (DeadlinesService) and other modules (the
 * schedule's apply, finance's payment deadlines) call it inside their own transaction. One name per
 * verb: create, update, complete, cancel.
 */
@Injectable()
export class DeadlineWriter {
  constructor(
    private readonly outbox: OutboxService,
    private readonly config: AppConfig,
    private readonly clock: Clock,
  ) {}

  /**
   * Creates a deadline (statutory minimum checked, audit event, reminders in the outbox). The
   * caller has checked its own access rule; 422 when the due time breaks a statutory minimum.
   * `loaded`: the tender and its participants when the caller has them locked already.
   */
  async create(
    manager: EntityManager,
    actor: Actor,
    input: NewDeadline,
    loaded?: LoadedTender,
  ): Promise<Deadline> {
    const { tender, participants } = loaded ?? (await this.loadTender(manager, input.tenderId));
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
    const minimum = minimumFor(tender, input.kind, input.dueAt, {
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
        financeOrganisationId: input.financeOrganisationId ?? null,
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

  /** Moves or edits a deadline (the checks of PATCH; the caller has checked access and version). */
  async update(
    manager: EntityManager,
    actor: Actor,
    deadline: Deadline | string,
    patch: DeadlinePatch,
    loaded?: LoadedTender,
  ): Promise<Deadline> {
    const d = typeof deadline === 'string' ? await this.lockRow(manager, deadline) : deadline;
    const { tender, participants } = loaded ?? (await this.loadTender(manager, d.tenderId));
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
      ? minimumFor(tender, d.kind, dueAt, {
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

  /** Marks a deadline done (idempotent: a DONE one is returned as it is). */
  async complete(
    manager: EntityManager,
    actor: Actor,
    deadline: Deadline | string,
    note?: string,
  ): Promise<Deadline> {
    const d = typeof deadline === 'string' ? await this.lockRow(manager, deadline) : deadline;
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

  async cancel(
    manager: EntityManager,
    actor: Actor,
    deadline: Deadline | string,
    reason: string,
  ): Promise<Deadline> {
    const d = typeof deadline === 'string' ? await this.lockRow(manager, deadline) : deadline;
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

  /** The deadlines another module attached to these records (not cancelled), oldest first. */
  async findBySubjects(
    manager: EntityManager,
    subjectType: string,
    subjectIds: readonly string[],
  ): Promise<Deadline[]> {
    if (subjectIds.length === 0) return [];
    return manager.getRepository(Deadline).find({
      where: { subjectType, subjectId: In([...subjectIds]), status: Not('CANCELLED') },
      order: { createdAt: 'ASC' },
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

  async lockRow(manager: EntityManager, id: string): Promise<Deadline> {
    const d = await manager
      .getRepository(Deadline)
      .findOne({ where: { id }, lock: { mode: 'pessimistic_write' } });
    if (!d) throw notFound('Deadline', id);
    return d;
  }

  async findRow(manager: EntityManager, id: string): Promise<Deadline> {
    const d = await manager
      .getRepository(Deadline)
      .findOne({ where: { id }, relations: { responsibleOrganisation: true } });
    if (!d) throw notFound('Deadline', id);
    return d;
  }

  private async tenderRow(manager: EntityManager, id: string): Promise<Tender> {
    const tender = await manager.getRepository(Tender).findOne({ where: { id } });
    if (!tender) throw notFound('Tender', id);
    return tender;
  }

  private async loadTender(manager: EntityManager, tenderId: string): Promise<LoadedTender> {
    const tender = await this.tenderRow(manager, tenderId);
    return { tender, participants: (await participantsOf(manager, [tender])).get(tender.id) ?? [] };
  }
}

const isSystem = (actor: Actor): boolean => actor.userId === systemActor().userId;
