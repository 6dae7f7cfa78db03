import { readdirSync, readFileSync } from 'node:fs';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { createIngestService } from '../../src/ingest/index.js';
import { buildTestApp } from '../helpers/build-test-app.js';
import { testActor } from '../helpers/factories.js';
import { forEachDatabase } from '../helpers/for-each-database.js';
import { type FeedServer, startFeedServer } from './feed-server.js';
import { sharedData } from '../helpers/shared-data.js';

const dir = sharedData('feeds/');
const files = readdirSync(dir).sort();

let server: FeedServer;
beforeAll(async () => {
  server = await startFeedServer();
  for (const file of files) {
    const body = readFileSync(dir + file);
    const type = file.endsWith('.json') ? 'application/feed+json' : 'application/xml';
    server.route(`/${file}`, (_req, res) => res.writeHead(200, { 'content-type': type }).end(body));
  }
});
afterAll(() => server.close());

forEachDatabase('every feed in shared/data/feeds', (database) => {
  it('is ingested, or fails with a clear error for its source alone', async () => {
    const t = await buildTestApp(database, { allowPrivateFeeds: true });
    try {
      const world = await t.ctx.content.sections.create(testActor, { name: 'World' });
      for (const file of files) await t.ctx.content.sources.create(testActor, { name: file, feedUrl: server.url(`/${file}`), defaultSectionId: world.id });
      // Pages on the open internet are not fetched in tests: items keep their feed text.
      const ingest = createIngestService({ db: t.ctx.db, content: t.ctx.content, clock: t.clock, log: t.ctx.log, changes: t.ctx.changes, allowPrivateFeeds: true, fullText: false });
      const summary = await ingest.run();
      expect(summary.sources).toBe(files.length);
      for (const result of summary.results) {
        if (result.status === 'failed') expect(result.error, result.sourceName).toMatch(/feed|XML|JSON|entities|document/i);
        else expect(result.status, result.sourceName).toBe('ok');
      }
      const ok = summary.results.filter((r) => r.status === 'ok');
      expect(ok.length).toBeGreaterThanOrEqual(files.length - 3);
      expect(summary.new).toBeGreaterThan(300);
      // A second pass files nothing new: every item is recognised.
      const again = await ingest.run();
      expect(again.new).toBe(0);
      expect(again.updated).toBe(0);
    } finally {
      await t.close();
    }
  });
});
