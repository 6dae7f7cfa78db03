import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, type TestApp, testNow } from '../helpers/build-test-app.js';
import { testActor } from '../helpers/factories.js';
import { forEachDatabase } from '../helpers/for-each-database.js';
import { type FeedServer, rss, startFeedServer, storyText, type TestItem } from './feed-server.js';

let server: FeedServer;
beforeAll(async () => {
  server = await startFeedServer();
});
afterAll(() => server.close());

let feedCounter = 0;
const newPath = (name: string) => `/${name}-${++feedCounter}.xml`;

function item(n: number, extra: Partial<TestItem> = {}): TestItem {
  return {
    guid: `guid-${n}`,
    title: `Story ${n} about the harbour`,
    link: `https://news.example/story-${n}`,
    content: `<p>${storyText(n)}</p>`,
    pubDate: 'Mon, 23 Nov 2026 10:00:00 GMT',
    ...extra,
  };
}

forEachDatabase('ingest service', (database) => {
  let t: TestApp;
  let worldId: number;
  afterEach(async () => {
    await t?.close();
  });

  async function setUp(overrides: { allowPrivateFeeds?: boolean } = {}) {
    t = await buildTestApp(database, { allowPrivateFeeds: overrides.allowPrivateFeeds ?? true });
    const world = await t.ctx.content.sections.create(testActor, { name: 'World' });
    worldId = world.id;
    return t;
  }

  async function addSource(name: string, feedPath: string, extra: Record<string, unknown> = {}) {
    return t.ctx.content.sources.create(testActor, { name, feedUrl: server.url(feedPath), defaultSectionId: worldId, ...extra });
  }

  it('files items as drafts in the Wire queue, with section, tags, attribution and a poll record', async () => {
    await setUp();
    const sport = await t.ctx.content.sections.create(testActor, { name: 'Sport' });
    const path = newPath('review');
    server.feed(
      path,
      rss('Agency', [
        item(1, {
          title: "WSJ: Trump's election won't change US-Russia relations much",
          content: '<p>Donald Trump met Vladimir Putin. Trump said Russia and Ukraine must talk; NATO allies and the WSJ reported the talks in Moscow and Kyiv.</p><script>alert(1)</script>',
        }),
        item(2, { categories: ['Sport'] }),
      ]),
    );
    const source = await addSource('Agency', path, { rules: [{ field: 'category', value: 'sport', sectionId: sport.id }] });
    const summary = await t.ctx.ingest.run();
    expect(summary).toMatchObject({ sources: 1, items: 2, new: 2, updated: 0, duplicate: 0, failed: 0 });

    const queue = await t.ctx.ingest.wireQueue();
    expect(queue.map((q) => q.title).sort()).toEqual(['Story 2 about the harbour', "Trump's election won't change US-Russia relations much"]);
    const first = await t.ctx.content.articles.byId(queue.find((q) => q.title.startsWith('Trump'))!.id);
    expect(first.status).toBe('draft');
    expect(first.originalPublisher).toBe('WSJ');
    expect(first.originalUrl).toBe('https://news.example/story-1');
    expect(first.source?.name).toBe('Agency');
    expect(first.bodyHtml).not.toContain('<script');
    const tagNames = first.tags.map((x) => x.name);
    expect(tagNames).toEqual(expect.arrayContaining(['Russia', 'Ukraine', 'WSJ']));
    expect(tagNames.some((name) => name.endsWith('Trump'))).toBe(true);
    expect(tagNames.some((name) => name.endsWith('Putin'))).toBe(true);
    expect(first.tags.map((x) => x.name.toLowerCase())).not.toContain('wont');
    const second = await t.ctx.content.articles.byId(queue.find((q) => q.title.startsWith('Story 2'))!.id);
    expect(second.section.id).toBe(sport.id);

    const [status] = await t.ctx.ingest.sourceStatuses();
    expect(status.source.id).toBe(source.id);
    expect(status.lastPoll).toMatchObject({ status: 'ok', items: 2, new: 2, failed: 0, error: null });
    expect(status.nextPollAt?.toISOString()).toBe(new Date(testNow.getTime() + 600_000).toISOString());
  });

  it('publishes under the publish policy and updates the article when the same GUID changes', async () => {
    await setUp();
    const path = newPath('publish');
    server.feed(path, rss('Wire', [item(10), item(11)]));
    await addSource('Wire', path, { policy: 'publish' });
    expect(await t.ctx.ingest.run()).toMatchObject({ new: 2 });
    const page = await t.ctx.content.articles.list({}, { offset: 0, limit: 10 });
    expect(page.total).toBe(2);

    server.feed(path, rss('Wire', [item(10, { title: 'Story 10, corrected', content: `<p>${storyText(10)} Corrected.</p>` }), item(11)]));
    t.clock.advance(60_000);
    expect(await t.ctx.ingest.run()).toMatchObject({ items: 2, new: 0, updated: 1, duplicate: 1 });
    const after = await t.ctx.content.articles.list({}, { offset: 0, limit: 10 });
    expect(after.total).toBe(2);
    expect(after.articles.map((a) => a.title)).toContain('Story 10, corrected');

    // An editor's change wins over a later update from the feed.
    const edited = after.articles.find((a) => a.title === 'Story 10, corrected')!;
    const full = await t.ctx.content.articles.byId(edited.id);
    await t.ctx.content.articles.update(testActor, edited.id, full.version, { title: 'Edited by the desk' });
    server.feed(path, rss('Wire', [item(10, { title: 'Story 10, corrected again' }), item(11)]));
    expect(await t.ctx.ingest.run()).toMatchObject({ updated: 0, duplicate: 2 });
    expect((await t.ctx.content.articles.byId(edited.id)).title).toBe('Edited by the desk');
  });

  it('treats the same link under a new GUID from one source as the same item', async () => {
    await setUp();
    const path = newPath('relink');
    server.feed(path, rss('Relink', [item(20)]));
    await addSource('Relink', path);
    await t.ctx.ingest.run();
    server.feed(path, rss('Relink', [item(20, { guid: 'another-guid', title: 'Story 20 retitled' })]));
    expect(await t.ctx.ingest.run()).toMatchObject({ new: 0, updated: 1 });
    expect(await t.ctx.ingest.wireQueue()).toHaveLength(1);
  });

  describe('near-duplicates across sources', () => {
    const rewrite = (n: number) => item(n, { guid: `other-${n}`, link: `https://other.example/${n}`, title: `Story ${n} about the harbour, retold`, content: `<p>${storyText(n)} Reported later.</p>` });

    it('links them as one story with both attributions by default', async () => {
      await setUp();
      const a = newPath('a');
      const b = newPath('b');
      server.feed(a, rss('A', [item(30)]));
      server.feed(b, rss('B', [rewrite(30), item(31)]));
      await addSource('Alpha', a);
      const beta = await addSource('Beta', b);
      await t.ctx.ingest.run({ sourceName: 'Alpha' });
      expect(await t.ctx.ingest.run({ sourceName: 'Beta' })).toMatchObject({ new: 1, duplicate: 1 });
      const queue = await t.ctx.ingest.wireQueue();
      expect(queue).toHaveLength(2);
      const original = queue.find((q) => q.source.name === 'Alpha')!;
      const credits = await t.ctx.content.filing.attributionsFor(original.id);
      expect(credits).toEqual([{ source: expect.objectContaining({ id: beta.id, name: 'Beta' }), originalUrl: 'https://other.example/30', originalPublisher: null }]);
      // Seen again, it stays linked and is not filed.
      expect(await t.ctx.ingest.run({ sourceName: 'Beta' })).toMatchObject({ new: 0, duplicate: 2 });
    });

    it('skips them or keeps both, as the site setting says', async () => {
      await setUp();
      const a = newPath('a');
      const b = newPath('b');
      server.feed(a, rss('A', [item(40)]));
      server.feed(b, rss('B', [rewrite(40)]));
      await addSource('Alpha', a);
      await addSource('Beta', b);
      await t.ctx.content.settings.update(testActor, { nearDuplicatePolicy: 'skip' });
      await t.ctx.ingest.run({ sourceName: 'Alpha' });
      expect(await t.ctx.ingest.run({ sourceName: 'Beta' })).toMatchObject({ new: 0, duplicate: 1 });
      const queue = await t.ctx.ingest.wireQueue();
      expect(queue).toHaveLength(1);
      expect(await t.ctx.content.filing.attributionsFor(queue[0].id)).toEqual([]);

      await t.ctx.content.settings.update(testActor, { nearDuplicatePolicy: 'keep' });
      const c = newPath('c');
      server.feed(c, rss('C', [item(40, { guid: 'third', link: 'https://third.example/40' })]));
      await addSource('Gamma', c);
      expect(await t.ctx.ingest.run({ sourceName: 'Gamma' })).toMatchObject({ new: 1 });
      expect(await t.ctx.ingest.wireQueue()).toHaveLength(2);
    });

    it('finds near-duplicates stored before the service started (index rebuilt from the database)', async () => {
      await setUp();
      const a = newPath('a');
      server.feed(a, rss('A', [item(50)]));
      await addSource('Alpha', a);
      await t.ctx.ingest.run();
      const { createIngestService } = await import('../../src/ingest/index.js');
      const fresh = createIngestService({ db: t.ctx.db, content: t.ctx.content, clock: t.clock, log: t.ctx.log, changes: t.ctx.changes, allowPrivateFeeds: true });
      const b = newPath('b');
      server.feed(b, rss('B', [rewrite(50)]));
      await addSource('Beta', b);
      expect(await fresh.run({ sourceName: 'Beta' })).toMatchObject({ new: 0, duplicate: 1 });
    });
  });

  it('sends the stored validators and records a 304 as not modified', async () => {
    await setUp();
    const path = newPath('etag');
    server.feed(path, rss('Etag', [item(60)]), { etag: '"v1"' });
    await addSource('Etag', path);
    await t.ctx.ingest.run();
    t.clock.advance(600_000);
    const summary = await t.ctx.ingest.pollDue();
    expect(summary.results[0]).toMatchObject({ status: 'not-modified', items: 0 });
    expect(server.requests(path).at(-1)?.headers['if-none-match']).toBe('"v1"');
    const history = await t.ctx.ingest.pollHistory((await t.ctx.content.sources.byName('Etag')).id);
    expect(history.map((h) => h.status)).toEqual(['not-modified', 'ok']);
  });

  it('backs off exponentially from a failing source, shows the last error, and recovers', async () => {
    await setUp();
    const path = newPath('failing');
    server.route(path, (_req, res) => res.writeHead(500).end('down'));
    await addSource('Failing', path, { pollIntervalSeconds: 600 });
    const first = await t.ctx.ingest.pollDue();
    expect(first.results[0]).toMatchObject({ status: 'failed', error: expect.stringContaining('answered 500') });
    let [status] = await t.ctx.ingest.sourceStatuses();
    expect(status.errorCount).toBe(1);
    expect(status.lastError).toContain('500');
    expect(status.nextPollAt?.getTime()).toBe(testNow.getTime() + 2 * 600_000);

    t.clock.advance(600_000);
    expect((await t.ctx.ingest.pollDue()).sources).toBe(0);
    t.clock.advance(600_000);
    await t.ctx.ingest.pollDue();
    [status] = await t.ctx.ingest.sourceStatuses();
    expect(status.errorCount).toBe(2);
    expect(status.nextPollAt?.getTime()).toBe(t.clock.now().getTime() + 4 * 600_000);

    server.feed(path, rss('Back', [item(70)]));
    t.clock.advance(4 * 600_000);
    expect(await t.ctx.ingest.pollDue()).toMatchObject({ sources: 1, new: 1 });
    [status] = await t.ctx.ingest.sourceStatuses();
    expect(status).toMatchObject({ errorCount: 0, lastError: null });
  });

  it('skips only a malformed item', async () => {
    await setUp();
    const path = newPath('malformed');
    const xml = rss('Bad', [item(80), item(81)]).replace('<link>https://news.example/story-81</link>', '<link>javascript:alert(1)</link>');
    server.feed(path, xml);
    await addSource('Bad', path);
    expect(await t.ctx.ingest.run()).toMatchObject({ items: 2, new: 1, failed: 1 });
  });

  it('refuses a loopback feed unless private feeds are allowed or the source is local', async () => {
    await setUp({ allowPrivateFeeds: false });
    const path = newPath('private');
    server.feed(path, rss('Private', [item(90)]));
    await addSource('Private', path);
    const summary = await t.ctx.ingest.run();
    expect(summary.results[0]).toMatchObject({ status: 'failed', error: expect.stringMatching(/refused.*loopback/i) });
    expect(server.requests(path)).toHaveLength(0);
    const source = await t.ctx.content.sources.byName('Private');
    await t.ctx.content.sources.updateSettings(testActor, source.id, { isLocal: true });
    expect(await t.ctx.ingest.run()).toMatchObject({ new: 1 });
  });

  it('fetches the full text of summary-only items, keeps the summary when that fails, and retries later', async () => {
    await setUp();
    const path = newPath('summaries');
    const page = (n: number) => `/page-${feedCounter}-${n}.html`;
    const article = (n: number) =>
      `<!doctype html><html><head><title>Story ${n}</title></head><body><nav>Home · World</nav><article><h1>Story ${n}</h1>${Array.from({ length: 6 }, (_, i) => `<p>${storyText(n * 10 + i, 60)}</p>`).join('')}</article><footer>© Agency</footer></body></html>`;
    server.page(page(1), article(1));
    server.route(page(2), (_req, res) => res.writeHead(503).end('busy'));
    server.feed(
      path,
      rss('Summaries', [
        { guid: 's1', title: 'Summary one', link: server.url(page(1)), description: 'Short summary one.' },
        { guid: 's2', title: 'Summary two', link: server.url(page(2)), description: 'Short summary two.' },
      ]),
    );
    await addSource('Summaries', path);
    expect(await t.ctx.ingest.run()).toMatchObject({ new: 2, failed: 0 });
    const byTitle = async (title: string) => t.ctx.content.articles.byId((await t.ctx.ingest.wireQueue()).find((q) => q.title === title)!.id);
    expect((await byTitle('Summary one')).bodyHtml).toContain(storyText(10, 60).slice(0, 40));
    expect((await byTitle('Summary two')).bodyHtml).toContain('Short summary two.');

    server.page(page(2), article(2));
    t.clock.advance(16 * 60_000);
    await t.ctx.ingest.run();
    expect((await byTitle('Summary two')).bodyHtml).toContain(storyText(20, 60).slice(0, 40));
  });
});
