import { EntityManager } from 'typeorm';
import { hasRole, type Actor } from '../auth';
import { cpvLabel } from '../common/identifiers';
import { formatAmount, parseAmount } from '../common/money';
import type {
  InterestRevisionView,
  ProjectSheetView,
  SheetPartnerView,
} from './dto/project-sheet.dto';
import { organisationRows } from '../organisations';
import { tenderRows } from '../tenders';
import { partnershipRows } from '../partnerships';

export interface SheetRow {
  id: string;
  partnership_id: string;
  partnership_name: string;
  leader_organisation_id: string;
  title: string;
  need: string;
  subject_kind: string;
  cpv_main: string;
  estimated_value_net: string;
  planned_announcement_month: string;
  planned_start_on: string | null;
  author_name: string;
  created_at: Date;
  tender_id: string | null;
  tender_reference: string | null;
  version: number;
}

interface PartnerRow {
  sheet_id: string;
  organisation_id: string;
  name: string;
}

interface InterestRow {
  sheet_id: string;
  organisation_id: string;
  version: number;
  action: string;
  amount_net: string | null;
  head_consent_on: string | null;
  head_name: string | null;
  note: string | null;
  recorded_by_name: string;
  created_at: Date;
}

export const SHEET_SELECT = `
  SELECT s.id, s.partnership_id, p.name AS partnership_name, p.leader_organisation_id,
         s.title, s.need, s.subject_kind, s.cpv_main, s.estimated_value_net::text AS estimated_value_net,
         s.planned_announcement_month, to_char(s.planned_start_on, 'YYYY-MM-DD') AS planned_start_on,
         s.author_name, s.created_at, s.tender_id, t.reference AS tender_reference, s.version
    FROM project_sheets s
    JOIN ${partnershipRows} p ON p.id = s.partnership_id
    LEFT JOIN ${tenderRows} t ON t.id = s.tender_id`;

/** Who may record a partner's interest: its own coordinator, while the sheet is open. */
export function mayRecordInterest(actor: Actor, sheet: SheetRow, organisationId: string): boolean {
  return sheet.tender_id === null && (actor.admin || hasRole(actor, organisationId, 'COORDINATOR'));
}

/** Who may turn a sheet into a tender: the leader's procurement officer, while it is open. */
export function mayConvertSheet(actor: Actor, sheet: SheetRow): boolean {
  return (
    sheet.tender_id === null &&
    (actor.admin || hasRole(actor, sheet.leader_organisation_id, 'PROCUREMENT_OFFICER'))
  );
}

/** The sheets as the API and the pages show them, with each partner's current interest and trail. */
export async function sheetViews(
  manager: EntityManager,
  actor: Actor,
  sheets: SheetRow[],
): Promise<ProjectSheetView[]> {
  if (sheets.length === 0) return [];
  const ids = sheets.map((s) => s.id);
  const partners = await manager.query<PartnerRow[]>(
    `SELECT sp.sheet_id, sp.organisation_id, o.name FROM project_sheet_partners sp
       JOIN ${organisationRows} o ON o.id = sp.organisation_id
      WHERE sp.sheet_id = ANY($1) ORDER BY o.name`,
    [ids],
  );
  const interests = await manager.query<InterestRow[]>(
    `SELECT sheet_id, organisation_id, version, action, amount_net::text AS amount_net,
            to_char(head_consent_on, 'YYYY-MM-DD') AS head_consent_on, head_name, note,
            recorded_by_name, created_at
       FROM project_sheet_interests WHERE sheet_id = ANY($1) ORDER BY version`,
    [ids],
  );
  return sheets.map((s) => {
    const mine = partners
      .filter((p) => p.sheet_id === s.id)
      .sort((a, b) => a.name.localeCompare(b.name, 'pl'));
    const views = mine.map((p): SheetPartnerView => {
      const revisions = interests
        .filter((i) => i.sheet_id === s.id && i.organisation_id === p.organisation_id)
        .map((i): InterestRevisionView => ({
          version: i.version,
          action: i.action,
          amountNet: i.amount_net,
          headConsentOn: i.head_consent_on,
          headName: i.head_name,
          note: i.note,
          recordedBy: i.recorded_by_name,
          at: i.created_at.toISOString(),
        }));
      const last = revisions[revisions.length - 1];
      return {
        organisation: { id: p.organisation_id, name: p.name },
        status: !last ? 'WAITING' : last.action === 'WITHDRAWN' ? 'WITHDRAWN' : 'INTERESTED',
        amountNet: last?.amountNet ?? null,
        headConsentOn: last?.headConsentOn ?? null,
        headName: last?.headName ?? null,
        revisions,
        mayRecord: mayRecordInterest(actor, s, p.organisation_id),
      };
    });
    const total = views.reduce(
      (sum, v) => sum + (v.status === 'INTERESTED' && v.amountNet ? parseAmount(v.amountNet) : 0),
      0,
    );
    return {
      id: s.id,
      partnership: {
        id: s.partnership_id,
        name: s.partnership_name,
        leaderOrganisationId: s.leader_organisation_id,
      },
      title: s.title,
      need: s.need,
      subjectKind: s.subject_kind,
      cpvMain: s.cpv_main,
      cpvLabel: cpvLabel(s.cpv_main) ?? null,
      estimatedValueNet: s.estimated_value_net,
      plannedAnnouncementMonth: s.planned_announcement_month,
      plannedStartOn: s.planned_start_on,
      authorName: s.author_name,
      createdAt: s.created_at.toISOString(),
      status: s.tender_id ? 'CONVERTED' : 'OPEN',
      tender: s.tender_id ? { id: s.tender_id, reference: s.tender_reference ?? '' } : null,
      interestedTotalNet: formatAmount(total),
      partners: views,
      mayConvert: mayConvertSheet(actor, s),
      version: s.version,
    };
  });
}
