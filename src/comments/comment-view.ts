import type { Actor } from '../auth';
import type { CommentTargetKind } from './comment-targets';
import type { CommentView } from './dto/comment.dto';

/** One version of a comment as stored (`comments` row with the author organisation's name). */
export interface CommentRow {
  id: string;
  comment_id: string;
  version: number;
  action: 'POSTED' | 'CORRECTED' | 'WITHDRAWN';
  target_kind: CommentTargetKind;
  target_id: string;
  tender_id: string | null;
  author_user_id: string;
  author_name: string;
  organisation_id: string | null;
  organisation_name: string | null;
  body: string | null;
  mentions: { userId: string; displayName: string }[];
  created_at: Date;
}

/**
 * The rows of one or more comments (ordered by time, comment and version) as their thread shows
 * them, oldest comment first: the current text, every earlier version, and what the reader may do.
 */
export function toThread(rows: CommentRow[], actor: Actor, mayPost: boolean): CommentView[] {
  const byComment = new Map<string, CommentRow[]>();
  for (const r of rows) {
    const list = byComment.get(r.comment_id) ?? [];
    list.push(r);
    byComment.set(r.comment_id, list);
  }
  return [...byComment.values()].map((versions) => {
    versions.sort((a, b) => a.version - b.version);
    const first = versions[0];
    const last = versions[versions.length - 1];
    const withdrawn = last.action === 'WITHDRAWN';
    const text = [...versions].reverse().find((v) => v.body !== null);
    const own = first.author_user_id === actor.userId && mayPost && !withdrawn;
    return {
      id: first.comment_id,
      targetKind: first.target_kind,
      targetId: first.target_id,
      tenderId: first.tender_id,
      authorUserId: first.author_user_id,
      authorName: first.author_name,
      organisationId: first.organisation_id,
      organisationName: first.organisation_name,
      status: withdrawn ? 'WITHDRAWN' : versions.length > 1 ? 'CORRECTED' : 'ACTIVE',
      body: withdrawn ? null : (text?.body ?? null),
      version: last.version,
      createdAt: first.created_at.toISOString(),
      updatedAt: last.created_at.toISOString(),
      withdrawnAt: withdrawn ? last.created_at.toISOString() : null,
      mentions: text?.mentions ?? [],
      revisions: versions.map((v) => ({
        version: v.version,
        action: v.action,
        body: v.body,
        at: v.created_at.toISOString(),
      })),
      allowedActions: own ? ['correct', 'withdraw'] : [],
    };
  });
}
