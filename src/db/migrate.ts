import { type Kysely, type Migration, type MigrationResult, Migrator } from 'kysely';
import * as createContentTables from './migrations/0001-create-content-tables.js';
import type { Database } from './schema.js';

/** Every migration, in order. Listed statically so the set is the same from src/ and dist/. */
export const migrations: Record<string, Migration> = {
  '0001-create-content-tables': createContentTables,
};

export interface MigrateOutcome {
  applied: string[];
  /** Set when a migration failed; it was rolled back and the ones after it were not run. */
  failed?: { name: string; error: Error };
}

/**
 * Brings the schema up to date. Each migration runs in its own transaction (both engines have
 * transactional DDL), so a failing one leaves no trace. Never throws for a failed migration:
 * the outcome names it.
 */
export async function migrateToLatest(db: Kysely<Database>, list: Record<string, Migration> = migrations): Promise<MigrateOutcome> {
  const migrator = new Migrator({ db, provider: { getMigrations: async () => list } });
  const { error, results } = await migrator.migrateToLatest();
  const applied = (results ?? []).filter((r: MigrationResult) => r.status === 'Success').map((r) => r.migrationName);
  if (!error) return { applied };
  const failedResult = (results ?? []).find((r) => r.status === 'Error');
  return {
    applied,
    failed: { name: failedResult?.migrationName ?? '(migrator)', error: error instanceof Error ? error : new Error(String(error)) },
  };
}
