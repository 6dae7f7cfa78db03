import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, type TestApp } from '../helpers/build-test-app.js';
import { publishArticle, seedNewsroom, testActor } from '../helpers/factories.js';
import { forEachDatabase } from '../helpers/for-each-database.js';

const DAY = 86_400_000;

forEachDatabase('comment retention and commenter data', (database) => {
  let t: TestApp;
  let articleId: number;

  async function comment(email: string, content: string, extra: { parentId?: number } = {}) {
    const res = await t.ctx.comments.submit({
      article: { id: articleId },
      fields: { content, authorName: `Name of ${email}`, authorEmail: email, authorUrl: 'https://site.example/', ...extra },
      commenter: { kind: 'guest' },
      client: { ip: '203.0.113.9', userAgent: 'TestBrowser/1.0', referrer: 'https://news.test/world/' },
      form: { token: t.ctx.comments.formToken(articleId) },
    });
    if (res.kind !== 'stored') throw new Error(`not stored: ${JSON.stringify(res)}`);
    return res.id;
  }

  beforeAll(async () => {
    t = await buildTestApp(database);
    const newsroom = await seedNewsroom(t.ctx);
    articleId = (await publishArticle(t.ctx, { title: 'Retention', slug: 'retention', sectionId: newsroom.world.id })).id;
    await t.ctx.comments.settings.update(testActor, { minSecondsToSubmit: 0, rateLimits: { perMinute: 1000, perHour: 1000 } });
  });
  afterAll(() => t.close());

  describe('the daily retention job', () => {
    it('erases IP, user agent and referrer after the retention days and purges old spam and trash', async () => {
      const old = await comment('old@example.com', 'An old comment.');
      await t.ctx.comments.moderate(testActor, old, 'approve');
      const oldSpam = await comment('spammer@example.com', 'Old spam.');
      await t.ctx.comments.moderate(testActor, oldSpam, 'spam');
      const oldTrashParent = await comment('parent@example.com', 'Trashed parent.');
      await t.ctx.comments.moderate(testActor, oldTrashParent, 'approve');
      const reply = await comment('replier@example.com', 'Reply to a comment that will be trashed.', { parentId: oldTrashParent });
      await t.ctx.comments.moderate(testActor, reply, 'approve');
      await t.ctx.comments.moderate(testActor, oldTrashParent, 'trash');

      t.clock.advance(29 * DAY);
      const recentSpam = await comment('recent@example.com', 'Recent spam.');
      await t.ctx.comments.moderate(testActor, recentSpam, 'spam');
      expect(await t.ctx.comments.runRetention()).toEqual({ networkDataErased: 0, purged: 0 });

      t.clock.advance(2 * DAY);
      const result = await t.ctx.comments.runRetention();
      expect(result).toEqual({ networkDataErased: 4, purged: 2 });
      const kept = await t.ctx.comments.get(testActor, old);
      expect([kept.ip, kept.userAgent, kept.referrer]).toEqual([null, null, null]);
      expect(kept.content).toBe('An old comment.');
      const recent = await t.ctx.comments.get(testActor, recentSpam);
      expect(recent.ip).toBe('203.0.113.9');
      await expect(t.ctx.comments.get(testActor, oldSpam)).rejects.toMatchObject({ code: 'COMMENT_NOT_FOUND' });
      await expect(t.ctx.comments.get(testActor, oldTrashParent)).rejects.toMatchObject({ code: 'COMMENT_NOT_FOUND' });
      expect((await t.ctx.comments.get(testActor, reply)).parentId).toBeNull();
      expect(await t.ctx.comments.runRetention()).toEqual({ networkDataErased: 0, purged: 0 });
      const audit = (await t.ctx.audit.listRecent(5)).find((e) => e.action === 'comments.retention');
      expect(audit?.details).toMatchObject({ networkDataErased: 4, purged: 2, system: 'comment-retention' });
    });

    it('follows the retention setting', async () => {
      const id = await comment('setting@example.com', 'Check the setting.');
      await t.ctx.comments.settings.update(testActor, { retentionDays: 7 });
      try {
        t.clock.advance(6 * DAY);
        await t.ctx.comments.runRetention();
        expect((await t.ctx.comments.get(testActor, id)).ip).not.toBeNull();
        t.clock.advance(2 * DAY);
        await t.ctx.comments.runRetention();
        expect((await t.ctx.comments.get(testActor, id)).ip).toBeNull();
      } finally {
        await t.ctx.comments.settings.update(testActor, { retentionDays: 30 });
      }
    });
  });

  describe('export and erase', () => {
    it('exports everything stored under an email, case-insensitively, and nothing of anyone else', async () => {
      const a = await comment('export.me@example.com', 'First export comment.');
      const b = await comment('export.me@example.com', 'Second export comment.');
      await comment('someone.else@example.com', 'Not mine.');
      const data = await t.ctx.comments.exportCommenterData(testActor, 'Export.Me@Example.com');
      expect(data.email).toBe('export.me@example.com');
      expect(data.comments.map((c) => c.id)).toEqual([a, b]);
      expect(data.comments[0]).toMatchObject({
        authorName: 'Name of export.me@example.com',
        authorEmail: 'export.me@example.com',
        authorUrl: 'https://site.example/',
        content: 'First export comment.',
        ip: '203.0.113.9',
        userAgent: 'TestBrowser/1.0',
        // Whatever the classifier decided, the export carries it.
        status: expect.stringMatching(/^(pending|spam)$/),
        article: { title: 'Retention', url: 'http://news.test/world/retention' },
      });
    });

    it('anonymises (text kept) or deletes, and refuses roles other than owner and admin', async () => {
      const a = await comment('erase.me@example.com', 'Anonymise this one.');
      await expect(t.ctx.comments.eraseCommenterData({ kind: 'user', userId: 1, role: 'moderator' }, 'erase.me@example.com')).rejects.toMatchObject({ kind: 'forbidden' });
      expect((await t.ctx.comments.get(testActor, a)).authorEmail).toBe('erase.me@example.com');
      expect(await t.ctx.comments.eraseCommenterData(testActor, 'erase.me@example.com')).toEqual({ count: 1, deleted: false });
      const erased = await t.ctx.comments.get(testActor, a);
      expect(erased).toMatchObject({ authorName: 'Anonymous', authorEmail: '', authorUrl: null, ip: null, userAgent: null, referrer: null, content: 'Anonymise this one.' });
      expect((await t.ctx.comments.exportCommenterData(testActor, 'erase.me@example.com')).comments).toEqual([]);

      const d = await comment('delete.me@example.com', 'Delete this one.');
      expect(await t.ctx.comments.eraseCommenterData(testActor, 'delete.me@example.com', { delete: true })).toEqual({ count: 1, deleted: true });
      await expect(t.ctx.comments.get(testActor, d)).rejects.toMatchObject({ code: 'COMMENT_NOT_FOUND' });
    });
  });
});
