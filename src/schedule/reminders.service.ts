import { Injectable, Logger } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { systemActor, type Actor, userRows, roleRows } from '../auth';
import type { Role } from '../auth';
import { recordAudit } from '../audit';
import type { JobPayloads } from '../common/jobs';
import { toWarsawIso } from '../common/polish-calendar';
import { NotificationsService, type PreferenceRow } from '../notifications';
import { pendingStep, STEP_ROLE, type ShareStatus, tenderRows, shareRows } from '../tenders';
import { Clock } from './clock';
import { ACTING_ROLES } from './deadline-kinds';
import { Deadline } from './deadline.entity';
import {
  escalationMessage,
  reminderMessage,
  type DeadlineFacts,
  type Message,
  type PendingAct,
} from './reminder-messages';
import { organisationRows } from '../organisations';

export type ReminderOutcome = 'done' | 'skipped';

interface TenderFactsRow {
  leader_organisation_id: string;
  partnership_id: string;
  reference: string;
  title: string;
  status: string;
  responsible_name: string | null;
}

interface PendingShareRow {
  organisation_id: string;
  organisation_name: string;
  status: ShareStatus;
}

/** Who must act on one organisation's behalf, and which users that is. */
interface Group {
  act: PendingAct | null;
  organisationId: string;
  roles: Role[];
}

const SWEEP_BATCH = 200;

/** Who is told, with what each must do, and their e-mail preferences (read in the same query). */
interface Recipients {
  acts: Map<string, PendingAct[]>;
  preferences: PreferenceRow[];
}

/**
 * The worker's side of deadlines: sending one reminder (re-reading the deadline first, so a job for
 * a moved, done or cancelled deadline does nothing) and the overdue sweep (MISSED + escalation).
 * Both write notifications (and through them e-mail jobs) in the same transaction as the record
 * that they were sent, so a crash can neither lose nor repeat a reminder.
 */
@Injectable()
export class RemindersService {
  private readonly logger = new Logger(RemindersService.name);
  private readonly actor: Actor = systemActor('reminders');

  constructor(
    private readonly dataSource: DataSource,
    private readonly notifications: NotificationsService,
    private readonly clock: Clock,
  ) {}

  async fire(job: JobPayloads['deadline.reminder']): Promise<ReminderOutcome> {
    const outcome = await this.dataSource.transaction(async (manager) => {
      const d = await manager
        .getRepository(Deadline)
        .findOne({ where: { id: job.deadlineId }, lock: { mode: 'pessimistic_write' } });
      if (!d) return 'gone';
      if (d.status !== 'OPEN') return `deadline is ${d.status}`;
      if (d.dueAt.toISOString() !== new Date(job.dueAt).toISOString()) return 'deadline moved';
      if (!d.reminderOffsets.includes(job.offsetMinutes)) return 'offset removed';
      const tender = await this.tenderFacts(manager, d);
      if (!tender) return 'tender gone';
      if (tender.status === 'CANCELLED') return 'tender cancelled';
      const groups = await this.actingGroups(manager, d, tender);
      if (groups === 'ALL_CONFIRMED') {
        await this.closeConfirmed(manager, d, tender);
        return 'all shares confirmed';
      }
      const recipients = await this.recipients(manager, tender, groups);
      const inserted = await manager.query<{ id: string }[]>(
        `INSERT INTO deadline_reminders (deadline_id, due_at, offset_minutes, recipients)
         VALUES ($1, $2, $3, $4) ON CONFLICT ON CONSTRAINT uq_deadline_reminders_offset DO NOTHING
         RETURNING id`,
        [d.id, d.dueAt, job.offsetMinutes, recipients.acts.size],
      );
      if (inserted.length === 0) return 'already sent';
      const facts = this.facts(d, tender);
      await this.send(manager, recipients, (pending) =>
        reminderMessage(facts, job.offsetMinutes, pending),
      );
      return 'done';
    });
    if (outcome !== 'done') {
      this.logger.debug(`Reminder ${job.deadlineId}/${job.offsetMinutes} skipped: ${outcome}`);
      return 'skipped';
    }
    return 'done';
  }

