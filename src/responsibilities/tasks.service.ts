import { createHash } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { AccessPolicyService, type Actor } from '../auth';
import { recordAudit } from '../audit';
import {
  assertVersion,
  conflict,
  fieldError,
  fieldRuleError,
  forbidden,
  notFound,
} from '../common/errors';
import { todayInWarsaw } from '../common/dates';
import { addCalendarDays, warsawDateTime } from '../common/polish-calendar';
import { Clock, DeadlineWriter, deadlineRows } from '../schedule';
import { TendersService, tenderFacts, type Tender, lotRows, shareRows } from '../tenders';
import type {
  ApplyTaskSetDto,
  ChangeTaskDto,
  CompleteTaskDto,
  CreateTaskDto,
  TaskMatrixView,
  TaskView,
  WaiveTaskDto,
} from './dto/task.dto';
import { checkTaskFile } from './task-file';
import {
  TASK_SETS,
  taskTitle,
  type TaskKind,
  type TaskScope,
  type TaskSetKind,
} from './task-kinds';
import { assertNotPast, assertResponsible, columnsOf, mayComplete, taskView } from './task-checks';
import {
  currentTask,
  currentTasks,
  insertNextVersion,
  insertVersion,
  type TaskRow,
} from './task-rows';

/** Deadlines of a task are stored with this subject type and the task's id. */
export const TASK_SUBJECT = 'tender_task';
const DUE_TIME = '23:59';

/**
 * The responsibility matrix of a tender (issue #14). The leader's officers (`tender.manage`)
 * apply task sets, add, change and waive tasks; the responsible organisation's people (any role
 * but lawyer) and the leader's officers mark a task done. Every change is a new version of the
 * task, one transaction with its audit event and its deadline (reminders and the overdue sweep's
 * escalation to the responsible partner's head come from the schedule module).
 */
