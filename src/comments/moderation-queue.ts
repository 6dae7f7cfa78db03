import type { Actor } from '../shared/actor.js';
import { InvalidError, isBroadsheetError } from '../shared/errors.js';
import { lastLocalDays } from '../shared/local-days.js';
import { pageCount } from '../shared/pagination.js';
import { assertCan } from '../shared/permissions.js';
import { type CommentId, type CommentStatus, commentStatuses } from './comment.js';
import type { CommentServiceDeps } from './comment-deps.js';
import { validateCommentInput } from './comment-input.js';
import { createCommentRepository } from './comment-repository.js';
import { commentNotFoundError } from './errors.js';
import { type ModerationAction, moderateOne } from './moderate-comment.js';
import { createModerationQueueRepository } from './moderation-queue-repository.js';
import type { StoredComment } from './stored-comment.js';
import type { Commenter, SubmitCommentOutcome, SubmitCommentRequest, SubmitError } from './submit-comment.js';
import { withArticles } from './with-articles.js';

const QUEUE_PAGE_SIZE = 20;
/** Longer searches are cut: nobody types more, and LIKE patterns stay cheap. */
export const QUEUE_SEARCH_MAX = 200;
/** More than a page or two at once is not a moderator's selection. */
const BULK_MAX = 200;

export interface QueueQuery {
  status: CommentStatus;
  /** Author name, email, IP or text containing this, any case. */
  search?: string;
  /** 1-based; out-of-range pages show the nearest page. */
  page?: number;
}

export interface QueuePage {
  status: CommentStatus;
  search: string;
  comments: StoredComment[];
  /** Comments per status matching the search (all comments without one). */
  counts: Record<CommentStatus, number>;
  page: number;
  pageCount: number;
}

export interface BulkOutcome {
  /** Comments the action applied to (including those already in the wanted status). */
  done: number;
  /** Comments it could not apply to, with why (gone, or e.g. "not spam" for a pending one). */
  skipped: { id: CommentId; message: string }[];
}

export type StaffCommenter = Extract<Commenter, { kind: 'staff' }>;

export type StaffReplyOutcome = { kind: 'stored'; id: CommentId } | { kind: 'invalid'; errors: SubmitError[] };

export interface CommentActivity {
  /** Oldest first, one per local day, by the day each comment arrived and its current status. */
  days: { date: string; approved: number; spam: number }[];
  /** Spam caught today and in the six days before (local days). */
  spamLastWeek: number;
  pending: number;
}

/** Errors of submitting a reply that belong beside the reply form, not on an error page. */
const replyRefusals = new Set(['COMMENTS_CLOSED', 'ARTICLE_NOT_FOUND', 'COMMENT_DUPLICATE']);

function normaliseSearch(search: string | undefined): string {
  return (search ?? '').trim().slice(0, QUEUE_SEARCH_MAX);
}

/**
 * The admin's moderation queue and the dashboard's comment figures. Every operation needs
 * `comments.moderate`; the actions go through moderateOne, so their status rules, audit entries
 * and spam learning are the same as for one comment.
 */
