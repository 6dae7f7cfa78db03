import { afterEach, expect, it } from 'vitest';
import { fingerprintText } from '../../src/ingest/fingerprint.js';
import { createFingerprintStore, NEAR_DUPLICATE_WINDOW_DAYS } from '../../src/ingest/fingerprint-store.js';
import { buildTestApp, type TestApp } from '../helpers/build-test-app.js';
import { testActor } from '../helpers/factories.js';
import { forEachDatabase } from '../helpers/for-each-database.js';
import { storyText } from './feed-server.js';

const DAY = 86_400_000;

forEachDatabase('fingerprint store', (database) => {
  let t: TestApp;
  afterEach(async () => {
    await t?.close();
  });

  async function setUp() {
    t = await buildTestApp(database);
    const world = await t.ctx.content.sections.create(testActor, { name: 'World' });
    const source = await t.ctx.content.sources.create(testActor, { name: 'Agency', feedUrl: 'https://agency.example/feed.xml', defaultSectionId: world.id });
    const file = async (n: number, fingerprint: string | null) =>
      (
        await t.ctx.content.filing.insert(t.ctx.db, testActor, {
          title: `Story ${n}`,
          bodyHtml: `<p>${storyText(n)}</p>`,
          sectionId: world.id,
          sourceId: source.id,
          originalUrl: `https://agency.example/${n}`,
          originalPublisher: null,
          feedGuid: `guid-${n}`,
          status: 'draft',
          publishedAt: null,
          tags: [],
          fingerprint,
        })
      ).id;
    return { source, file };
  }

  it('rebuilds from stored fingerprints, skipping other formats, and forgets articles past the window', async () => {
    const { source, file } = await setUp();
    t.clock.advance(-(NEAR_DUPLICATE_WINDOW_DAYS + 2) * DAY);
    await file(1, fingerprintText(storyText(1)));
    t.clock.advance((NEAR_DUPLICATE_WINDOW_DAYS + 1) * DAY);
    const recent = await file(2, fingerprintText(storyText(2)));
    await file(3, '0123456789abcdef');
    await file(4, null);

    const store = createFingerprintStore(t.ctx.content.filing, t.clock);
    await store.refresh();
    expect(store.size).toBe(1);
    const rewrite = fingerprintText(`${storyText(2)} Reported later.`);
    expect(store.nearest(rewrite)).toEqual({ articleId: recent, sourceId: source.id, similarity: expect.any(Number) });
    expect(store.nearest(rewrite, recent)).toBeUndefined();
    expect(store.nearest(fingerprintText(storyText(1)))).toBeUndefined();

    // Articles filed since the last refresh, by this process or another, are topped up by id.
    const later = await file(5, fingerprintText(storyText(5)));
    await store.refresh();
    expect(store.nearest(fingerprintText(storyText(5)))?.articleId).toBe(later);

    t.clock.advance(NEAR_DUPLICATE_WINDOW_DAYS * DAY + 1);
    await store.refresh();
    expect(store.size).toBe(0);
    expect(store.nearest(rewrite)).toBeUndefined();
  });
});
