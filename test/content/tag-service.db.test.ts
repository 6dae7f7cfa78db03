import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Actor, Role } from '../../src/shared/actor.js';
import { buildTestApp, type TestApp } from '../helpers/build-test-app.js';
import { publishArticle, testActor } from '../helpers/factories.js';
import { forEachDatabase } from '../helpers/for-each-database.js';
import { actorsByRole, expectOnlyRoles } from '../helpers/role-matrix.js';

const managers = ['owner', 'admin', 'editor'] as const;

forEachDatabase('tag service', (database) => {
  let t: TestApp;
  let actors: Record<Role, Actor>;
  let sectionId: number;
  const page = { offset: 0, limit: 100 };
  const tagged = (tags: string[], status: 'draft' | 'published' = 'published') =>
    status === 'published' ? publishArticle(t.ctx, { sectionId, tags }) : t.ctx.content.articles.create(testActor, { title: `Draft ${tags.join(' ')}`, body: 'Draft.', sectionId, tags });
  const tagNames = async (articleId: number) => (await t.ctx.content.articles.byId(articleId)).tags.map((tag) => tag.name);

  beforeAll(async () => {
    t = await buildTestApp(database);
    actors = await actorsByRole(t.ctx);
    sectionId = (await t.ctx.content.sections.create(testActor, { name: 'News' })).id;
  });
  afterAll(() => t.close());

  describe('listForAdmin', () => {
    it('counts articles of every status and finds tags by any part of the name, in any case and script', async () => {
      await tagged(['Elections', 'Sofia']);
      await tagged(['Elections'], 'draft');
      await tagged(['Пловдив']);
      const { tags } = await t.ctx.content.tags.listForAdmin(testActor, { ...page, search: 'ELECT' });
      expect(tags).toEqual([expect.objectContaining({ name: 'Elections', count: 2 })]);
      expect((await t.ctx.content.tags.listForAdmin(testActor, { ...page, search: 'пловдив' })).tags.map((tag) => tag.name)).toEqual(['Пловдив']);
      expect((await t.ctx.content.tags.listForAdmin(testActor, { ...page, search: '%' })).total).toBeGreaterThanOrEqual(3);
      const byCount = await t.ctx.content.tags.listForAdmin(testActor, { ...page, order: 'count' });
      expect(byCount.tags[0]).toMatchObject({ name: 'Elections', count: 2 });
    });
  });

  describe('rename', () => {
    it('renames a tag and its slug follows the name', async () => {
      const article = await tagged(['Bulgarian parlament']);
      const renamed = await t.ctx.content.tags.rename(testActor, article.tags[0].id, 'Bulgarian parliament');
      expect(renamed).toMatchObject({ name: 'Bulgarian parliament', slug: 'bulgarian-parliament' });
      expect(await tagNames(article.id)).toEqual(['Bulgarian parliament']);
    });

    it('refuses a name another tag already has, beside the name field, and an empty one', async () => {
      const article = await tagged(['Nato summit', 'NATO']);
      const [summit] = article.tags;
      await expect(t.ctx.content.tags.rename(testActor, summit.id, 'nato')).rejects.toMatchObject({ code: 'TAG_EXISTS', details: { field: 'name' } });
      await expect(t.ctx.content.tags.rename(testActor, summit.id, '  ')).rejects.toMatchObject({ details: { field: 'name' } });
      expect((await t.ctx.content.tags.byId(summit.id)).name).toBe('Nato summit');
    });
  });

  describe('merge', () => {
    it('gives every article of the merged tag the kept tag once, then deletes the merged tag', async () => {
      const both = await tagged(['Climate', 'Climate change']);
      const onlyOld = await tagged(['Climate change', 'Energy'], 'draft');
      const onlyKept = await tagged(['Climate']);
      const oldTag = both.tags[1];
      const kept = await t.ctx.content.tags.merge(testActor, oldTag.id, 'climate');
      expect(kept).toMatchObject({ name: 'Climate', articlesMoved: 1 });
      expect(await tagNames(both.id)).toEqual(['Climate']);
      expect(await tagNames(onlyOld.id)).toEqual(['Climate', 'Energy']);
      expect(await tagNames(onlyKept.id)).toEqual(['Climate']);
      await expect(t.ctx.content.tags.byId(oldTag.id)).rejects.toMatchObject({ code: 'TAG_NOT_FOUND' });
      expect((await t.ctx.content.tags.listForAdmin(testActor, { ...page, search: 'climate' })).tags).toEqual([expect.objectContaining({ name: 'Climate', count: 3 })]);
      const entry = (await t.ctx.audit.listRecent(3)).find((e) => e.action === 'tag.merge');
      expect(entry?.details).toMatchObject({ from: 'Climate change', into: 'Climate', articlesMoved: 1 });
    });

    it('refuses merging into itself or into a tag that does not exist, beside the target field', async () => {
      const article = await tagged(['Lonely tag']);
      const id = article.tags[0].id;
      await expect(t.ctx.content.tags.merge(testActor, id, 'lonely tag')).rejects.toMatchObject({ code: 'TAG_MERGE_SELF', details: { field: 'into' } });
      await expect(t.ctx.content.tags.merge(testActor, id, 'No such tag here')).rejects.toMatchObject({ code: 'TAG_MERGE_TARGET', details: { field: 'into' } });
      expect(await tagNames(article.id)).toEqual(['Lonely tag']);
    });
  });

  it('lets only owners, admins and editors list, rename and merge tags', async () => {
    await expectOnlyRoles(actors, managers, (actor) => t.ctx.content.tags.listForAdmin(actor, page));
    await expectOnlyRoles(actors, managers, async (actor, role) => t.ctx.content.tags.rename(actor, (await tagged([`Role ${role}`])).tags[0].id, `Renamed ${role}`));
    await expectOnlyRoles(actors, managers, async (actor, role) => t.ctx.content.tags.merge(actor, (await tagged([`Merge ${role}`, 'Merge target'])).tags[0].id, 'Merge target'));
  });
});
