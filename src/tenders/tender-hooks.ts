import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { TenderStatus } from './tender-state';
import type { Tender } from './tender.entity';

/** Returns the conditions another module requires for a transition that are missing now. */
export type TransitionGuard = (
  manager: EntityManager,
  tender: Tender,
  to: TenderStatus,
) => Promise<string[]>;

/**
 * Lets later modules add conditions to the lifecycle without the tenders module importing them
 * (e.g. the documents module: publishing needs a READY agreement of the current shares).
 */
@Injectable()
export class TenderHooks {
  private readonly guards: TransitionGuard[] = [];

  addTransitionGuard(guard: TransitionGuard): void {
    this.guards.push(guard);
  }

  async missing(manager: EntityManager, tender: Tender, to: TenderStatus): Promise<string[]> {
    const out: string[] = [];
    for (const guard of this.guards) out.push(...(await guard(manager, tender, to)));
    return out;
  }
}
