/**
 * The users' and role memberships' columns other modules may read, as relations they join in
 * their own statement (`JOIN ${userRows} u ON u.id = n.user_id`); see
 * `organisations/organisation-relations.ts`. No password hash, no token version.
 */
export const userRows = `(SELECT id, email, display_name, admin, active, email_opt_out, email_opt_out_kinds FROM users)`;

/** Who holds which role in which organisation. */
export const roleRows = `(SELECT user_id, organisation_id, role, created_at FROM role_memberships)`;
