/**
 * The audit trail as other modules may read it in their own statement
 * (`FROM ${auditRows} e WHERE e.tender_id = $1`); see `organisations/organisation-relations.ts`.
 */
export const auditRows = `(SELECT id, occurred_at, actor_user_id, actor_name, organisation_id, action,
         entity_type, entity_id, partnership_id, tender_id, data, request_id FROM audit_events)`;
