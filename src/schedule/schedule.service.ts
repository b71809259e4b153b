import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager, Not } from 'typeorm';
import { AccessPolicyService } from '../auth';
import type { Actor } from '../auth';
import { recordAudit } from '../audit';
import { conflict, DomainError, unprocessable } from '../common/errors';
import { warsawDate } from '../common/polish-calendar';
import { decideRegime, tenderFacts, TendersService } from '../tenders';
import type { Tender } from '../tenders';
import { Clock } from './clock';
import { KIND_LABEL_PL, PENDING_STATUSES } from './deadline-kinds';
import { Deadline } from './deadline.entity';
import { DeadlineWriter, type PresetMinimum } from './deadline-writer.service';
import type {
  ApplyScheduleDto,
  DeadlineListView,
  ScheduleProposalView,
  ScheduleQuery,
} from './dto/deadline.dto';
import { proposeSchedule, type ScheduleItem, type ScheduleProposal } from './rules/pzp-time-limits';

/** Tender statuses in which a schedule can still be proposed and applied. */
const SCHEDULABLE: readonly string[] = ['DRAFT', 'COLLECTING_SHARES', 'READY', 'PUBLISHED'];
/** While partners still confirm shares, the share deadline is part of the schedule. */
const COLLECTING: readonly string[] = ['DRAFT', 'COLLECTING_SHARES'];

type ScheduleOptions = Omit<ScheduleQuery, 'publishedOn'>;

/**
 * A lawful schedule from the Pzp rules (`proposeSchedule`) for a tender, and applying it as
 * deadlines. Applying is idempotent: the schedule's deadlines are matched by kind and moved, not
 * duplicated, so applying twice (or with a new publication day) leaves one deadline per kind and
 * one reminder per offset.
 */
