import { mkdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, resolve } from 'node:path';
import type BetterSqlite3 from 'better-sqlite3';
import { Kysely, PostgresDialect, SqliteDialect } from 'kysely';
import pg from 'pg';
import { InvalidError, UnavailableError } from '../shared/errors.js';
import type { Database } from './schema.js';

export interface ConnectOptions {
  /** PostgreSQL only: a schema to create and put first on the search path (tests use one per file). */
  schema?: string;
}

/**
 * Opens the database named by a URL: `sqlite:PATH` (`sqlite::memory:` for tests) or
 * `postgres://…`. SQLite runs in WAL mode with foreign keys on; PostgreSQL through a pool.
 */
export async function connectDatabase(url: string, options: ConnectOptions = {}): Promise<Kysely<Database>> {
  if (url.startsWith('sqlite:')) return connectSqlite(url.slice('sqlite:'.length));
  if (/^postgres(ql)?:\/\//.test(url)) return connectPostgres(url, options);
  throw new InvalidError('DATABASE_URL_INVALID', `Unsupported database URL "${url}": use sqlite:PATH or postgres://…`);
}

/**
 * better-sqlite3 13 (Node-API) from Node 22 on, 12 on Node 20, where 13 does not load. 12 is
 * built on Node's own object wrapper, whose destructor aborts the process on Node 24 when a
 * statement is garbage-collected outside a JavaScript call (nodejs/node#65446; seen here in the
 * CLI's tests on 24.21); 13 does not use it. The two have the same API (package.json installs
 * 13 as `better-sqlite3-napi`).
 */
function loadSqlite(): typeof BetterSqlite3 {
  const major = Number(process.versions.node.split('.')[0]);
  return createRequire(import.meta.url)(major >= 22 ? 'better-sqlite3-napi' : 'better-sqlite3') as typeof BetterSqlite3;
}

function connectSqlite(path: string): Kysely<Database> {
  const file = path === '' || path === ':memory:' ? ':memory:' : resolve(path);
  if (file !== ':memory:') mkdirSync(dirname(file), { recursive: true });
  const SQLite = loadSqlite();
  let database: BetterSqlite3.Database;
  try {
    database = new SQLite(file);
  } catch (error) {
    throw new UnavailableError('DATABASE_UNAVAILABLE', `Cannot open SQLite database ${file}: ${(error as Error).message}`);
  }
  database.pragma('journal_mode = WAL');
  database.pragma('foreign_keys = ON');
  database.pragma('busy_timeout = 5000');
  database.pragma('synchronous = NORMAL');
  return new Kysely<Database>({ dialect: new SqliteDialect({ database: withStatementCache(database) }) });
}

/**
 * Kysely prepares every query anew, and preparing costs more than running the small reads a
 * page makes. better-sqlite3 statements are reusable and SQLite here is used by one caller at
 * a time, so each distinct SQL text is prepared once (the oldest is dropped past `limit`;
 * lists of varying length, such as `in (?, ?, …)`, make a few variants).
 */
function withStatementCache(database: BetterSqlite3.Database, limit = 500): BetterSqlite3.Database {
  const statements = new Map<string, BetterSqlite3.Statement>();
  const prepare = (source: string) => {
    let statement = statements.get(source);
    if (!statement) {
      statement = database.prepare(source);
      if (statements.size >= limit) statements.delete(statements.keys().next().value as string);
      statements.set(source, statement);
    }
    return statement;
  };
  return new Proxy(database, {
    get(target, property) {
      if (property === 'prepare') return prepare;
      const value = Reflect.get(target, property, target);
      return typeof value === 'function' ? value.bind(target) : value;
    },
  });
}

async function connectPostgres(url: string, options: ConnectOptions): Promise<Kysely<Database>> {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw new InvalidError('DATABASE_URL_INVALID', `Invalid PostgreSQL URL "${url}"`);
  }
  const schema = options.schema;
  if (schema && !/^[a-z_][a-z0-9_]*$/.test(schema)) throw new InvalidError('DATABASE_SCHEMA_INVALID', `Invalid schema name ${schema}`);
  if (schema) {
    const admin = new pg.Client({ connectionString: url });
    await admin.connect().catch((error: Error) => {
      throw new UnavailableError('DATABASE_UNAVAILABLE', `Cannot connect to PostgreSQL at ${parsed.host}: ${error.message}`);
    });
    await admin.query(`CREATE SCHEMA IF NOT EXISTS ${schema}`);
    await admin.end();
  }
  const pool = new pg.Pool({
    connectionString: url,
    max: 10,
    connectionTimeoutMillis: 5000,
    ...(schema ? { options: `-c search_path=${schema}` } : {}),
  });
  // Fail at start-up with a clear message rather than on the first request.
  try {
    const client = await pool.connect();
    client.release();
  } catch (error) {
    await pool.end().catch(() => undefined);
    throw new UnavailableError('DATABASE_UNAVAILABLE', `Cannot connect to PostgreSQL at ${parsed.host}: ${(error as Error).message}`);
  }
  return new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
}
