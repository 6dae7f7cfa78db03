import { type ExpressionBuilder, sql } from 'kysely';
import type { Db } from '../db/dialect.js';
import type { Database } from '../db/schema.js';
import type { CommentStatus } from './comment.js';
import { type StoredCommentRow, selectStoredComments } from './comment-repository.js';

/** `!` escapes LIKE's wildcards, so a search for "50%" or "a_b" matches those characters. */
function containsPattern(text: string): string {
  return `%${text.toLowerCase().replace(/[!%_]/g, '!$&')}%`;
}

/**
 * Author name, email, IP or text contains `search`, ignoring case. `lower() like` behaves the
 * same on SQLite and PostgreSQL (SQLite lowers ASCII letters only).
 */
function matchesSearch(eb: ExpressionBuilder<Database, 'comment'>, search: string) {
  const pattern = containsPattern(search);
  const contains = (column: 'author_name' | 'author_email' | 'ip' | 'content') => sql<boolean>`lower(${sql.ref(`comment.${column}`)}) like ${pattern} escape '!'`;
  return eb.or([contains('author_name'), contains('author_email'), contains('ip'), contains('content')]);
}

export interface DailyStatusCount {
  /** Index of the day in the `dayStarts` given. */
  day: number;
  status: string;
  count: number;
}

/** The SQL behind the moderation queue and the dashboard's comment figures. */
export function createModerationQueueRepository(db: Db) {
  return {
    /** Newest first, by offset (the queue shows numbered pages). */
    list(filter: { status: CommentStatus; search?: string }, page: { limit: number; offset: number }): Promise<StoredCommentRow[]> {
      return selectStoredComments(db)
        .where('comment.status', '=', filter.status)
        .$if(Boolean(filter.search), (q) => q.where((eb) => matchesSearch(eb, filter.search as string)))
        .orderBy('comment.created_at', 'desc')
        .orderBy('comment.id', 'desc')
        .limit(page.limit)
        .offset(page.offset)
        .execute();
    },

    async countByStatus(search?: string): Promise<Record<string, number>> {
      const rows = await db
        .selectFrom('comment')
        .select(['comment.status', (eb) => eb.fn.countAll<string | number>().as('n')])
        .$if(Boolean(search), (q) => q.where((eb) => matchesSearch(eb, search as string)))
        .groupBy('comment.status')
        .execute();
      return Object.fromEntries(rows.map((r) => [r.status, Number(r.n)]));
    },

    /**
     * Comments that arrived in each of the days starting at `dayStarts` (ascending ISO instants,
     * the last day ending at `end`), counted by their current status. One query: a CASE puts
     * each comment in its day, so days can follow any time zone's calendar.
     */
    async countPerDay(dayStarts: readonly string[], end: string, statuses: readonly CommentStatus[]): Promise<DailyStatusCount[]> {
      if (dayStarts.length === 0) return [];
      const whens = dayStarts.slice(1).map((start, i) => sql`when comment.created_at < ${start} then ${sql.lit(i)}`);
      const day = sql<number>`case ${sql.join(whens, sql` `)} else ${sql.lit(dayStarts.length - 1)} end`;
      const rows = await db
        .selectFrom('comment')
        .select([day.as('day'), 'comment.status', (eb) => eb.fn.countAll<string | number>().as('n')])
        .where('comment.status', 'in', [...statuses])
        .where('comment.created_at', '>=', dayStarts[0])
        .where('comment.created_at', '<', end)
        // By output position: the CASE's parameters would make a repeated expression differ on PostgreSQL.
        .groupBy([sql.raw('1'), sql.raw('2')])
        .execute();
      return rows.map((r) => ({ day: Number(r.day), status: r.status, count: Number(r.n) }));
    },

    /** Spam that was caught (marked by a moderator, or classified on arrival) at or after `since`. */
    async countSpamCaughtSince(since: string): Promise<number> {
      const row = await db
        .selectFrom('comment')
        .select((eb) => eb.fn.countAll<string | number>().as('n'))
        .where('comment.status', '=', 'spam')
        .where((eb) => eb(eb.fn.coalesce('comment.moderated_at', 'comment.created_at'), '>=', since))
        .executeTakeFirstOrThrow();
      return Number(row.n);
    },
  };
}