@Injectable()
export class ScheduleService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly policy: AccessPolicyService,
    private readonly tenders: TendersService,
    private readonly deadlines: DeadlineWriter,
    private readonly clock: Clock,
  ) {}

  async proposal(actor: Actor, tenderId: string, q: ScheduleQuery): Promise<ScheduleProposalView> {
    const { tender } = await this.tenders.loadVisible(
      this.dataSource.manager,
      actor,
      tenderId,
      false,
    );
    const proposal = this.propose(tender, q.publishedOn, q);
    return {
      tenderId,
      publishedOn: q.publishedOn,
      regime: proposal.regime,
      statutory: proposal.statutory,
      items: proposal.items.map((i) => ({
        kind: i.kind,
        title: KIND_LABEL_PL[i.kind],
        dueAt: i.dueAt,
        minimum: i.minimum,
        constraint: i.constraint,
        basis: i.basis,
        ...(i.note ? { note: i.note } : {}),
      })),
    };
  }

  async apply(actor: Actor, tenderId: string, dto: ApplyScheduleDto): Promise<DeadlineListView> {
    const ids = await this.dataSource.transaction(async (manager) => {
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
      this.assertNotPast(tender, dto.publishedOn);
      const proposal = this.propose(tender, dto.publishedOn, dto);
      const out = await this.upsert(manager, actor, tender, proposal.items, dto);
      await recordAudit(manager, actor, {
        action: 'schedule.applied',
        entityType: 'tender',
        entityId: tender.id,
        tenderId: tender.id,
        partnershipId: tender.partnershipId,
        organisationId: tender.leaderOrganisationId,
        data: {
          publishedOn: dto.publishedOn,
          regime: proposal.regime,
          created: out.created,
          moved: out.moved,
          unchanged: out.unchanged,
        },
      });
      return out.ids;
    });
    const rows = await this.dataSource
      .getRepository(Deadline)
      .find({ where: ids.map((id) => ({ id })), relations: { responsibleOrganisation: true } });
    rows.sort((a, b) => a.dueAt.getTime() - b.dueAt.getTime());
    return { items: rows.map((d) => this.deadlines.toView(d)) };
  }

  /**
   * Deadlines counted from a day already gone would be overdue the moment they exist (and their
   * escalation e-mails go out at once): before publication the day must be today or later. A
   * published tender re-applies from its own publication day, checked in `propose`.
   */
  private assertNotPast(tender: Tender, publishedOn: string): void {
    const today = warsawDate(this.clock.now());
    if (tender.publishedOn || publishedOn >= today) return;
    const message = `publishedOn ${publishedOn} is before today (${today}, Europe/Warsaw): a schedule counts from a publication day that is still ahead`;
    throw new DomainError(422, 'SCHEDULE_PUBLICATION_IN_PAST', message, [
      { field: 'publishedOn', rule: 'notInPast', message },
    ]);
  }

  private propose(tender: Tender, publishedOn: string, o: ScheduleOptions): ScheduleProposal {
    if (!SCHEDULABLE.includes(tender.status)) {
      throw conflict(
        'TENDER_NOT_SCHEDULABLE',
        `A ${tender.status} tender gets no new schedule; move single deadlines instead`,
        { currentStatus: tender.status },
      );
    }
    if (tender.publishedOn && tender.publishedOn !== publishedOn) {
      throw unprocessable(
        'SCHEDULE_PUBLISHED_ON_MISMATCH',
        `The tender was published on ${tender.publishedOn}; the schedule must count from that day`,
        { publishedOn: tender.publishedOn },
      );
    }
    // Before publication the regime follows the thresholds of the proposed publication day.
    const regime = tender.publishedOn
      ? tender.regime
      : decideRegime(tender.valueNet, { ...tender, publishedOn }).regime;
    const shareDeadline =
      tender.shareDeadline && COLLECTING.includes(tender.status)
        ? warsawDate(tender.shareDeadline)
        : undefined;
    try {
      const proposal = proposeSchedule({
        regime,
        procedure: tender.procedure,
        subjectKind: tender.subjectKind,
        publishedOn,
        urgent: o.urgent,
        priorInformationNotice: o.priorInformationNotice,
        electronic: o.electronic,
        evaluationDays: o.evaluationDays,
        shareDeadline,
      });
      // The share deadline keeps the exact time the leader set on the tender.
      const items = proposal.items.map((i) =>
        i.kind === 'SHARE_CONFIRMATION' && tender.shareDeadline
          ? { ...i, dueAt: tender.shareDeadline.toISOString() }
          : i,
      );
      return { ...proposal, items };
    } catch (err) {
      if (err instanceof RangeError) throw unprocessable('SCHEDULE_NOT_COMPUTABLE', err.message);
      throw err;
    }
  }

  private async upsert(
    manager: EntityManager,
    actor: Actor,
    tender: Tender,
    items: ScheduleItem[],
    dto: ApplyScheduleDto,
  ): Promise<{ ids: string[]; created: number; moved: number; unchanged: number }> {
    const existing = await manager.getRepository(Deadline).find({
      where: { tenderId: tender.id, origin: 'SCHEDULE', status: Not('CANCELLED') },
    });
    const out = { ids: [] as string[], created: 0, moved: 0, unchanged: 0 };
    for (const item of items) {
      const dueAt = new Date(item.dueAt);
      const minimum: PresetMinimum | null =
        item.minimum !== null && item.constraint !== 'NONE'
          ? { on: item.minimum, constraint: item.constraint, basis: item.basis }
          : null;
      const statutory = {
        countedFrom: item.kind === 'OFFERS' ? dto.publishedOn : undefined,
        urgent: dto.urgent,
        priorInformationNotice: dto.priorInformationNotice,
        electronic: dto.electronic,
      };
      const found = existing.find((d) => d.kind === item.kind);
      if (!found) {
        const d = await this.deadlines.create(manager, actor, {
          tenderId: tender.id,
          kind: item.kind,
          dueAt,
          origin: 'SCHEDULE',
          minimum,
          note: item.note ?? null,
          ...(dto.reminderOffsets ? { reminderOffsets: dto.reminderOffsets } : {}),
          ...statutory,
        });
        out.ids.push(d.id);
        out.created += 1;
        continue;
      }
      out.ids.push(found.id);
      if (!PENDING_STATUSES.includes(found.status) || found.dueAt.getTime() === dueAt.getTime()) {
        out.unchanged += 1;
        continue;
      }
      await this.deadlines.update(manager, actor, found.id, {
        dueAt,
        minimum,
        ...(item.note ? { note: item.note } : {}),
        ...(dto.reminderOffsets ? { reminderOffsets: dto.reminderOffsets } : {}),
        ...statutory,
      });
      out.moved += 1;
    }
    return out;
  }
}
