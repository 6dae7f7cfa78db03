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

  /** Approving first makes "spam" a change whatever the classifier decided, so the learner stores an example. */
  async function markSpam(id: number) {
    await t.ctx.comments.moderate(testActor, id, 'approve');
    await t.ctx.comments.moderate(testActor, id, 'spam');
  }

  /** The spam filter's stored examples, straight from the table. */
  async function storedExamples() {
    const rows = await t.ctx.db.selectFrom('spam_example').select(['id', 'input', 'author_key', 'context_erased']).orderBy('id').execute();
    return rows.map((r) => ({ ...r, input: JSON.parse(r.input) as Record<string, unknown> }));
  }

  async function exampleWith(content: string) {
    const found = (await storedExamples()).find((e) => e.input.content === content);
    if (!found) throw new Error(`no example of "${content}"`);
    return found;
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
      expect(await t.ctx.comments.runRetention()).toEqual({ networkDataErased: 0, purged: 0, spamExamplesErased: 0 });

      t.clock.advance(2 * DAY);
      const result = await t.ctx.comments.runRetention();
      // Whether oldSpam became a training example depends on the classifier's first verdict.
      expect(result).toMatchObject({ networkDataErased: 4, purged: 2 });
      const kept = await t.ctx.comments.get(testActor, old);
      expect([kept.ip, kept.userAgent, kept.referrer]).toEqual([null, null, null]);
      expect(kept.content).toBe('An old comment.');
      const recent = await t.ctx.comments.get(testActor, recentSpam);
      expect(recent.ip).toBe('203.0.113.9');
      await expect(t.ctx.comments.get(testActor, oldSpam)).rejects.toMatchObject({ code: 'COMMENT_NOT_FOUND' });
      await expect(t.ctx.comments.get(testActor, oldTrashParent)).rejects.toMatchObject({ code: 'COMMENT_NOT_FOUND' });
      expect((await t.ctx.comments.get(testActor, reply)).parentId).toBeNull();
      expect(await t.ctx.comments.runRetention()).toEqual({ networkDataErased: 0, purged: 0, spamExamplesErased: 0 });
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
      expect(await t.ctx.comments.eraseCommenterData(testActor, 'erase.me@example.com')).toEqual({ count: 1, trainingExamples: 0, deleted: false });
      const erased = await t.ctx.comments.get(testActor, a);
      expect(erased).toMatchObject({ authorName: 'Anonymous', authorEmail: '', authorUrl: null, ip: null, userAgent: null, referrer: null, content: 'Anonymise this one.' });
      expect((await t.ctx.comments.exportCommenterData(testActor, 'erase.me@example.com')).comments).toEqual([]);

      const d = await comment('delete.me@example.com', 'Delete this one.');
      expect(await t.ctx.comments.eraseCommenterData(testActor, 'delete.me@example.com', { delete: true })).toEqual({ count: 1, trainingExamples: 0, deleted: true });
      await expect(t.ctx.comments.get(testActor, d)).rejects.toMatchObject({ code: 'COMMENT_NOT_FOUND' });
    });
  });

  describe('spam filter training examples', () => {
    it('keeps no IP, user agent or e-mail local part, erases the referrer from old examples only, once, and still finds them by address', async () => {
      await markSpam(await comment('Old.Example@Example.com', 'Marked spam a month ago.'));
      t.clock.advance(29 * DAY);
      await markSpam(await comment('recent.example@example.com', 'Marked spam yesterday.'));
      t.clock.advance(2 * DAY);

      expect((await t.ctx.comments.runRetention()).spamExamplesErased).toBe(1);
      const old = await exampleWith('Marked spam a month ago.');
      expect(old).toMatchObject({ author_key: expect.any(String), context_erased: 1 });
      expect(old.author_key).not.toMatch(/example/i);
      expect(old.input).toEqual({
        content: 'Marked spam a month ago.',
        authorName: 'Name of Old.Example@Example.com',
        authorEmail: '@example.com',
        authorUrl: 'https://site.example/',
        permalink: 'http://news.test/world/retention',
        commentType: 'comment',
        honeypotFilled: false,
      });
      const recent = await exampleWith('Marked spam yesterday.');
      expect(recent).toMatchObject({ author_key: expect.any(String), context_erased: 0 });
      expect(recent.input).toMatchObject({ authorEmail: '@example.com', referrer: 'https://news.test/world/' });
      expect(recent.input).not.toHaveProperty('ip');
      // Filed under a keyed hash of the address, so a request still reaches the erased example.
      expect((await t.ctx.comments.exportCommenterData(testActor, 'old.example@example.com')).trainingExamples.map((e) => e.id)).toEqual([old.id]);
      const audit = (await t.ctx.audit.listRecent(5)).find((e) => e.action === 'comments.retention');
      expect(audit?.details).toMatchObject({ spamExamplesErased: 1 });

      const before = await storedExamples();
      expect(await t.ctx.comments.runRetention()).toEqual({ networkDataErased: 0, purged: 0, spamExamplesErased: 0 });
      expect(await storedExamples()).toEqual(before);
    });

    it('are exported, anonymised and deleted with the comments under the same email', async () => {
      const id = await comment('Trainer@Example.com', 'Teaching the filter.');
      await markSpam(id);
      await t.ctx.comments.moderate(testActor, id, 'not-spam');
      const data = await t.ctx.comments.exportCommenterData(testActor, 'trainer@example.com');
      const fields = { content: 'Teaching the filter.', authorName: 'Name of Trainer@Example.com', authorEmail: '@example.com', referrer: 'https://news.test/world/' };
      expect(data.trainingExamples).toEqual([
        { id: expect.any(Number), label: 'spam', source: 'moderator', createdAt: t.clock.now().toISOString(), fields: expect.objectContaining(fields) },
        { id: expect.any(Number), label: 'ham', source: 'moderator', createdAt: t.clock.now().toISOString(), fields: expect.objectContaining(fields) },
      ]);
      expect(Object.keys(data.trainingExamples[0].fields)).not.toContain('ip');

      expect(await t.ctx.comments.eraseCommenterData(testActor, 'TRAINER@example.com')).toEqual({ count: 1, trainingExamples: 2, deleted: false });
      const anonymised = (await storedExamples()).filter((e) => data.trainingExamples.some((x) => x.id === e.id));
      expect(anonymised).toHaveLength(2);
      for (const e of anonymised) {
        expect(e).toMatchObject({ author_key: null, context_erased: 1 });
        expect(e.input).toMatchObject({ content: 'Teaching the filter.', authorName: 'Anonymous' });
        for (const key of ['authorEmail', 'authorUrl', 'ip', 'userAgent', 'referrer']) expect(e.input).not.toHaveProperty(key);
      }
      expect((await t.ctx.comments.exportCommenterData(testActor, 'trainer@example.com')).trainingExamples).toEqual([]);

      await markSpam(await comment('delete.trainer@example.com', 'Delete me and my example.'));
      expect(await t.ctx.comments.eraseCommenterData(testActor, 'delete.trainer@example.com', { delete: true })).toEqual({ count: 1, trainingExamples: 1, deleted: true });
      expect((await storedExamples()).some((e) => e.input.content === 'Delete me and my example.')).toBe(false);
    });
  });
});
