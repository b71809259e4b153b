import { FINANCE_DOCUMENT_KINDS } from '../auth';
import { lendRelation } from '../common/db';

const kinds = FINANCE_DOCUMENT_KINDS.map((k) => `'${k}'`).join(', ');

/** The partners' finance documents (settlement statements) and the partner, for the audit trail. */
lendRelation(
  'financeRecords',
  'documents',
  `(SELECT id::text AS id, organisation_id, tender_id FROM documents
     WHERE kind IN (${kinds}) AND organisation_id IS NOT NULL)`,
);
