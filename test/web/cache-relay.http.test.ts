import { expect, it } from 'vitest';
import { publishArticle, seedNewsroom } from '../helpers/factories.js';
import { withTwoProcesses } from '../helpers/two-processes.js';

const pgUrl = process.env.BROADSHEET_TEST_PG_URL;

// Several processes share one database only on PostgreSQL; SQLite serves a single process.
it.skipIf(!pgUrl)(`a publish in one process clears the page cache of another${pgUrl ? '' : ' — skipped: BROADSHEET_TEST_PG_URL is not set'}`, () =>
  withTwoProcesses(pgUrl as string, 'test_relay', {}, async ({ first, second, eventually }) => {
    const n = await seedNewsroom(first.ctx);
    await second.inject('/');
    expect(second.pageCache.size).toBeGreaterThan(0);
    await publishArticle(first.ctx, { title: 'Published elsewhere', sectionId: n.world.id, publishedAt: first.clock.now() });
    const home = await eventually('/', (body) => body.includes('Published elsewhere'));
    expect(home).toContain('Published elsewhere');
  }),
);
