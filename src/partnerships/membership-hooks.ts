import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { Actor } from '../auth';

export interface MembershipChange {
  partnershipId: string;
  organisationId: string;
  on: string;
}

export type MembershipListener = (
  manager: EntityManager,
  actor: Actor,
  change: MembershipChange,
) => Promise<void>;

/**
 * Lets other modules react to a partner leaving, inside the same transaction (e.g. the tenders
 * module voids the partner's shares), without the partnerships module importing them.
 */
@Injectable()
export class MembershipHooks {
  private readonly leaveListeners: MembershipListener[] = [];

  onLeave(listener: MembershipListener): void {
    this.leaveListeners.push(listener);
  }

  async left(manager: EntityManager, actor: Actor, change: MembershipChange): Promise<void> {
    for (const listener of this.leaveListeners) await listener(manager, actor, change);
  }
}
