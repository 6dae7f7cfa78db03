import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { type AppContext, boot } from '../../src/boot.js';
import { scheduleIngestJobs } from '../../src/jobs/ingest-jobs.js';
import { createTimerScheduler } from '../../src/jobs/timer-scheduler.js';
import { fixedClock } from '../../src/shared/clock.js';
import { testNow } from '../helpers/build-test-app.js';
import { testActor } from '../helpers/factories.js';
import { dropSchemas, forEachDatabase } from '../helpers/for-each-database.js';
import { testConfig } from '../helpers/test-config.js';
import { type FeedServer, rss, startFeedServer, storyText } from './feed-server.js';

let server: FeedServer;
beforeAll(async () => {
  server = await startFeedServer();
});
afterAll(() => server.close());

const SOURCES = 6;

async function until(check: () => Promise<boolean>, timeoutMs = 20_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error('timed out waiting for the poller');
    await new Promise((r) => setTimeout(r, 100));
  }
}

async function seedSources(ctx: AppContext, prefix: string): Promise<string[]> {
  const world = await ctx.content.sections.create(testActor, { name: 'World' });
  const paths: string[] = [];
  for (let n = 0; n < SOURCES; n++) {
    const path = `/${prefix}-${n}.xml`;
    server.feed(path, rss(`Feed ${n}`, [{ guid: `${prefix}-${n}`, title: `Item of feed ${n}`, link: `https://feeds.example/${prefix}/${n}`, content: `<p>${storyText(1000 + n)}</p>` }]));
    await ctx.content.sources.create(testActor, { name: `${prefix} ${n}`, feedUrl: server.url(path), defaultSectionId: world.id });
    paths.push(path);
  }
  return paths;
}

forEachDatabase('polling inside the server', (database) => {
  it('polls every due source once, never one source twice (two processes share the work on PostgreSQL)', async () => {
    const clock = fixedClock(testNow);
    const prefix = `poll-${database.engine}-${Date.now()}`;
    const contexts: AppContext[] = [];
    const stops: Array<() => Promise<void>> = [];
    const schema = database.newSchema();
    const url = database.engine === 'sqlite' ? `sqlite:${join(mkdtempSync(join(tmpdir(), 'broadsheet-poll-')), 'poll.db')}` : database.url;
    try {
      // Two "server processes": on PostgreSQL each has its own pool and pg-boss, over one schema.
      const processes = database.engine === 'postgres' ? 2 : 1;
      for (let i = 0; i < processes; i++) {
        contexts.push(await boot({ config: testConfig({ databaseUrl: url, allowPrivateFeeds: true }), clock, schema }));
      }
      const paths = await seedSources(contexts[0], prefix);
      for (const ctx of contexts) {
        const scheduler = database.engine === 'postgres' ? ctx.jobs : createTimerScheduler({ log: ctx.log, firstRunDelayMs: 10 });
        scheduleIngestJobs(scheduler, ctx.ingest, 300);
        scheduler.start();
        stops.push(() => scheduler.stop());
      }
      await until(async () => (await contexts[0].ingest.sourceStatuses()).every((s) => s.lastPoll !== null));
      // Several more ticks in every process: nothing is due, so nothing more is fetched.
      await new Promise((r) => setTimeout(r, 2500));
      for (const path of paths) expect(server.requests(path)).toHaveLength(1);
      const statuses = await contexts[0].ingest.sourceStatuses();
      expect(statuses.map((s) => s.lastPoll?.new)).toEqual(Array(SOURCES).fill(1));
      const history = await Promise.all(statuses.map((s) => contexts[0].ingest.pollHistory(s.source.id)));
      expect(history.map((h) => h.length)).toEqual(Array(SOURCES).fill(1));
      expect(await contexts[0].ingest.wireQueue()).toHaveLength(SOURCES);
    } finally {
      for (const stop of stops) await stop();
      for (const ctx of contexts) await ctx.close();
      if (database.engine === 'postgres' && schema) await dropSchemas(database.url, [`${schema}_jobs`]);
    }
  });
});
