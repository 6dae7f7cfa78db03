import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, type TestApp, testNow } from '../helpers/build-test-app.js';
import { publishArticle, seedNewsroom, testActor } from '../helpers/factories.js';
import { forEachDatabase } from '../helpers/for-each-database.js';

forEachDatabase('article service', (database) => {
  let t: TestApp;
  let n: Awaited<ReturnType<typeof seedNewsroom>>;
  beforeAll(async () => {
    t = await buildTestApp(database);
    n = await seedNewsroom(t.ctx);
  });
  afterAll(() => t.close());

  describe('create', () => {
    it('derives a unique slug, an excerpt and sanitised HTML', async () => {
      const a = await publishArticle(t.ctx, { title: 'Café talks in Sofia', body: 'First sentence here. Second one.\n\n<iframe src="https://evil.test"></iframe>', sectionId: n.world.id });
      const b = await publishArticle(t.ctx, { title: 'Café talks in Sofia', sectionId: n.world.id });
      expect(a.slug).toBe('cafe-talks-in-sofia');
      expect(b.slug).toBe('cafe-talks-in-sofia-2');
      expect(a.excerpt).toBe('First sentence here. Second one.');
      expect(a.bodyHtml).not.toContain('iframe');
    });

    it('normalises tags: possessives and case fold into one tag', async () => {
      const a = await publishArticle(t.ctx, { title: 'Tags one', sectionId: n.world.id, tags: ["Trump's", 'trump', '#NATO', 'Nato', ' '] });
      expect(a.tags.map((x) => x.name)).toEqual(['Trump', 'NATO']);
      const b = await publishArticle(t.ctx, { title: 'Tags two', sectionId: n.world.id, tags: ['TRUMP'] });
      expect(b.tags[0].id).toBe(a.tags[0].id);
    });

    it('refuses bad input with a message naming the field, and writes nothing', async () => {
      const before = (await t.ctx.content.articles.list({}, { offset: 0, limit: 500 })).total;
      await expect(t.ctx.content.articles.create(testActor, { title: '', body: 'x', sectionId: n.world.id })).rejects.toThrow(/title/);
      await expect(t.ctx.content.articles.create(testActor, { title: 'x', body: 'x', sectionId: 9999 })).rejects.toThrow(/section/i);
      await expect(t.ctx.content.articles.create(testActor, { title: 'x', body: 'x', sectionId: n.world.id, status: 'scheduled' })).rejects.toThrow(/publishedAt/);
      await expect(t.ctx.content.articles.create(testActor, { title: 'x', body: 'x', sectionId: n.world.id, slug: 'Bad Slug!' })).rejects.toThrow(/slug/);
      expect((await t.ctx.content.articles.list({}, { offset: 0, limit: 500 })).total).toBe(before);
    });

    it('records who created the article in the audit log', async () => {
      const a = await publishArticle(t.ctx, { title: 'Audited', sectionId: n.world.id });
      const entries = await t.ctx.audit.listRecent(5);
      expect(entries.find((e) => e.action === 'article.create' && e.subjectId === String(a.id))).toBeTruthy();
    });
  });

  describe('update', () => {
    it('refuses an edit of a stale version and overwrites nothing', async () => {
      const a = await publishArticle(t.ctx, { title: 'Original', sectionId: n.world.id });
      const edited = await t.ctx.content.articles.update(testActor, a.id, a.version, { title: 'First edit' });
      expect(edited.version).toBe(a.version + 1);
      await expect(t.ctx.content.articles.update(testActor, a.id, a.version, { title: 'Stale edit' })).rejects.toMatchObject({ kind: 'conflict', code: 'ARTICLE_STALE' });
      expect((await t.ctx.content.articles.byId(a.id)).title).toBe('First edit');
    });

    it('re-renders the body and excerpt when the body changes', async () => {
      const a = await publishArticle(t.ctx, { title: 'Body change', sectionId: n.world.id });
      const b = await t.ctx.content.articles.update(testActor, a.id, a.version, { body: 'A *new* body. With more.' });
      expect(b.bodyHtml).toContain('<em>new</em>');
      expect(b.excerpt).toBe('A new body. With more.');
    });
  });

  describe('visibility', () => {
    it('lists scheduled articles only once their time has come', async () => {
      const later = new Date(testNow.getTime() + 600_000);
      const s = await publishArticle(t.ctx, { title: 'Later', sectionId: n.business.id, status: 'scheduled', publishedAt: later });
      const visible = async () => (await t.ctx.content.articles.list({ sectionId: n.business.id }, { offset: 0, limit: 50 })).articles.map((a) => a.id);
      expect(await visible()).not.toContain(s.id);
      expect(await t.ctx.content.articles.nextScheduledAfter(t.clock.now())).toEqual(later);
      t.clock.advance(600_000);
      expect(await visible()).toContain(s.id);
      t.clock.set(testNow);
    });
  });
});