  /**
   * Marks OPEN deadlines past their due time MISSED and escalates each to the leader's officers and
   * the head of the partner who had to act. Batches lock rows with SKIP LOCKED, so several workers
   * can sweep at once without doing anything twice. Each deadline is its own savepoint: one that
   * cannot be processed is logged, stays OPEN for the next sweep and blocks none of the others.
   */
  async sweep(
    now: Date = this.clock.now(),
  ): Promise<{ missed: number; closed: number; failed: number }> {
    const total = { missed: 0, closed: 0, failed: 0 };
    const failed = new Set<string>();
    for (;;) {
      const batch = await this.dataSource.transaction(async (manager) => {
        const query = manager
          .getRepository(Deadline)
          .createQueryBuilder('d')
          .where("d.status = 'OPEN'")
          .andWhere('d.due_at < :now', { now });
        if (failed.size > 0) query.andWhere('d.id NOT IN (:...failed)', { failed: [...failed] });
        const rows = await query
          .orderBy('d.dueAt', 'ASC')
          .limit(SWEEP_BATCH)
          .setLock('pessimistic_write')
          .setOnLocked('skip_locked')
          .getMany();
        const counts = { missed: 0, closed: 0, failed: 0, rows: rows.length };
        for (const d of rows) {
          try {
            const missed = await manager.transaction((one) => this.sweepOne(one, d, now));
            if (missed) counts.missed += 1;
            else counts.closed += 1;
          } catch (err) {
            failed.add(d.id);
            counts.failed += 1;
            const message = err instanceof Error ? err.message : String(err);
            this.logger.error(
              `Overdue sweep skipped deadline ${d.id} (${d.kind}, tender ${d.tenderId}); it stays OPEN and is retried by the next sweep: ${message}`,
            );
          }
        }
        return counts;
      });
      total.missed += batch.missed;
      total.closed += batch.closed;
      total.failed += batch.failed;
      if (batch.rows < SWEEP_BATCH) return total;
    }
  }

  /** True when the deadline was missed (and escalated); false when it was closed otherwise. */
  private async sweepOne(manager: EntityManager, d: Deadline, now: Date): Promise<boolean> {
    const tender = await this.tenderFacts(manager, d);
    if (!tender || tender.status === 'CANCELLED') {
      await manager.update(Deadline, d.id, {
        status: 'CANCELLED',
        cancelledAt: now,
        cancelReason: 'Postępowanie unieważnione',
        version: d.version + 1,
      });
      return false;
    }
    const groups = await this.actingGroups(manager, d, tender);
    if (groups === 'ALL_CONFIRMED') {
      await this.closeConfirmed(manager, d, tender);
      return false;
    }
    await manager.update(Deadline, d.id, {
      status: 'MISSED',
      missedAt: now,
      version: d.version + 1,
    });
    // Escalation: the head of every organisation that had to act, and the leader's officers.
    const orgs = new Set(groups.map((g) => g.organisationId));
    if (orgs.size === 0) orgs.add(tender.leader_organisation_id);
    const heads: Group[] = [...orgs].map((organisationId) => ({
      act: null,
      organisationId,
      roles: ['HEAD'],
    }));
    const facts = this.facts(d, tender);
    const pending = groups.map((g) => g.act).filter((a): a is PendingAct => a !== null);
    const recipients = await this.recipients(manager, tender, heads);
    await this.send(manager, recipients, () => escalationMessage(facts, pending));
    const notified = recipients.acts.size;
    await recordAudit(manager, this.actor, {
      action: 'deadline.missed',
      entityType: 'deadline',
      entityId: d.id,
      tenderId: d.tenderId,
      partnershipId: tender.partnership_id,
      organisationId: d.responsibleOrganisationId ?? tender.leader_organisation_id,
      data: {
        kind: d.kind,
        dueAt: toWarsawIso(d.dueAt),
        escalatedTo: notified,
        pending: pending.map((p) => `${p.organisationName}: ${p.role}`),
      },
    });
    return true;
  }

  /** A share confirmation whose shares are all confirmed is done, whoever forgot to say so. */
  private async closeConfirmed(
    manager: EntityManager,
    d: Deadline,
    tender: TenderFactsRow,
  ): Promise<void> {
    const doneAt = this.clock.now();
    await manager.update(Deadline, d.id, {
      status: 'DONE',
      doneAt,
      doneByName: this.actor.displayName,
      version: d.version + 1,
    });
    await recordAudit(manager, this.actor, {
      action: 'deadline.done',
      entityType: 'deadline',
      entityId: d.id,
      tenderId: d.tenderId,
      partnershipId: tender.partnership_id,
      organisationId: tender.leader_organisation_id,
      data: { kind: d.kind, dueAt: toWarsawIso(d.dueAt), reason: 'all shares confirmed' },
    });
  }

  private tenderFacts(manager: EntityManager, d: Deadline): Promise<TenderFactsRow | undefined> {
    return manager
      .query<TenderFactsRow[]>(
        `SELECT t.leader_organisation_id, t.partnership_id, t.reference, t.title, t.status,
                o.name AS responsible_name
           FROM ${tenderRows} t LEFT JOIN ${organisationRows} o ON o.id = $2
          WHERE t.id = $1`,
        [d.tenderId, d.responsibleOrganisationId],
      )
      .then((rows) => rows[0]);
  }

  private facts(d: Deadline, tender: TenderFactsRow): DeadlineFacts {
    return {
      id: d.id,
      kind: d.kind,
      title: d.title,
      dueAt: d.dueAt,
      basis: d.basis,
      tenderId: d.tenderId,
      tenderReference: tender.reference,
      tenderTitle: tender.title,
      responsibleOrganisationName: tender.responsible_name,
    };
  }

