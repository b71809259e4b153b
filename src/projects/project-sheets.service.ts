import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { AccessPolicyService, hasRole, type Actor } from '../auth';
import type { ResolvedTarget } from '../comments';
import { recordAudit } from '../audit';
import { todayInWarsaw } from '../common/dates';
import { conflict, forbidden, notFound, rulesViolated } from '../common/errors';
import { page, type Page } from '../common/pagination';
import { PartnershipsService, partnershipRows, memberRows } from '../partnerships';
import {
  TenderCreationService,
  type CreateTenderDto,
  type InitialShare,
  type LotInput,
} from '../tenders';
import type {
  ConvertSheetDto,
  CreateProjectSheetDto,
  ProjectSheetView,
  ProjectSheetsQuery,
  RecordInterestDto,
  WithdrawInterestDto,
} from './dto/project-sheet.dto';
import {
  SHEET_SELECT,
  mayConvertSheet,
  mayRecordInterest,
  sheetViews,
  type SheetRow,
} from './sheet-view.query';

/** A tender is made from a sheet once at least this many partners have declared interest. */
export const MIN_INTERESTED_PARTNERS = 2;

/**
 * Project sheets (fiszki projektów, issue #14): the stage before a tender. Who sees the
 * partnership reads its sheets (404 otherwise); a member's coordinator or the leader's officer
 * writes one; each concerned partner's coordinator records its interest (every change a new
 * version); the leader's officer turns a sheet with enough interest into a tender DRAFT with
 * its lots and proposed shares, in one transaction with the link and the audit event.
 */
