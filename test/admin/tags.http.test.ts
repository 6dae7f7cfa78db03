import { afterAll, beforeAll, expect, it } from 'vitest';
import { follow, pageText } from '../helpers/admin-follow.js';
import { type AdminSession, signInAs } from '../helpers/admin-session.js';
import { buildTestApp, type TestApp } from '../helpers/build-test-app.js';
import { publishArticle, testActor } from '../helpers/factories.js';
import { forEachDatabase } from '../helpers/for-each-database.js';

forEachDatabase('admin tags screen', (database) => {
  let t: TestApp;
  let editor: AdminSession;
  let sectionId: number;
  const tagged = (tags: string[]) => publishArticle(t.ctx, { sectionId, tags });

  beforeAll(async () => {
    t = await buildTestApp(database);
    editor = await signInAs(t, 'editor');
    sectionId = (await t.ctx.content.sections.create(testActor, { name: 'News' })).id;
  });
  afterAll(() => t.close());

  it('sends a signed-out visitor to the login page and refuses authors and moderators', async () => {
    const article = await tagged(['Guarded']);
    expect((await t.inject({ url: '/admin/tags' })).headers.location).toBe('/admin/login?next=%2Fadmin%2Ftags');
    const author = await signInAs(t, 'author');
    expect((await author.get('/admin/tags')).statusCode).toBe(403);
    const moderator = await signInAs(t, 'moderator');
    expect((await moderator.post(`/admin/tags/${article.tags[0].id}/rename`, { name: 'Hijacked' })).statusCode).toBe(403);
    expect((await t.ctx.content.tags.byId(article.tags[0].id)).name).toBe('Guarded');
  });

  it('lists tags with their article counts and searches them', async () => {
    await tagged(['Economy', 'Inflation']);
    await tagged(['Economy']);
    const page = await editor.get('/admin/tags?q=econ');
    expect(page.statusCode).toBe(200);
    expect(page.body).toMatch(/>Economy<\/a><\/td><td class="optional"><a href="\/tag\/economy\/">\/tag\/economy\/<\/a><\/td><td class="count">2</);
    expect(page.body).not.toContain('Inflation');
    expect(page.body).toContain('value="econ"');
  });

  it('renames a tag and shows a name another tag has beside the field, keeping what was typed', async () => {
    const article = await tagged(['Goverment', 'Government']);
    const [typo] = article.tags;
    const clash = await editor.post(`/admin/tags/${typo.id}/rename`, { name: 'government' });
    expect(clash.statusCode).toBe(409);
    expect(pageText(clash.body)).toMatch(/id="field-name-error">The tag "Government" already has the address \/tag\/government\/; merge this tag into it instead/);
    expect(clash.body).toContain('value="government"');
    const renamed = await editor.post(`/admin/tags/${typo.id}/rename`, { name: 'Cabinet' });
    expect((await follow(t, editor, renamed)).body).toContain('Renamed the tag to Cabinet.');
    expect(await t.ctx.content.tags.byId(typo.id)).toMatchObject({ name: 'Cabinet', slug: 'cabinet' });
  });

  it('merges a tag into another picked by name', async () => {
    const article = await tagged(['Sofia city', 'Sofia']);
    const other = await tagged(['Sofia city']);
    const [from, into] = article.tags;
    const unknown = await editor.post(`/admin/tags/${from.id}/merge`, { into: 'Plovdiv city' });
    expect(unknown.statusCode).toBe(400);
    expect(pageText(unknown.body)).toMatch(/id="field-into-error">There is no tag named "Plovdiv city"/);
    expect(unknown.body).toContain('value="Plovdiv city"');
    const merged = await editor.post(`/admin/tags/${from.id}/merge`, { into: 'sofia' });
    expect(merged.headers.location).toBe(`/admin/tags/${into.id}`);
    expect((await follow(t, editor, merged)).body).toContain('Merged Sofia city into Sofia (1 article gained the tag).');
    expect((await t.ctx.content.articles.byId(other.id)).tags.map((tag) => tag.name)).toEqual(['Sofia']);
    expect((await editor.get(`/admin/tags/${from.id}`)).statusCode).toBe(404);
  });
});
