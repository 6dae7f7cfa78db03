import type { Article } from '../content/index.js';
import type { CommentId } from './comment.js';
import type { CommentServiceDeps } from './comment-deps.js';
import { createCommentRepository } from './comment-repository.js';
import { type CommentSettings, commentsOpenFor } from './comment-settings.js';
import type { CommentSettingsStore } from './comment-settings-store.js';
import { buildThreads, type ThreadPage } from './threads.js';
import { type PublicComment, toPublicComment } from './stored-comment.js';

export interface ArticleCommentsOptions {
  /** 1-based page of top-level comments. */
  page?: number;
  order?: 'oldest' | 'newest';
  /** From the reader's signed pending-comment cookie: shown to them alone while pending. */
  ownPendingIds?: readonly CommentId[];
}

export interface ArticleComments {
  threads: ThreadPage<PublicComment>;
  /** Approved comments on the Article, replies included (the heading's count). */
  approvedCount: number;
  /** The reader's own pending comments shown on this page. */
  ownPendingIds: CommentId[];
  open: ReturnType<typeof commentsOpenFor>;
  order: 'oldest' | 'newest';
  settings: CommentSettings;
}

/**
 * What an Article page shows under the story: one indexed query for its approved comments
 * (and the reader's own pending ones), threaded and paginated in memory by buildThreads.
 */
export async function commentsForArticle(
  deps: CommentServiceDeps,
  store: CommentSettingsStore,
  article: Pick<Article, 'id' | 'commentsEnabled' | 'publishedAt'>,
  options: ArticleCommentsOptions = {},
): Promise<ArticleComments> {
  const settings = await store.get();
  const rows = await createCommentRepository(deps.db).listForArticle(article.id, options.ownPendingIds ?? []);
  const comments = rows.map(toPublicComment);
  const order = options.order ?? 'oldest';
  const threads = buildThreads(comments, {
    maxDepth: settings.maxDepth,
    perPage: settings.perPage,
    page: options.page ?? 1,
    order,
    isVisible: (c) => c.status === 'approved' || c.status === 'pending',
  });
  return {
    threads,
    approvedCount: comments.filter((c) => c.status === 'approved').length,
    ownPendingIds: comments.filter((c) => c.status === 'pending').map((c) => c.id),
    open: commentsOpenFor(article, settings, deps.clock.now()),
    order,
    settings,
  };
}

/**
 * The page (with the given order) that shows comment `id`, counting the reader's own pending
 * comments as shown; 1 when the comment is not shown at all. Lets a redirect land on it.
 */
export async function pageOfComment(
  deps: CommentServiceDeps,
  store: CommentSettingsStore,
  articleId: number,
  id: CommentId,
  ownPendingIds: readonly CommentId[] = [],
): Promise<number> {
  const settings = await store.get();
  const rows = await createCommentRepository(deps.db).listForArticle(articleId, ownPendingIds);
  const all = buildThreads(rows.map(toPublicComment), {
    maxDepth: settings.maxDepth,
    perPage: Number.MAX_SAFE_INTEGER,
    isVisible: (c) => c.status === 'approved' || c.status === 'pending',
  });
  const contains = (thread: (typeof all.threads)[number]): boolean => thread.comment.id === id || thread.replies.some(contains);
  const index = all.threads.findIndex(contains);
  return index < 0 ? 1 : Math.floor(index / settings.perPage) + 1;
}
