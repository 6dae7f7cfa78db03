import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { afterAll, describe } from 'vitest';

export interface TestDatabase {
  engine: 'sqlite' | 'postgres';
  /** A URL for a fresh, empty database (SQLite) or the shared server (PostgreSQL). */
  url: string;
  /** PostgreSQL: a schema of its own, so parallel test files never see each other's rows. */
  newSchema(): string | undefined;
}

const pgUrl = process.env.BROADSHEET_TEST_PG_URL;

/** Drops test schemas (and everything in them) from the PostgreSQL server at `url`. */
export async function dropSchemas(url: string, schemas: readonly string[]): Promise<void> {
  if (schemas.length === 0) return;
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  for (const schema of schemas) await client.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
  await client.end();
}

function postgresDatabase(url: string): TestDatabase {
  const schemas: string[] = [];
  afterAll(() => dropSchemas(url, schemas));
  return {
    engine: 'postgres',
    url,
    newSchema() {
      const schema = `test_${randomBytes(6).toString('hex')}`;
      schemas.push(schema);
      return schema;
    },
  };
}

/**
 * Runs a suite once per database engine: SQLite always, PostgreSQL when BROADSHEET_TEST_PG_URL
 * is set. Without it the PostgreSQL suite is reported as skipped under a label that says why.
 */
export function forEachDatabase(name: string, suite: (database: TestDatabase) => void): void {
  describe(`${name} [sqlite]`, () => {
    suite({ engine: 'sqlite', url: 'sqlite::memory:', newSchema: () => undefined });
  });
  if (pgUrl) {
    describe(`${name} [postgres]`, () => {
      suite(postgresDatabase(pgUrl));
    });
  } else {
    describe.skip(`${name} [postgres] — skipped: BROADSHEET_TEST_PG_URL is not set`, () => {
      suite({ engine: 'postgres', url: 'postgres://unset', newSchema: () => undefined });
    });
  }
}
