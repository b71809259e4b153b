import { In, type EntityManager } from 'typeorm';
import { todayInWarsaw } from '../common/dates';
import { grossFromNet, parseAmount } from '../common/money';
import { loadPartnerStatement } from '../finance';
import { Organisation, organisationRows } from '../organisations';
import { Partnership } from '../partnerships';
import { cancelledLotIds, loadProcedureRecord } from '../procedure';
import { currentTasks } from '../responsibilities';
import { thresholdsOn, regimeDate } from '../tenders';
import type { Tender } from '../tenders';
import { actTimeOf, describeAuditEvent } from './audit-descriptions';
import type { DocumentKind } from './document-kinds';
import type { AmountChangeSnapshot, AuditEventSnapshot } from './render/snapshot.types';
import { settlementStatementSnapshot } from './settlement-snapshot';
import type { ShareFact } from './shares-fingerprint';
import type { SnapshotInput, SourceDeadline } from './snapshot-builder';
import { userRows, roleRows } from '../auth';
import { auditRows } from '../audit';
import { deadlineRows } from '../schedule';

/**
 * Loads from the database what `buildSnapshot` needs for one document of a tender whose graph
 * (lots, shares, approvals) is loaded. Runs in the request's transaction: the snapshot is what
 * the requester saw.
 */
export async function loadSnapshotInput(
  manager: EntityManager,
  tender: Tender,
  kind: DocumentKind,
  organisationId: string | null,
  generatedAt: Date,
): Promise<SnapshotInput> {
  const lots = tender.lots ?? [];
  const orgIds = new Set<string>([tender.leaderOrganisationId]);
  for (const lot of lots) for (const s of lot.shares ?? []) orgIds.add(s.organisationId);
  if (organisationId) orgIds.add(organisationId);

  const [partnership, organisationRows, contacts, deadlines] = await Promise.all([
    manager.getRepository(Partnership).findOneOrFail({ where: { id: tender.partnershipId } }),
    manager.getRepository(Organisation).findBy({ id: In([...orgIds]) }),
    loadContacts(manager, [...orgIds], tender.leaderOrganisationId),
    loadScheduleDeadlines(manager, tender.id),
  ]);
  const organisations = organisationRows.map((o) => ({
    ...o,
    contactName: contacts.get(o.id)?.name ?? null,
    contactEmail: contacts.get(o.id)?.email ?? o.email,
  }));
  let estimation: SnapshotInput['estimation'];
  try {
    const row = thresholdsOn(regimeDate(tender));
    estimation = {
      eurRate: row.plnPerEur.rate,
      nationalThresholdNet: row.national.net,
      euThresholdNet: row.eu[tender.subjectKind].net,
    };
  } catch {
    estimation = undefined;
  }

  return {
    kind,
    organisationId,
    generatedAt,
    tender: {
      ...tender,
      lots: await markCancelledLots(manager, tender.id, lots),
    },
    partnership: {
      name: partnership.name,
      agreementReference: partnership.agreementReference,
      agreementSignedOn: partnership.agreementSignedOn,
    },
    organisations,
    deadlines,
    events: kind === 'PROTOCOL' ? await loadEvents(manager, tender.id) : undefined,
    amountChanges:
      kind === 'SHARE_CONFIRMATION' ? await loadAmountChanges(manager, tender.id) : undefined,
    procedure: kind === 'PROTOCOL' ? await loadProcedureRecord(manager, tender.id) : undefined,
    agreement: kind === 'POWER_OF_ATTORNEY' ? await loadAgreement(manager, tender.id) : undefined,
    tasks: kind === 'AGREEMENT' ? await currentTasks(manager, tender.id) : undefined,
    settlement:
      kind === 'SETTLEMENT' && organisationId
        ? await loadSettlement(manager, tender, organisationId, generatedAt)
        : undefined,
    estimation,
    grossFromNet,
  };
}

/**
 * The partner's settlement on the request's day (Warsaw), as the finance module computes it for
 * GET /tenders/:id/settlement/:organisationId; null when the organisation has no part in it.
 */
async function loadSettlement(
  manager: EntityManager,
  tender: Tender,
  organisationId: string,
  generatedAt: Date,
): Promise<SnapshotInput['settlement']> {
  const statement = await loadPartnerStatement(
    manager,
    tender,
    organisationId,
    todayInWarsaw(generatedAt),
  );
  return statement ? settlementStatementSnapshot(statement) : null;
}

/** The tender's audit trail in Polish, downloads left out. */
async function loadEvents(manager: EntityManager, tenderId: string): Promise<AuditEventSnapshot[]> {
  const rows = await manager.query<
    {
      occurred_at: Date;
      action: string;
      actor_name: string | null;
      data: Record<string, unknown>;
      organisation_name: string | null;
    }[]
  >(
    `SELECT e.occurred_at, e.action, e.actor_name, e.data, o.name AS organisation_name
       FROM ${auditRows} e LEFT JOIN ${organisationRows} o ON o.id = e.organisation_id
      WHERE e.tender_id = $1 ORDER BY e.occurred_at, e.id`,
    [tenderId],
  );
  const out: AuditEventSnapshot[] = [];
  for (const r of rows) {
    const description = describeAuditEvent({
      action: r.action,
      data: r.data ?? {},
      organisationName: r.organisation_name,
    });
    if (description === null) continue;
    out.push({
      at: actTimeOf(r.action, r.data ?? {}, new Date(r.occurred_at).toISOString()),
      action: r.action,
      actorName: r.actor_name ?? 'system Wspólnie',
      description,
    });
  }
  return out;
}

