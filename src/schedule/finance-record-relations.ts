import { lendRelation } from '../common/db';

/** The payments' deadlines and the partner each belongs to, for the tender's audit trail. */
lendRelation(
  'financeRecords',
  'schedule',
  `(SELECT id::text AS id, finance_organisation_id AS organisation_id, tender_id FROM deadlines
     WHERE finance_organisation_id IS NOT NULL)`,
);
