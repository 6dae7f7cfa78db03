import type { Kysely } from 'kysely';
import { serialType } from '../dialect.js';

/** Staff sign-in (sessions, failed-login counters, one-time links) and article revisions. */
export async function up(db: Kysely<unknown>): Promise<void> {
  // The browser holds the session token; only its SHA-256 is stored, so a leaked database
  // cannot be replayed as cookies.
  await db.schema
    .createTable('user_session')
    .addColumn('token_hash', 'text', (c) => c.primaryKey())
    .addColumn('user_id', 'integer', (c) => c.notNull().references('app_user.id').onDelete('cascade'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('last_seen_at', 'text', (c) => c.notNull())
    .addColumn('expires_at', 'text', (c) => c.notNull())
    .addColumn('ip', 'text')
    .addColumn('user_agent', 'text')
    .execute();
  await db.schema.createIndex('user_session_user').on('user_session').column('user_id').execute();

  // One row per email and per IP with recent failed sign-ins; a row past its window is stale.
  await db.schema
    .createTable('login_failure')
    .addColumn('key', 'text', (c) => c.primaryKey())
    .addColumn('failures', 'integer', (c) => c.notNull())
    .addColumn('window_started_at', 'text', (c) => c.notNull())
    .addColumn('locked_until', 'text')
    .execute();

  // Password-reset and invitation links; like sessions, only the token's hash is kept.
  await db.schema
    .createTable('user_token')
    .addColumn('token_hash', 'text', (c) => c.primaryKey())
    .addColumn('user_id', 'integer', (c) => c.notNull().references('app_user.id').onDelete('cascade'))
    .addColumn('purpose', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('expires_at', 'text', (c) => c.notNull())
    .addColumn('used_at', 'text')
    .execute();

  // A copy of an article as each version left it, for history and restore.
  await db.schema
    .createTable('article_revision')
    .addColumn('id', serialType(db), (c) => c.primaryKey())
    .addColumn('article_id', 'integer', (c) => c.notNull().references('article.id').onDelete('cascade'))
    .addColumn('version', 'integer', (c) => c.notNull())
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('slug', 'text', (c) => c.notNull())
    .addColumn('excerpt', 'text', (c) => c.notNull())
    .addColumn('body', 'text', (c) => c.notNull())
    .addColumn('body_format', 'text', (c) => c.notNull())
    .addColumn('section_id', 'integer', (c) => c.notNull())
    .addColumn('source_id', 'integer')
    .addColumn('original_url', 'text')
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('published_at', 'text')
    .addColumn('tags', 'text', (c) => c.notNull())
    .addColumn('actor_id', 'integer', (c) => c.references('app_user.id').onDelete('set null'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addUniqueConstraint('article_revision_article_version', ['article_id', 'version'])
    .execute();

  // An author's draft waiting for an editor; NULL when not submitted.
  await db.schema.alterTable('article').addColumn('submitted_at', 'text').execute();
}
