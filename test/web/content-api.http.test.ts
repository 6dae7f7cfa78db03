import { afterAll, beforeAll, expect, it } from 'vitest';
import { buildTestApp, type TestApp, testNow } from '../helpers/build-test-app.js';
import { publishArticle, seedNewsroom } from '../helpers/factories.js';
import { forEachDatabase } from '../helpers/for-each-database.js';

forEachDatabase('content API', (database) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await buildTestApp(database);
    const n = await seedNewsroom(t.ctx);
    for (let i = 0; i < 7; i++) {
      await publishArticle(t.ctx, {
        title: `World ${i}`,
        sectionId: i % 2 ? n.europe.id : n.world.id,
        sourceId: i < 3 ? n.bgnes.id : null,
        tags: i % 3 === 0 ? ['Putin'] : [],
        // Two share a time, to prove the cursor breaks ties by id.
        publishedAt: new Date(testNow.getTime() - (i === 6 ? 5 : i) * 60_000),
      });
    }
    await publishArticle(t.ctx, { title: 'Biz', sectionId: n.business.id, publishedAt: new Date(testNow.getTime() - 86400_000) });
    await publishArticle(t.ctx, { title: 'Draft', sectionId: n.business.id, status: 'draft' });
  });
  afterAll(() => t.close());

  it('lists visible articles with the promised fields', async () => {
    const res = await t.inject('/api/v1/articles');
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body.articles).toHaveLength(8);
    const first = body.articles[0];
    expect(Object.keys(first)).toEqual(expect.arrayContaining(['id', 'slug', 'url', 'title', 'excerpt', 'section', 'tags', 'source', 'publishedAt']));
    expect(first.url).toMatch(/^http:\/\/news\.test\//);
    expect(first.section).toMatchObject({ slug: 'world', path: 'world' });
    expect(body.articles.map((a: { title: string }) => a.title)).not.toContain('Draft');
  });

  it('walks every article exactly once with cursor pagination', async () => {
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const url: string = `/api/v1/articles?limit=3${cursor ? `&cursor=${cursor}` : ''}`;
      const res = await t.inject(url);
      expect(res.statusCode).toBe(200);
      const body: { articles: { slug: string }[]; meta: { nextCursor: string | null } } = res.json();
      seen.push(...body.articles.map((a: { slug: string }) => a.slug));
      cursor = body.meta.nextCursor;
    } while (cursor);
    expect(seen).toHaveLength(8);
    expect(new Set(seen).size).toBe(8);
  });

  it('filters by section (with sub-sections), tag and source', async () => {
    const europe = (await t.inject('/api/v1/articles?section=world/europe')).json();
    expect(europe.articles.map((a: { title: string }) => a.title).sort()).toEqual(['World 1', 'World 3', 'World 5']);
    const world = (await t.inject('/api/v1/articles?section=world')).json();
    expect(world.articles).toHaveLength(7);
    const tagged = (await t.inject('/api/v1/articles?tag=putin')).json();
    expect(tagged.articles.map((a: { title: string }) => a.title).sort()).toEqual(['World 0', 'World 3', 'World 6']);
    const sourced = (await t.inject('/api/v1/articles?source=bgnes')).json();
    expect(sourced.articles).toHaveLength(3);
    expect(sourced.articles[0].source).toMatchObject({ name: 'BGNES', attribution: 'According to BGNES' });
  });

  it('answers malformed parameters with 400 and a JSON error', async () => {
    for (const query of ['limit=0', 'limit=101', 'limit=x', 'cursor=!!!', 'section=nowhere', 'tag=nope', 'source=nope', 'colour=red']) {
      const res = await t.inject(`/api/v1/articles?${query}`);
      expect(res.statusCode, query).toBe(400);
      expect(res.json().error.message, query).toBeTruthy();
    }
  });

  it('returns one article with its HTML, and 404 for drafts and unknown slugs', async () => {
    const res = await t.inject('/api/v1/articles/world-0');
    expect(res.statusCode).toBe(200);
    expect(res.json().article).toMatchObject({ slug: 'world-0', title: 'World 0' });
    expect(res.json().article.html).toContain('<p>');
    expect((await t.inject('/api/v1/articles/draft')).statusCode).toBe(404);
    const missing = await t.inject('/api/v1/articles/nope');
    expect(missing.statusCode).toBe(404);
    expect(missing.json().error.code).toBe('ARTICLE_NOT_FOUND');
  });

  it('lists nested sections and tags with counts', async () => {
    const sections = (await t.inject('/api/v1/sections')).json().sections;
    const world = sections.find((s: { slug: string }) => s.slug === 'world');
    expect(world.children.map((c: { path: string }) => c.path)).toEqual(['world/europe']);
    const tags = (await t.inject('/api/v1/tags')).json().tags;
    expect(tags).toEqual([{ slug: 'putin', name: 'Putin', url: 'http://news.test/tag/putin/', articles: 3 }]);
  });
});