/**
 * Each share's register of amounts from the audit trail: who proposed or declared it and for how
 * much, then every change (who, from, to, why).
 */
async function loadAmountChanges(
  manager: EntityManager,
  tenderId: string,
): Promise<Record<string, AmountChangeSnapshot[]>> {
  const rows = await manager.query<
    {
      entity_id: string;
      occurred_at: Date;
      actor_name: string | null;
      action: string;
      data: Record<string, unknown>;
    }[]
  >(
    `SELECT entity_id, occurred_at, actor_name, action, data FROM ${auditRows} audit_events
      WHERE tender_id = $1 AND entity_type = 'share'
        AND action IN ('share.proposed', 'share.declared', 'share.amount_changed')
      ORDER BY occurred_at, id`,
    [tenderId],
  );
  const out: Record<string, AmountChangeSnapshot[]> = {};
  for (const r of rows) {
    const data = r.data ?? {};
    const change = data.amountNet;
    const entry: AmountChangeSnapshot =
      typeof change === 'object' && change !== null
        ? {
            at: new Date(r.occurred_at).toISOString(),
            userName: r.actor_name ?? 'system Wspólnie',
            from: parseAmount(String((change as { from: unknown }).from)),
            to: parseAmount(String((change as { to: unknown }).to)),
            ...(typeof data.reason === 'string' ? { reason: data.reason } : {}),
          }
        : {
            at: new Date(r.occurred_at).toISOString(),
            userName: r.actor_name ?? 'system Wspólnie',
            to: parseAmount(String(change)),
          };
    (out[r.entity_id] ??= []).push(entry);
  }
  return out;
}

/** The lots with their cancellation (procedure module) so the cost split leaves them out. */
async function markCancelledLots<L extends { id: string }>(
  manager: EntityManager,
  tenderId: string,
  lots: L[],
): Promise<(L & { cancelled: boolean })[]> {
  const cancelled = new Set(await cancelledLotIds(manager, tenderId));
  return lots.map((l) => ({ ...l, cancelled: cancelled.has(l.id) }));
}

/**
 * The tender's own schedule (not cancelled; finance deadlines are not part of it, nor the due days
 * of the responsibility matrix's tasks: the agreement prints those in its annex), by due time.
 */
export async function loadScheduleDeadlines(
  manager: EntityManager,
  tenderId: string,
): Promise<SourceDeadline[]> {
  const rows = await manager.query<
    {
      kind: string;
      title: string | null;
      due_at: Date;
      basis: string | null;
      responsible_organisation_id: string | null;
    }[]
  >(
    `SELECT kind, title, due_at, basis, responsible_organisation_id FROM ${deadlineRows} deadlines
      WHERE tender_id = $1 AND status <> 'CANCELLED' AND finance_organisation_id IS NULL
        AND origin <> 'TASKS'
      ORDER BY due_at, id`,
    [tenderId],
  );
  return rows.map((d) => ({
    kind: d.kind,
    title: d.title,
    dueAt: new Date(d.due_at).toISOString(),
    basis: d.basis,
    responsibleOrganisationId: d.responsible_organisation_id,
  }));
}

/** What of the tender's shares the agreement fingerprint covers (see shares-fingerprint.ts). */
export function shareFacts(tender: Tender): ShareFact[] {
  return (tender.lots ?? []).flatMap((lot) =>
    (lot.shares ?? []).map((s) => ({
      id: s.id,
      organisationId: s.organisationId,
      lotId: lot.id,
      amountNet: s.amountNet,
      vatRate: lot.vatRate,
      status: s.status,
      budgetClassification: s.budgetClassification,
      wpfReference: s.wpfReference,
    })),
  );
}

/**
 * The person each party names for contacts (the agreement's "Koordynatorzy"): the leader's
 * procurement officer, each partner's coordinator — the longest-serving active account.
 */
async function loadContacts(
  manager: EntityManager,
  organisationIds: string[],
  leaderId: string,
): Promise<Map<string, { name: string; email: string }>> {
  const rows = await manager.query<{ organisation_id: string; name: string; email: string }[]>(
    `SELECT DISTINCT ON (m.organisation_id) m.organisation_id, u.display_name AS name, u.email
       FROM ${roleRows} m JOIN ${userRows} u ON u.id = m.user_id
      WHERE m.organisation_id = ANY($1) AND u.active
        AND m.role = CASE WHEN m.organisation_id = $2 THEN 'PROCUREMENT_OFFICER' ELSE 'COORDINATOR' END
      ORDER BY m.organisation_id, m.created_at, u.id`,
    [organisationIds, leaderId],
  );
  return new Map(rows.map((r) => [r.organisation_id, { name: r.name, email: r.email }]));
}

/** The newest READY agreement of the tender: the power of attorney cites its version and date. */
async function loadAgreement(
  manager: EntityManager,
  tenderId: string,
): Promise<{ version: number; generatedAt: string } | null> {
  const [row] = await manager.query<{ version: number; generated_at: string }[]>(
    `SELECT version, snapshot->>'generatedAt' AS generated_at FROM documents
      WHERE tender_id = $1 AND kind = 'AGREEMENT' AND status = 'READY'
      ORDER BY version DESC LIMIT 1`,
    [tenderId],
  );
  return row ? { version: row.version, generatedAt: row.generated_at } : null;
}
