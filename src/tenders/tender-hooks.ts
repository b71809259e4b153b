import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { Actor } from '../auth';
import type { TenderStatus } from './tender-state';
import type { Tender } from './tender.entity';

/** Returns the conditions another module requires for a transition that are missing now. */
export type TransitionGuard = (
  manager: EntityManager,
  tender: Tender,
  to: TenderStatus,
) => Promise<string[]>;

/**
 * Runs inside the transition's transaction after the tender row has its new status, so another
 * module's follow-up (completing the matching deadline…) commits or rolls back with it.
 */
export type TransitionListener = (
  manager: EntityManager,
  actor: Actor,
  tender: Tender,
  from: TenderStatus,
) => Promise<void>;

/** The day (YYYY-MM-DD) the tender counts as published, when another module records it. */
export type PublicationDateSource = (
  manager: EntityManager,
  tender: Tender,
) => Promise<string | null>;

/**
 * Lets later modules add conditions to the lifecycle without the tenders module importing them
 * (e.g. the documents module: publishing needs a READY agreement of the current shares).
 */
@Injectable()
export class TenderHooks {
  private readonly guards: TransitionGuard[] = [];
  private readonly listeners: TransitionListener[] = [];
  private publicationSource: PublicationDateSource | null = null;
  private actClock: (() => Date) | null = null;

  addTransitionGuard(guard: TransitionGuard): void {
    this.guards.push(guard);
  }

  addTransitionListener(listener: TransitionListener): void {
    this.listeners.push(listener);
  }

  setPublicationDateSource(source: PublicationDateSource): void {
    this.publicationSource = source;
  }

  /** The time acts happen at (the schedule's clock), recorded with each transition. */
  setActClock(now: () => Date): void {
    this.actClock = now;
  }

  /** When the act happens, if a later module keeps the time; null: the database's own time. */
  actTime(): Date | null {
    return this.actClock ? this.actClock() : null;
  }

  async missing(manager: EntityManager, tender: Tender, to: TenderStatus): Promise<string[]> {
    const out: string[] = [];
    for (const guard of this.guards) out.push(...(await guard(manager, tender, to)));
    return out;
  }

  async transitioned(
    manager: EntityManager,
    actor: Actor,
    tender: Tender,
    from: TenderStatus,
  ): Promise<void> {
    for (const listener of this.listeners) await listener(manager, actor, tender, from);
  }

  async publicationDate(manager: EntityManager, tender: Tender): Promise<string | null> {
    return this.publicationSource ? this.publicationSource(manager, tender) : null;
  }
}
