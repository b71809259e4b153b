/**
 * Tenders, lots and shares as other modules may read them in their own statement
 * (`JOIN ${shareRows} s ON s.lot_id = l.id`); they are written only through this module's
 * services. See `organisations/organisation-relations.ts`.
 */
export const tenderRows = `(SELECT id, reference, title, status, procedure, regime, subject_kind,
         leader_organisation_id, partnership_id, version FROM tenders)`;

export const lotRows = `(SELECT id, tender_id, number, title, awarded_net FROM lots)`;

export const shareRows = `(SELECT id, tender_id, lot_id, organisation_id, status, amount_net, version FROM shares)`;
