import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Article } from '../../src/content/index.js';
import { buildTestApp, type TestApp } from '../helpers/build-test-app.js';
import { publishArticle, seedNewsroom, testActor } from '../helpers/factories.js';
import { forEachDatabase } from '../helpers/for-each-database.js';
import { commentIdsOn, cookieFrom, dom, freshIp, postComment, tokenIn } from './comments-helpers.js';

const xssPayloads = readFileSync(new URL('../fixtures/xss-payloads.txt', import.meta.url), 'utf8')
  .split('\n')
  .filter((line) => line.trim().length >= 2);

forEachDatabase('comments on the public site', (database) => {
  let t: TestApp;
  let newsroom: Awaited<ReturnType<typeof seedNewsroom>>;
  let n = 0;

  async function article(overrides: Partial<Parameters<typeof publishArticle>[1]> = {}): Promise<Article & { path: string }> {
    n++;
    const a = await publishArticle(t.ctx, { title: `Comment test ${n}`, slug: `comment-test-${n}`, sectionId: newsroom.world.id, ...overrides });
    return Object.assign(a, { path: `/world/${a.slug}` });
  }

  async function countComments(articleId: number): Promise<number> {
    return (await t.ctx.comments.list(testActor, { articleId, limit: 500 })).length;
  }

  const guest = (extra: Record<string, string> = {}) => ({ content: 'A thoughtful remark about this story.', authorName: 'Ann Reader', authorEmail: 'ann@example.com', ...extra });

  beforeAll(async () => {
    t = await buildTestApp(database);
    newsroom = await seedNewsroom(t.ctx);
  });
  afterAll(() => t.close());

  describe('the form', () => {
    it('shows "Leave a Comment" with the privacy notice, the fields, a honeypot and a signed token', async () => {
      const a = await article();
      const doc = dom((await t.inject(a.path)).body);
      expect(doc.querySelector('#reply-title')?.textContent).toBe('Leave a Comment');
      const notes = doc.querySelector('.comment-notes');
      expect(notes?.textContent).toContain('This site filters spam on its own server. Learn how your comment data is processed.');
      expect(notes?.querySelector('a')?.getAttribute('href')).toBe('/privacy');
      for (const name of ['content', 'authorName', 'authorEmail', 'authorUrl', 'url', 'articleId', 'parentId', 'formToken']) {
        expect(doc.querySelector(`#commentform [name="${name}"]`), name).not.toBeNull();
      }
      expect(doc.querySelector('#commentform')?.getAttribute('action')).toBe('/comments');
      expect(tokenIn(doc.toString())).toMatch(/^\d+\.[\w-]{43}$/);
    });

    it('gives every send of a cached page a fresh token, so the time-to-submit still counts', async () => {
      const a = await article();
      const first = tokenIn((await t.inject(a.path)).body);
      t.clock.advance(10_000);
      const second = await t.inject(a.path);
      expect(t.app.pageCache.size).toBeGreaterThan(0);
      expect(tokenIn(second.body)).not.toBe(first);
      expect(Number(tokenIn(second.body).split('.')[0])).toBe(t.clock.now().getTime());
    });
  });

  describe('post/redirect/get and pending visibility', () => {
    it('holds a guest comment in pre-moderation, redirects to it with a signed cookie and shows it to that browser only', async () => {
      const a = await article();
      const res = await postComment(t, a.path, a.id, guest(), { ip: freshIp() });
      expect(res.statusCode).toBe(303);
      const id = Number(/#comment-(\d+)$/.exec(String(res.headers.location))?.[1]);
      expect(res.headers.location).toBe(`${a.path}?unapproved=${id}#comment-${id}`);
      const setCookie = String(res.headers['set-cookie']);
      expect(setCookie).toMatch(/^bs_pending=[\d-]+\.[\w-]{43}; Path=\/; Max-Age=\d+; HttpOnly; SameSite=Lax$/);
      const cookie = cookieFrom(res.headers['set-cookie']);

      // Prime the shared cache first: the reader's page must still be personal.
      await t.inject(a.path);
      const mine = await t.inject({ url: a.path, headers: { cookie } });
      expect(mine.headers['cache-control']).toBe('private, no-cache');
      expect(commentIdsOn(mine.body)).toEqual([id]);
      expect(dom(mine.body).querySelector('.comment-notice')?.textContent).toBe('Your comment is awaiting moderation.');
      expect(dom(mine.body).querySelector(`#comment-${id} .comment-awaiting-moderation`)).not.toBeNull();

      const others = await t.inject(a.path);
      expect(commentIdsOn(others.body)).toEqual([]);
      expect(others.body).not.toContain('awaiting moderation');
      const tampered = await t.inject({ url: a.path, headers: { cookie: cookie.replace(/=(\d+)/, (_, d) => `=${Number(d) + 1}`) } });
      expect(commentIdsOn(tampered.body)).toEqual([]);
      // After the personal page, the shared cached page is still the public one.
      expect(commentIdsOn((await t.inject(a.path)).body)).toEqual([]);
    });

    it('publishes in post-moderation and redirects to the comment, which the cached page shows at once', async () => {
      await t.ctx.comments.settings.update(testActor, { moderation: { mode: 'post' } });
      try {
        const a = await article();
        const before = await t.inject(a.path);
        expect(commentIdsOn(before.body)).toEqual([]);
        const res = await postComment(t, a.path, a.id, guest({ authorEmail: 'post-mode@example.com' }), { ip: freshIp() });
        expect(res.statusCode).toBe(303);
        const id = Number(/#comment-(\d+)$/.exec(String(res.headers.location))?.[1]);
        expect(res.headers.location).toBe(`${a.path}#comment-${id}`);
        expect(res.headers['set-cookie']).toBeUndefined();
        const after = await t.inject(a.path);
        expect(commentIdsOn(after.body)).toEqual([id]);
        expect(dom(after.body).querySelector('#comments-heading')?.textContent).toBe('1 Comment');
      } finally {
        await t.ctx.comments.settings.update(testActor, { moderation: { mode: 'pre' } });
      }
    });

    it('lets a known commenter (one approved comment under the same email) skip the pre-moderation hold', async () => {
      const a = await article();
      const first = await postComment(t, a.path, a.id, guest({ authorEmail: 'regular@example.com' }), { ip: freshIp() });
      const firstId = Number(/#comment-(\d+)$/.exec(String(first.headers.location))?.[1]);
      await t.ctx.comments.moderate(testActor, firstId, 'approve');
      const second = await postComment(t, a.path, a.id, guest({ authorEmail: 'Regular@Example.com', content: 'And another thing.' }), { ip: freshIp() });
      expect(second.headers.location).toMatch(new RegExp(`^${a.path}#comment-\\d+$`));
    });

    it('re-shows the form with the text kept and each error beside its field (400)', async () => {
      const a = await article();
      const res = await postComment(t, a.path, a.id, { content: 'x', authorName: '', authorEmail: 'not-an-email', authorUrl: 'javascript:alert(1)' }, { ip: freshIp() });
      expect(res.statusCode).toBe(400);
      const doc = dom(res.body);
      expect(doc.querySelector('#comment-content')?.textContent).toBe('x');
      expect(doc.querySelector('#comment-content')?.getAttribute('aria-invalid')).toBe('true');
      expect(doc.querySelector('#comment-content-error')?.textContent).toContain('too short');
      expect(doc.querySelector('#comment-author-error')?.textContent).toContain('name');
      expect(doc.querySelector('#comment-email-error')?.textContent).toContain('valid email');
      expect(doc.querySelector('#comment-url-error')?.textContent).toContain('http');
      expect(await countComments(a.id)).toBe(0);
    });
  });

  describe('length limits', () => {
    it('accepts 2 and 5,000 characters and refuses 1 and 5,001', async () => {
      const a = await article();
      const ip = freshIp();
      expect((await postComment(t, a.path, a.id, guest({ content: 'ok' }), { ip })).statusCode).toBe(303);
      expect((await postComment(t, a.path, a.id, guest({ content: 'é'.repeat(5000) }), { ip })).statusCode).toBe(303);
      const short = await postComment(t, a.path, a.id, guest({ content: '  a  ' }), { ip });
      expect(short.statusCode).toBe(400);
      expect(dom(short.body).querySelector('#comment-content-error')?.textContent).toBe('Your comment is too short: at least 2 characters.');
      const long = await postComment(t, a.path, a.id, guest({ content: 'b'.repeat(5001) }), { ip });
      expect(long.statusCode).toBe(400);
      expect(dom(long.body).querySelector('#comment-content-error')?.textContent).toBe('Your comment is too long: at most 5,000 characters.');
      expect(await countComments(a.id)).toBe(2);
    });
  });

  describe('abuse limits', () => {
    it('refuses a filled honeypot with 403 and stores nothing', async () => {
      const a = await article();
      const res = await postComment(t, a.path, a.id, guest({ url: 'http://spam.example/' }), { ip: freshIp() });
      expect(res.statusCode).toBe(403);
      expect(res.body).toContain('Your comment could not be accepted.');
      expect(await countComments(a.id)).toBe(0);
    });

    it('refuses a form sent sooner than 3 seconds after it was shown, keeping the text', async () => {
      const a = await article();
      const res = await postComment(t, a.path, a.id, guest(), { ip: freshIp(), wait: 1 });
      expect(res.statusCode).toBe(400);
      expect(dom(res.body).querySelector('#comment-errors')?.textContent).toContain('That was quick!');
      expect(dom(res.body).querySelector('#comment-content')?.textContent).toBe(guest().content);
      expect(await countComments(a.id)).toBe(0);
    });

    it('refuses a missing, forged or other-article token', async () => {
      const a = await article();
      const b = await article();
      const otherToken = tokenIn((await t.inject(b.path)).body);
      for (const token of ['', '123.abc', otherToken]) {
        const res = await postComment(t, a.path, a.id, guest(), { ip: freshIp(), token });
        expect(res.statusCode, token).toBe(400);
        expect(dom(res.body).querySelector('#comment-errors')?.textContent).toContain('was not valid');
      }
      expect(await countComments(a.id)).toBe(0);
    });

    it('rate-limits guests per IP: the 6th comment in a minute gets 429 with Retry-After, then passes after waiting', async () => {
      const a = await article();
      const ip = freshIp();
      const token = tokenIn((await t.inject(a.path)).body);
      t.clock.advance(5000);
      for (let i = 1; i <= 5; i++) {
        const res = await postComment(t, a.path, a.id, guest({ content: `Comment number ${i}` }), { ip, token, wait: 0 });
        expect(res.statusCode, `comment ${i}`).toBe(303);
      }
      const limited = await postComment(t, a.path, a.id, guest({ content: 'Comment number 6' }), { ip, token, wait: 0 });
      expect(limited.statusCode).toBe(429);
      expect(Number(limited.headers['retry-after'])).toBeGreaterThan(0);
      expect(limited.body).toContain('You have posted several comments in a short time');
      expect(await countComments(a.id)).toBe(5);
      // Another address is not affected.
      expect((await postComment(t, a.path, a.id, guest({ content: 'From elsewhere' }), { ip: freshIp(), token, wait: 0 })).statusCode).toBe(303);
      t.clock.advance(61_000);
      expect((await postComment(t, a.path, a.id, guest({ content: 'Comment number 6' }), { ip, token, wait: 0 })).statusCode).toBe(303);
    });

    it('answers 409 "Duplicate comment detected" to the same author posting the same text on the same article', async () => {
      const a = await article();
      const ip = freshIp();
      expect((await postComment(t, a.path, a.id, guest({ content: 'Same words here.' }), { ip })).statusCode).toBe(303);
      const again = await postComment(t, a.path, a.id, guest({ content: '  SAME words   here. ', authorEmail: 'ANN@example.com' }), { ip });
      expect(again.statusCode).toBe(409);
      expect(again.body).toContain('Duplicate comment detected');
      // Someone else may say the same thing.
      expect((await postComment(t, a.path, a.id, guest({ content: 'Same words here.', authorEmail: 'bob@example.com' }), { ip })).statusCode).toBe(303);
      expect(await countComments(a.id)).toBe(2);
    });
  });

  describe('closed comments', () => {
    it('shows the comments of a closed article, says comments are closed, and refuses new ones with 403', async () => {
      const a = await article();
      const token = tokenIn((await t.inject(a.path)).body);
      const posted = await postComment(t, a.path, a.id, guest(), { ip: freshIp(), token });
      const id = Number(/#comment-(\d+)$/.exec(String(posted.headers.location))?.[1]);
      await t.ctx.comments.moderate(testActor, id, 'approve');
      await t.ctx.content.articles.update(testActor, a.id, a.version, { commentsEnabled: false });
      const page = dom((await t.inject(a.path)).body);
      expect(commentIdsOn(page.toString())).toEqual([id]);
      expect(page.querySelector('.comments-closed')?.textContent).toBe('Comments are closed.');
      expect(page.querySelector('#commentform')).toBeNull();
      expect(page.querySelector('.comment-reply-link')).toBeNull();
      const refused = await postComment(t, a.path, a.id, guest({ content: 'Too late?' }), { ip: freshIp(), token });
      expect(refused.statusCode).toBe(403);
      expect(refused.body).toContain('Comments are closed on this article.');
      expect(await countComments(a.id)).toBe(1);
    });

    it('closes every article when the site policy is closed', async () => {
      const a = await article();
      const token = tokenIn((await t.inject(a.path)).body);
      await t.ctx.comments.settings.update(testActor, { policy: 'closed' });
      try {
        expect(dom((await t.inject(a.path)).body).querySelector('.comments-closed')).not.toBeNull();
        expect((await postComment(t, a.path, a.id, guest(), { ip: freshIp(), token })).statusCode).toBe(403);
      } finally {
        await t.ctx.comments.settings.update(testActor, { policy: 'open' });
      }
      expect(dom((await t.inject(a.path)).body).querySelector('#commentform')).not.toBeNull();
    });

    it('closes comments N days after publication when that setting is on', async () => {
      const old = await article({ publishedAt: new Date(t.clock.now().getTime() - 15 * 86_400_000) });
      const fresh = await article({ publishedAt: new Date(t.clock.now().getTime() - 86_400_000) });
      await t.ctx.comments.settings.update(testActor, { closeAfterDays: 14 });
      try {
        expect(dom((await t.inject(old.path)).body).querySelector('.comments-closed')).not.toBeNull();
        expect(dom((await t.inject(fresh.path)).body).querySelector('#commentform')).not.toBeNull();
        expect((await postComment(t, old.path, old.id, guest(), { ip: freshIp(), token: tokenIn((await t.inject(fresh.path)).body).replace(/^/, '') })).statusCode).toBe(403);
      } finally {
        await t.ctx.comments.settings.update(testActor, { closeAfterDays: null });
      }
    });
  });

  describe('threads', () => {
    it('nests replies to depth 3 and attaches deeper replies at the deepest level with an "In reply to" line', async () => {
      const a = await article();
      const ids: number[] = [];
      let parent = '';
      for (let depth = 1; depth <= 5; depth++) {
        const res = await postComment(t, a.path, a.id, guest({ content: `Level ${depth} says hello.`, authorName: `Writer ${depth}`, parentId: parent }), { ip: freshIp() });
        expect(res.statusCode, `level ${depth}`).toBe(303);
        const id = Number(/#comment-(\d+)$/.exec(String(res.headers.location))?.[1]);
        await t.ctx.comments.moderate(testActor, id, 'approve');
        ids.push(id);
        parent = String(id);
      }
      const doc = dom((await t.inject(a.path)).body);
      const depthOf = (id: number) => doc.querySelector(`#comment-${id}`)?.getAttribute('class')?.match(/depth-(\d)/)?.[1];
      expect(ids.map(depthOf)).toEqual(['1', '2', '3', '3', '3']);
      expect(doc.querySelector(`#comment-${ids[1]} > ol.children > #comment-${ids[2]}`)).not.toBeNull();
      expect(doc.querySelector(`#comment-${ids[1]} > ol.children > #comment-${ids[3]}`)).not.toBeNull();
      expect(doc.querySelector(`#comment-${ids[3]} .comment-in-reply-to`)?.textContent).toBe('In reply to Writer 3');
      expect(doc.querySelector(`#comment-${ids[4]} .comment-in-reply-to a`)?.getAttribute('href')).toBe(`#comment-${ids[3]}`);
      expect(doc.querySelector('#comments-heading')?.textContent).toBe('5 Comments');

      await t.ctx.comments.settings.update(testActor, { maxDepth: 2 });
      try {
        const flat = dom((await t.inject(a.path)).body);
        expect(ids.map((id) => flat.querySelector(`#comment-${id}`)?.getAttribute('class')?.match(/depth-(\d)/)?.[1])).toEqual(['1', '2', '2', '2', '2']);
      } finally {
        await t.ctx.comments.settings.update(testActor, { maxDepth: 3 });
      }
    });

    it('renders the form under the comment for ?replytocom=ID (no JavaScript needed) and refuses replies to unknown comments', async () => {
      const a = await article();
      const res = await postComment(t, a.path, a.id, guest({ authorName: 'First Voice' }), { ip: freshIp() });
      const id = Number(/#comment-(\d+)$/.exec(String(res.headers.location))?.[1]);
      await t.ctx.comments.moderate(testActor, id, 'approve');
      const page = dom((await t.inject(a.path)).body);
      expect(page.querySelector(`#comment-${id} .comment-reply-link`)?.getAttribute('href')).toBe(`${a.path}?replytocom=${id}#respond`);
      const reply = dom((await t.inject(`${a.path}?replytocom=${id}`)).body);
      expect(reply.querySelector(`#comment-${id} #respond #commentform`)).not.toBeNull();
      expect(reply.querySelector('#comment-parent')?.getAttribute('value')).toBe(String(id));
      expect(reply.querySelector('#reply-title')?.textContent).toContain('Reply to First Voice');
      expect(reply.querySelector('#cancel-comment-reply-link')?.getAttribute('href')).toBe(`${a.path}#respond`);
      const bad = await postComment(t, a.path, a.id, guest({ parentId: '999999' }), { ip: freshIp() });
      expect(bad.statusCode).toBe(400);
      expect(bad.body).toContain('The comment you replied to was not found.');
    });

    it('paginates past 50 top-level comments, oldest first, with a link to newest first', async () => {
      const a = await article();
      const created: number[] = [];
      for (let i = 0; i < 53; i++) {
        const res = await t.ctx.comments.submit({
          article: { id: a.id },
          fields: { content: `Top-level comment ${i}`, authorName: `Reader ${i}`, authorEmail: `reader${i}@example.com` },
          commenter: { kind: 'staff', actor: { kind: 'user', userId: newsroom.author.id, role: 'author' }, name: 'Rita Reporter', email: `rita${i}@example.com` },
          client: { ip: '192.0.2.1' },
          form: {},
        });
        if (res.kind !== 'stored') throw new Error(res.kind);
        created.push(res.id);
        t.clock.advance(1000);
      }
      const first = await t.inject(a.path);
      expect(commentIdsOn(first.body)).toEqual(created.slice(0, 50));
      const doc = dom(first.body);
      expect(doc.querySelector('.comment-pagination')?.textContent).toContain('Page 1 of 2');
      expect(doc.querySelector('.comment-pagination a')?.getAttribute('href')).toBe(`${a.path}?cpage=2#comments`);
      expect(doc.querySelector('.comment-order a')?.getAttribute('href')).toBe(`${a.path}?corder=newest#comments`);
      expect(commentIdsOn((await t.inject(`${a.path}?cpage=2`)).body)).toEqual(created.slice(50));
      expect(commentIdsOn((await t.inject(`${a.path}?corder=newest`)).body)).toEqual(created.slice(3).reverse());
      expect(commentIdsOn((await t.inject(`${a.path}?cpage=zzz`)).body)).toEqual(created.slice(0, 50));
      expect(dom(first.body).querySelector('#comments-heading')?.textContent).toBe('53 Comments');
      expect(dom(first.body).querySelectorAll('.badge-staff').length).toBe(50);
    });
  });

  describe('comment text', () => {
    it('keeps paragraphs and line breaks, auto-links URLs with nofollow ugc, links the author with nofollow ugc noopener', async () => {
      await t.ctx.comments.settings.update(testActor, { moderation: { mode: 'post' } });
      try {
        const a = await article();
        const res = await postComment(
          t,
          a.path,
          a.id,
          guest({ content: 'First line\nsecond line\n\nSee https://example.org/report.', authorUrl: 'https://ann.example/', authorEmail: 'linker@example.com' }),
          { ip: freshIp() },
        );
        const id = Number(/#comment-(\d+)$/.exec(String(res.headers.location))?.[1] ?? /unapproved=(\d+)/.exec(String(res.headers.location))?.[1]);
        // The shipped model holds most comments with links; a moderator lets this one through.
        if ((await t.ctx.comments.get(testActor, id)).status !== 'approved') await t.ctx.comments.moderate(testActor, id, 'approve');
        const doc = dom((await t.inject(a.path)).body);
        expect(doc.querySelector(`#comment-${id} .comment-content`)?.innerHTML).toBe(
          '<p>First line<br>second line</p><p>See <a href="https://example.org/report" rel="nofollow ugc noopener">https://example.org/report</a>.</p>',
        );
        const author = doc.querySelector(`#comment-${id} .comment-author a`);
        expect(author?.getAttribute('href')).toBe('https://ann.example/');
        expect(author?.getAttribute('rel')).toBe('nofollow ugc noopener');
        expect(doc.toString()).not.toContain('linker@example.com');
        expect(doc.querySelector(`#comment-${id} time`)?.getAttribute('datetime')).toMatch(/^2026-/);
        expect(doc.querySelector(`#comment-${id} .comment-permalink`)?.getAttribute('href')).toBe(`#comment-${id}`);
      } finally {
        await t.ctx.comments.settings.update(testActor, { moderation: { mode: 'pre' } });
      }
    });

    it(`escapes every OWASP XSS payload (${xssPayloads.length}) in the comment and the name`, async () => {
      await t.ctx.comments.settings.update(testActor, { moderation: { mode: 'post', highThreshold: 1, lowThreshold: 1, linkLimit: 1000 }, rateLimits: { perMinute: 1000, perHour: 1000 }, perPage: 500 });
      try {
        const a = await article();
        const token = tokenIn((await t.inject(a.path)).body);
        t.clock.advance(5000);
        for (const [i, payload] of xssPayloads.entries()) {
          const res = await postComment(t, a.path, a.id, { content: payload, authorName: payload.slice(0, 100), authorEmail: `x${i}@example.com` }, { ip: freshIp(), token, wait: 0 });
          expect(res.statusCode, payload).toBe(303);
        }
        const html = (await t.inject(a.path)).body;
        const doc = dom(html);
        const shown = doc.querySelectorAll('.comment-content');
        expect(shown.length).toBe(xssPayloads.length);
        for (const element of doc.querySelectorAll('.comment-list *')) {
          expect(['LI', 'ARTICLE', 'HEADER', 'SPAN', 'A', 'TIME', 'DIV', 'P', 'BR', 'OL']).toContain(element.tagName);
          for (const attr of element.getAttributeNames()) expect(attr.startsWith('on'), `${element.tagName} ${attr}`).toBe(false);
        }
        for (const link of doc.querySelectorAll('.comment-list a')) {
          expect(link.getAttribute('href') ?? '').toMatch(/^(https?:\/\/|#|\/world\/)/);
        }
        expect(doc.querySelectorAll('script').length).toBe(dom((await t.inject('/world/comment-test-1')).body).querySelectorAll('script').length);
      } finally {
        await t.ctx.comments.settings.update(testActor, { moderation: { mode: 'pre', highThreshold: 0.9, lowThreshold: 0.3, linkLimit: 2 }, rateLimits: { perMinute: 5, perHour: 30 }, perPage: 50 });
      }
    });
  });

  describe('privacy', () => {
    it('serves /privacy with the real retention settings and says no comment data leaves the server', async () => {
      const before = await t.inject('/privacy');
      expect(before.statusCode).toBe(200);
      const text = dom(before.body).querySelector('.privacy')?.textContent ?? '';
      expect(text).toContain('erased automatically 30 days after');
      expect(text).toContain('No comment data leaves the server for spam checks');
      expect(text).toContain('IP address');
      expect(text).toContain('user agent');
      expect(text).toMatch(/export|copy of everything/);
      await t.ctx.comments.settings.update(testActor, { retentionDays: 14, privacyContact: 'privacy@news.test' });
      try {
        const after = dom((await t.inject('/privacy')).body).querySelector('.privacy')?.textContent ?? '';
        expect(after).toContain('erased automatically 14 days after');
        expect(after).toContain('Write to privacy@news.test');
      } finally {
        await t.ctx.comments.settings.update(testActor, { retentionDays: 30, privacyContact: '' });
      }
    });

    it('uses an edited privacy text with its placeholders filled in', async () => {
      await t.ctx.comments.settings.update(testActor, { privacyText: '## Our promise\nWe keep IP addresses for {retentionDays} days. <b>bold?</b>' });
      try {
        const doc = dom((await t.inject('/privacy')).body);
        expect(doc.querySelector('.privacy h2')?.textContent).toBe('Our promise');
        expect(doc.querySelector('.privacy p')?.textContent).toBe('We keep IP addresses for 30 days. <b>bold?</b>');
        expect(doc.querySelector('.privacy b')).toBeNull();
      } finally {
        await t.ctx.comments.settings.update(testActor, { privacyText: '' });
      }
    });
  });
});
