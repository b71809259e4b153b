import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { AccessPolicyService, decide, type Actor, type Role, userRows, roleRows } from '../auth';
import { recordAudit } from '../audit';
import { assertVersion, DomainError, conflict, forbidden, notFound } from '../common/errors';
import type { PageQuery } from '../common/pagination';
import { NotificationsService } from '../notifications';
import { organisationNames } from '../organisations';
import { CommentTargets, type CommentTarget, type ResolvedTarget } from './comment-targets';
import type {
  CommentThreadView,
  CommentView,
  CorrectCommentDto,
  PostCommentDto,
  WithdrawCommentDto,
} from './dto/comment.dto';
import { matchMentions, parseMentions, type MentionCandidate } from './mentions';
import { toThread, type CommentRow } from './comment-view';

const EXCERPT = 300;

/**
 * Comment threads on a tender, a lot, a share, a task or a project sheet (issue #14). Who sees the object reads its thread
 * (`tender.view`, through the owning module's service: 404 otherwise); who may `comment.post`
 * writes. A comment is never changed: its author corrects it (a new version, the earlier kept) or
 * withdraws it (a new version without text). Each post is one transaction with its audit event
 * (`comment.posted|corrected|withdrawn`, in the tender's history) and the mentioned people's
 * notifications (`comment.mention`, in-app and e-mail through the outbox).
 */
