import type { LightMyRequestResponse } from 'fastify';
import { parseHTML } from 'linkedom';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Article } from '../../src/content/index.js';
import { type AdminSession, mergeCookies, signInAs } from '../helpers/admin-session.js';
import { buildTestApp, type TestApp, testNow } from '../helpers/build-test-app.js';
import { seedNewsroom, testActor } from '../helpers/factories.js';
import { forEachDatabase } from '../helpers/for-each-database.js';

const dom = (html: string) => parseHTML(html).document;

forEachDatabase('the article screens at /admin/articles', (database) => {
  let t: TestApp;
  let n: Awaited<ReturnType<typeof seedNewsroom>>;
  let editor: AdminSession;
  let author: AdminSession;
  let moderator: AdminSession;

  beforeAll(async () => {
    t = await buildTestApp(database);
    n = await seedNewsroom(t.ctx);
    await t.ctx.content.settings.update(testActor, { timezone: 'Europe/Sofia' });
    editor = await signInAs(t, 'editor');
    author = await signInAs(t, 'author');
    moderator = await signInAs(t, 'moderator');
  });
  afterAll(() => t.close());

  const articles = () => t.ctx.content.articles;

  /** The editor's fields as a browser sends them, for a story in World. */
  const fields = (overrides: Record<string, string> = {}): Record<string, string> => ({
    title: 'Harbour reopens',
    slug: '',
    excerpt: '',
    body: 'The harbour **reopened** today.',
    sectionId: String(n.world.id),
    tags: 'Sofia, Harbour',
    sourceId: '',
    originalUrl: '',
    publishedAt: '',
    version: '',
    intent: 'save',
    ...overrides,
  });
  const fieldsOf = (a: Article, overrides: Record<string, string> = {}) =>
    fields({ title: a.title, slug: a.slug, excerpt: a.excerpt, body: a.body, sectionId: String(a.section.id), tags: a.tags.map((tag) => tag.name).join(', '), version: String(a.version), ...overrides });

  const savedId = (response: LightMyRequestResponse) => {
    expect(response.statusCode, response.body.slice(0, 600)).toBe(303);
    const match = /^\/admin\/articles\/(\d+)$/.exec(String(response.headers.location));
    expect(match).not.toBeNull();
    return Number(match![1]);
  };
  const adminCount = async () => (await articles().adminList(testActor, {}, { offset: 0, limit: 1 })).total;
  // linkedom leaves a textarea's character references as they were sent; a browser decodes them.
  const decode = (text: string) => text.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&#39;/g, "'").replace(/&amp;/g, '&');
  const value = (doc: Document, name: string) => doc.querySelector(`input[name="${name}"]`)?.getAttribute('value') ?? decode(doc.querySelector(`textarea[name="${name}"]`)?.textContent ?? '');
  const errorBeside = (doc: Document, name: string) => doc.querySelector(`#field-${name}-error`)?.textContent;
  const buttons = (doc: Document) => [...doc.querySelectorAll('button[name="intent"]')].map((b) => b.getAttribute('value'));

  async function draftBy(session: AdminSession, title: string, extra: Record<string, string> = {}) {
    return articles().byId(savedId(await session.post('/admin/articles/new', fields({ title, ...extra }))));
  }

  describe('access', () => {
    it('sends signed-out visitors to the login page, coming back afterwards', async () => {
      for (const url of ['/admin/articles', '/admin/articles/new', '/admin/articles/1']) {
        const response = await t.inject({ url });
        expect(response.statusCode).toBe(303);
        expect(response.headers.location).toBe(`/admin/login?next=${encodeURIComponent(url)}`);
      }
    });

    it('shows moderators the 403 page and refuses their posts, changing nothing', async () => {
      const before = await adminCount();
      const a = await articles().create(testActor, { title: 'Moderated', body: 'Text.', sectionId: n.world.id });
      for (const url of ['/admin/articles', '/admin/articles/new', `/admin/articles/${a.id}`]) expect((await moderator.get(url)).statusCode).toBe(403);
      expect((await moderator.post('/admin/articles/new', fields())).statusCode).toBe(403);
      expect((await moderator.post(`/admin/articles/${a.id}`, fieldsOf(a, { title: 'Hijacked' }))).statusCode).toBe(403);
      expect(await adminCount()).toBe(before + 1);
      expect((await articles().byId(a.id)).title).toBe('Moderated');
    });

    it("gives authors the 403 page for someone else's article", async () => {
      const theirs = await articles().create(testActor, { title: 'Not yours', body: 'Text.', sectionId: n.world.id, authorId: n.author.id });
      expect((await author.get(`/admin/articles/${theirs.id}`)).statusCode).toBe(403);
      expect((await author.post(`/admin/articles/${theirs.id}`, fieldsOf(theirs, { title: 'Mine now' }))).statusCode).toBe(403);
      expect((await articles().byId(theirs.id)).title).toBe('Not yours');
    });

    it('answers 404, not 500, for article ids that are no ids', async () => {
      for (const id of ['abc', '99999999999999999999', '0', '987654']) expect((await editor.get(`/admin/articles/${id}`)).statusCode).toBe(404);
      expect((await editor.post('/admin/articles/12abc', fields())).statusCode).toBe(404);
    });
  });

  describe('writing and publishing', () => {
    it('publishes a new article with tags, new and existing, and shows it with a View link', async () => {
      await articles().create(testActor, { title: 'Tagged before', body: 'Text.', sectionId: n.world.id, status: 'published', tags: ['Sofia'] });
      const id = savedId(await editor.post('/admin/articles/new', fields({ intent: 'publish', tags: 'sofia, Harbour, Port authority' })));
      const article = await articles().byId(id);
      expect(article).toMatchObject({ status: 'published', slug: 'harbour-reopens', excerpt: 'The harbour reopened today.', author: { id: editor.userId } });
      expect(article.publishedAt).toEqual(testNow);
      expect(article.tags.map((tag) => tag.name)).toEqual(['Sofia', 'Harbour', 'Port authority']);
      const page = await editor.get(`/admin/articles/${id}`);
      const doc = dom(page.body);
      expect(doc.querySelector('.article-meta a')?.getAttribute('href')).toBe('/world/harbour-reopens');
      expect(doc.querySelector('.article-meta a')?.textContent).toBe('View');
      expect(value(doc, 'tags')).toBe('Sofia, Harbour, Port authority');
      expect([...doc.querySelectorAll('#tag-choices option')].map((o) => o.getAttribute('value'))).toContain('Sofia');
      expect(buttons(doc)).toEqual(['preview', 'save', 'schedule', 'unpublish']);
      expect((await t.inject({ url: '/world/harbour-reopens' })).body).toContain('#Harbour');
    });

    it('says what happened after the redirect', async () => {
      const response = await editor.post('/admin/articles/new', fields({ title: 'Noticed' }));
      const cookie = mergeCookies(editor.cookie, response.headers['set-cookie']);
      const next = await t.inject({ url: String(response.headers.location), headers: { cookie } });
      expect(dom(next.body).querySelector('.notice')?.textContent).toBe('Saved.');
    });

    it('schedules at a time read in the site’s time zone, and shows it back the same way', async () => {
      const id = savedId(await editor.post('/admin/articles/new', fields({ title: 'Tomorrow morning', intent: 'schedule', publishedAt: '2026-11-25T09:30' })));
      const article = await articles().byId(id);
      expect(article.status).toBe('scheduled');
      expect(article.publishedAt).toEqual(new Date('2026-11-25T07:30:00Z'));
      const doc = dom((await editor.get(`/admin/articles/${id}`)).body);
      expect(value(doc, 'publishedAt')).toBe('2026-11-25T09:30');
      expect(doc.querySelector('.article-meta a')?.textContent).toBe('View (not public yet)');
      expect(buttons(doc)).toEqual(['preview', 'save', 'publish', 'schedule', 'unpublish']);
    });

    it('unpublishes back to a draft', async () => {
      const a = await articles().create(testActor, { title: 'Going away', body: 'Text.', sectionId: n.world.id, status: 'published' });
      savedId(await editor.post(`/admin/articles/${a.id}`, fieldsOf(a, { intent: 'unpublish' })));
      expect(await articles().byId(a.id)).toMatchObject({ status: 'draft', publishedAt: null });
    });

    it('lets authors save and submit their drafts, never publish them', async () => {
      const doc = dom((await author.get('/admin/articles/new')).body);
      expect(buttons(doc)).toEqual(['preview', 'save', 'submit']);
      expect(doc.querySelector('[name="authorId"]')).toBeNull();
      expect(doc.querySelector('[name="publishedAt"]')).toBeNull();
      const draft = await draftBy(author, 'My scoop');
      const id = savedId(await author.post(`/admin/articles/${draft.id}`, fieldsOf(draft, { intent: 'submit' })));
      const submitted = await articles().byIdForEdit(testActor, id);
      expect(submitted.submittedAt).toEqual(testNow);
      const refused = await author.post(`/admin/articles/${id}`, fieldsOf(submitted, { intent: 'publish' }));
      expect(refused.statusCode).toBe(403);
      expect((await articles().byId(id)).status).toBe('draft');
      const listed = dom((await editor.get('/admin/articles?status=submitted')).body);
      expect([...listed.querySelectorAll('.article-list tbody a')].map((a) => a.textContent)).toEqual(['My scoop']);
      expect(listed.querySelector('.article-list .status')?.textContent).toBe('Submitted for review');
    });
  });

  describe('preview', () => {
    it('re-renders the form with the body as the site shows it, saving nothing', async () => {
      const before = await adminCount();
      const response = await editor.post('/admin/articles/new', fields({ intent: 'preview', body: 'Some **bold** words.\n\n<script>alert(1)</script>', title: 'Unsaved <title>' }));
      expect(response.statusCode).toBe(200);
      const doc = dom(response.body);
      expect(doc.querySelector('.preview-body')?.innerHTML).toContain('<strong>bold</strong>');
      expect(doc.querySelector('.preview-body script')).toBeNull();
      expect(value(doc, 'title')).toBe('Unsaved <title>');
      expect(value(doc, 'body')).toContain('<script>alert(1)</script>');
      expect(await adminCount()).toBe(before);
    });
  });

  describe('conflicts', () => {
    it('refuses a save from a stale page with 409, keeping the text typed and overwriting nothing', async () => {
      const a = await articles().create(testActor, { title: 'Shared story', body: 'Original.', sectionId: n.world.id });
      await articles().update(testActor, a.id, a.version, { body: 'Someone else’s edit.' });
      const response = await editor.post(`/admin/articles/${a.id}`, fieldsOf(a, { body: 'My long rewrite.' }));
      expect(response.statusCode).toBe(409);
      const doc = dom(response.body);
      expect(doc.querySelector('.form-error')?.textContent).toMatch(/changed by someone else.*not saved/);
      expect(value(doc, 'body')).toBe('My long rewrite.');
      expect(value(doc, 'version')).toBe(String(a.version));
      expect((await articles().byId(a.id)).body).toBe('Someone else’s edit.');
    });

    it('restores a revision as a new version, and refuses a restore from a stale page', async () => {
      const a = await articles().create(testActor, { title: 'First take', body: 'Text.', sectionId: n.world.id });
      const b = await articles().update(testActor, a.id, a.version, { title: 'Second take' });
      const doc = dom((await editor.get(`/admin/articles/${a.id}`)).body);
      const restoreForm = doc.querySelector('.revisions form');
      expect(restoreForm?.textContent).toContain('Restore version 1');
      const action = String(restoreForm?.getAttribute('action'));
      savedId(await editor.post(action, { version: String(b.version) }));
      expect(await articles().byId(a.id)).toMatchObject({ title: 'First take', version: b.version + 1 });
      const stale = await editor.post(action, { version: String(b.version) });
      expect(stale.statusCode).toBe(409);
      expect(dom(stale.body).querySelector('.form-error')?.textContent).toMatch(/not restored/);
      expect((await articles().byId(a.id)).version).toBe(b.version + 1);
    });
  });

  describe('bad input', () => {
    const cases: [string, Record<string, string>, string][] = [
      ['an empty title', { title: '   ' }, 'title'],
      ['a title of NUL characters', { title: '\u0000\u0000' }, 'title'],
      ['a huge title', { title: 'T'.repeat(5000) }, 'title'],
      ['a slug with spaces', { slug: 'not a slug!' }, 'slug'],
      ['an unknown section', { sectionId: '99999' }, 'sectionId'],
      ['a section that is no number', { sectionId: 'world' }, 'sectionId'],
      ['a section id too big for the database', { sectionId: '99999999999999999999' }, 'sectionId'],
      ['an unknown source', { sourceId: '424242' }, 'sourceId'],
      ['a script URL', { originalUrl: 'javascript:alert(1)' }, 'originalUrl'],
      ['a URL that is no URL', { originalUrl: 'not a url' }, 'originalUrl'],
      ['a tag too long', { tags: `ok, ${'x'.repeat(200)}` }, 'tags'],
      ['too many tags', { tags: Array.from({ length: 40 }, (_, i) => `tag${i}`).join(',') }, 'tags'],
      ['a body too long', { body: 'b'.repeat(500_001) }, 'body'],
      ['an excerpt too long', { excerpt: 'e'.repeat(1001) }, 'excerpt'],
      ['a schedule without a time', { intent: 'schedule' }, 'publishedAt'],
      ['a schedule on 30 February', { intent: 'schedule', publishedAt: '2026-02-30T10:00' }, 'publishedAt'],
      ['a schedule in garbage', { intent: 'schedule', publishedAt: '<b>soon</b>' }, 'publishedAt'],
      ['a schedule in the past', { intent: 'schedule', publishedAt: '2020-01-01T10:00' }, 'publishedAt'],
      ['an unknown author', { authorId: '777777' }, 'authorId'],
    ];
    for (const [what, overrides, field] of cases) {
      it(`re-renders the form with ${what} kept and the error beside ${field}`, async () => {
        const before = await adminCount();
        const sent = fields({ title: 'Bad input story', ...overrides });
        const response = await editor.post('/admin/articles/new', sent);
        expect(response.statusCode, response.body.slice(0, 300)).toBe(400);
        const doc = dom(response.body);
        expect(errorBeside(doc, field), response.body.match(/class="(?:error|form-error)"[^<]*>[^<]*/g)?.join(' | ')).toBeTruthy();
        expect(value(doc, 'title')).toBe(sent.title);
        expect(value(doc, 'body')).toBe(sent.body);
        expect(await adminCount()).toBe(before);
      });
    }

    it('puts a slug already taken beside the slug field', async () => {
      await draftBy(editor, 'Taken slug story');
      const response = await editor.post('/admin/articles/new', fields({ title: 'Another', slug: 'taken-slug-story' }));
      expect(response.statusCode).toBe(409);
      expect(errorBeside(dom(response.body), 'slug')).toContain('already used');
    });

    it('treats a missing or garbage version as a stale page', async () => {
      const a = await draftBy(editor, 'Versioned');
      for (const version of ['', 'abc', '-1', '1e99']) {
        expect((await editor.post(`/admin/articles/${a.id}`, fieldsOf(a, { version, title: 'Overwritten' }))).statusCode).toBe(409);
      }
      expect((await articles().byId(a.id)).title).toBe('Versioned');
    });

    it('ignores an unknown button and repeated fields instead of failing', async () => {
      const id = savedId(await editor.post('/admin/articles/new', { ...fields({ title: 'Odd form', intent: 'explode' }), tags: ['a', 'b'] }));
      expect((await articles().byId(id)).status).toBe('draft');
    });
  });

  describe('the list', () => {
    it('filters by status, section, source, author and title, and pages', async () => {
      const wire = await articles().create(testActor, { title: 'Wire: ministers meet', body: 'Text.', sectionId: n.europe.id, sourceId: n.bgnes.id, status: 'archived' });
      const byRita = await articles().create(testActor, { title: 'Rita reports', body: 'Text.', sectionId: n.business.id, authorId: n.author.id });
      const titles = async (query: string) => [...dom((await editor.get(`/admin/articles?${query}`)).body).querySelectorAll('.article-list tbody td:first-child a')].map((a) => a.textContent);
      expect(await titles('q=MINISTERS')).toEqual([wire.title]);
      expect(await titles(`status=archived&section=${n.world.id}`)).toEqual([wire.title]);
      expect(await titles(`source=${n.bgnes.id}`)).toEqual([wire.title]);
      const ritas = await titles(`author=${n.author.id}`);
      expect(ritas).toContain(byRita.title);
      expect(ritas).not.toContain(wire.title);
      for (let i = 0; i < 26; i++) await articles().create(testActor, { title: `Filler ${i}`, body: 'Text.', sectionId: n.business.id });
      const first = dom((await editor.get(`/admin/articles?section=${n.business.id}`)).body);
      expect(first.querySelectorAll('.article-list tbody tr')).toHaveLength(25);
      expect(first.querySelector('a[rel="next"]')?.getAttribute('href')).toBe(`/admin/articles?section=${n.business.id}&page=2`);
      expect(await titles(`section=${n.business.id}&page=2`)).toHaveLength(2);
    });

    it('shows authors only their own articles, without an author filter', async () => {
      const doc = dom((await author.get(`/admin/articles?author=${n.author.id}`)).body);
      expect(doc.querySelector('[name="author"]')).toBeNull();
      const rows = [...doc.querySelectorAll('.article-list tbody tr')];
      expect(rows.length).toBeGreaterThan(0);
      expect(rows.every((row) => row.textContent?.includes('author'))).toBe(true);
    });

    it('ignores filters that make no sense', async () => {
      for (const query of ['q=%00', 'status=bogus', 'section=abc', 'page=-3', 'page=99999999999', 'source=1&source=2', `q=${'%'.repeat(500)}`, 'author=9999999999999']) {
        expect((await editor.get(`/admin/articles?${query}`)).statusCode, query).toBe(200);
      }
    });
  });
});
