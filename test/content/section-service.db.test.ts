import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Actor, Role } from '../../src/shared/actor.js';
import { buildTestApp, type TestApp } from '../helpers/build-test-app.js';
import { publishArticle, testActor } from '../helpers/factories.js';
import { forEachDatabase } from '../helpers/for-each-database.js';
import { actorsByRole, expectOnlyRoles } from '../helpers/role-matrix.js';

const managers = ['owner', 'admin', 'editor'] as const;

forEachDatabase('section service', (database) => {
  let t: TestApp;
  let actors: Record<Role, Actor>;
  let n = 0;
  const section = (name = `Section ${++n}`, parentId: number | null = null) => t.ctx.content.sections.create(testActor, { name, parentId });
  const names = async (parentId: number | null) => {
    const tree = await t.ctx.content.sections.tree();
    return (parentId === null ? tree.roots : (tree.all.get(parentId)?.children ?? [])).map((s) => s.name);
  };

  beforeAll(async () => {
    t = await buildTestApp(database);
    actors = await actorsByRole(t.ctx);
  });
  afterAll(() => t.close());

  describe('update', () => {
    it('edits name, slug and description, and moves a section under a new parent as its last child', async () => {
      const world = await section('World');
      const europe = await section('Europe', world.id);
      const asia = await section('Asia');
      const edited = await t.ctx.content.sections.update(testActor, asia.id, { name: 'Asia Pacific', slug: 'asia-pacific', description: 'East and south', parentId: world.id });
      expect(edited).toMatchObject({ name: 'Asia Pacific', slug: 'asia-pacific', description: 'East and south', parentId: world.id, path: 'world/asia-pacific' });
      expect(await names(world.id)).toEqual([europe.name, 'Asia Pacific']);
      const back = await t.ctx.content.sections.update(testActor, asia.id, { name: 'Asia Pacific', slug: '', parentId: null });
      expect(back.path).toBe('asia-pacific');
    });

    it('refuses to put a section under itself or under one of its own sub-sections', async () => {
      const top = await section();
      const middle = await section(undefined, top.id);
      const bottom = await section(undefined, middle.id);
      for (const parentId of [top.id, middle.id, bottom.id]) {
        await expect(t.ctx.content.sections.update(testActor, top.id, { name: top.name, parentId })).rejects.toMatchObject({ code: 'SECTION_CYCLE', details: { field: 'parentId' } });
      }
      expect((await t.ctx.content.sections.byId(top.id)).parentId).toBeNull();
    });

    it('refuses a slug a sibling already has, naming the field; the same slug elsewhere is fine', async () => {
      const parent = await section();
      await section('Sport', parent.id);
      const other = await section('Other', parent.id);
      await expect(t.ctx.content.sections.update(testActor, other.id, { name: 'Other', slug: 'sport', parentId: parent.id })).rejects.toMatchObject({ kind: 'conflict', details: { field: 'slug' } });
      await expect(t.ctx.content.sections.update(testActor, other.id, { name: 'Other', slug: 'bad slug!', parentId: parent.id })).rejects.toMatchObject({ kind: 'invalid', details: { field: 'slug' } });
      await expect(t.ctx.content.sections.update(testActor, other.id, { name: ' ', parentId: parent.id })).rejects.toMatchObject({ details: { field: 'name' } });
      await expect(t.ctx.content.sections.update(testActor, other.id, { name: 'Other', parentId: 999_999 })).rejects.toMatchObject({ details: { field: 'parentId' } });
      expect((await t.ctx.content.sections.update(testActor, other.id, { name: 'Other', slug: 'sport', parentId: null })).path).toBe('sport');
    });
  });

  describe('reorder', () => {
    it('moves a section up or down among its siblings and does nothing at either end', async () => {
      const parent = await section();
      const [a, b, c] = [await section('A', parent.id), await section('B', parent.id), await section('C', parent.id)];
      await t.ctx.content.sections.reorder(testActor, c.id, 'up');
      expect(await names(parent.id)).toEqual(['A', 'C', 'B']);
      await t.ctx.content.sections.reorder(testActor, a.id, 'down');
      expect(await names(parent.id)).toEqual(['C', 'A', 'B']);
      await t.ctx.content.sections.reorder(testActor, c.id, 'up');
      await t.ctx.content.sections.reorder(testActor, b.id, 'down');
      expect(await names(parent.id)).toEqual(['C', 'A', 'B']);
    });
  });

  describe('remove', () => {
    it('deletes an empty section and records it', async () => {
      const empty = await section('Empty one');
      await t.ctx.content.sections.remove(testActor, empty.id);
      await expect(t.ctx.content.sections.byId(empty.id)).rejects.toMatchObject({ code: 'SECTION_NOT_FOUND' });
      expect((await t.ctx.audit.listRecent(5)).some((e) => e.action === 'section.remove' && e.subjectId === String(empty.id))).toBe(true);
    });

    it('refuses a section that holds articles, has sub-sections or is a source rule’s target, saying why', async () => {
      const full = await section('Full');
      await publishArticle(t.ctx, { sectionId: full.id });
      await t.ctx.content.articles.create(testActor, { title: 'A draft', body: 'Draft.', sectionId: full.id });
      await expect(t.ctx.content.sections.remove(testActor, full.id)).rejects.toMatchObject({ code: 'SECTION_NOT_EMPTY', userMessage: expect.stringContaining('still holds 2 articles') });
      const parent = await section('Parent');
      await section('Child', parent.id);
      await expect(t.ctx.content.sections.remove(testActor, parent.id)).rejects.toMatchObject({ code: 'SECTION_HAS_CHILDREN' });
      const ruled = await section('Ruled');
      await t.ctx.content.sources.create(testActor, { name: 'Rule Wire', rules: [{ field: 'category', value: 'Sport', sectionId: ruled.id }] });
      await expect(t.ctx.content.sections.remove(testActor, ruled.id)).rejects.toMatchObject({ code: 'SECTION_IN_RULES', userMessage: expect.stringContaining('Rule Wire') });
      for (const id of [full.id, parent.id, ruled.id]) expect(await t.ctx.content.sections.byId(id)).toBeTruthy();
    });
  });

  it('lets only owners, admins and editors read the admin overview and change sections', async () => {
    const target = await section('Role target');
    const parent = await section('Role parent');
    await expectOnlyRoles(actors, managers, (actor) => t.ctx.content.sections.overview(actor));
    await expectOnlyRoles(actors, managers, (actor, role) => t.ctx.content.sections.create(actor, { name: `Made by ${role}` }));
    await expectOnlyRoles(actors, managers, (actor, role) => t.ctx.content.sections.update(actor, target.id, { name: `Renamed by ${role}`, parentId: parent.id }));
    await expectOnlyRoles(actors, managers, (actor) => t.ctx.content.sections.reorder(actor, target.id, 'up'));
    await expectOnlyRoles(actors, managers, async (actor, role) => t.ctx.content.sections.remove(actor, (await section(`Doomed ${role}`)).id));
  });
});