  /**
   * Who must act on the deadline, per organisation. Share confirmation: for each unconfirmed share
   * the role its chain waits for (coordinator, treasurer or head; a share sent back for a change
   * waits for the leader, whose officers hear anyway). Other kinds: the kind's roles in the
   * responsible organisation (the leader by default).
   */
  private async actingGroups(
    manager: EntityManager,
    d: Deadline,
    tender: TenderFactsRow,
  ): Promise<Group[] | 'ALL_CONFIRMED'> {
    if (d.kind !== 'SHARE_CONFIRMATION') {
      return [
        {
          act: null,
          organisationId: d.responsibleOrganisationId ?? tender.leader_organisation_id,
          roles: ACTING_ROLES[d.kind],
        },
      ];
    }
    const shares = await manager.query<PendingShareRow[]>(
      `SELECT s.organisation_id, o.name AS organisation_name, s.status
         FROM ${shareRows} s JOIN ${organisationRows} o ON o.id = s.organisation_id
        WHERE s.tender_id = $1 AND s.status <> 'WITHDRAWN'
          AND ($2::uuid IS NULL OR s.organisation_id = $2)
        ORDER BY o.name`,
      [d.tenderId, d.responsibleOrganisationId],
    );
    if (shares.length > 0 && shares.every((s) => s.status === 'CONFIRMED')) return 'ALL_CONFIRMED';
    const groups = new Map<string, Group>();
    for (const s of shares) {
      const step = pendingStep(s.status);
      if (s.status === 'CONFIRMED') continue;
      if (step === null) {
        // Sent back for a change: the leader's officers act (they hear anyway); the partner's head
        // still hears of the escalation.
        groups.set(s.organisation_id, { act: null, organisationId: s.organisation_id, roles: [] });
        continue;
      }
      const role = STEP_ROLE[step];
      groups.set(`${s.organisation_id}/${role}`, {
        act: { organisationName: s.organisation_name, role },
        organisationId: s.organisation_id,
        roles: [role],
      });
    }
    return [...groups.values()];
  }

  /**
   * Each group's users (with their own act) and the leader's officers (with every pending act); a
   * user in several groups is listed once. One query for all of them.
   */
  private async recipients(
    manager: EntityManager,
    tender: TenderFactsRow,
    groups: Group[],
  ): Promise<Recipients> {
    const leader = tender.leader_organisation_id;
    const orgs = [...new Set([leader, ...groups.map((g) => g.organisationId)])];
    const roles = [...new Set<Role>(['PROCUREMENT_OFFICER', ...groups.flatMap((g) => g.roles)])];
    // With each user's e-mail preferences, so that notifying them needs no second read of users.
    const members = await manager.query<
      {
        user_id: string;
        organisation_id: string;
        role: Role;
        email_opt_out: boolean;
        email_opt_out_kinds: string[];
      }[]
    >(
      `SELECT DISTINCT m.user_id, m.organisation_id, m.role, u.email_opt_out, u.email_opt_out_kinds
         FROM ${roleRows} m JOIN ${userRows} u ON u.id = m.user_id
        WHERE m.organisation_id = ANY($1) AND m.role = ANY($2) AND u.active
        ORDER BY m.user_id`,
      [orgs, roles],
    );
    const acts = new Map<string, PendingAct[]>();
    for (const g of groups) {
      for (const m of members) {
        if (m.organisation_id !== g.organisationId || !g.roles.includes(m.role)) continue;
        const mine = acts.get(m.user_id) ?? [];
        if (g.act && !mine.includes(g.act)) mine.push(g.act);
        acts.set(m.user_id, mine);
      }
    }
    const all = groups.map((g) => g.act).filter((a): a is PendingAct => a !== null);
    for (const m of members) {
      if (m.organisation_id === leader && m.role === 'PROCUREMENT_OFFICER')
        acts.set(m.user_id, all);
    }
    const preferences = new Map<string, PreferenceRow>();
    for (const m of members) {
      preferences.set(m.user_id, {
        id: m.user_id,
        email_opt_out: m.email_opt_out,
        email_opt_out_kinds: m.email_opt_out_kinds ?? [],
      });
    }
    return { acts, preferences: [...preferences.values()] };
  }

  /** Notifies the recipients, each with its own text, in one insert (and one of e-mail jobs). */
  private async send(
    manager: EntityManager,
    { acts, preferences }: Recipients,
    message: (pending: PendingAct[]) => Message,
  ): Promise<void> {
    const byText = new Map<string, { message: Message; users: string[] }>();
    for (const [userId, pending] of acts) {
      const m = message(pending);
      const key = `${m.title}\n${m.body}`;
      const entry = byText.get(key) ?? { message: m, users: [] };
      entry.users.push(userId);
      byText.set(key, entry);
    }
    await this.notifications.notifyEach(
      manager,
      [...byText.values()].map(({ message: m, users }) => ({ userIds: users, input: m })),
      preferences,
    );
  }
}