export function createModerationQueue(deps: CommentServiceDeps, submit: (request: SubmitCommentRequest) => Promise<SubmitCommentOutcome>) {
  const queueRepo = () => createModerationQueueRepository(deps.db);

  return {
    /** One page of one status tab, newest first, with the counts for every tab. */
    async list(actor: Actor, query: QueueQuery): Promise<QueuePage> {
      assertCan(actor, 'comments.moderate');
      const search = normaliseSearch(query.search);
      const repo = queueRepo();
      const found = await repo.countByStatus(search);
      const counts = Object.fromEntries(commentStatuses.map((s) => [s, found[s] ?? 0])) as Record<CommentStatus, number>;
      const pages = pageCount(counts[query.status], QUEUE_PAGE_SIZE);
      const page = Math.min(Math.max(Math.trunc(query.page ?? 1) || 1, 1), pages);
      const rows = await repo.list({ status: query.status, search }, { limit: QUEUE_PAGE_SIZE, offset: (page - 1) * QUEUE_PAGE_SIZE });
      return { status: query.status, search, counts, page, pageCount: pages, comments: await withArticles(deps, rows) };
    },

    /** Applies one action to each comment; one that cannot take it is skipped with the reason. */
    async moderateMany(actor: Actor, ids: readonly CommentId[], action: ModerationAction): Promise<BulkOutcome> {
      assertCan(actor, 'comments.moderate');
      const unique = [...new Set(ids)];
      if (unique.length > BULK_MAX) throw new InvalidError('COMMENTS_BULK_TOO_MANY', `Select at most ${BULK_MAX} comments at a time.`);
      const outcome: BulkOutcome = { done: 0, skipped: [] };
      for (const id of unique) {
        try {
          await moderateOne(deps, actor, id, action);
          outcome.done++;
        } catch (error) {
          if (!isBroadsheetError(error) || (error.kind !== 'conflict' && error.kind !== 'not_found')) throw error;
          outcome.skipped.push({ id, message: error.userMessage });
        }
      }
      return outcome;
    },

    /**
     * Answers a comment as staff: the reply is approved at once and shows the Staff badge.
     * Answering a pending comment approves it first (a reply to a hidden comment would hang in
     * the air); spam and trash must be restored before they can be answered.
     */
    async reply(commenter: StaffCommenter, parentId: CommentId, content: string, client: SubmitCommentRequest['client']): Promise<StaffReplyOutcome> {
      assertCan(commenter.actor, 'comments.moderate');
      const row = await createCommentRepository(deps.db).findStored(parentId);
      if (!row) throw commentNotFoundError(parentId);
      const [parent] = await withArticles(deps, [row]);
      if (parent.status === 'spam' || parent.status === 'trash') {
        return { kind: 'invalid', errors: [{ field: 'form', message: `This comment is in the ${parent.status}; restore it before replying.` }] };
      }
      const fields = { content, parentId: String(parentId) };
      const validated = validateCommentInput(fields, { guest: false });
      if (!validated.ok) return { kind: 'invalid', errors: validated.errors };
      if (parent.status === 'pending') await moderateOne(deps, commenter.actor, parentId, 'approve');
      try {
        const outcome = await submit({ article: { id: parent.articleId }, fields, commenter, client, form: {} });
        if (outcome.kind === 'stored') return { kind: 'stored', id: outcome.id };
        if (outcome.kind === 'invalid') return { kind: 'invalid', errors: outcome.errors };
        return { kind: 'invalid', errors: [{ field: 'form', message: `Too many comments at once; try again in ${outcome.retryAfterSeconds} seconds.` }] };
      } catch (error) {
        if (isBroadsheetError(error) && replyRefusals.has(error.code)) return { kind: 'invalid', errors: [{ field: 'form', message: error.userMessage }] };
        throw error;
      }
    },

    /** The dashboard's figures: comments per local day (approved / spam), spam this week, pending now. */
    async activity(actor: Actor, options: { timeZone: string; days?: number }): Promise<CommentActivity> {
      assertCan(actor, 'comments.moderate');
      const now = deps.clock.now();
      const days = lastLocalDays(now, options.timeZone, options.days ?? 30);
      const week = lastLocalDays(now, options.timeZone, 7);
      const repo = queueRepo();
      const [perDay, spamLastWeek, counts] = await Promise.all([
        repo.countPerDay(
          days.map((d) => d.start.toISOString()),
          days[days.length - 1].end.toISOString(),
          ['approved', 'spam'],
        ),
        repo.countSpamCaughtSince(week[0].start.toISOString()),
        repo.countByStatus(),
      ]);
      const chart = days.map((d) => ({ date: d.date, approved: 0, spam: 0 }));
      for (const row of perDay) {
        const day = chart[row.day];
        if (day && (row.status === 'approved' || row.status === 'spam')) day[row.status] += row.count;
      }
      return { days: chart, spamLastWeek, pending: counts.pending ?? 0 };
    },
  };
}

export type ModerationQueue = ReturnType<typeof createModerationQueue>;
