import { afterEach, beforeEach, expect, it } from 'vitest';
import { signInAs } from '../helpers/admin-session.js';
import { buildTestApp, type TestApp } from '../helpers/build-test-app.js';
import { publishArticle, seedNewsroom } from '../helpers/factories.js';
import { forEachDatabase } from '../helpers/for-each-database.js';
import { dom, postComment } from '../web/comments-helpers.js';

forEachDatabase('staff commenting with their admin session', (database) => {
  let t: TestApp;
  beforeEach(async () => {
    t = await buildTestApp(database);
  });
  afterEach(async () => t.close());

  it('posts under the staff account, approved at once, with the Staff badge', async () => {
    const newsroom = await seedNewsroom(t.ctx);
    const article = await publishArticle(t.ctx, { title: 'Staff answer here', sectionId: newsroom.world.id });
    const path = `/world/${article.slug}`;
    const moderator = await signInAs(t, 'moderator');
    const response = await postComment(t, path, article.id, { content: 'Thanks, we have corrected the figure.', authorName: 'Anyone', authorEmail: 'anyone@example.com' }, { cookie: moderator.cookie });
    expect(response.statusCode).toBe(303);
    expect(response.headers.location).toMatch(/#comment-\d+$/);
    const page = dom((await t.inject({ url: path })).body);
    const comment = page.querySelector('.comment-staff');
    expect(comment?.textContent).toContain('Thanks, we have corrected the figure.');
    expect(comment?.querySelector('.badge-staff')?.textContent).toBe('Staff');
    expect(comment?.textContent).not.toContain('Anyone');
  });
});
