import { type Kysely, sql } from 'kysely';
import { afterEach, expect, it } from 'vitest';
import { connectDatabase } from '../../src/db/connect.js';
import { migrateToLatest, migrations } from '../../src/db/migrate.js';
import type { Database } from '../../src/db/schema.js';
import { forEachDatabase } from '../helpers/for-each-database.js';

forEachDatabase('migrations', (database) => {
  let db: Kysely<Database> | undefined;
  afterEach(async () => {
    await db?.destroy();
    db = undefined;
  });

  it('migrates an empty database to a schema with every table in db/schema.ts', async () => {
    const schema = database.newSchema();
    db = await connectDatabase(database.url, { schema });
    const outcome = await migrateToLatest(db);
    expect(outcome.failed).toBeUndefined();
    expect(outcome.applied).toEqual(Object.keys(migrations));
    // On PostgreSQL the introspector sees every schema, other test files' included.
    const ours = (await db.introspection.getTables()).filter((t) => t.schema === schema);
    const tables = ours.map((t) => t.name).filter((n) => n !== 'schema_migration');
    // Every table of db/schema.ts's Database, and nothing else.
    expect(tables.sort()).toEqual([
      'akismet_key', 'akismet_key_day', 'app_user', 'article', 'article_attribution', 'article_revision', 'article_tag', 'audit_log', 'comment',
      'ingest_item', 'ingest_poll', 'login_failure', 'section', 'site_setting', 'source', 'source_poll_state', 'spam_example', 'spam_model', 'tag',
      'user_session', 'user_token',
    ]);
    const article = ours.find((t) => t.name === 'article');
    expect(article?.columns.map((c) => c.name).sort()).toEqual(
      [
        'id', 'slug', 'title', 'excerpt', 'body', 'body_format', 'body_html', 'section_id', 'author_id', 'source_id', 'original_url',
        'original_publisher', 'feed_guid', 'status', 'comments_enabled', 'fingerprint', 'version', 'published_at', 'updated_at', 'created_at',
        'submitted_at',
      ].sort(),
    );
    const spamExample = ours.find((t) => t.name === 'spam_example');
    expect(spamExample?.columns.map((c) => c.name).sort()).toEqual(['author_key', 'context_erased', 'created_at', 'id', 'input', 'label', 'source']);
    expect((await migrateToLatest(db)).applied).toEqual([]);
  });

  it('rolls back a failing migration and names it', async () => {
    db = await connectDatabase(database.url, { schema: database.newSchema() });
    const broken = {
      ...migrations,
      '9999-add-broken-table': {
        async up(trx: Kysely<unknown>) {
          await trx.schema.createTable('half_done').addColumn('id', 'integer').execute();
          await sql`this is not sql`.execute(trx);
        },
      },
    };
    const outcome = await migrateToLatest(db, broken);
    expect(outcome.failed?.name).toBe('9999-add-broken-table');
    expect(outcome.failed?.error.message).toMatch(/syntax/i);
    const tables = (await db.introspection.getTables()).map((t) => t.name);
    expect(tables).not.toContain('half_done');
    expect(tables).toContain('article');
  });
});
