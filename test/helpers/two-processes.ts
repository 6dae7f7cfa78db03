import { boot } from '../../src/boot.js';
import type { Config } from '../../src/config/schema.js';
import { type BroadsheetServer, buildServer } from '../../src/web/server.js';
import { buildTestApp, type TestApp } from './build-test-app.js';
import { dropSchemas } from './for-each-database.js';
import { inject } from './inject.js';
import { testConfig } from './test-config.js';

export interface TwoProcesses {
  /** The process that writes: a test app with its clock and context. */
  first: TestApp;
  /** A second app on the same PostgreSQL schema, as another server process would be. */
  second: BroadsheetServer;
  /** Loads `path` from the second app until `done(body)` (NOTIFY is asynchronous); the last body. */
  eventually(path: string, done: (body: string) => boolean): Promise<string>;
}

/**
 * Runs `test` with two apps sharing one fresh PostgreSQL schema, as two server processes share
 * a database, then closes both and drops the schema.
 */
export async function withTwoProcesses(url: string, schemaPrefix: string, overrides: Partial<Config>, test: (apps: TwoProcesses) => Promise<void>): Promise<void> {
  const schema = `${schemaPrefix}_${process.pid}_${Date.now()}`;
  const first = await buildTestApp({ engine: 'postgres', url, newSchema: () => schema }, overrides);
  const secondCtx = await boot({ config: testConfig({ databaseUrl: url, ...overrides }), clock: first.clock, schema });
  const second = await buildServer(secondCtx);
  const eventually = async (path: string, done: (body: string) => boolean) => {
    let body = '';
    for (let i = 0; i < 50 && !done(body); i++) {
      if (i > 0) await new Promise((r) => setTimeout(r, 20));
      body = (await inject(second, path)).body;
    }
    return body;
  };
  try {
    await test({ first, second, eventually });
  } finally {
    await second.close();
    await secondCtx.close();
    await first.close();
    await dropSchemas(url, [schema]);
  }
}
