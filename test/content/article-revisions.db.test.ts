import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Actor } from '../../src/shared/actor.js';
import { buildTestApp, type TestApp, testNow } from '../helpers/build-test-app.js';
import { seedNewsroom, testActor } from '../helpers/factories.js';
import { forEachDatabase } from '../helpers/for-each-database.js';

forEachDatabase('article revisions and admin writes', (database) => {
  let t: TestApp;
  let n: Awaited<ReturnType<typeof seedNewsroom>>;
  let editor: Actor;

  beforeAll(async () => {
    t = await buildTestApp(database);
    n = await seedNewsroom(t.ctx);
    const user = await t.ctx.users.addUser(testActor, { email: 'desk@example.com', role: 'editor', name: 'Desk Editor' });
    editor = { kind: 'user', userId: user.id, role: 'editor' };
  });
  afterAll(() => t.close());

  const articles = () => t.ctx.content.articles;

  describe('revisions', () => {
    it('records every create and update with its tags and who saved it', async () => {
      const a = await articles().create(editor, { title: 'First words', body: 'One.', sectionId: n.world.id, tags: ['Sofia', 'Rain'] });
      const b = await articles().update(editor, a.id, a.version, { title: 'Second words', tags: ['Sofia'] });
      const history = await articles().revisions(editor, a.id);
      expect(history.map((r) => [r.version, r.title, r.actor?.name])).toEqual([
        [b.version, 'Second words', 'Desk Editor'],
        [a.version, 'First words', 'Desk Editor'],
      ]);
      expect(history[0].createdAt).toEqual(testNow);
    });

    it('restores an older text as a new version, keeping the current status', async () => {
      const a = await articles().create(editor, { title: 'Original title', body: 'Original body.', sectionId: n.world.id, tags: ['Budget'] });
      const live = await articles().update(editor, a.id, a.version, { title: 'Rewritten', body: 'New body.', tags: ['Economy'], sectionId: n.business.id, status: 'published' });
      const first = (await articles().revisions(editor, a.id)).at(-1)!;
      const restored = await articles().restoreRevision(editor, a.id, first.id, live.version);
      expect(restored).toMatchObject({ title: 'Original title', body: 'Original body.', status: 'published', version: live.version + 1 });
      expect(restored.section.id).toBe(n.world.id);
      expect(restored.tags.map((tag) => tag.name)).toEqual(['Budget']);
      expect(restored.publishedAt).toEqual(live.publishedAt);
      expect((await articles().revisions(editor, a.id)).map((r) => r.version)).toEqual([3, 2, 1]);
      const audit = await t.ctx.audit.listRecent(5);
      expect(audit.find((e) => e.action === 'article.restore' && e.subjectId === String(a.id))?.details).toMatchObject({ fromVersion: 1 });
    });

    it('refuses a restore from a stale page, or of another article’s revision, and changes nothing', async () => {
      const a = await articles().create(editor, { title: 'Kept', body: 'Text.', sectionId: n.world.id });
      const b = await articles().update(editor, a.id, a.version, { title: 'Kept too' });
      const [, first] = await articles().revisions(editor, a.id);
      await expect(articles().restoreRevision(editor, a.id, first.id, a.version)).rejects.toMatchObject({ kind: 'conflict', code: 'ARTICLE_STALE' });
      const other = await articles().create(editor, { title: 'Other', body: 'Text.', sectionId: n.world.id });
      await expect(articles().restoreRevision(editor, other.id, first.id, other.version)).rejects.toMatchObject({ kind: 'not_found' });
      expect(await articles().byId(a.id)).toMatchObject({ title: 'Kept too', version: b.version });
      expect(await articles().revisions(editor, a.id)).toHaveLength(2);
    });

    it('writes no revision when the write fails', async () => {
      const a = await articles().create(editor, { title: 'Unique slug owner', body: 'Text.', sectionId: n.world.id });
      const b = await articles().create(editor, { title: 'Slug thief', body: 'Text.', sectionId: n.world.id });
      await expect(articles().update(editor, b.id, b.version, { slug: a.slug })).rejects.toMatchObject({ kind: 'conflict', details: { field: 'slug' } });
      expect(await articles().revisions(editor, b.id)).toHaveLength(1);
    });
  });

  describe('admin writes', () => {
    it('names the field at fault for references and values the form cannot check', async () => {
      const base = { title: 'Checked', body: 'Text.', sectionId: n.world.id };
      const refused = async (input: object) => articles().create(editor, { ...base, ...input }).catch((error: { kind: string; details: { field?: string }; userMessage: string }) => error);
      expect(await refused({ sectionId: 99_999 })).toMatchObject({ kind: 'invalid', details: { field: 'sectionId' }, userMessage: 'section must be chosen from the list' });
      expect(await refused({ sectionId: Number.NaN })).toMatchObject({ kind: 'invalid', details: { field: 'sectionId' } });
      expect(await refused({ sourceId: 99_999 })).toMatchObject({ kind: 'invalid', details: { field: 'sourceId' } });
      expect(await refused({ authorId: 99_999 })).toMatchObject({ kind: 'invalid', details: { field: 'authorId' } });
      expect(await refused({ originalUrl: 'javascript:alert(1)' })).toMatchObject({ kind: 'invalid', details: { field: 'originalUrl' } });
      expect(await refused({ title: 'x'.repeat(301) })).toMatchObject({ kind: 'invalid', details: { field: 'title' }, userMessage: 'title must be at most 300 characters' });
      expect(await refused({ tags: ['y'.repeat(61)] })).toMatchObject({ kind: 'invalid', details: { field: 'tags' } });
      expect(await refused({ status: 'scheduled', publishedAt: new Date(testNow.getTime() - 60_000) })).toMatchObject({ kind: 'invalid', details: { field: 'publishedAt' } });
      expect(await refused({ status: 'scheduled', publishedAt: new Date('nonsense') })).toMatchObject({ kind: 'invalid', details: { field: 'publishedAt' } });
    });

    it('keeps a schedule that has since passed when the live article is edited', async () => {
      const at = new Date(testNow.getTime() + 60_000);
      const a = await articles().create(editor, { title: 'Soon', body: 'Text.', sectionId: n.world.id, status: 'scheduled', publishedAt: at });
      t.clock.advance(120_000);
      const b = await articles().update(editor, a.id, a.version, { title: 'Soon, edited' });
      expect(b).toMatchObject({ status: 'scheduled', publishedAt: at });
      t.clock.set(testNow);
    });

    it('makes a blank slug from the title again, keeping the article’s own', async () => {
      const a = await articles().create(editor, { title: 'Slug from title', body: 'Text.', sectionId: n.world.id });
      const same = await articles().update(editor, a.id, a.version, { slug: '' });
      expect(same.slug).toBe('slug-from-title');
      const renamed = await articles().update(editor, a.id, same.version, { slug: '', title: 'A new title' });
      expect(renamed.slug).toBe('a-new-title');
    });

    it('derives a blank excerpt from the body', async () => {
      const a = await articles().create(editor, { title: 'Excerpts', body: 'The first body.', sectionId: n.world.id, excerpt: 'Hand-written.' });
      expect(a.excerpt).toBe('Hand-written.');
      const b = await articles().update(editor, a.id, a.version, { excerpt: '', body: 'The second body.' });
      expect(b.excerpt).toBe('The second body.');
    });

    it('lists every status with filters for section, source, author and title', async () => {
      const wire = await articles().create(testActor, { title: 'Wire 100% story_x', body: 'Text.', sectionId: n.europe.id, sourceId: n.bgnes.id, status: 'archived' });
      await articles().create(testActor, { title: 'Wire 100 percent story', body: 'Text.', sectionId: n.business.id });
      const ids = async (filter: object) => (await articles().adminList(editor, filter, { offset: 0, limit: 500 })).articles.map((a) => a.id);
      expect(await ids({ search: '100% STORY_' })).toEqual([wire.id]);
      expect(await ids({ sectionId: n.world.id, status: 'archived' })).toEqual([wire.id]);
      expect(await ids({ sourceId: n.bgnes.id })).toEqual([wire.id]);
      expect(await ids({ sectionId: 99_999 })).toEqual([]);
      const page = await articles().adminList(editor, {}, { offset: 0, limit: 2 });
      expect(page.articles).toHaveLength(2);
      expect(page.total).toBeGreaterThan(2);
    });
  });
});
