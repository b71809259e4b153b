import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';

/** Why a user's sessions end: a new password or the account switched off. */
export type CredentialRevocation = 'password_changed' | 'account_disabled';

/** Ends what a later module keeps for the user (e.g. its web sessions); returns how many ended. */
export type RevocationListener = (
  manager: EntityManager,
  userId: string,
  reason: CredentialRevocation,
) => Promise<number>;

/**
 * Lets a later module end its own sessions of a user inside the transaction that changes the
 * password or deactivates the account (the web module ends the user's web sessions), without the
 * auth module writing that module's table.
 */
@Injectable()
export class CredentialHooks {
  private readonly listeners: RevocationListener[] = [];

  onRevoke(listener: RevocationListener): void {
    this.listeners.push(listener);
  }

  /** Runs every listener; the number of sessions they ended. */
  async revoked(
    manager: EntityManager,
    userId: string,
    reason: CredentialRevocation,
  ): Promise<number> {
    let ended = 0;
    for (const listener of this.listeners) ended += await listener(manager, userId, reason);
    return ended;
  }
}
