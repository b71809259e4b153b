import type { DataSource } from 'typeorm';
import { financeEventView, keepsTenderBooks } from '../auth';
import type { AccessPolicyService, Actor, TenderFacts } from '../auth';
import { AuditEvent, type AuditEventView, auditRows } from '../audit';
import { borrowRelation } from '../common/db';
import { type Page, page } from '../common/pagination';

/**
 * The tender's audit trail. Events stating a partner's finance (payments, subsidies, invoices,
 * contracts, payments' deadlines and settlement statements) follow `finance.view`: left out, or an invoice with only
 * the parts the reader sees (`financeEventView`). Those who keep the tender's books see all.
 */
export async function tenderHistory(
  dataSource: DataSource,
  policy: AccessPolicyService,
  actor: Actor,
  facts: TenderFacts,
  id: string,
  q: { limit: number; offset: number },
): Promise<Page<AuditEventView>> {
  const qb = dataSource
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
    dataSource.query<{ id: string; organisation_id: string }[]>(
      `SELECT e.data->>'deadlineId' AS id, e.organisation_id FROM ${auditRows} e
        WHERE e.tender_id = $1 AND e.action = 'payment.scheduled' AND e.data ? 'deadlineId'
       UNION ALL
       SELECT r.id, r.organisation_id FROM ${borrowRelation('financeRecords')} r WHERE r.tender_id = $1`,
      [id],
    ),
  ]);
  const financeRecords = new Map(records.map((r) => [r.id, r.organisation_id]));
  const canSee = (organisationId: string) =>
    policy.can(actor, { action: 'finance.view', tender: facts, organisationId });
  const visible = rows
    .map((e) => financeEventView(e, canSee, financeRecords))
    .filter((e): e is AuditEvent => e !== null);
  return page(visible.slice(q.offset, q.offset + q.limit).map(view), visible.length, q);
}
