import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Article } from '../../src/content/index.js';
import { FORM_TOKEN_PLACEHOLDER } from '../../src/web/views/comments/comment-form.js';
import { buildTestApp, type TestApp } from '../helpers/build-test-app.js';
import { publishArticle, seedNewsroom, testActor } from '../helpers/factories.js';
import { forEachDatabase } from '../helpers/for-each-database.js';
import { commentIdsOn, cookieFrom, dom, freshIp, postComment, tokenIn } from './comments-helpers.js';

/**
 * With the page cache off, every request still routes, reads and renders, but through the
 * caches below it: the content read cache, cards and bodies kept per article object, the shell
 * kept per chrome, and comment sections kept per Article. Each must let a change show on the
 * very next request.
 */
forEachDatabase('caches below the page cache', (database) => {
  let t: TestApp;
  let newsroom: Awaited<ReturnType<typeof seedNewsroom>>;
  let n = 0;

  async function article(overrides: Partial<Parameters<typeof publishArticle>[1]> = {}): Promise<Article & { path: string }> {
    n++;
    const a = await publishArticle(t.ctx, { title: `Cached story ${n}`, slug: `cached-story-${n}`, sectionId: newsroom.world.id, tags: ['Caching'], ...overrides });
    return Object.assign(a, { path: `/world/${a.slug}` });
  }
  const get = async (url: string) => (await t.inject(url)).body;
  const comment = (content: string) => ({ content, authorName: 'Ann Reader', authorEmail: 'ann@example.com' });

  async function approvedComment(a: Article & { path: string }, content: string): Promise<number> {
    const res = await postComment(t, a.path, a.id, comment(content), { ip: freshIp() });
    const id = Number(/#comment-(\d+)$/.exec(String(res.headers.location))?.[1]);
    await t.ctx.comments.moderate(testActor, id, 'approve');
    return id;
  }

  beforeAll(async () => {
    t = await buildTestApp(database, { pageCache: false });
    newsroom = await seedNewsroom(t.ctx);
  });
  afterAll(() => t.close());

  describe('content', () => {
    it('shows an edited title on the next request: article page, home, section, tag page and related cards', async () => {
      const a = await article({ title: 'Before the edit' });
      const neighbour = await article();
      for (const url of [a.path, '/', '/world/', '/tag/caching/', neighbour.path]) expect(await get(url), url).toContain('Before the edit');
      expect(t.ctx.content.readCache.size).toBeGreaterThan(0);

      await t.ctx.content.articles.update(testActor, a.id, a.version, { title: 'After the edit', body: 'A new body.' });
      for (const url of [a.path, '/', '/world/', '/tag/caching/', neighbour.path]) {
        const body = await get(url);
        expect(body, url).toContain('After the edit');
        expect(body, url).not.toContain('Before the edit');
      }
      expect(await get(a.path)).toContain('<p>A new body.</p>');
    });

    it('lists a newly published article at once, and answers 404 once an article is unpublished', async () => {
      await get('/');
      const a = await article({ title: 'Fresh off the desk' });
      expect(await get('/')).toContain('Fresh off the desk');
      expect(await get('/world/')).toContain('Fresh off the desk');
      await t.ctx.content.articles.update(testActor, a.id, a.version, { status: 'draft' });
      expect((await t.inject(a.path)).statusCode).toBe(404);
      expect(await get('/')).not.toContain('Fresh off the desk');
    });

    it('puts a scheduled article live when its time comes, without any write', async () => {
      const at = new Date(t.clock.now().getTime() + 3_600_000);
      await article({ title: 'Embargoed until noon', status: 'scheduled', publishedAt: at });
      expect(await get('/')).not.toContain('Embargoed until noon');
      // Read again, so the lists are served from the cache, not loaded afresh.
      expect(await get('/')).not.toContain('Embargoed until noon');
      t.clock.advance(3_600_000);
      try {
        expect(await get('/')).toContain('Embargoed until noon');
      } finally {
        t.clock.set(new Date(t.clock.now().getTime() - 3_600_000));
      }
      // The clock went back: what went live is hidden again.
      expect(await get('/')).not.toContain('Embargoed until noon');
    });

    it('shows site settings, a renamed section and a renamed source everywhere at once', async () => {
      const a = await article({ sourceId: newsroom.bgnes.id });
      await get(a.path);
      await t.ctx.content.settings.update(testActor, { title: 'The Morning Ledger' });
      await t.ctx.content.sections.update(testActor, newsroom.business.id, { name: 'Money', slug: 'money', parentId: null, description: '' });
      await t.ctx.content.sources.updateSettings(testActor, newsroom.bgnes.id, { attributionTemplate: 'Filed by {name}' });
      const page = dom(await get(a.path));
      expect(page.querySelector('.site-title')?.textContent).toBe('The Morning Ledger');
      expect(page.querySelector('title')?.textContent).toContain('The Morning Ledger');
      expect([...page.querySelectorAll('.sections-nav a')].map((link) => link.textContent)).toContain('Money');
      expect(page.querySelector('.attribution')?.textContent).toBe('Filed by BGNES');
    });
  });

  describe('comments', () => {
    it('shows an approved comment at once, and drops it at once when unapproved, edited or deleted', async () => {
      const a = await article();
      expect(commentIdsOn(await get(a.path))).toEqual([]);
      const id = await approvedComment(a, 'First, and approved.');
      const shown = await t.inject(a.path);
      expect(commentIdsOn(shown.body)).toEqual([id]);
      expect(dom(shown.body).querySelector('#comments-heading')?.textContent).toBe('1 Comment');

      await t.ctx.comments.edit(testActor, id, { content: 'Edited by a moderator.' });
      expect(await get(a.path)).toContain('Edited by a moderator.');
      // The page changed, so its validator did too.
      expect((await t.inject({ url: a.path, headers: { 'if-none-match': String(shown.headers.etag) } })).statusCode).toBe(200);

      await t.ctx.comments.moderate(testActor, id, 'unapprove');
      expect(commentIdsOn(await get(a.path))).toEqual([]);
      await t.ctx.comments.moderate(testActor, id, 'approve');
      expect(commentIdsOn(await get(a.path))).toEqual([id]);
      await t.ctx.comments.deletePermanently(testActor, id);
      expect(commentIdsOn(await get(a.path))).toEqual([]);
    });

    it('keeps one Article comments when another gets a comment, and shows each its own', async () => {
      const a = await article();
      const b = await article();
      const onA = await approvedComment(a, 'On the first story.');
      await get(a.path);
      const onB = await approvedComment(b, 'On the second story.');
      expect(commentIdsOn(await get(a.path))).toEqual([onA]);
      expect(commentIdsOn(await get(b.path))).toEqual([onB]);
    });

    it('shows a pending comment to its author only, and never puts it in the shared section', async () => {
      const a = await article();
      const approved = await approvedComment(a, 'Already approved.');
      await get(a.path);
      // A first-time commenter: pre-moderation holds the comment.
      const res = await postComment(t, a.path, a.id, { ...comment('Waiting for a moderator.'), authorEmail: 'first-time@example.com' }, { ip: freshIp() });
      const pending = Number(/#comment-(\d+)$/.exec(String(res.headers.location))?.[1]);
      const cookie = cookieFrom(res.headers['set-cookie']);

      const mine = await t.inject({ url: a.path, headers: { cookie } });
      expect(mine.headers['cache-control']).toBe('private, no-cache');
      expect(commentIdsOn(mine.body)).toEqual([approved, pending]);
      const others = await t.inject(a.path);
      expect(others.headers['cache-control']).not.toContain('private');
      expect(commentIdsOn(others.body)).toEqual([approved]);
      expect(others.body).not.toContain('Waiting for a moderator.');
      // Once approved, everyone sees it.
      await t.ctx.comments.moderate(testActor, pending, 'approve');
      expect(commentIdsOn(await get(a.path))).toEqual([approved, pending]);
    });

    it('puts the form token into the form even when the title or a comment quotes the placeholder', async () => {
      const a = await article({ title: `About ${FORM_TOKEN_PLACEHOLDER}` });
      const id = await approvedComment(a, `Look: ${FORM_TOKEN_PLACEHOLDER}`);
      const page = await get(a.path);
      expect(tokenIn(page)).toMatch(/^\d+\.[\w-]{43}$/);
      expect(dom(page).querySelector('h1')?.textContent).toBe(`About ${FORM_TOKEN_PLACEHOLDER}`);
      expect(dom(page).querySelector(`#comment-${id} .comment-content`)?.textContent).toContain(FORM_TOKEN_PLACEHOLDER);
    });

    it('closes the form at once when the comment settings close comments', async () => {
      const a = await article();
      expect(dom(await get(a.path)).querySelector('#commentform')).not.toBeNull();
      await t.ctx.comments.settings.update(testActor, { policy: 'closed' });
      try {
        const page = dom(await get(a.path));
        expect(page.querySelector('#commentform')).toBeNull();
        expect(page.querySelector('.comments-closed')?.textContent).toBe('Comments are closed.');
      } finally {
        await t.ctx.comments.settings.update(testActor, { policy: 'open' });
      }
    });

    it('writes "… ago" for the moment of each request, as a fresh render would', async () => {
      const a = await article();
      const id = await approvedComment(a, 'Time flies.');
      const ago = async () => dom(await get(a.path)).querySelector(`#comment-${id} .comment-ago`)?.textContent;
      expect(await ago()).toBe('this minute');
      t.clock.advance(2 * 3_600_000);
      try {
        expect(await ago()).toBe('2 hours ago');
        t.clock.advance(3_600_000);
        expect(await ago()).toBe('3 hours ago');
      } finally {
        t.clock.set(new Date(t.clock.now().getTime() - 3 * 3_600_000));
      }
      expect(await ago()).toBe('this minute');
    });
  });
});
