import type { Kysely } from 'kysely';
import { serialType } from '../dialect.js';

export async function up(db: Kysely<unknown>): Promise<void> {
  const id = serialType(db);

  await db.schema
    .createTable('site_setting')
    .addColumn('key', 'text', (c) => c.primaryKey())
    .addColumn('value', 'text', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('section')
    .addColumn('id', id, (c) => c.primaryKey())
    .addColumn('slug', 'text', (c) => c.notNull())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('parent_id', 'integer', (c) => c.references('section.id').onDelete('restrict'))
    .addColumn('position', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('description', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  // Slugs are unique among siblings; the URL path is the chain of slugs.
  await db.schema.createIndex('section_parent_slug').on('section').columns(['parent_id', 'slug']).unique().execute();

  await db.schema
    .createTable('app_user')
    .addColumn('id', id, (c) => c.primaryKey())
    .addColumn('email', 'text', (c) => c.notNull().unique())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('slug', 'text', (c) => c.notNull().unique())
    .addColumn('role', 'text', (c) => c.notNull())
    .addColumn('password_hash', 'text', (c) => c.notNull())
    .addColumn('bio', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('is_active', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('source')
    .addColumn('id', id, (c) => c.primaryKey())
    .addColumn('slug', 'text', (c) => c.notNull().unique())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('homepage', 'text')
    .addColumn('feed_url', 'text')
    .addColumn('default_section_id', 'integer', (c) => c.references('section.id').onDelete('set null'))
    .addColumn('policy', 'text', (c) => c.notNull().defaultTo('review'))
    .addColumn('attribution_template', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('article')
    .addColumn('id', id, (c) => c.primaryKey())
    .addColumn('slug', 'text', (c) => c.notNull().unique())
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('excerpt', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('section_id', 'integer', (c) => c.notNull().references('section.id').onDelete('restrict'))
    .addColumn('author_id', 'integer', (c) => c.references('app_user.id').onDelete('set null'))
    .addColumn('source_id', 'integer', (c) => c.references('source.id').onDelete('set null'))
    .addColumn('original_url', 'text')
    .addColumn('original_publisher', 'text')
    .addColumn('feed_guid', 'text')
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('comments_enabled', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('fingerprint', 'text')
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('published_at', 'text')
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    // The long columns go last: SQLite then reads every listing column without walking the
    // overflow pages of an 11 KB body.
    .addColumn('body_format', 'text', (c) => c.notNull().defaultTo('markdown'))
    .addColumn('body', 'text', (c) => c.notNull())
    .addColumn('body_html', 'text', (c) => c.notNull())
    .execute();
  // Newest-first lists walk this index backwards from "now" and stop after one page.
  await db.schema.createIndex('article_published').on('article').columns(['published_at', 'id']).execute();
  await db.schema.createIndex('article_status_published').on('article').columns(['status', 'published_at']).execute();
  await db.schema.createIndex('article_section_published').on('article').columns(['section_id', 'published_at']).execute();
  await db.schema.createIndex('article_source_published').on('article').columns(['source_id', 'published_at']).execute();
  await db.schema.createIndex('article_author_published').on('article').columns(['author_id', 'published_at']).execute();

  await db.schema
    .createTable('tag')
    .addColumn('id', id, (c) => c.primaryKey())
    .addColumn('slug', 'text', (c) => c.notNull().unique())
    .addColumn('name', 'text', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('article_tag')
    .addColumn('article_id', 'integer', (c) => c.notNull().references('article.id').onDelete('cascade'))
    .addColumn('tag_id', 'integer', (c) => c.notNull().references('tag.id').onDelete('cascade'))
    .addColumn('position', 'integer', (c) => c.notNull().defaultTo(0))
    .addPrimaryKeyConstraint('article_tag_pk', ['article_id', 'tag_id'])
    .execute();
  await db.schema.createIndex('article_tag_tag').on('article_tag').columns(['tag_id', 'article_id']).execute();

  await db.schema
    .createTable('audit_log')
    .addColumn('id', id, (c) => c.primaryKey())
    .addColumn('actor_id', 'integer', (c) => c.references('app_user.id').onDelete('set null'))
    .addColumn('action', 'text', (c) => c.notNull())
    .addColumn('subject_type', 'text', (c) => c.notNull())
    .addColumn('subject_id', 'text', (c) => c.notNull())
    .addColumn('details', 'text', (c) => c.notNull().defaultTo('{}'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('audit_log_created').on('audit_log').column('created_at').execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const table of ['audit_log', 'article_tag', 'tag', 'article', 'source', 'app_user', 'section', 'site_setting']) {
    await db.schema.dropTable(table).execute();
  }
}
