import { type Kysely, PostgresAdapter, type Transaction } from 'kysely';
import type { Database } from './schema.js';

export type Db = Kysely<Database> | Transaction<Database>;
export type Engine = 'sqlite' | 'postgres';

/**
 * The only place that branches on the engine. Callers ask for a capability, not an engine
 * name, so a third engine means changing this file alone.
 */
export function engineOf<T>(db: Kysely<T>): Engine {
  return db.getExecutor().adapter instanceof PostgresAdapter ? 'postgres' : 'sqlite';
}

/** Column type for an auto-incrementing primary key. */
export function serialType<T>(db: Kysely<T>): 'serial' | 'integer' {
  return engineOf(db) === 'postgres' ? 'serial' : 'integer';
}
