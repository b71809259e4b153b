import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import type { Actor, TenderFacts } from '../auth';
import { notFound } from '../common/errors';
import { ResponsibilityTasksService } from '../responsibilities';
import { Lot, Share, TendersService, tenderFacts } from '../tenders';

/**
 * What a comment can be about: a kind and the id of the object (a tender, a lot, a share, a task
 * of the responsibility matrix, a project sheet). Each kind has a resolver that asks the owning
 * module's service whether the actor sees the object; `sheet` belongs to a module above this one
 * (projects), which registers its resolver (`register`) when it starts.
 */
export const COMMENT_TARGET_KINDS = ['tender', 'lot', 'share', 'task', 'sheet'] as const;
export type CommentTargetKind = (typeof COMMENT_TARGET_KINDS)[number];

export interface CommentTarget {
  kind: CommentTargetKind;
  id: string;
}

/** A target the actor sees, with what the thread needs: the tender it belongs to and its facts. */
export interface ResolvedTarget extends CommentTarget {
  /** The tender the object belongs to (in whose history the thread's events appear); null for a sheet not yet a tender. */
  tenderId: string | null;
  partnershipId: string;
  /** The tender's reference, or the title of a project sheet. */
  reference: string;
  /** The facts the access policy decides on (`tender.view` to read, `comment.post` to post). */
  facts: TenderFacts;
  /** What the notification names ("postępowanie ZP.271.1.2026", "udział Gminy Liszki w części 1"). */
  label: string;
  /** The web page where the thread is shown, with its anchor. */
  link: string;
}

export type CommentTargetResolver = (
  manager: EntityManager,
  actor: Actor,
  id: string,
) => Promise<ResolvedTarget>;

@Injectable()
export class CommentTargets {
  private readonly resolvers: Partial<Record<CommentTargetKind, CommentTargetResolver>> = {
    tender: (m, a, id) => this.tender(m, a, id),
    lot: (m, a, id) => this.lot(m, a, id),
    share: (m, a, id) => this.share(m, a, id),
    task: (m, a, id) => this.task(m, a, id),
  };

  constructor(
    private readonly tenders: TendersService,
    private readonly tasks: ResponsibilityTasksService,
  ) {}

  /** A module above this one (projects: `sheet`) resolves its own kind: visibility stays its rule. */
  register(kind: 'sheet', resolver: CommentTargetResolver): void {
    this.resolvers[kind] = resolver;
  }

  /** The target if the actor sees it; 404 otherwise (an unseen object does not exist). */
  async resolve(
    manager: EntityManager,
    actor: Actor,
    target: CommentTarget,
  ): Promise<ResolvedTarget> {
    const resolver = this.resolvers[target.kind];
    if (!resolver) throw notFound('Comment target', target.id);
    return resolver(manager, actor, target.id);
  }

  private async tender(manager: EntityManager, actor: Actor, id: string): Promise<ResolvedTarget> {
    const { tender, participants } = await this.tenders.loadVisible(manager, actor, id, false);
    return {
      kind: 'tender',
      id,
      tenderId: tender.id,
      partnershipId: tender.partnershipId,
      reference: tender.reference,
      facts: tenderFacts(tender, participants),
      label: `postępowanie ${tender.reference}`,
      link: `/postepowania/${tender.id}#komentarze`,
    };
  }

  private async lot(manager: EntityManager, actor: Actor, id: string): Promise<ResolvedTarget> {
    const lot = await manager.getRepository(Lot).findOne({ where: { id } });
    if (!lot) throw notFound('Lot', id);
    const t = await this.seen(manager, actor, lot.tenderId, 'Lot', id);
    return {
      ...t,
      kind: 'lot',
      id,
      label: `część ${lot.number} postępowania ${t.reference}`,
      link: `/postepowania/${t.tenderId}/czesci/${lot.id}/komentarze#komentarze`,
    };
  }

  private async share(manager: EntityManager, actor: Actor, id: string): Promise<ResolvedTarget> {
    const share = await manager
      .getRepository(Share)
      .findOne({ where: { id }, relations: { organisation: true, lot: true } });
    if (!share) throw notFound('Share', id);
    const t = await this.seen(manager, actor, share.tenderId, 'Share', id);
    return {
      ...t,
      kind: 'share',
      id,
      label: `udział: ${share.organisation.name}, część ${share.lot.number} postępowania ${t.reference}`,
      link: `/udzialy/${share.id}#komentarze`,
    };
  }

  private async task(manager: EntityManager, actor: Actor, id: string): Promise<ResolvedTarget> {
    // The matrix's own rule: who sees the tender sees its tasks (404 named after the task).
    const task = await this.tasks.one(actor, id);
    const t = await this.seen(manager, actor, task.tenderId, 'Task', id);
    return {
      ...t,
      kind: 'task',
      id,
      label: `zadanie „${task.title}” (${task.organisationName}) w postępowaniu ${t.reference}`,
      link: `/zadania-postepowania/${id}#komentarze`,
    };
  }

  /** The tender of a lot or share, 404 named after the lot or share when not visible. */
  private async seen(
    manager: EntityManager,
    actor: Actor,
    tenderId: string,
    entity: string,
    id: string,
  ): Promise<ResolvedTarget> {
    try {
      return await this.tender(manager, actor, tenderId);
    } catch (err) {
      if (err instanceof Error && 'status' in err && err.status === 404) throw notFound(entity, id);
      throw err;
    }
  }
}
