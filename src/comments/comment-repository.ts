import type { Db } from '../db/dialect.js';
import type { CommentId, CommentStatus } from './comment.js';

/** What any reader may see of a comment: never the email, IP, user agent or plain text. */
const publicColumns = [
  'comment.id',
  'comment.article_id',
  'comment.parent_id',
  'comment.user_id',
  'comment.author_name',
  'comment.author_url',
  'comment.content_html',
  'comment.status',
  'comment.created_at',
] as const;

/** Everything a moderator, an export or the spam learner may see. */
const storedColumns = [
  ...publicColumns,
  'comment.author_email',
  'comment.content',
  'comment.previous_status',
  'comment.spam_score',
  'comment.spam_reasons',
  'comment.flags',
  'comment.ip',
  'comment.user_agent',
  'comment.referrer',
  'comment.moderated_at',
  'comment.moderated_by',
] as const;

export interface PublicCommentRow {
  id: number;
  article_id: number;
  parent_id: number | null;
  user_id: number | null;
  author_name: string;
  author_url: string | null;
  content_html: string;
  status: string;
  created_at: string;
}

export interface StoredCommentRow extends PublicCommentRow {
  author_email: string;
  content: string;
  previous_status: string | null;
  spam_score: number | null;
  spam_reasons: string;
  flags: string;
  ip: string | null;
  user_agent: string | null;
  referrer: string | null;
  moderated_at: string | null;
  moderated_by: number | null;
}

export interface NewCommentRow {
  articleId: number;
  parentId: number | null;
  userId: number | null;
  authorName: string;
  authorEmail: string;
  authorUrl: string | null;
  content: string;
  contentHtml: string;
  ip: string | null;
  userAgent: string | null;
  referrer: string | null;
  duplicateHash: string | null;
  createdAt: string;
}

// Keeps IN lists well under SQLite's and PostgreSQL's parameter limits.
const BATCH = 500;

function chunks<T>(items: readonly T[]): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += BATCH) out.push(items.slice(i, i + BATCH));
  return out;
}

/** Comments with everything stored about them (StoredCommentRow); withArticles adds their articles. */
export function selectStoredComments(db: Db) {
  return db.selectFrom('comment').select(storedColumns);
}