@Injectable()
export class CommentsService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly targets: CommentTargets,
    private readonly policy: AccessPolicyService,
    private readonly notifications: NotificationsService,
  ) {}

  async thread(actor: Actor, target: CommentTarget, q: PageQuery): Promise<CommentThreadView> {
    const t = await this.targets.resolve(this.dataSource.manager, actor, target);
    const rows = await this.rowsOf(
      this.dataSource.manager,
      'c.target_kind = $1 AND c.target_id = $2',
      [t.kind, t.id],
    );
    const mayPost = this.policy.can(actor, { action: 'comment.post', tender: t.facts });
    const items = toThread(rows, actor, mayPost);
    return {
      items: items.slice(q.offset, q.offset + q.limit),
      total: items.length,
      limit: q.limit,
      offset: q.offset,
      mayPost,
    };
  }

  async post(actor: Actor, target: CommentTarget, dto: PostCommentDto): Promise<CommentView> {
    const id = await this.dataSource.transaction(async (manager) => {
      const t = await this.targets.resolve(manager, actor, target);
      this.policy.assert(actor, { action: 'comment.post', tender: t.facts });
      const mentions = await this.mentions(manager, actor, t, dto.body);
      const [{ id: commentId }] = await manager.query<{ id: string }[]>(
        'SELECT gen_random_uuid() AS id',
      );
      await this.insert(manager, actor, t, commentId, 1, 'POSTED', dto.body, mentions);
      await this.notify(manager, actor, t, commentId, dto.body, mentions);
      return commentId;
    });
    return this.one(actor, id);
  }

  async correct(actor: Actor, commentId: string, dto: CorrectCommentDto): Promise<CommentView> {
    await this.dataSource.transaction(async (manager) => {
      const { t, current, mentioned } = await this.lockOwn(manager, actor, commentId, dto.version);
      const mentions = await this.mentions(manager, actor, t, dto.body);
      await this.insert(
        manager,
        actor,
        t,
        commentId,
        current.version + 1,
        'CORRECTED',
        dto.body,
        mentions,
      );
      const fresh = mentions.filter((m) => !mentioned.has(m.userId));
      await this.notify(manager, actor, t, commentId, dto.body, fresh);
    });
    return this.one(actor, commentId);
  }

  async withdraw(actor: Actor, commentId: string, dto: WithdrawCommentDto): Promise<CommentView> {
    await this.dataSource.transaction(async (manager) => {
      const { t, current } = await this.lockOwn(manager, actor, commentId, dto.version);
      await this.insert(manager, actor, t, commentId, current.version + 1, 'WITHDRAWN', null, []);
    });
    return this.one(actor, commentId);
  }

  /** What a visible target is called and where its thread is shown (404 when not visible). */
  async place(
    actor: Actor,
    target: CommentTarget,
  ): Promise<{ label: string; link: string; tenderId: string | null; reference: string }> {
    const t = await this.targets.resolve(this.dataSource.manager, actor, target);
    return { label: t.label, link: t.link, tenderId: t.tenderId, reference: t.reference };
  }

  /** One comment as its thread shows it (the reader must see its target). */
  async one(actor: Actor, commentId: string): Promise<CommentView> {
    const rows = await this.rowsOf(this.dataSource.manager, 'c.comment_id = $1', [commentId]);
    if (rows.length === 0) throw notFound('Comment', commentId);
    const t = await this.targets.resolve(this.dataSource.manager, actor, {
      kind: rows[0].target_kind,
      id: rows[0].target_id,
    });
    const mayPost = this.policy.can(actor, { action: 'comment.post', tender: t.facts });
    return toThread(rows, actor, mayPost)[0];
  }

  /**
   * The comment's latest version, locked (its first row serialises its versions): visible target
   * (404), the author's own and still allowed to post (403), not withdrawn and not stale (409).
   */
  private async lockOwn(
    manager: EntityManager,
    actor: Actor,
    commentId: string,
    version: number,
  ): Promise<{ t: ResolvedTarget; current: CommentRow; mentioned: Set<string> }> {
    const first = await manager.query<CommentRow[]>(
      'SELECT * FROM comments WHERE comment_id = $1 AND version = 1 FOR UPDATE',
      [commentId],
    );
    if (!first[0]) throw notFound('Comment', commentId);
    const t = await this.targets.resolve(manager, actor, {
      kind: first[0].target_kind,
      id: first[0].target_id,
    });
    if (first[0].author_user_id !== actor.userId)
      throw forbidden('FORBIDDEN', 'Only its author corrects or withdraws a comment');
    this.policy.assert(actor, { action: 'comment.post', tender: t.facts });
    const rows = await this.rowsOf(manager, 'c.comment_id = $1', [commentId]);
    const current = rows[rows.length - 1];
    if (current.action === 'WITHDRAWN')
      throw conflict('COMMENT_WITHDRAWN', 'The comment was withdrawn; post a new one instead', {
        currentVersion: current.version,
      });
    assertVersion(
      current.version,
      version,
      'COMMENT_VERSION_CONFLICT',
      `The comment was changed meanwhile (now version ${current.version}); reload and retry`,
    );
    const mentioned = new Set(rows.flatMap((r) => r.mentions.map((m) => m.userId)));
    return { t, current, mentioned };
  }

  private async rowsOf(
    manager: EntityManager,
    where: string,
    params: unknown[],
  ): Promise<CommentRow[]> {
    const rows = await manager.query<Omit<CommentRow, 'organisation_name'>[]>(
      `SELECT c.* FROM comments c
        WHERE ${where} ORDER BY c.created_at, c.comment_id, c.version`,
      params,
    );
    const names = await organisationNames(
      manager,
      rows.flatMap((r) => (r.organisation_id ? [r.organisation_id] : [])),
    );
    return rows.map((r) => ({
      ...r,
      organisation_name: r.organisation_id ? (names.get(r.organisation_id) ?? null) : null,
    }));
  }

  /**
   * The people the text mentions, among those who see the target (`tender.view` decided for each
   * active user of the leader and the participants). Anyone else is refused with the same words,
   * whether such a user exists or not.
   */
  private async mentions(
    manager: EntityManager,
    actor: Actor,
    t: ResolvedTarget,
    body: string,
  ): Promise<MentionCandidate[]> {
    const handles = parseMentions(body);
    if (handles.length === 0) return [];
    const orgs = [t.facts.leaderOrganisationId, ...t.facts.participantOrganisationIds];
    const rows = await manager.query<
      {
        id: string;
        email: string;
        display_name: string;
        memberships: { organisationId: string; role: Role }[];
      }[]
    >(
      `SELECT u.id, u.email, u.display_name,
              jsonb_agg(jsonb_build_object('organisationId', m.organisation_id, 'role', m.role)) AS memberships
         FROM ${userRows} u JOIN ${roleRows} m ON m.user_id = u.id
        WHERE u.active AND u.id IN (SELECT user_id FROM ${roleRows} role_memberships WHERE organisation_id = ANY($1))
        GROUP BY u.id, u.email, u.display_name`,
      [orgs],
    );
    const candidates = rows
      .filter((u) =>
        decide(
          { ...actor, userId: u.id, email: u.email, admin: false, memberships: u.memberships },
          { action: 'tender.view', tender: t.facts },
        ),
      )
      .map((u) => ({ userId: u.id, email: u.email, displayName: u.display_name }));
    const match = matchMentions(handles, candidates);
    const violations = [
      ...match.unknown.map((h) => ({
        field: 'body',
        rule: 'mention',
        message: `@${h} is not a person who sees this ${t.kind}; mention only people who see it`,
      })),
      ...match.ambiguous.map((h) => ({
        field: 'body',
        rule: 'mentionAmbiguous',
        message: `@${h} names several people who see this ${t.kind}; write the full e-mail (@${h}@…)`,
      })),
    ];
    if (violations.length > 0)
      throw new DomainError(
        422,
        'RULE_VIOLATED',
        violations.map((v) => v.message).join('; '),
        violations,
        { unknown: match.unknown, ambiguous: match.ambiguous },
      );
    return match.found;
  }

  private async insert(
    manager: EntityManager,
    actor: Actor,
    t: ResolvedTarget,
    commentId: string,
    version: number,
    action: 'POSTED' | 'CORRECTED' | 'WITHDRAWN',
    body: string | null,
    mentions: MentionCandidate[],
  ): Promise<void> {
    const organisationId = authorOrganisation(actor, t);
    const mentioned = mentions.map((m) => ({ userId: m.userId, displayName: m.displayName }));
    await manager.query(
      `INSERT INTO comments (comment_id, version, action, target_kind, target_id, tender_id,
                             partnership_id, author_user_id, author_name, organisation_id, body, mentions)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12)`,
      [
        commentId,
        version,
        action,
        t.kind,
        t.id,
        t.tenderId,
        t.partnershipId,
        actor.userId,
        actor.displayName,
        organisationId,
        body,
        JSON.stringify(mentioned),
      ],
    );
    await recordAudit(manager, actor, {
      action: `comment.${action.toLowerCase()}`,
      entityType: 'comment',
      entityId: commentId,
      tenderId: t.tenderId ?? undefined,
      partnershipId: t.partnershipId,
      organisationId: organisationId ?? undefined,
      data: {
        targetKind: t.kind,
        targetId: t.id,
        version,
        ...(body === null ? {} : { body }),
        ...(mentioned.length > 0 ? { mentions: mentioned } : {}),
      },
    });
  }

  private async notify(
    manager: EntityManager,
    actor: Actor,
    t: ResolvedTarget,
    commentId: string,
    body: string,
    mentions: MentionCandidate[],
  ): Promise<void> {
    const recipients = mentions.map((m) => m.userId).filter((id) => id !== actor.userId);
    if (recipients.length === 0) return;
    await this.notifications.notifyUsers(manager, recipients, {
      kind: 'comment.mention',
      title: `${actor.displayName} wspomina o Tobie w komentarzu: ${t.label}`,
      body: `${actor.displayName} pisze w wątku (${t.label}):\n„${body.length > EXCERPT ? `${body.slice(0, EXCERPT - 1)}…` : body}”`,
      tenderId: t.tenderId ?? undefined,
      entityType: 'comment',
      entityId: commentId,
      link: t.link,
    });
  }
}

/**
 * On whose behalf the author writes: the leader when the author is one of its people, else the
 * first participant the author belongs to (the web application's organisation context narrows
 * the memberships to one); null for an administrator outside the partnership.
 */
function authorOrganisation(actor: Actor, t: ResolvedTarget): string | null {
  const own = actor.memberships.filter((m) => m.role !== 'LAWYER').map((m) => m.organisationId);
  if (own.includes(t.facts.leaderOrganisationId)) return t.facts.leaderOrganisationId;
  return own.find((o) => t.facts.participantOrganisationIds.includes(o)) ?? null;
}
