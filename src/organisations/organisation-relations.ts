/**
 * The organisations' columns other modules may read, as a relation they join in their own
 * statement (`JOIN ${organisationRows} o ON o.id = s.organisation_id`), so a list keeps one
 * statement while the table stays this module's (issue #9). PostgreSQL pulls such a subquery up
 * into the outer query: the plan is the plan of a join on the table.
 */
export const organisationRows = `(SELECT id, name, slug, kind, nip, regon FROM organisations)`;

/**
 * Every column, for a module that hydrates the `Organisation` entity this module exports from a
 * row it aggregates in its own statement (the tender graph's `to_jsonb(o)`).
 */
export const organisationEntityRows = `(SELECT * FROM organisations)`;
