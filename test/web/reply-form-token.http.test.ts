import { afterEach, beforeEach, expect, it } from 'vitest';
import { buildTestApp, type TestApp } from '../helpers/build-test-app.js';
import { publishArticle, seedNewsroom, testActor } from '../helpers/factories.js';
import { forEachDatabase } from '../helpers/for-each-database.js';
import { postComment, tokenIn } from './comments-helpers.js';

forEachDatabase('the reply form under a comment', (database) => {
  let t: TestApp;
  beforeEach(async () => {
    t = await buildTestApp(database);
  });
  afterEach(async () => t.close());

  it('carries a real form token on a reader’s personal page, so the reply can be sent', async () => {
    const n = await seedNewsroom(t.ctx);
    const article = await publishArticle(t.ctx, { sectionId: n.world.id });
    const path = `/world/${article.slug}`;
    const first = await postComment(t, path, article.id, { content: 'First thoughts on this.', authorName: 'Ann', authorEmail: 'ann@example.com' });
    const cookie = String(first.headers['set-cookie']).split(';')[0];
    const id = Number(/unapproved=(\d+)/.exec(String(first.headers.location))?.[1]);
    await t.ctx.comments.moderate(testActor, id, 'approve');
    // Ann still holds her pending-comment cookie: her page is personal, with the form under her comment.
    const page = await t.inject({ url: `${path}?replytocom=${id}`, headers: { cookie } });
    const token = tokenIn(page.body);
    expect(token).toMatch(/^\d+\.[\w-]+$/);
    const reply = await postComment(t, path, article.id, { content: 'And a follow-up.', authorName: 'Ann', authorEmail: 'ann@example.com', parentId: String(id) }, { cookie, token });
    expect(reply.statusCode).toBe(303);
    expect(reply.headers.location).toMatch(/#comment-\d+$/);
  });
});
