import type { CommentId, CommentStatus } from './comment.js';
import type { PublicCommentRow, StoredCommentRow } from './comment-repository.js';
import type { ThreadableComment } from './threads.js';

/** A comment as any reader may see it. */
export interface PublicComment extends ThreadableComment {
  id: CommentId;
  articleId: number;
  parentId: CommentId | null;
  status: CommentStatus;
  createdAt: Date;
  authorName: string;
  authorUrl: string | null;
  /** Written by a signed-in staff member: shown with a "Staff" badge. */
  isStaff: boolean;
  /** Produced by renderCommentText from plain text; safe to insert as HTML. */
  contentHtml: string;
}

/** A comment with everything stored about it, for moderators, exports and the spam learner. */
export interface StoredComment extends PublicComment {
  article: { id: number; slug: string; title: string };
  userId: number | null;
  authorEmail: string;
  content: string;
  previousStatus: CommentStatus | null;
  spamScore: number | null;
  spamReasons: string[];
  flags: string[];
  ip: string | null;
  userAgent: string | null;
  referrer: string | null;
  moderatedAt: Date | null;
  moderatedBy: number | null;
}

function jsonList(text: string): string[] {
  try {
    const value: unknown = JSON.parse(text);
    return Array.isArray(value) ? value.map(String) : [];
  } catch {
    return [];
  }
}

export function toPublicComment(row: PublicCommentRow): PublicComment {
  return {
    id: row.id,
    articleId: row.article_id,
    parentId: row.parent_id,
    status: row.status as CommentStatus,
    createdAt: new Date(row.created_at),
    authorName: row.author_name,
    authorUrl: row.author_url,
    isStaff: row.user_id !== null,
    contentHtml: row.content_html,
  };
}

export function toStoredComment(row: StoredCommentRow): StoredComment {
  return {
    ...toPublicComment(row),
    article: { id: row.article_id, slug: row.article_slug, title: row.article_title },
    userId: row.user_id,
    authorEmail: row.author_email,
    content: row.content,
    previousStatus: row.previous_status as CommentStatus | null,
    spamScore: row.spam_score === null ? null : Number(row.spam_score),
    spamReasons: jsonList(row.spam_reasons),
    flags: jsonList(row.flags),
    ip: row.ip,
    userAgent: row.user_agent,
    referrer: row.referrer,
    moderatedAt: row.moderated_at ? new Date(row.moderated_at) : null,
    moderatedBy: row.moderated_by,
  };
}
