import type { Kysely } from 'kysely';
import { serialType } from '../dialect.js';

/**
 * Ingest: source settings (rules, poll interval, enabled, local), polling state and the record
 * of every poll, the items seen per source, and extra attributions of linked near-duplicates.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  const id = serialType(db);

  // Rules are a JSON array of { field: 'category' | 'keyword', value, sectionId }.
  await db.schema.alterTable('source').addColumn('rules', 'text', (c) => c.notNull().defaultTo('[]')).execute();
  await db.schema.alterTable('source').addColumn('poll_interval_seconds', 'integer', (c) => c.notNull().defaultTo(600)).execute();
  await db.schema.alterTable('source').addColumn('is_enabled', 'integer', (c) => c.notNull().defaultTo(1)).execute();
  await db.schema.alterTable('source').addColumn('is_local', 'integer', (c) => c.notNull().defaultTo(0)).execute();

  await db.schema
    .createTable('source_poll_state')
    .addColumn('source_id', 'integer', (c) => c.primaryKey().references('source.id').onDelete('cascade'))
    .addColumn('etag', 'text')
    .addColumn('last_modified', 'text')
    .addColumn('last_polled_at', 'text')
    .addColumn('next_poll_at', 'text', (c) => c.notNull())
    .addColumn('lease_until', 'text')
    .addColumn('error_count', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('last_error', 'text')
    .execute();

  await db.schema
    .createTable('ingest_poll')
    .addColumn('id', id, (c) => c.primaryKey())
    .addColumn('source_id', 'integer', (c) => c.notNull().references('source.id').onDelete('cascade'))
    .addColumn('started_at', 'text', (c) => c.notNull())
    .addColumn('duration_ms', 'integer', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('item_count', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('new_count', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('updated_count', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('duplicate_count', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('failed_count', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('error', 'text')
    .execute();
  await db.schema.createIndex('ingest_poll_source_started').on('ingest_poll').columns(['source_id', 'started_at']).execute();

  await db.schema
    .createTable('ingest_item')
    .addColumn('id', id, (c) => c.primaryKey())
    .addColumn('source_id', 'integer', (c) => c.notNull().references('source.id').onDelete('cascade'))
    .addColumn('guid', 'text', (c) => c.notNull())
    .addColumn('url', 'text', (c) => c.notNull())
    .addColumn('article_id', 'integer', (c) => c.references('article.id').onDelete('set null'))
    .addColumn('outcome', 'text', (c) => c.notNull())
    .addColumn('content_hash', 'text', (c) => c.notNull())
    .addColumn('article_version', 'integer')
    .addColumn('full_text', 'text', (c) => c.notNull().defaultTo('none'))
    .addColumn('full_text_attempts', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('full_text_retry_at', 'text')
    .addColumn('first_seen_at', 'text', (c) => c.notNull())
    .addColumn('last_seen_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('ingest_item_source_guid').on('ingest_item').columns(['source_id', 'guid']).unique().execute();
  await db.schema.createIndex('ingest_item_source_url').on('ingest_item').columns(['source_id', 'url']).execute();
  await db.schema.createIndex('ingest_item_full_text').on('ingest_item').columns(['full_text', 'full_text_retry_at']).execute();

  await db.schema
    .createTable('article_attribution')
    .addColumn('article_id', 'integer', (c) => c.notNull().references('article.id').onDelete('cascade'))
    .addColumn('source_id', 'integer', (c) => c.notNull().references('source.id').onDelete('cascade'))
    .addColumn('original_url', 'text')
    .addColumn('original_publisher', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('article_attribution_pk', ['article_id', 'source_id'])
    .execute();
}
