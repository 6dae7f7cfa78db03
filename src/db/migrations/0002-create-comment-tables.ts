import type { Kysely } from 'kysely';
import { serialType } from '../dialect.js';

export async function up(db: Kysely<unknown>): Promise<void> {
  const id = serialType(db);

  // parent_id is the comment the Commenter answered, as written; threads.ts decides where a
  // reply deeper than the depth setting is shown, so changing that setting re-threads old replies.
  await db.schema
    .createTable('comment')
    .addColumn('id', id, (c) => c.primaryKey())
    .addColumn('article_id', 'integer', (c) => c.notNull().references('article.id').onDelete('cascade'))
    .addColumn('parent_id', 'integer', (c) => c.references('comment.id').onDelete('set null'))
    .addColumn('user_id', 'integer', (c) => c.references('app_user.id').onDelete('set null'))
    .addColumn('author_name', 'text', (c) => c.notNull())
    .addColumn('author_email', 'text', (c) => c.notNull())
    .addColumn('author_url', 'text')
    .addColumn('content', 'text', (c) => c.notNull())
    .addColumn('content_html', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('previous_status', 'text')
    .addColumn('spam_score', 'real')
    .addColumn('spam_reasons', 'text', (c) => c.notNull().defaultTo('[]'))
    .addColumn('flags', 'text', (c) => c.notNull().defaultTo('[]'))
    .addColumn('ip', 'text')
    .addColumn('user_agent', 'text')
    .addColumn('referrer', 'text')
    // Unique, so two concurrent identical posts cannot both be stored; NULL once erased.
    .addColumn('duplicate_hash', 'text', (c) => c.unique())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('moderated_at', 'text')
    .addColumn('moderated_by', 'integer', (c) => c.references('app_user.id').onDelete('set null'))
    .execute();
  // The article page reads one article's approved comments (plus a reader's own pending ones) in one query.
  await db.schema.createIndex('comment_article_status_created').on('comment').columns(['article_id', 'status', 'created_at']).execute();
  await db.schema.createIndex('comment_status_created').on('comment').columns(['status', 'created_at']).execute();
  await db.schema.createIndex('comment_email_status').on('comment').columns(['author_email', 'status']).execute();
  await db.schema.createIndex('comment_parent').on('comment').column('parent_id').execute();
  await db.schema.createIndex('comment_created').on('comment').column('created_at').execute();
}
