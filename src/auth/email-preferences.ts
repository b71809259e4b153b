import type { EntityManager } from 'typeorm';

/**
 * Writes a user's e-mail preferences (the notifications module decides them and records the
 * audit event; the users table is this module's). Raises the user's version as every change does.
 */
export async function writeEmailPreferences(
  manager: EntityManager,
  userId: string,
  emailOptOut: boolean,
  emailOptOutKinds: readonly string[],
): Promise<void> {
  await manager.query(
    `UPDATE users SET email_opt_out = $2, email_opt_out_kinds = $3, version = version + 1,
            updated_at = now() WHERE id = $1`,
    [userId, emailOptOut, emailOptOutKinds],
  );
}