@Injectable()
export class ProjectSheetsService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly policy: AccessPolicyService,
    private readonly partnerships: PartnershipsService,
    private readonly creation: TenderCreationService,
  ) {}

  async list(actor: Actor, q: ProjectSheetsQuery): Promise<Page<ProjectSheetView>> {
    const visible = await this.policy.visiblePartnershipIds(actor);
    const where: string[] = [];
    const params: unknown[] = [];
    if (visible !== null) where.push(`s.partnership_id = ANY($${params.push(visible)})`);
    if (q.partnershipId) where.push(`s.partnership_id = $${params.push(q.partnershipId)}`);
    if (q.tenderId) where.push(`s.tender_id = $${params.push(q.tenderId)}`);
    const cond = where.length ? ` WHERE ${where.join(' AND ')}` : '';
    const m = this.dataSource.manager;
    const [{ n }] = await m.query<{ n: number }[]>(
      `SELECT count(*)::int AS n FROM project_sheets s${cond}`,
      params,
    );
    const rows = await m.query<SheetRow[]>(
      `${SHEET_SELECT}${cond} ORDER BY s.created_at DESC, s.id
        LIMIT $${params.length + 1} OFFSET $${params.length + 2}`,
      [...params, q.limit, q.offset],
    );
    return page(await sheetViews(m, actor, rows), n, q);
  }

  async get(actor: Actor, id: string): Promise<ProjectSheetView> {
    const m = this.dataSource.manager;
    const sheet = await this.loadVisible(m, actor, id, false);
    const [view] = await sheetViews(m, actor, [sheet]);
    return view;
  }

  /** Open sheets where one of the actor's organisations (as coordinator) has not answered yet. */
  async waitingFor(actor: Actor): Promise<ProjectSheetView[]> {
    const orgs = actor.memberships
      .filter((r) => r.role === 'COORDINATOR')
      .map((r) => r.organisationId);
    if (orgs.length === 0) return [];
    const m = this.dataSource.manager;
    const rows = await m.query<SheetRow[]>(
      `${SHEET_SELECT}
        WHERE s.tender_id IS NULL AND EXISTS (
          SELECT 1 FROM project_sheet_partners sp WHERE sp.sheet_id = s.id
             AND sp.organisation_id = ANY($1)
             AND NOT EXISTS (SELECT 1 FROM project_sheet_interests i
                              WHERE i.sheet_id = s.id AND i.organisation_id = sp.organisation_id))
        ORDER BY s.created_at, s.id LIMIT 100`,
      [orgs],
    );
    return sheetViews(m, actor, rows);
  }

  async create(actor: Actor, dto: CreateProjectSheetDto): Promise<ProjectSheetView> {
    const id = await this.dataSource.transaction(async (manager) => {
      const [p] = await manager.query<{ id: string; leader_organisation_id: string }[]>(
        `SELECT id, leader_organisation_id FROM ${partnershipRows} partnerships WHERE id = $1`,
        [dto.partnershipId],
      );
      if (!p || !(await this.policy.canSeePartnership(actor, p.id)))
        throw notFound('Partnership', dto.partnershipId);
      const members = await this.partnerships.memberIdsOn(manager, p.id, todayInWarsaw());
      const writerOrg = this.writerOrganisation(actor, p.leader_organisation_id, members);
      const eligible = new Set([p.leader_organisation_id, ...members]);
      const partnerIds = [...new Set(dto.partnerIds)];
      const strangers = partnerIds.filter((o) => !eligible.has(o));
      if (strangers.length > 0)
        throw rulesViolated([
          {
            field: 'partnerIds',
            rule: 'activeMember',
            message: `partnerIds must be active members of the partnership (not: ${strangers.join(', ')})`,
          },
        ]);
      const [{ id: sheetId }] = await manager.query<{ id: string }[]>(
        `INSERT INTO project_sheets (partnership_id, title, need, subject_kind, cpv_main,
           estimated_value_net, planned_announcement_month, planned_start_on, author_user_id,
           author_name, author_organisation_id)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11) RETURNING id`,
        [
          p.id,
          dto.title.trim(),
          dto.need.trim(),
          dto.subjectKind,
          dto.cpvMain,
          dto.estimatedValueNet,
          dto.plannedAnnouncementMonth,
          dto.plannedStartOn ?? null,
          actor.userId,
          actor.displayName,
          writerOrg,
        ],
      );
      for (const org of partnerIds)
        await manager.query(
          'INSERT INTO project_sheet_partners (sheet_id, organisation_id) VALUES ($1, $2)',
          [sheetId, org],
        );
      await recordAudit(manager, actor, {
        action: 'project_sheet.created',
        entityType: 'project_sheet',
        entityId: sheetId,
        organisationId: writerOrg,
        partnershipId: p.id,
        data: { title: dto.title.trim(), partnerIds, estimatedValueNet: dto.estimatedValueNet },
      });
      return sheetId;
    });
    return this.get(actor, id);
  }

  async recordInterest(
    actor: Actor,
    sheetId: string,
    organisationId: string,
    dto: RecordInterestDto,
  ): Promise<ProjectSheetView> {
    await this.dataSource.transaction(async (manager) => {
      const sheet = await this.lockOpenPartner(manager, actor, sheetId, organisationId);
      const violations = [];
      if (dto.headName && !dto.headConsentOn)
        violations.push({
          field: 'headConsentOn',
          rule: 'required',
          message: 'headConsentOn is required when headName is given',
        });
      if (dto.headConsentOn && dto.headConsentOn > todayInWarsaw())
        violations.push({
          field: 'headConsentOn',
          rule: 'notInFuture',
          message: 'headConsentOn must not be in the future',
        });
      if (violations.length > 0) throw rulesViolated(violations);
      const last = await this.lastVersion(manager, sheetId, organisationId);
      const action = last === 0 ? 'DECLARED' : 'CHANGED';
      await this.insertInterest(manager, actor, sheetId, organisationId, last + 1, action, dto);
      await recordAudit(manager, actor, {
        action: last === 0 ? 'project_sheet.interest_declared' : 'project_sheet.interest_changed',
        entityType: 'project_sheet',
        entityId: sheetId,
        organisationId,
        partnershipId: sheet.partnership_id,
        data: {
          amountNet: dto.amountNet,
          headConsentOn: dto.headConsentOn ?? null,
          headName: dto.headName ?? null,
          version: last + 1,
        },
      });
    });
    return this.get(actor, sheetId);
  }

  async withdrawInterest(
    actor: Actor,
    sheetId: string,
    organisationId: string,
    dto: WithdrawInterestDto,
  ): Promise<ProjectSheetView> {
    await this.dataSource.transaction(async (manager) => {
      const sheet = await this.lockOpenPartner(manager, actor, sheetId, organisationId);
      const last = await this.lastVersion(manager, sheetId, organisationId);
      const [current] = await manager.query<{ action: string }[]>(
        `SELECT action FROM project_sheet_interests
          WHERE sheet_id = $1 AND organisation_id = $2 AND version = $3`,
        [sheetId, organisationId, last],
      );
      if (!current || current.action === 'WITHDRAWN')
        throw conflict('NO_INTEREST', 'This partner has no declared interest to withdraw');
      await this.insertInterest(manager, actor, sheetId, organisationId, last + 1, 'WITHDRAWN', {
        note: dto.note,
      });
      await recordAudit(manager, actor, {
        action: 'project_sheet.interest_withdrawn',
        entityType: 'project_sheet',
        entityId: sheetId,
        organisationId,
        partnershipId: sheet.partnership_id,
        data: { note: dto.note ?? null, version: last + 1 },
      });
    });
    return this.get(actor, sheetId);
  }

  /** The tender DRAFT made from the sheet: lots and proposed shares from the current interests. */
  async convert(actor: Actor, sheetId: string, dto: ConvertSheetDto): Promise<ProjectSheetView> {
    await this.dataSource.transaction(async (manager) => {
      const sheet = await this.loadVisible(manager, actor, sheetId, true);
      if (!mayConvertSheet(actor, sheet)) {
        if (sheet.tender_id) throw conflict('SHEET_CONVERTED', 'The sheet is already a tender');
        throw forbidden('FORBIDDEN', "Only the leader's procurement officer makes a tender of it");
      }
      const [view] = await sheetViews(manager, actor, [sheet]);
      const interested = view.partners.filter((p) => p.status === 'INTERESTED' && p.amountNet);
      if (interested.length < MIN_INTERESTED_PARTNERS)
        throw conflict(
          'NOT_ENOUGH_INTEREST',
          `A tender is made from a sheet once at least ${MIN_INTERESTED_PARTNERS} partners declared interest (now ${interested.length})`,
          { interested: interested.length, required: MIN_INTERESTED_PARTNERS },
        );
      const perPartner = dto.lots === 'PER_PARTNER';
      const vatRate = dto.vatRate ?? 23;
      const lots: LotInput[] = perPartner
        ? interested.map((p, i) => ({
            number: i + 1,
            title: `Część ${i + 1}: ${sheet.title} – ${p.organisation.name}`.slice(0, 300),
            vatRate,
          }))
        : [{ number: 1, title: `Część 1: ${sheet.title}`.slice(0, 300), vatRate }];
      const shares: InitialShare[] = interested.map((p, i) => ({
        lotNumber: perPartner ? i + 1 : 1,
        organisationId: p.organisation.id,
        amountNet: p.amountNet as string,
      }));
      const startOn = `${sheet.planned_announcement_month}-01`;
      const tender: CreateTenderDto = {
        partnershipId: sheet.partnership_id,
        reference: dto.reference,
        title: sheet.title,
        description: sheet.need,
        subjectKind: sheet.subject_kind as CreateTenderDto['subjectKind'],
        cpvMain: sheet.cpv_main,
        procedure: dto.procedure as CreateTenderDto['procedure'],
        settlementModel: dto.settlementModel as CreateTenderDto['settlementModel'],
        plannedStartOn: startOn > todayInWarsaw() ? startOn : undefined,
        lots,
      };
      const tenderId = await this.creation.createIn(manager, actor, tender, shares);
      await manager.query(
        `UPDATE project_sheets SET tender_id = $2, converted_at = now(), converted_by_name = $3,
                version = version + 1 WHERE id = $1`,
        [sheetId, tenderId, actor.displayName],
      );
      await recordAudit(manager, actor, {
        action: 'project_sheet.converted',
        entityType: 'project_sheet',
        entityId: sheetId,
        organisationId: sheet.leader_organisation_id,
        partnershipId: sheet.partnership_id,
        tenderId,
        data: {
          title: sheet.title,
          reference: dto.reference,
          shares: shares.map((s) => ({ organisationId: s.organisationId, amountNet: s.amountNet })),
        },
      });
    });
    return this.get(actor, sheetId);
  }

  /** The organisation a sheet is written for: the leader's officer or a member's coordinator. */
  private writerOrganisation(actor: Actor, leaderId: string, members: string[]): string | null {
    if (hasRole(actor, leaderId, 'PROCUREMENT_OFFICER')) return leaderId;
    const coordinatorOf = members.find((o) => hasRole(actor, o, 'COORDINATOR'));
    if (coordinatorOf) return coordinatorOf;
    if (actor.admin) return null;
    throw forbidden(
      'FORBIDDEN',
      "Only a member's coordinator or the leader's procurement officer writes a project sheet",
    );
  }

  /**
   * A sheet as the target of a comment thread: who sees the partnership reads it (404 otherwise,
   * as `get`), so the thread's facts name the leader and every organisation that has been a member
   * (the rule of `canSeePartnership`); a sheet is no draft, so the policy's `tender.view` and
   * `comment.post` decide on them exactly as on a tender every partner sees.
   */
  async commentTarget(manager: EntityManager, actor: Actor, id: string): Promise<ResolvedTarget> {
    const sheet = await this.loadVisible(manager, actor, id, false);
    const members = await manager.query<{ organisation_id: string }[]>(
      `SELECT DISTINCT organisation_id FROM ${memberRows} partnership_members WHERE partnership_id = $1`,
      [sheet.partnership_id],
    );
    return {
      kind: 'sheet',
      id,
      tenderId: null,
      partnershipId: sheet.partnership_id,
      reference: sheet.title,
      facts: {
        leaderOrganisationId: sheet.leader_organisation_id,
        status: 'PROJECT_SHEET',
        participantOrganisationIds: members.map((m) => m.organisation_id),
      },
      label: `fiszka projektu „${sheet.title}”`,
      link: `/fiszki/${id}#komentarze`,
    };
  }

  private async loadVisible(
    manager: EntityManager,
    actor: Actor,
    id: string,
    lock: boolean,
  ): Promise<SheetRow> {
    if (lock) await manager.query('SELECT 1 FROM project_sheets WHERE id = $1 FOR UPDATE', [id]);
    const [sheet] = await manager.query<SheetRow[]>(`${SHEET_SELECT} WHERE s.id = $1`, [id]);
    if (!sheet || !(await this.policy.canSeePartnership(actor, sheet.partnership_id)))
      throw notFound('Project sheet', id);
    return sheet;
  }

  private async lockOpenPartner(
    manager: EntityManager,
    actor: Actor,
    sheetId: string,
    organisationId: string,
  ): Promise<SheetRow> {
    const sheet = await this.loadVisible(manager, actor, sheetId, true);
    const [partner] = await manager.query<unknown[]>(
      'SELECT 1 FROM project_sheet_partners WHERE sheet_id = $1 AND organisation_id = $2',
      [sheetId, organisationId],
    );
    if (!partner) throw notFound('Partner of the sheet', organisationId);
    if (sheet.tender_id)
      throw conflict('SHEET_CONVERTED', 'The sheet is already a tender; change the share there');
    if (!mayRecordInterest(actor, sheet, organisationId))
      throw forbidden('FORBIDDEN', "Only the partner's coordinator records its interest");
    return sheet;
  }

  private async lastVersion(
    manager: EntityManager,
    sheetId: string,
    organisationId: string,
  ): Promise<number> {
    const [{ v }] = await manager.query<{ v: number }[]>(
      `SELECT coalesce(max(version), 0)::int AS v FROM project_sheet_interests
        WHERE sheet_id = $1 AND organisation_id = $2`,
      [sheetId, organisationId],
    );
    return v;
  }

  private async insertInterest(
    manager: EntityManager,
    actor: Actor,
    sheetId: string,
    organisationId: string,
    version: number,
    action: 'DECLARED' | 'CHANGED' | 'WITHDRAWN',
    dto: Partial<RecordInterestDto>,
  ): Promise<void> {
    await manager.query(
      `INSERT INTO project_sheet_interests (sheet_id, organisation_id, version, action, amount_net,
         head_consent_on, head_name, note, recorded_by_user_id, recorded_by_name)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)`,
      [
        sheetId,
        organisationId,
        version,
        action,
        action === 'WITHDRAWN' ? null : dto.amountNet,
        action === 'WITHDRAWN' ? null : (dto.headConsentOn ?? null),
        action === 'WITHDRAWN' ? null : (dto.headName?.trim() ?? null),
        dto.note?.trim() || null,
        actor.userId,
        actor.displayName,
      ],
    );
  }
}
