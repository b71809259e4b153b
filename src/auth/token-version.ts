import type { EntityManager } from 'typeorm';

/**
 * Raises the user's token version in the caller's transaction: every access token issued before
 * (they carry the version as `tv`) stops working once it commits. The caller then invalidates the
 * actor cache, so no process answers from the old version.
 */
export async function raiseTokenVersion(manager: EntityManager, userId: string): Promise<void> {
  await manager.query('UPDATE users SET token_version = token_version + 1 WHERE id = $1', [userId]);
}
