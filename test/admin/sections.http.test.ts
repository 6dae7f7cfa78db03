import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { follow, pageText } from '../helpers/admin-follow.js';
import { type AdminSession, signInAs } from '../helpers/admin-session.js';
import { buildTestApp, type TestApp } from '../helpers/build-test-app.js';
import { publishArticle, testActor } from '../helpers/factories.js';
import { forEachDatabase } from '../helpers/for-each-database.js';

forEachDatabase('admin sections screen', (database) => {
  let t: TestApp;
  let editor: AdminSession;
  const create = (name: string, parentId: number | null = null) => t.ctx.content.sections.create(testActor, { name, parentId });
  const childNames = async (parentId: number) => (await t.ctx.content.sections.byId(parentId)).children.map((s) => s.name);

  beforeAll(async () => {
    t = await buildTestApp(database);
    editor = await signInAs(t, 'editor');
  });
  afterAll(() => t.close());

  it('sends a signed-out visitor to the login page', async () => {
    const response = await t.inject({ url: '/admin/sections' });
    expect(response.statusCode).toBe(303);
    expect(response.headers.location).toBe('/admin/login?next=%2Fadmin%2Fsections');
  });

  it('refuses authors and moderators with the 403 page, and their posts change nothing', async () => {
    const author = await signInAs(t, 'author');
    const moderator = await signInAs(t, 'moderator');
    expect((await author.get('/admin/sections')).statusCode).toBe(403);
    const refused = await moderator.post('/admin/sections', { name: 'Sneaky' });
    expect(refused.statusCode).toBe(403);
    expect(refused.body).toContain('may not: add, edit, nest and order sections');
    expect(await t.ctx.content.sections.byPath('sneaky')).toBeUndefined();
  });

  it('shows the tree and adds a section under a parent', async () => {
    const world = await create('World');
    const added = await editor.post('/admin/sections', { name: 'Europe', slug: '', description: 'The continent', parentId: String(world.id) });
    expect(added.statusCode).toBe(303);
    const europe = await t.ctx.content.sections.byPath('world/europe');
    expect(europe).toMatchObject({ description: 'The continent' });
    const page = await follow(t, editor, added);
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('Added the section Europe.');
    expect(page.body).toContain(`href="/admin/sections/${europe?.id}"`);
    expect(page.body).toContain('/world/europe/');
  });

  it('keeps what was typed and shows each error beside its field', async () => {
    const empty = await editor.post('/admin/sections', { name: '', slug: 'kept-slug', description: 'Kept description', parentId: '' });
    expect(empty.statusCode).toBe(400);
    expect(empty.body).toMatch(/id="field-name-error">A section needs a name/);
    expect(empty.body).toContain('value="kept-slug"');
    expect(empty.body).toContain('Kept description');
    const badSlug = await editor.post('/admin/sections', { name: 'Culture', slug: 'Bad slug!' });
    expect(badSlug.statusCode).toBe(400);
    expect(badSlug.body).toMatch(/id="field-slug-error">Invalid slug/);
    expect(badSlug.body).toContain('value="Culture"');
  });

  it('refuses to move a section under its own sub-section, beside the parent field', async () => {
    const top = await create('Top');
    const child = await create('Child', top.id);
    const response = await editor.post(`/admin/sections/${top.id}`, { name: 'Top', slug: 'top', description: '', parentId: String(child.id) });
    expect(response.statusCode).toBe(400);
    expect(pageText(response.body)).toMatch(/id="field-parentId-error">"Top" cannot go under itself/);
    expect((await t.ctx.content.sections.byId(top.id)).parentId).toBeNull();
    const edit = await editor.get(`/admin/sections/${top.id}`);
    // The parent select offers neither the section nor anything under it.
    expect(edit.body).not.toContain(`<option value="${child.id}"`);
  });

  it('edits a section and moves it up and down among its siblings', async () => {
    const parent = await create('Parent');
    const first = await create('First', parent.id);
    const second = await create('Second', parent.id);
    const saved = await editor.post(`/admin/sections/${first.id}`, { name: 'First renamed', slug: 'first', description: 'New words', parentId: String(parent.id) });
    expect(saved.statusCode).toBe(303);
    expect(await t.ctx.content.sections.byId(first.id)).toMatchObject({ name: 'First renamed', description: 'New words' });
    expect((await editor.post(`/admin/sections/${second.id}/move`, { direction: 'up' })).statusCode).toBe(303);
    expect(await childNames(parent.id)).toEqual(['Second', 'First renamed']);
    await editor.post(`/admin/sections/${second.id}/move`, { direction: 'down' });
    expect(await childNames(parent.id)).toEqual(['First renamed', 'Second']);
  });

  describe('delete', () => {
    it('deletes an empty section', async () => {
      const empty = await create('Empty');
      const response = await editor.post(`/admin/sections/${empty.id}/delete`);
      expect(response.statusCode).toBe(303);
      expect((await follow(t, editor, response)).body).toContain('Deleted the section Empty.');
    });

    it('refuses a section that holds articles with a clear message on its page', async () => {
      const busy = await create('Busy');
      await publishArticle(t.ctx, { sectionId: busy.id });
      const response = await editor.post(`/admin/sections/${busy.id}/delete`);
      expect(response.statusCode).toBe(409);
      expect(pageText(response.body)).toMatch(/class="form-error" role="alert">"Busy" still holds 1 article; move them to another section first\./);
      expect(await t.ctx.content.sections.byId(busy.id)).toBeTruthy();
    });
  });

  it('answers 404 for a section that does not exist or a malformed id', async () => {
    expect((await editor.get('/admin/sections/999999')).statusCode).toBe(404);
    expect((await editor.get('/admin/sections/abc')).statusCode).toBe(404);
    expect((await editor.post('/admin/sections/1e3', { name: 'x' })).statusCode).toBe(404);
  });
});