export function createCommentRepository(db: Db) {
  const stored = () => selectStoredComments(db);

  const repo = {
    /**
     * Stores a new comment as `pending`. Returns null when the duplicate hash is taken: the
     * unique index decides, so two identical posts racing each other cannot both be stored.
     */
    async insertPending(row: NewCommentRow): Promise<CommentId | null> {
      const inserted = await db
        .insertInto('comment')
        .values({
          article_id: row.articleId,
          parent_id: row.parentId,
          user_id: row.userId,
          author_name: row.authorName,
          author_email: row.authorEmail,
          author_url: row.authorUrl,
          content: row.content,
          content_html: row.contentHtml,
          status: 'pending',
          ip: row.ip,
          user_agent: row.userAgent,
          referrer: row.referrer,
          duplicate_hash: row.duplicateHash,
          created_at: row.createdAt,
        })
        .onConflict((oc) => oc.column('duplicate_hash').doNothing())
        .returning('id')
        .executeTakeFirst();
      return inserted?.id ?? null;
    },

    async setVerdict(id: CommentId, verdict: { status: CommentStatus; spamScore: number | null; reasons: string[]; flags: string[]; previousStatus: CommentStatus | null }) {
      await db
        .updateTable('comment')
        .set({
          status: verdict.status,
          spam_score: verdict.spamScore,
          spam_reasons: JSON.stringify(verdict.reasons),
          flags: JSON.stringify(verdict.flags),
          previous_status: verdict.previousStatus,
        })
        .where('id', '=', id)
        .execute();
    },

    /** One query per article page: approved comments plus the reader's own pending ones, oldest first. */
    listForArticle(articleId: number, ownPendingIds: readonly CommentId[]): Promise<PublicCommentRow[]> {
      return db
        .selectFrom('comment')
        .select(publicColumns)
        .where('comment.article_id', '=', articleId)
        .where((eb) =>
          ownPendingIds.length === 0
            ? eb('comment.status', '=', 'approved')
            : eb.or([eb('comment.status', '=', 'approved'), eb.and([eb('comment.status', '=', 'pending'), eb('comment.id', 'in', [...ownPendingIds])])]),
        )
        .orderBy('comment.created_at')
        .orderBy('comment.id')
        .execute();
    },

    async countApprovedByEmail(email: string): Promise<number> {
      const row = await db
        .selectFrom('comment')
        .select((eb) => eb.fn.countAll<string | number>().as('n'))
        .where('author_email', '=', email)
        .where('status', '=', 'approved')
        .executeTakeFirstOrThrow();
      return Number(row.n);
    },

    findParent(id: CommentId) {
      return db.selectFrom('comment').select(['id', 'article_id', 'status']).where('id', '=', id).executeTakeFirst();
    },

    findStored(id: CommentId): Promise<StoredCommentRow | undefined> {
      return stored().where('comment.id', '=', id).executeTakeFirst();
    },

    /** Newest first; `beforeId` continues a previous page. */
    listStored(filter: { status?: CommentStatus; articleId?: number; limit: number; beforeId?: number }): Promise<StoredCommentRow[]> {
      let query = stored();
      if (filter.status) query = query.where('comment.status', '=', filter.status);
      if (filter.articleId) query = query.where('comment.article_id', '=', filter.articleId);
      if (filter.beforeId) query = query.where('comment.id', '<', filter.beforeId);
      return query.orderBy('comment.id', 'desc').limit(filter.limit).execute();
    },

    listStoredByEmail(email: string): Promise<StoredCommentRow[]> {
      return stored().where('comment.author_email', '=', email).orderBy('comment.id').execute();
    },

    async setStatus(id: CommentId, change: { status: CommentStatus; previousStatus: CommentStatus | null; moderatedAt: string; moderatedBy: number | null }) {
      await db
        .updateTable('comment')
        .set({ status: change.status, previous_status: change.previousStatus, moderated_at: change.moderatedAt, moderated_by: change.moderatedBy })
        .where('id', '=', id)
        .execute();
    },

    async setContent(id: CommentId, change: { content: string; contentHtml: string; authorName: string; authorUrl: string | null; duplicateHash: string | null; moderatedAt: string; moderatedBy: number | null }) {
      await db
        .updateTable('comment')
        .set({
          content: change.content,
          content_html: change.contentHtml,
          author_name: change.authorName,
          author_url: change.authorUrl,
          duplicate_hash: change.duplicateHash,
          moderated_at: change.moderatedAt,
          moderated_by: change.moderatedBy,
        })
        .where('id', '=', id)
        .execute();
    },

    /**
     * Deletes comments for good. Their replies move up to the deleted comment's parent first
     * (as WordPress does), so approved replies are not orphaned or deleted with them.
     */
    async deleteWithReparent(ids: readonly CommentId[]): Promise<number> {
      let deleted = 0;
      for (const batch of chunks(ids)) {
        await db
          .updateTable('comment')
          .set((eb) => ({ parent_id: eb.selectFrom('comment as p').select('p.parent_id').whereRef('p.id', '=', 'comment.parent_id') }))
          .where('comment.parent_id', 'in', batch)
          .execute();
        const result = await db.deleteFrom('comment').where('id', 'in', batch).executeTakeFirst();
        deleted += Number(result.numDeletedRows);
      }
      return deleted;
    },

    /** Erases IP, user agent and referrer of comments created before `before`; returns how many changed. */
    async eraseNetworkDataBefore(before: string): Promise<number> {
      const result = await db
        .updateTable('comment')
        .set({ ip: null, user_agent: null, referrer: null })
        .where('created_at', '<', before)
        .where((eb) => eb.or([eb('ip', 'is not', null), eb('user_agent', 'is not', null), eb('referrer', 'is not', null)]))
        .executeTakeFirst();
      return Number(result.numUpdatedRows);
    },

    /** Spam and trash that got there (or arrived) before `before`. */
    async idsOfDiscardedBefore(before: string): Promise<CommentId[]> {
      const rows = await db
        .selectFrom('comment')
        .select('id')
        .where('status', 'in', ['spam', 'trash'])
        .where((eb) => eb(eb.fn.coalesce('moderated_at', 'created_at'), '<', before))
        .execute();
      return rows.map((r) => r.id);
    },

    async anonymiseByEmail(email: string): Promise<number> {
      const result = await db
        .updateTable('comment')
        .set({ author_name: 'Anonymous', author_email: '', author_url: null, user_id: null, ip: null, user_agent: null, referrer: null, duplicate_hash: null })
        .where('author_email', '=', email)
        .executeTakeFirst();
      return Number(result.numUpdatedRows);
    },

    async idsByEmail(email: string): Promise<CommentId[]> {
      const rows = await db.selectFrom('comment').select('id').where('author_email', '=', email).execute();
      return rows.map((r) => r.id);
    },

    async countByStatus(): Promise<Record<string, number>> {
      const rows = await db
        .selectFrom('comment')
        .select(['status', (eb) => eb.fn.countAll<string | number>().as('n')])
        .groupBy('status')
        .execute();
      return Object.fromEntries(rows.map((r) => [r.status, Number(r.n)]));
    },
  };
  return repo;
}

export type CommentRepository = ReturnType<typeof createCommentRepository>;
