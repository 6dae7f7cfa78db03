import pg from 'pg';
import { expect, it } from 'vitest';
import { boot } from '../../src/boot.js';
import { buildServer } from '../../src/web/server.js';
import { buildTestApp } from '../helpers/build-test-app.js';
import { publishArticle, seedNewsroom } from '../helpers/factories.js';
import { testConfig } from '../helpers/test-config.js';

const pgUrl = process.env.BROADSHEET_TEST_PG_URL;

// Several processes share one database only on PostgreSQL; SQLite serves a single process.
it.skipIf(!pgUrl)(`a publish in one process clears the page cache of another${pgUrl ? '' : ' — skipped: BROADSHEET_TEST_PG_URL is not set'}`, async () => {
  const url = pgUrl as string;
  const schema = `test_relay_${process.pid}_${Date.now()}`;
  const first = await buildTestApp({ engine: 'postgres', url, newSchema: () => schema });
  const secondCtx = await boot({ config: testConfig({ databaseUrl: url }), clock: first.clock, schema });
  const second = await buildServer(secondCtx);
  try {
    const n = await seedNewsroom(first.ctx);
    await second.inject('/');
    expect(second.pageCache.size).toBeGreaterThan(0);
    await publishArticle(first.ctx, { title: 'Published elsewhere', sectionId: n.world.id, publishedAt: first.clock.now() });
    // NOTIFY is asynchronous: poll briefly for the relayed invalidation.
    let home = '';
    for (let i = 0; i < 50 && !home.includes('Published elsewhere'); i++) {
      await new Promise((r) => setTimeout(r, 20));
      home = (await second.inject('/')).body;
    }
    expect(home).toContain('Published elsewhere');
  } finally {
    await second.close();
    await secondCtx.close();
    await first.close();
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    await client.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
    await client.end();
  }
});
