import { afterEach, beforeEach, expect, it } from 'vitest';
import { signInAs } from '../helpers/admin-session.js';
import { buildTestApp, type TestApp } from '../helpers/build-test-app.js';
import { seedNewsroom, testActor } from '../helpers/factories.js';
import { forEachDatabase } from '../helpers/for-each-database.js';
import { dom } from '../web/comments-helpers.js';

forEachDatabase('the Wire queue', (database) => {
  let t: TestApp;
  beforeEach(async () => {
    t = await buildTestApp(database);
  });
  afterEach(async () => t.close());

  it('lists drafts that came from sources, not staff drafts or published wire stories', async () => {
    const n = await seedNewsroom(t.ctx);
    const create = (title: string, extra: object) => t.ctx.content.articles.create(testActor, { title, body: 'Text.', sectionId: n.world.id, ...extra });
    await create('Agency draft awaiting review', { sourceId: n.bgnes.id });
    await create('Staff draft', {});
    await create('Agency story already live', { sourceId: n.bgnes.id, status: 'published' });
    const editor = await signInAs(t, 'editor');
    const page = await editor.get('/admin/articles?status=wire');
    expect(page.statusCode).toBe(200);
    const titles = [...dom(page.body).querySelectorAll('table a')].map((a) => a.textContent?.trim());
    expect(titles).toContain('Agency draft awaiting review');
    expect(titles).not.toContain('Staff draft');
    expect(titles).not.toContain('Agency story already live');
    expect(dom((await editor.get('/admin')).body).querySelector('a[href="/admin/articles?status=wire"]')?.textContent).toBe('Wire');
  });

  it('is not offered to authors, who see only their own articles', async () => {
    const author = await signInAs(t, 'author');
    expect(dom((await author.get('/admin')).body).querySelector('a[href="/admin/articles?status=wire"]')).toBeNull();
  });
});
