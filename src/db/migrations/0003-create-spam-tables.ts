import type { Kysely } from 'kysely';
import { serialType } from '../dialect.js';

export async function up(db: Kysely<unknown>): Promise<void> {
  const id = serialType(db);

  // One row (id 1) once the site has a model of its own; until then the shipped default is used.
  // The model is base64 text, not a binary column, so both engines store it the same way.
  await db.schema
    .createTable('spam_model')
    .addColumn('id', 'integer', (c) => c.primaryKey())
    .addColumn('version', 'integer', (c) => c.notNull())
    .addColumn('model', 'text', (c) => c.notNull())
    .addColumn('examples', 'integer', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('spam_example')
    .addColumn('id', id, (c) => c.primaryKey())
    .addColumn('source', 'text', (c) => c.notNull())
    .addColumn('label', 'text', (c) => c.notNull())
    .addColumn('input', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('akismet_key')
    .addColumn('id', id, (c) => c.primaryKey())
    .addColumn('key_hash', 'text', (c) => c.notNull().unique())
    .addColumn('key_hint', 'text', (c) => c.notNull())
    .addColumn('site_url', 'text', (c) => c.notNull())
    .addColumn('rate_limit', 'integer', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('revoked_at', 'text')
    .execute();

  await db.schema
    .createTable('akismet_key_day')
    .addColumn('key_id', 'integer', (c) => c.notNull().references('akismet_key.id').onDelete('cascade'))
    .addColumn('day', 'text', (c) => c.notNull())
    .addColumn('checks', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('spam', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('ham', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('missed_spam', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('false_positives', 'integer', (c) => c.notNull().defaultTo(0))
    .addPrimaryKeyConstraint('akismet_key_day_pk', ['key_id', 'day'])
    .execute();
}
