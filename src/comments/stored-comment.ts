import { type ArticleSummary, articlePath } from '../content/index.js';
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
  /** Slug '' and a placeholder title when the article could not be loaded (see toStoredComment). */
  article: { id: number; slug: string; title: string };
  /** The article's public address; null if the article could not be loaded. */
  articlePath: string | null;
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

/**
 * `article` is the comment's article as the content service gave it (see withArticles), or null
 * if it could not be loaded. The comment is still returned then, with a placeholder title: the
 * foreign key deletes comments with their article, so this only happens when the article went
 * in between the two reads; hiding the comment instead would make pages disagree with the
 * queue's counts and, should the database ever hold an orphan, keep it out of moderation and
 * out of a Commenter's data export.
 */
export function toStoredComment(row: StoredCommentRow, article: Pick<ArticleSummary, 'slug' | 'title' | 'section'> | null): StoredComment {
  return {
    ...toPublicComment(row),
    article: article ? { id: row.article_id, slug: article.slug, title: article.title } : { id: row.article_id, slug: '', title: `(article ${row.article_id} not found)` },
    articlePath: article ? articlePath(article) : null,
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