@Injectable()
export class ResponsibilityTasksService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly tenders: TendersService,
    private readonly policy: AccessPolicyService,
    private readonly deadlines: DeadlineWriter,
    private readonly clock: Clock,
  ) {}

  /** The Warsaw day on the schedule's clock: due days are counted from it and never before it. */
  private today(): string {
    return todayInWarsaw(this.clock.now());
  }

  async matrix(actor: Actor, tenderId: string): Promise<TaskMatrixView> {
    const m = this.dataSource.manager;
    const { tender, participants } = await this.tenders.loadVisible(m, actor, tenderId, false);
    const mayManage = this.policy.can(actor, {
      action: 'tender.manage',
      tender: tenderFacts(tender, participants),
    });
    const rows = await currentTasks(m, tender.id);
    const orgs = await columnsOf(m, tender);
    return {
      tenderId: tender.id,
      tasks: rows.map((r) => taskView(actor, tender, r, mayManage)),
      organisations: orgs,
      mayManage,
    };
  }

  async one(actor: Actor, taskId: string): Promise<TaskView> {
    const m = this.dataSource.manager;
    const row = await currentTask(m, taskId);
    if (!row) throw notFound('Task', taskId);
    const { tender, mayManage } = await this.seen(m, actor, row);
    return taskView(actor, tender, row, mayManage);
  }

  async create(actor: Actor, tenderId: string, dto: CreateTaskDto): Promise<TaskView> {
    const id = await this.dataSource.transaction(async (manager) => {
      const { tender } = await this.tenders.lockForChange(manager, actor, tenderId, true);
      return this.createIn(manager, actor, tender, {
        kind: dto.kind as TaskKind,
        scope: (dto.scope as TaskScope | undefined) ?? 'EACH_PARTNER',
        lotNumber: dto.lotNumber ?? null,
        organisationId: dto.organisationId,
        personUserId: dto.personUserId ?? null,
        dueOn: dto.dueOn,
      });
    });
    return this.one(actor, id);
  }

  /**
   * Creates the set's tasks: a LEADER_FOR_ALL line once for the leader, an EACH_PARTNER line for
   * every organisation with a share (per lot it takes part in when the line is per lot).
   */
  async applySet(actor: Actor, tenderId: string, dto: ApplyTaskSetDto): Promise<TaskMatrixView> {
    await this.dataSource.transaction(async (manager) => {
      const { tender } = await this.tenders.lockForChange(manager, actor, tenderId, true);
      const setKind = (dto.set ?? tender.subjectKind) as TaskSetKind;
      const set = TASK_SETS[setKind];
      if (!set) throw fieldError('set', 'isIn', `No task set for ${setKind}`);
      const shares = await manager.query<{ organisation_id: string; number: number }[]>(
        `SELECT DISTINCT s.organisation_id, l.number FROM ${shareRows} s JOIN ${lotRows} l ON l.id = s.lot_id
          WHERE s.tender_id = $1 AND s.status <> 'WITHDRAWN' ORDER BY l.number`,
        [tender.id],
      );
      const partners = [...new Set(shares.map((s) => s.organisation_id))];
      const today = this.today();
      let created = 0;
      for (const line of set.tasks) {
        const dueOn = addCalendarDays(today, line.dueInDays);
        const targets: { org: string; lot: number | null }[] =
          line.scope === 'LEADER_FOR_ALL'
            ? [{ org: tender.leaderOrganisationId, lot: null }]
            : line.perLot
              ? shares.map((s) => ({ org: s.organisation_id, lot: s.number }))
              : partners.map((org) => ({ org, lot: null }));
        for (const t of targets) {
          await this.createIn(manager, actor, tender, {
            kind: line.kind,
            scope: line.scope,
            lotNumber: t.lot,
            organisationId: t.org,
            personUserId: null,
            dueOn,
          });
          created += 1;
        }
      }
      await recordAudit(manager, actor, {
        // A summary of the tasks just created (each has its own event); the tender row is unchanged.
        action: 'task.set_applied',
        entityType: 'task_set',
        tenderId: tender.id,
        partnershipId: tender.partnershipId,
        data: { set: setKind, created },
      });
    });
    return this.matrix(actor, tenderId);
  }

  async change(actor: Actor, taskId: string, dto: ChangeTaskDto): Promise<TaskView> {
    await this.dataSource.transaction(async (manager) => {
      const { tender, row } = await this.lockOpen(manager, actor, taskId, dto.version, true);
      const organisationId = dto.organisationId ?? row.organisation_id;
      const personUserId =
        dto.personUserId ?? (organisationId === row.organisation_id ? row.person_user_id : null);
      const dueOn = dto.dueOn ?? row.due_on;
      if (dto.dueOn) assertNotPast(dto.dueOn, this.today());
      await assertResponsible(manager, tender, organisationId, personUserId);
      if (row.deadline_id)
        await this.deadlines.update(manager, actor, row.deadline_id, {
          dueAt: warsawDateTime(dueOn, DUE_TIME),
          responsibleOrganisationId: organisationId,
        });
      await insertNextVersion(manager, actor, row, this.clock.now(), {
        action: 'CHANGED',
        organisation_id: organisationId,
        person_user_id: personUserId,
        due_on: dueOn,
        note: dto.reason,
      });
      await this.audit(manager, actor, tender, row, 'task.changed', {
        reason: dto.reason,
        ...(dueOn !== row.due_on ? { dueOn: { from: row.due_on, to: dueOn } } : {}),
        ...(organisationId !== row.organisation_id
          ? { organisationId: { from: row.organisation_id, to: organisationId } }
          : {}),
      });
    });
    return this.one(actor, taskId);
  }

  async complete(actor: Actor, taskId: string, dto: CompleteTaskDto): Promise<TaskView> {
    return this.completeWith(actor, taskId, {
      version: dto.version,
      note: dto.note,
      file: dto.file
        ? { name: dto.file.name, bytes: Buffer.from(dto.file.contentBase64, 'base64') }
        : null,
      fields: { name: 'file.name', content: 'file.contentBase64' },
    });
  }

  /**
   * Marks the task done with a note, a file or both: the API's Base64 body and the web form's
   * upload end here, so both keep the same rules (`checkTaskFile`: accepted kind by extension
   * and content, ≤ 5 MB, not empty) and the same storage. The file is checked before anything is
   * written; a refused file leaves the task open.
   */
  async completeWith(
    actor: Actor,
    taskId: string,
    input: {
      version: number;
      note?: string;
      file: { name: string; bytes: Buffer; truncated?: boolean } | null;
      /** The input names a refused file's violation gives (the API's body or the form's field). */
      fields: { name: string; content: string };
    },
  ): Promise<TaskView> {
    const note = input.note?.trim() || null;
    let file: { name: string; contentType: string; bytes: Buffer } | null = null;
    if (input.file) {
      const checked = checkTaskFile(input.file, input.fields);
      if ('violation' in checked) {
        const v = checked.violation;
        throw v.rule === 'fileType' || v.rule === 'fileContent'
          ? fieldRuleError(v.field, v.rule, v.message)
          : fieldError(v.field, v.rule, v.message);
      }
      file = { name: checked.name, contentType: checked.type.contentType, bytes: input.file.bytes };
    }
    await this.dataSource.transaction(async (manager) => {
      const { tender, row } = await this.lockOpen(manager, actor, taskId, input.version, false);
      if (!note && !file)
        throw fieldError('note', 'noteOrFile', 'A note or a file is required to mark a task done');
      let sha256: string | null = null;
      if (file) {
        sha256 = createHash('sha256').update(file.bytes).digest('hex');
        await manager.query(
          `INSERT INTO tender_task_files (sha256, content, size) VALUES ($1, $2, $3)
           ON CONFLICT (sha256) DO NOTHING`,
          [sha256, file.bytes, file.bytes.length],
        );
      }
      if (row.deadline_id) {
        const [d] = await manager.query<{ status: string }[]>(
          `SELECT status FROM ${deadlineRows} deadlines WHERE id = $1`,
          [row.deadline_id],
        );
        if (d && (d.status === 'OPEN' || d.status === 'MISSED'))
          await this.deadlines.complete(manager, actor, row.deadline_id, note ?? file?.name);
      }
      await insertNextVersion(manager, actor, row, this.clock.now(), {
        action: 'DONE',
        status: 'DONE',
        note,
        file_sha256: sha256,
        file_name: file?.name ?? null,
        file_type: file?.contentType ?? null,
      });
      await this.audit(manager, actor, tender, row, 'task.done', {
        note,
        file: file ? { name: file.name, sha256, size: file.bytes.length } : null,
      });
    });
    return this.one(actor, taskId);
  }

  async waive(actor: Actor, taskId: string, dto: WaiveTaskDto): Promise<TaskView> {
    await this.dataSource.transaction(async (manager) => {
      const { tender, row } = await this.lockOpen(manager, actor, taskId, dto.version, true);
      if (row.deadline_id) {
        const [d] = await manager.query<{ status: string }[]>(
          `SELECT status FROM ${deadlineRows} deadlines WHERE id = $1`,
          [row.deadline_id],
        );
        if (d && (d.status === 'OPEN' || d.status === 'MISSED'))
          await this.deadlines.cancel(manager, actor, row.deadline_id, dto.reason);
      }
      await insertNextVersion(manager, actor, row, this.clock.now(), {
        action: 'WAIVED',
        status: 'WAIVED',
        note: dto.reason,
      });
      await this.audit(manager, actor, tender, row, 'task.waived', { reason: dto.reason });
    });
    return this.one(actor, taskId);
  }

  /** The file attached to a done task (who sees the tender downloads it). */
  async file(
    actor: Actor,
    taskId: string,
  ): Promise<{ name: string; contentType: string; bytes: Buffer }> {
    const m = this.dataSource.manager;
    const row = await currentTask(m, taskId);
    if (!row) throw notFound('Task', taskId);
    await this.seen(m, actor, row);
    if (!row.file_sha256) throw notFound('Task file', taskId);
    const [f] = await m.query<{ content: Buffer }[]>(
      'SELECT content FROM tender_task_files WHERE sha256 = $1',
      [row.file_sha256],
    );
    return {
      name: row.file_name ?? 'plik',
      contentType: row.file_type ?? 'application/octet-stream',
      bytes: f.content,
    };
  }

  // ---- inside a transaction --------------------------------------------------------------------

  private async createIn(
    manager: EntityManager,
    actor: Actor,
    tender: Tender,
    t: {
      kind: TaskKind;
      scope: TaskScope;
      lotNumber: number | null;
      organisationId: string;
      personUserId: string | null;
      dueOn: string;
    },
  ): Promise<string> {
    assertNotPast(t.dueOn, this.today());
    if (t.scope === 'LEADER_FOR_ALL' && t.organisationId !== tender.leaderOrganisationId)
      throw fieldRuleError(
        'organisationId',
        'leaderForAll',
        'A task the leader does for all partners (art. 38 Pzp) is the leader’s',
      );
    if (t.lotNumber !== null) {
      const [lot] = await manager.query<{ id: string }[]>(
        `SELECT id FROM ${lotRows} lots WHERE tender_id = $1 AND number = $2`,
        [tender.id, t.lotNumber],
      );
      if (!lot)
        throw fieldRuleError('lotNumber', 'lotExists', `The tender has no lot ${t.lotNumber}`);
    }
    await assertResponsible(manager, tender, t.organisationId, t.personUserId);
    const [{ id }] = await manager.query<{ id: string }[]>('SELECT gen_random_uuid() AS id');
    const title = taskTitle(t.kind, t.lotNumber);
    const deadline = await this.deadlines.create(manager, actor, {
      tenderId: tender.id,
      kind: 'CUSTOM',
      dueAt: warsawDateTime(t.dueOn, DUE_TIME),
      title,
      responsibleOrganisationId: t.organisationId,
      origin: 'TASKS',
      subjectType: TASK_SUBJECT,
      subjectId: id,
      note: 'Zadanie z podziału zadań i odpowiedzialności',
    });
    await insertVersion(manager, {
      task_id: id,
      version: 1,
      action: 'CREATED',
      tender_id: tender.id,
      kind: t.kind,
      scope: t.scope,
      lot_number: t.lotNumber,
      title,
      organisation_id: t.organisationId,
      person_user_id: t.personUserId,
      due_on: t.dueOn,
      status: 'OPEN',
      note: null,
      file_sha256: null,
      file_name: null,
      file_type: null,
      deadline_id: deadline.id,
      actor_user_id: actor.userId,
      actor_name: actor.displayName,
      created_at: this.clock.now(),
    });
    await recordAudit(manager, actor, {
      action: 'task.created',
      entityType: 'task',
      entityId: id,
      tenderId: tender.id,
      partnershipId: tender.partnershipId,
      organisationId: t.organisationId,
      data: { kind: t.kind, scope: t.scope, lotNumber: t.lotNumber, dueOn: t.dueOn },
    });
    return id;
  }

  /**
   * Locks the task (its first version's tender row serialises changes), checks that the caller
   * sees it (404) and may act (403), that it is still open and not stale (409).
   */
  private async lockOpen(
    manager: EntityManager,
    actor: Actor,
    taskId: string,
    version: number,
    manage: boolean,
  ): Promise<{ tender: Tender; row: TaskRow }> {
    const first = await currentTask(manager, taskId);
    if (!first) throw notFound('Task', taskId);
    let tender: Tender;
    try {
      tender = (await this.tenders.lockForChange(manager, actor, first.tender_id, false)).tender;
    } catch (err) {
      if (err instanceof Error && 'status' in err && err.status === 404)
        throw notFound('Task', taskId);
      throw err;
    }
    const row = (await currentTask(manager, taskId)) as TaskRow;
    const { mayManage } = await this.seen(manager, actor, row);
    if (manage && !mayManage)
      throw forbidden('FORBIDDEN', "Only the leader's procurement officers change and waive tasks");
    if (!manage && !mayComplete(actor, tender, row, mayManage))
      throw forbidden(
        'FORBIDDEN',
        "Only the responsible organisation's people (not its lawyers) and the leader's procurement officers mark a task done",
      );
    if (row.status !== 'OPEN')
      throw conflict('TASK_CLOSED', `The task is ${row.status}; add a new task instead`, {
        currentStatus: row.status,
      });
    assertVersion(
      row.version,
      version,
      'TASK_VERSION_CONFLICT',
      `The task was changed meanwhile (now version ${row.version}); reload and retry`,
    );
    return { tender, row };
  }

  private async seen(
    manager: EntityManager,
    actor: Actor,
    row: TaskRow,
  ): Promise<{ tender: Tender; mayManage: boolean }> {
    try {
      const { tender, participants } = await this.tenders.loadVisible(
        manager,
        actor,
        row.tender_id,
        false,
      );
      const mayManage = this.policy.can(actor, {
        action: 'tender.manage',
        tender: tenderFacts(tender, participants),
      });
      return { tender, mayManage };
    } catch (err) {
      if (err instanceof Error && 'status' in err && err.status === 404)
        throw notFound('Task', row.task_id);
      throw err;
    }
  }

  private async audit(
    manager: EntityManager,
    actor: Actor,
    tender: Tender,
    row: TaskRow,
    action: string,
    data: Record<string, unknown>,
  ): Promise<void> {
    await recordAudit(manager, actor, {
      action,
      entityType: 'task',
      entityId: row.task_id,
      tenderId: tender.id,
      partnershipId: tender.partnershipId,
      organisationId: row.organisation_id,
      data: { title: row.title, ...data },
    });
  }
}
