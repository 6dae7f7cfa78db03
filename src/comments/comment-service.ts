import type { Article } from '../content/index.js';
import type { Actor } from '../shared/actor.js';
import { assertCan } from '../shared/permissions.js';
import { type ArticleComments, type ArticleCommentsOptions, commentsForArticle, pageOfComment } from './article-comments.js';
import type { CommentId, CommentStatus } from './comment.js';
import type { CommentServiceDeps } from './comment-deps.js';
import { createCommentRepository } from './comment-repository.js';
import type { CommentSettingsPatch } from './comment-settings.js';
import { createCommentSettingsStore } from './comment-settings-store.js';
import { type CommenterExport, eraseCommenterData, exportCommenterData } from './commenter-data.js';
import { commentNotFoundError } from './errors.js';
import { issueFormToken } from './form-token.js';
import { deleteComment, editComment, type ModerationAction, moderateOne } from './moderate-comment.js';
import { createModerationQueue } from './moderation-queue.js';
import { addPendingCommentId, readPendingCommentIds } from './pending-cookie.js';
import type { RateLimiter, RateLimitRule } from '../shared/rate-limit/rate-limit.js';
import { runCommentRetention } from './retention.js';
import type { StoredComment } from './stored-comment.js';
import { type SubmitCommentOutcome, type SubmitCommentRequest, submitComment } from './submit-comment.js';
import { withArticles } from './with-articles.js';

/**
 * The comments service: what readers post and see, what moderators do, and the privacy
 * operations. Dependencies are explicit (see CommentServiceDeps); the spam check and the
 * learner are interfaces, so the classifier in src/spam plugs in without changes here.
 */
export function createCommentService(deps: CommentServiceDeps) {
  const settings = createCommentSettingsStore(deps);
  const limiters = new Map<string, RateLimiter>();
  const limiterFor = (rules: readonly RateLimitRule[]): RateLimiter => {
    const key = JSON.stringify(rules);
    let limiter = limiters.get(key);
    if (!limiter) {
      limiters.clear();
      limiter = deps.rateLimiter(rules);
      limiters.set(key, limiter);
    }
    return limiter;
  };

  return {
    settings: {
      get: () => settings.get(),
      update: (actor: Actor, patch: CommentSettingsPatch) => settings.update(actor, patch),
    },

    /** See submitComment for the rules, in the order they apply. */
    submit: (request: SubmitCommentRequest): Promise<SubmitCommentOutcome> => submitComment(deps, settings, limiterFor, request),

    forArticle: (article: Pick<Article, 'id' | 'commentsEnabled' | 'publishedAt'>, options?: ArticleCommentsOptions): Promise<ArticleComments> =>
      commentsForArticle(deps, settings, article, options),

    /** The page (oldest first) on which comment `id` shows, for redirects after posting. */
    pageOf: (articleId: number, id: CommentId, ownPendingIds?: readonly CommentId[]): Promise<number> => pageOfComment(deps, settings, articleId, id, ownPendingIds),

    /** A fresh signed timestamp for an Article's comment form. */
    formToken: (articleId: number): string => issueFormToken(deps.secret, deps.clock.now(), articleId),

    /** The pending-comment cookie value after this reader posted comment `id`. */
    pendingCookieWith: (existing: string | undefined, id: CommentId): string => addPendingCommentId(deps.secret, existing, id),
    /** The comment ids in a pending-comment cookie; empty for a missing or tampered one. */
    pendingIdsIn: (value: string | undefined): CommentId[] => readPendingCommentIds(deps.secret, value),

    /** Comments for moderators, newest first; `beforeId` continues from the previous page's last id. */
    async list(actor: Actor, filter: { status?: CommentStatus; articleId?: number; limit?: number; beforeId?: number } = {}): Promise<StoredComment[]> {
      assertCan(actor, 'comments.moderate');
      const rows = await createCommentRepository(deps.db).listStored({ ...filter, limit: Math.min(Math.max(filter.limit ?? 50, 1), 500) });
      return withArticles(deps, rows);
    },

    async get(actor: Actor, id: CommentId): Promise<StoredComment> {
      assertCan(actor, 'comments.moderate');
      const row = await createCommentRepository(deps.db).findStored(id);
      if (!row) throw commentNotFoundError(id);
      const [comment] = await withArticles(deps, [row]);
      return comment;
    },

    async countByStatus(actor: Actor): Promise<Record<string, number>> {
      assertCan(actor, 'comments.moderate');
      return createCommentRepository(deps.db).countByStatus();
    },

    /** The admin's moderation queue (lists, bulk actions, staff replies) and the dashboard's figures. */
    queue: createModerationQueue(deps, (request) => submitComment(deps, settings, limiterFor, request)),

    moderate: (actor: Actor, id: CommentId, action: ModerationAction): Promise<StoredComment> => moderateOne(deps, actor, id, action),
    edit: (actor: Actor, id: CommentId, changes: { content?: string; authorName?: string; authorUrl?: string | null }) => editComment(deps, actor, id, changes),
    deletePermanently: (actor: Actor, id: CommentId): Promise<void> => deleteComment(deps, actor, id),

    /** The daily privacy job (see retention.ts). */
    runRetention: (now?: Date) => runCommentRetention(deps, settings, now),

    exportCommenterData: (actor: Actor, email: string): Promise<CommenterExport> => exportCommenterData(deps, actor, email),
    eraseCommenterData: (actor: Actor, email: string, options?: { delete?: boolean }) => eraseCommenterData(deps, actor, email, options),
  };
}

export type CommentService = ReturnType<typeof createCommentService>;
