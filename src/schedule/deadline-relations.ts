/**
 * The deadlines as other modules may read them in their own statement
 * (`FROM ${deadlineRows} d WHERE d.tender_id = $1`); they are written only through
 * `DeadlineWriter`. See `organisations/organisation-relations.ts`.
 */
export const deadlineRows = `(SELECT id, tender_id, kind, title, due_at, minimum_on, basis, counted_from,
         responsible_organisation_id, status, reminder_offsets, origin, subject_type, subject_id,
         finance_organisation_id, done_at, cancelled_at, version FROM deadlines)`;
