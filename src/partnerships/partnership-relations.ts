/**
 * Partnerships and their members as other modules may read them in their own statement; whether
 * a member is current on a day is `policySql.activeMember(m, on)` (auth). See
 * `organisations/organisation-relations.ts`.
 */
export const partnershipRows = `(SELECT id, name, leader_organisation_id FROM partnerships)`;

export const memberRows = `(SELECT id, partnership_id, organisation_id, joined_on, left_on FROM partnership_members)`;
