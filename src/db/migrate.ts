import { type Kysely, sql } from 'kysely';
import { engineOf } from './dialect.js';
import * as createContentTables from './migrations/0001-create-content-tables.js';
import * as createCommentTables from './migrations/0002-create-comment-tables.js';
import * as createSpamTables from './migrations/0003-create-spam-tables.js';
import * as addIngestTables from './migrations/0004-add-ingest-tables.js';
import * as createAdminTables from './migrations/0005-create-admin-tables.js';
import * as addSpamExamplePrivacy from './migrations/0006-add-spam-example-privacy.js';
import type { Database } from './schema.js';

export interface Migration {
  up(db: Kysely<unknown>): Promise<void>;
}

/** Every migration, in order. Listed statically so the set is the same from src/ and dist/. */
export const migrations: Record<string, Migration> = {
  '0001-create-content-tables': createContentTables,
  '0002-create-comment-tables': createCommentTables,
  '0003-create-spam-tables': createSpamTables,
  '0004-add-ingest-tables': addIngestTables,
  '0005-create-admin-tables': createAdminTables,
  '0006-add-spam-example-privacy': addSpamExamplePrivacy,
};

export interface MigrateOutcome {
  applied: string[];
  /** Set when a migration failed; it was rolled back and the ones after it were not run. */
  failed?: { name: string; error: Error };
}

// Any constant works; it only has to be the same in every Broadsheet process.
const postgresLockKey = 0x6273_6d67;

/**
 * Brings the schema up to date, each migration in its own transaction together with the row
 * that records it, so a failing migration leaves no trace and names itself. (Kysely's own
 * Migrator runs all pending migrations in one transaction on PostgreSQL and none on SQLite.)
 * On PostgreSQL an advisory lock lets several processes start at once: the second finds the
 * migration recorded and skips it. Never throws for a failed migration: the outcome says so.
 */
export async function migrateToLatest(db: Kysely<Database>, list: Record<string, Migration> = migrations): Promise<MigrateOutcome> {
  await db.schema
    .createTable('schema_migration')
    .ifNotExists()
    .addColumn('name', 'text', (c) => c.primaryKey())
    .addColumn('applied_at', 'text', (c) => c.notNull())
    .execute();
  const untyped = db as unknown as Kysely<{ schema_migration: { name: string; applied_at: string } }>;
  const isPostgres = engineOf(db) === 'postgres';
  const applied: string[] = [];
  for (const name of Object.keys(list).sort()) {
    try {
      const ran = await untyped.transaction().execute(async (trx) => {
        if (isPostgres) await sql`select pg_advisory_xact_lock(${postgresLockKey})`.execute(trx);
        const done = await trx.selectFrom('schema_migration').select('name').where('name', '=', name).executeTakeFirst();
        if (done) return false;
        await list[name].up(trx as unknown as Kysely<unknown>);
        await trx.insertInto('schema_migration').values({ name, applied_at: new Date().toISOString() }).execute();
        return true;
      });
      if (ran) applied.push(name);
    } catch (error) {
      return { applied, failed: { name, error: error instanceof Error ? error : new Error(String(error)) } };
    }
  }
  // Fresh statistics let SQLite's planner pick the listing indexes (cheap when nothing changed).
  if (!isPostgres) await sql`PRAGMA optimize=0x10002`.execute(db);
  return { applied };
}
