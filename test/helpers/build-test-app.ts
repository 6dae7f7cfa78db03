import type { InjectOptions, Response } from 'light-my-request';
import { type AppContext, boot } from '../../src/boot.js';
import type { Config } from '../../src/config/schema.js';
import { type Clock, fixedClock } from '../../src/shared/clock.js';
import { buildServer, type BroadsheetServer } from '../../src/web/server.js';
import type { TestDatabase } from './for-each-database.js';
import { inject } from './inject.js';
import { testConfig } from './test-config.js';

export interface TestApp {
  ctx: AppContext;
  app: BroadsheetServer;
  clock: ReturnType<typeof fixedClock>;
  /** A request as a listening server would receive it (see inject.ts). */
  inject(options: InjectOptions | string): Promise<Response>;
  close(): Promise<void>;
}

export const testNow = new Date('2026-11-24T12:00:00.000Z');

/** The real composition root on a fresh database, with a clock the test controls. */
export async function buildTestApp(database: TestDatabase, overrides: Partial<Config> = {}, clock = fixedClock(testNow)): Promise<TestApp> {
  const ctx = await boot({ config: testConfig({ databaseUrl: database.url, ...overrides }), clock: clock as Clock, schema: database.newSchema() });
  const app = await buildServer(ctx);
  await app.ready();
  return {
    ctx,
    app,
    clock,
    inject: (options) => inject(app, options),
    async close() {
      await app.close();
      await ctx.close();
    },
  };
}
