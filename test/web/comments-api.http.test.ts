import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCommentService, type SpamCheckInput, type SpamChecker } from '../../src/comments/index.js';
import type { Article } from '../../src/content/index.js';
import { buildTestApp, type TestApp } from '../helpers/build-test-app.js';
import { publishArticle, seedNewsroom, testActor } from '../helpers/factories.js';
import { forEachDatabase } from '../helpers/for-each-database.js';
import { basicAuth, commentIdsOn, dom, freshIp } from './comments-helpers.js';

const password = 'correct horse battery staple';

forEachDatabase('comments JSON API and moderation', (database) => {
  let t: TestApp;
  let newsroom: Awaited<ReturnType<typeof seedNewsroom>>;
  let n = 0;
  const auth: Record<string, string> = {};
  const learned: { input: SpamCheckInput; label: string; source: string }[] = [];

  async function article(): Promise<Article & { path: string }> {
    n++;
    const a = await publishArticle(t.ctx, { title: `API test ${n}`, slug: `api-test-${n}`, sectionId: newsroom.world.id });
    return Object.assign(a, { path: `/world/${a.slug}` });
  }

  /** The app's own service, rebuilt with another checker and a recording learner (routes read ctx.comments per request). */
  function useChecker(checker: SpamChecker) {
    t.ctx.comments = createCommentService({
      db: t.ctx.db,
      clock: t.ctx.clock,
      audit: t.ctx.audit,
      content: t.ctx.content,
      checker,
      learner: { learn: async (input, label, source) => void learned.push({ input, label, source }) },
      rateLimiter: () => ({ hit: async () => ({ allowed: true, retryAfterSeconds: 0 }) }),
      secret: t.ctx.secret,
      log: t.ctx.log,
      changes: t.ctx.changes,
      baseUrl: t.ctx.baseUrl,
      checkTimeoutMs: 50,
    });
  }

  async function guestPost(a: Article, body: Record<string, unknown>, ip = freshIp()) {
    const listing = await t.inject(`/api/v1/articles/${a.slug}/comments`);
    t.clock.advance(5000);
    return t.inject({
      method: 'POST',
      url: `/api/v1/articles/${a.slug}/comments`,
      remoteAddress: ip,
      payload: { content: 'An API comment of some length.', authorName: 'Api Reader', authorEmail: 'api@example.com', formToken: listing.json().formToken, ...body },
    });
  }

  beforeAll(async () => {
    t = await buildTestApp(database);
    newsroom = await seedNewsroom(t.ctx);
    for (const role of ['owner', 'admin', 'editor', 'author', 'moderator'] as const) {
      const email = `${role}@news.test`;
      await t.ctx.users.addUser(testActor, { email, role, name: `The ${role}`, password });
      auth[role] = basicAuth(email, password);
    }
    useChecker({ check: async () => ({ score: 0, reasons: [] }) });
  });
  afterAll(() => t.close());

  describe('public JSON API', () => {
    it('POST with the form token answers 201 {id, status}; GET lists approved comments threaded', async () => {
      const a = await article();
      const created = await guestPost(a, {});
      expect(created.statusCode).toBe(201);
      expect(created.json()).toEqual({ id: expect.any(Number), status: 'pending' });
      const { id } = created.json() as { id: number };
      expect((await t.inject(`/api/v1/articles/${a.slug}/comments`)).json().comments).toEqual([]);
      await t.ctx.comments.moderate(testActor, id, 'approve');
      const reply = await guestPost(a, { content: 'A reply through the API.', parentId: id, authorEmail: 'api@example.com' });
      expect(reply.json().status).toBe('approved');
      const listing = (await t.inject(`/api/v1/articles/${a.slug}/comments`)).json();
      expect(listing.meta).toMatchObject({ page: 1, pageCount: 1, threads: 1, count: 2, order: 'oldest', open: true });
      expect(listing.comments).toHaveLength(1);
      expect(listing.comments[0]).toMatchObject({ id, depth: 1, author: { name: 'Api Reader', url: null, isStaff: false }, html: '<p>An API comment of some length.</p>' });
      expect(listing.comments[0].url).toBe(`http://news.test${a.path}#comment-${id}`);
      expect(listing.comments[0].replies[0]).toMatchObject({ id: reply.json().id, parentId: id, depth: 2 });
      expect(JSON.stringify(listing)).not.toContain('api@example.com');
    });

    it('applies the form rules to anonymous API posts: token, honeypot, validation, duplicates', async () => {
      const a = await article();
      const noToken = await guestPost(a, { formToken: undefined });
      expect(noToken.statusCode).toBe(400);
      expect(noToken.json().error.code).toBe('COMMENT_INVALID');
      const invalid = await guestPost(a, { content: 'x', authorEmail: 'nope' });
      expect(invalid.statusCode).toBe(400);
      expect(invalid.json().error.fields.map((f: { field: string }) => f.field)).toEqual(['content', 'authorEmail']);
      expect((await guestPost(a, { honeypot: 'filled' })).statusCode).toBe(403);
      expect((await guestPost(a, { content: 'Said once only.' })).statusCode).toBe(201);
      const duplicate = await guestPost(a, { content: 'Said once only.' });
      expect(duplicate.statusCode).toBe(409);
      expect(duplicate.json().error).toEqual({ code: 'COMMENT_DUPLICATE', message: 'Duplicate comment detected' });
      expect((await t.inject({ method: 'POST', url: '/api/v1/articles/no-such-article/comments', payload: {} })).statusCode).toBe(404);
    });

    it('lets signed-in staff comment without the form fields, approved and shown with a "Staff" badge', async () => {
      const a = await article();
      const res = await t.inject({ method: 'POST', url: `/api/v1/articles/${a.slug}/comments`, headers: { authorization: auth.author }, payload: { content: 'A note from the newsroom.' } });
      expect(res.statusCode).toBe(201);
      expect(res.json().status).toBe('approved');
      const doc = dom((await t.inject(a.path)).body);
      expect(doc.querySelector(`#comment-${res.json().id} .comment-author`)?.textContent).toBe('The author');
      expect(doc.querySelector(`#comment-${res.json().id} .badge-staff`)?.textContent).toBe('Staff');
      const wrong = await t.inject({ method: 'POST', url: `/api/v1/articles/${a.slug}/comments`, headers: { authorization: basicAuth('author@news.test', 'wrong password!') }, payload: { content: 'x y z' } });
      expect(wrong.statusCode).toBe(401);
      expect(wrong.headers['www-authenticate']).toContain('Basic');
    });
  });

  describe('a failing spam check never loses a comment', () => {
    it('keeps the comment pending with a flag when the checker throws', async () => {
      useChecker({
        check: async () => {
          throw new Error('model file missing');
        },
      });
      try {
        await t.ctx.comments.settings.update(testActor, { moderation: { mode: 'post' } });
        const a = await article();
        const res = await guestPost(a, {});
        expect(res.statusCode).toBe(201);
        expect(res.json().status).toBe('pending');
        const stored = await t.ctx.comments.get(testActor, res.json().id);
        expect(stored.flags).toContain('spam-check-failed');
        expect(stored.spamReasons.join(' ')).toContain('model file missing');
        expect(stored.content).toBe('An API comment of some length.');
      } finally {
        await t.ctx.comments.settings.update(testActor, { moderation: { mode: 'pre' } });
        useChecker({ check: async () => ({ score: 0, reasons: [] }) });
      }
    });

    it('keeps the comment pending with a flag when the checker does not answer in time', async () => {
      useChecker({ check: () => new Promise(() => undefined) });
      try {
        await t.ctx.comments.settings.update(testActor, { moderation: { mode: 'post' } });
        const a = await article();
        const res = await guestPost(a, {});
        expect(res.json().status).toBe('pending');
        expect((await t.ctx.comments.get(testActor, res.json().id)).flags).toEqual(['spam-check-failed']);
      } finally {
        await t.ctx.comments.settings.update(testActor, { moderation: { mode: 'pre' } });
        useChecker({ check: async () => ({ score: 0, reasons: [] }) });
      }
    });

    it('marks clear spam as spam and keeps blocklist rejections in the trash with 403', async () => {
      useChecker({ check: async () => ({ score: 0.97, reasons: ['Looks like spam.'] }) });
      try {
        const a = await article();
        const spam = await guestPost(a, {});
        expect(spam.json().status).toBe('spam');
        useChecker({ check: async () => ({ score: 0, reasons: [] }) });
        await t.ctx.comments.settings.update(testActor, { moderation: { blocklists: { words: { entries: ['casino'], action: 'reject' } } } });
        const rejected = await guestPost(a, { content: 'Visit my casino today' });
        expect(rejected.statusCode).toBe(403);
        const trashed = await t.ctx.comments.list(testActor, { articleId: a.id, status: 'trash' });
        expect(trashed.map((c) => c.content)).toEqual(['Visit my casino today']);
        expect(trashed[0].flags).toContain('blocklisted-word');
      } finally {
        await t.ctx.comments.settings.update(testActor, { moderation: { blocklists: { words: { entries: [], action: 'hold' } } } });
        useChecker({ check: async () => ({ score: 0, reasons: [] }) });
      }
    });
  });

  describe('moderation API', () => {
    let m = 0;
    async function pendingComment(a: Article, content = 'Waiting for a moderator.') {
      m++;
      const res = await guestPost(a, { content, authorEmail: `new-commenter-${m}@example.com` });
      expect(res.json().status).toBe('pending');
      return res.json().id as number;
    }

    it('needs a staff sign-in (401) and a moderating role (403), and a refused action changes nothing', async () => {
      const a = await article();
      const id = await pendingComment(a);
      expect((await t.inject('/api/v1/comments')).statusCode).toBe(401);
      expect((await t.inject({ method: 'POST', url: `/api/v1/comments/${id}/approve` })).statusCode).toBe(401);
      const refused = await t.inject({ method: 'POST', url: `/api/v1/comments/${id}/approve`, headers: { authorization: auth.author } });
      expect(refused.statusCode).toBe(403);
      expect(refused.json().error.code).toBe('FORBIDDEN');
      expect((await t.ctx.comments.get(testActor, id)).status).toBe('pending');
      expect((await t.inject({ url: '/api/v1/comments', headers: { authorization: auth.author } })).statusCode).toBe(403);
      for (const role of ['owner', 'admin', 'editor', 'moderator']) {
        expect((await t.inject({ url: `/api/v1/comments/${id}`, headers: { authorization: auth[role] } })).statusCode, role).toBe(200);
      }
    });

    it('approves, unapproves, trashes and restores, each audited, and the cached page follows at once', async () => {
      const a = await article();
      const id = await pendingComment(a);
      const headers = { authorization: auth.moderator };
      const list = await t.inject({ url: '/api/v1/comments?status=pending&limit=500', headers });
      expect(list.json().comments.map((c: { id: number }) => c.id)).toContain(id);
      const listed = list.json().comments.find((c: { id: number }) => c.id === id);
      expect(listed).toMatchObject({ author: { email: expect.stringMatching(/^new-commenter-\d+@example\.com$/) }, ip: expect.any(String), status: 'pending' });

      await t.inject(a.path);
      const approved = await t.inject({ method: 'POST', url: `/api/v1/comments/${id}/approve`, headers });
      expect(approved.json().comment.status).toBe('approved');
      expect(commentIdsOn((await t.inject(a.path)).body)).toEqual([id]);
      await t.inject({ method: 'POST', url: `/api/v1/comments/${id}/unapprove`, headers });
      expect(commentIdsOn((await t.inject(a.path)).body)).toEqual([]);
      await t.inject({ method: 'POST', url: `/api/v1/comments/${id}/approve`, headers });
      expect((await t.inject({ method: 'POST', url: `/api/v1/comments/${id}/trash`, headers })).json().comment.status).toBe('trash');
      expect(commentIdsOn((await t.inject(a.path)).body)).toEqual([]);
      expect((await t.inject({ method: 'POST', url: `/api/v1/comments/${id}/restore`, headers })).json().comment.status).toBe('approved');
      expect((await t.inject({ method: 'POST', url: `/api/v1/comments/${id}/restore`, headers })).statusCode).toBe(409);
      const audit = (await t.ctx.audit.listRecent(20)).filter((e) => e.subjectType === 'comment' && e.subjectId === String(id));
      expect(audit.map((e) => e.action).reverse()).toEqual(['comment.approve', 'comment.unapprove', 'comment.approve', 'comment.trash', 'comment.restore']);
      expect(audit.every((e) => e.actorId !== null)).toBe(true);
    });

    it('stores spam / not-spam decisions as labelled examples for the classifier', async () => {
      const a = await article();
      const id = await pendingComment(a, 'Cheap pills at example dot com');
      learned.length = 0;
      const headers = { authorization: auth.editor };
      expect((await t.inject({ method: 'POST', url: `/api/v1/comments/${id}/spam`, headers })).json().comment.status).toBe('spam');
      expect((await t.inject({ method: 'POST', url: `/api/v1/comments/${id}/not-spam`, headers })).json().comment.status).toBe('approved');
      expect(learned.map((l) => [l.label, l.source, l.input.content])).toEqual([
        ['spam', 'moderator', 'Cheap pills at example dot com'],
        ['ham', 'moderator', 'Cheap pills at example dot com'],
      ]);
      expect(learned[0].input.articleUrl).toBe(`http://news.test${a.path}`);
    });

    it('edits a comment (re-rendering its HTML) and deletes one for good, moving its replies up', async () => {
      const a = await article();
      const headers = { authorization: auth.admin };
      const parent = await pendingComment(a, 'The parent comment.');
      await t.ctx.comments.moderate(testActor, parent, 'approve');
      const child = (await guestPost(a, { content: 'The child reply.', parentId: parent })).json().id as number;
      await t.ctx.comments.moderate(testActor, child, 'approve');
      const grandchild = (await guestPost(a, { content: 'The grandchild reply.', parentId: child })).json().id as number;
      await t.ctx.comments.moderate(testActor, grandchild, 'approve');

      const edited = await t.inject({ method: 'PATCH', url: `/api/v1/comments/${child}`, headers, payload: { content: 'Edited <b>child</b>' } });
      expect(edited.json().comment.html).toBe('<p>Edited &lt;b&gt;child&lt;/b&gt;</p>');
      expect((await t.inject({ method: 'DELETE', url: `/api/v1/comments/${child}`, headers })).statusCode).toBe(204);
      expect((await t.inject({ url: `/api/v1/comments/${child}`, headers })).statusCode).toBe(404);
      expect((await t.ctx.comments.get(testActor, grandchild)).parentId).toBe(parent);
      const doc = dom((await t.inject(a.path)).body);
      expect(doc.querySelector(`#comment-${parent} > ol.children > #comment-${grandchild}`)).not.toBeNull();
    });
  });
});
