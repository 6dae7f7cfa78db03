import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { LightMyRequestResponse } from 'fastify';
import { type AdminSession, mergeCookies, signInAs } from '../helpers/admin-session.js';
import { buildTestApp, type TestApp } from '../helpers/build-test-app.js';
import { publishArticle, seedNewsroom, testActor } from '../helpers/factories.js';
import { forEachDatabase } from '../helpers/for-each-database.js';
import { seedComment } from '../comments/moderation-queue-seed.js';
import { dom } from '../web/comments-helpers.js';

forEachDatabase('the moderation queue at /admin/comments', (database) => {
  let t: TestApp;
  let article: { id: number; path: string };
  let moderator: AdminSession;

  // A fresh app per test: marking comments as spam teaches the classifier, which must not carry over.
  beforeEach(async () => {
    t = await buildTestApp(database);
    const newsroom = await seedNewsroom(t.ctx);
    const published = await publishArticle(t.ctx, { title: 'Harbour <report>', slug: 'harbour-report', sectionId: newsroom.world.id });
    article = { id: published.id, path: '/world/harbour-report' };
    moderator = await signInAs(t, 'moderator');
  });
  afterEach(() => t.close());

  const seed = (options: Omit<Parameters<typeof seedComment>[1], 'articleId'> = {}) => seedComment(t, { articleId: article.id, ...options });
  const statusOf = async (id: number) => (await t.ctx.comments.get(testActor, id)).status;

  async function page(session: AdminSession, url: string) {
    const response = await session.get(url);
    expect(response.statusCode, response.body.slice(0, 500)).toBe(200);
    return dom(response.body);
  }

  /** Follows a post/redirect/get as a browser would (with the notice cookie the redirect set); returns the page. */
  async function follow(response: LightMyRequestResponse, session = moderator) {
    expect(response.statusCode, response.body.slice(0, 300)).toBe(303);
    const cookie = mergeCookies(session.cookie, response.headers['set-cookie']);
    const next = await t.inject({ url: String(response.headers.location), headers: { cookie } });
    return { doc: dom(next.body), cookie: mergeCookies(cookie, next.headers['set-cookie']) };
  }

  const noticeAfter = async (response: LightMyRequestResponse) => (await follow(response)).doc.querySelector('.notice')?.textContent;

  function rowIds(doc: ReturnType<typeof dom>): number[] {
    return [...doc.querySelectorAll('tr.queue-row')].map((row) => Number(row.getAttribute('id')?.replace('comment-', '')));
  }

  describe('reading', () => {
    it('shows status tabs with counts and each comment with its article, author, email, URL, IP, time, score, reasons and escaped text', async () => {
      const id = await seed({ authorName: 'Ann <b>Reader</b>', authorEmail: 'ann@example.com', ip: '198.51.100.23', content: 'I saw <script>alert(1)</script> at the harbour.' });
      await seed();
      await seed({ status: 'approved' });
      await seed({ status: 'spam' });
      const doc = await page(moderator, '/admin/comments');

      const tabs = [...doc.querySelectorAll('.tabs a')].map((a) => a.textContent?.replace(/\s+/g, ' ').trim());
      expect(tabs).toEqual(['Pending (2)', 'Approved (1)', 'Spam (1)', 'Trash (0)']);
      expect(doc.querySelector('.tabs a[aria-current="page"]')?.textContent).toContain('Pending');
      expect(rowIds(doc)).toHaveLength(2);

      const row = doc.querySelector(`#comment-${id}`);
      expect(row?.querySelector('.queue-meta a')?.getAttribute('href')).toBe(article.path);
      expect(row?.querySelector('.queue-meta a')?.textContent).toBe('Harbour <report>');
      expect(row?.querySelector('.queue-name')?.textContent).toBe('Ann <b>Reader</b>');
      expect(row?.querySelector('a[href="mailto:ann@example.com"]')).not.toBeNull();
      expect(row?.textContent).toContain('198.51.100.23');
      expect(row?.querySelector('time')?.getAttribute('datetime')).toMatch(/^2026-11-24T12:00:00/);
      // Score and reasons are the spam check's (exact ones are set by hand in the next test).
      expect(row?.querySelector('.queue-score')?.textContent).toMatch(/^Spam score: /);
      expect(row?.querySelectorAll('.queue-reasons li').length).toBeGreaterThan(0);
      expect(row?.querySelector('.queue-text')?.textContent).toBe('I saw <script>alert(1)</script> at the harbour.');
      const html = (await moderator.get('/admin/comments')).body;
      expect(html).not.toContain('<script>alert(1)');
      expect(html).not.toContain('<b>Reader</b>');
      expect(html).toContain('&lt;script>alert(1)&lt;/script>');
      // Every row can join the one bulk form, which carries the CSRF token.
      expect(row?.querySelector('input[type="checkbox"][name="ids"]')?.getAttribute('form')).toBe('bulk-form');
      expect(doc.querySelector('form#bulk-form input[name="_csrf"]')).not.toBeNull();
      expect(doc.querySelector('input[data-select-all]')).not.toBeNull();
    });

    it('shows the website, the flags and more than three reasons behind "more"', async () => {
      const id = await seed();
      const reasons = ['Spam score 0.95 is at or above 0.90.', 'Many links', 'Known spam words', 'Sent in 1 second'];
      await t.ctx.db
        .updateTable('comment')
        .set({ author_url: 'https://ann.example/blog', spam_score: 0.95, spam_reasons: JSON.stringify(reasons), flags: JSON.stringify(['spam-check-failed']) })
        .where('id', '=', id)
        .execute();
      const row = (await page(moderator, '/admin/comments')).querySelector(`#comment-${id}`);
      expect(row?.querySelector('a[href="https://ann.example/blog"]')?.getAttribute('rel')).toContain('nofollow');
      expect(row?.querySelector('.queue-score')?.textContent).toContain('0.95');
      expect(row?.querySelector('.queue-flag')?.textContent).toBe('Spam check failed');
      expect([...(row?.querySelectorAll('.queue-spam > .queue-reasons li') ?? [])].map((li) => li.textContent)).toEqual(reasons.slice(0, 3));
      expect(row?.querySelector('.queue-more-reasons summary')?.textContent).toBe('1 more reason');
    });

    it('searches by author, email, IP or text and keeps the search in the tabs', async () => {
      const ann = await seed({ authorName: 'Ann Search', authorEmail: 'ann.search@example.com', ip: '198.51.100.77' });
      const bob = await seed({ content: 'The ferry timetable changed again.' });
      await seed({ status: 'approved', authorName: 'Ann Search' });
      for (const q of ['ann search', 'ANN.SEARCH@', '198.51.100.77']) expect(rowIds(await page(moderator, `/admin/comments?q=${encodeURIComponent(q)}`)), q).toEqual([ann]);
      const doc = await page(moderator, '/admin/comments?status=pending&q=ferry');
      expect(rowIds(doc)).toEqual([bob]);
      expect(doc.querySelector('#field-q')?.getAttribute('value')).toBe('ferry');
      const searched = await page(moderator, '/admin/comments?q=Ann+Search');
      expect([...searched.querySelectorAll('.tabs a')].map((a) => a.getAttribute('href'))).toContain('/admin/comments?status=approved&q=Ann+Search');
      expect(searched.querySelector('.tabs a[aria-current="page"]')?.textContent?.replace(/\s+/g, ' ')).toBe('Pending (1)');
      expect((await page(moderator, '/admin/comments?q=nothing-like-this')).querySelector('.admin-main')?.textContent).toContain('No pending comments match “nothing-like-this”.');
    });

    it('pages through a long tab and survives nonsense in the address', async () => {
      for (let i = 0; i < 22; i++) await seed({ at: new Date(t.clock.now().getTime() - (22 - i) * 60_000) });
      const second = await page(moderator, '/admin/comments?status=pending&page=2');
      expect(rowIds(second)).toHaveLength(2);
      expect(second.querySelector('.pager')?.textContent).toContain('Page 2 of 2');
      expect(second.querySelector('a[rel="prev"]')?.getAttribute('href')).toBe('/admin/comments?status=pending');
      for (const url of ['/admin/comments?status=bogus&page=-3', '/admin/comments?page=abc&q=%25', `/admin/comments?q=${'x'.repeat(5000)}`, '/admin/comments?reply=nope', '/admin/comments?status=spam&status=trash']) {
        expect((await moderator.get(url)).statusCode, url).toBe(200);
      }
    });
  });

  describe('bulk and per-comment actions', () => {
    it('approves, marks spam, not spam and trash in bulk, back on the same tab, search and page with a notice', async () => {
      const ids = [await seed(), await seed(), await seed()];
      const approve = await moderator.post('/admin/comments/bulk', { ids: ids.slice(0, 2).map(String), action: 'approve', status: 'pending', q: 'harbour', page: '1' });
      expect(approve.statusCode).toBe(303);
      expect(approve.headers.location).toBe('/admin/comments?status=pending&q=harbour');
      expect(await Promise.all(ids.map(statusOf))).toEqual(['approved', 'approved', 'pending']);

      const spam = await moderator.post('/admin/comments/bulk', { ids: ids.map(String), action: 'spam', status: 'approved' });
      expect(spam.headers.location).toBe('/admin/comments?status=approved');
      const after = await follow(spam);
      expect(after.doc.querySelector('.notice')?.textContent).toBe('3 comments marked as spam.');
      // The notice shows once.
      expect(dom((await t.inject({ url: '/admin/comments', headers: { cookie: after.cookie } })).body).querySelector('.notice')).toBeNull();

      await moderator.post('/admin/comments/bulk', { ids: [String(ids[0])], action: 'not-spam', status: 'spam' });
      expect(await Promise.all(ids.map(statusOf))).toEqual(['approved', 'spam', 'spam']);

      const trash = await moderator.post('/admin/comments/bulk', { ids: ids.map(String), action: 'trash', status: 'spam' });
      expect(trash.headers.location).toBe('/admin/comments?status=spam');
      expect(await Promise.all(ids.map(statusOf))).toEqual(['trash', 'trash', 'trash']);
      expect(await noticeAfter(trash)).toBe('3 comments moved to the trash.');
      const trashTab = await page(moderator, '/admin/comments?status=trash');
      expect(rowIds(trashTab).sort()).toEqual([...ids].sort());
    });

    it('says which comments an action did not fit, and asks for a selection and an action', async () => {
      const pending = await seed();
      const spam = await seed({ status: 'spam' });
      expect(await noticeAfter(await moderator.post('/admin/comments/bulk', { ids: [String(pending), String(spam)], action: 'not-spam', status: 'spam' }))).toBe(
        `1 comment marked as not spam. 1 comment skipped: Comment ${pending} is pending, not spam.`,
      );
      expect(await noticeAfter(await moderator.post('/admin/comments/bulk', { action: 'approve' }))).toBe('Select at least one comment first.');
      expect(await noticeAfter(await moderator.post('/admin/comments/bulk', { ids: [String(pending)], action: 'explode' }))).toBe('Choose what to do with the selected comments.');
      expect(await statusOf(pending)).toBe('pending');
    });

    it('runs one comment’s own buttons, which carry the shortcut keys', async () => {
      const id = await seed();
      const row = (await page(moderator, '/admin/comments')).querySelector(`#comment-${id}`);
      const form = row?.querySelector(`form[action="/admin/comments/${id}/moderate"]`);
      expect([...(form?.querySelectorAll('button[name="action"]') ?? [])].map((b) => [b.getAttribute('value'), b.getAttribute('data-shortcut')])).toEqual([
        ['approve', 'a'],
        ['spam', 's'],
        ['trash', 'd'],
      ]);
      const response = await moderator.post(`/admin/comments/${id}/moderate`, { action: 'approve', status: 'pending', page: '3' });
      expect(response.headers.location).toBe('/admin/comments?status=pending&page=3');
      expect(await statusOf(id)).toBe('approved');
      expect(await noticeAfter(response)).toBe('1 comment approved.');
      expect((await moderator.post('/admin/comments/abc/moderate', { action: 'approve' })).statusCode).toBe(404);
    });
  });

  describe('replies as staff', () => {
    it('opens the reply form under one comment without JavaScript and publishes the reply with the Staff badge', async () => {
      const id = await seed({ authorName: 'Ann Asker', content: 'When does the ferry run?' });
      const other = await seed();
      const doc = await page(moderator, `/admin/comments?status=pending&reply=${id}`);
      expect(doc.querySelector(`#reply-${id}`)?.hasAttribute('hidden')).toBe(false);
      expect(doc.querySelector(`#reply-${other}`)?.hasAttribute('hidden')).toBe(true);
      expect(doc.querySelector(`#comment-${other} a[data-shortcut="r"]`)?.getAttribute('href')).toBe(`/admin/comments?status=pending&reply=${other}#reply-${other}`);
      expect(doc.querySelector(`#reply-${id} label`)?.textContent).toMatch(/^Reply to Ann Asker as moderator \d+$/);
      expect(doc.querySelector(`#reply-${id} button[type="submit"]`)?.textContent).toBe('Approve and reply');

      const response = await moderator.post(`/admin/comments/${id}/reply`, { content: 'Every hour from 7:00, see the timetable.', status: 'pending' });
      expect(response.statusCode).toBe(303);
      expect(response.headers.location).toBe('/admin/comments?status=pending');
      expect(await noticeAfter(response)).toBe('Your reply is published.');
      expect(await statusOf(id)).toBe('approved');

      const publicPage = dom((await t.inject({ url: article.path })).body);
      const staffReply = publicPage.querySelector(`#comment-${id} .comment-staff`);
      expect(staffReply?.textContent).toContain('Every hour from 7:00, see the timetable.');
      expect(staffReply?.querySelector('.badge-staff')?.textContent).toBe('Staff');
      expect(publicPage.querySelector(`#comment-${id} .comment-content`)?.textContent).toBe('When does the ferry run?');
    });

    it('re-renders the queue with the reply form open, the text kept and the error beside it', async () => {
      const id = await seed();
      const response = await moderator.post(`/admin/comments/${id}/reply`, { content: 'x', status: 'pending' });
      expect(response.statusCode).toBe(400);
      const doc = dom(response.body);
      const form = doc.querySelector(`#reply-${id}`);
      expect(form?.hasAttribute('hidden')).toBe(false);
      expect(form?.querySelector('textarea')?.textContent).toBe('x');
      expect(form?.querySelector('textarea')?.getAttribute('aria-invalid')).toBe('true');
      expect(form?.querySelector('.error')?.textContent).toBe('Your comment is too short: at least 2 characters.');
      expect(await statusOf(id)).toBe('pending');
    });
  });

  describe('editing', () => {
    it('edits the text, re-rendering with the values and errors kept when they are not valid', async () => {
      const id = await seed({ content: 'Teh ferry was late.' });
      const form = await page(moderator, `/admin/comments/${id}/edit?status=pending&q=ferry`);
      expect(form.querySelector('#field-content')?.textContent).toBe('Teh ferry was late.');
      expect(form.querySelector('form input[name="q"]')?.getAttribute('value')).toBe('ferry');

      const bad = await moderator.post(`/admin/comments/${id}/edit`, { content: 'x', authorName: 'Renamed Reader', authorUrl: 'ftp://nope', status: 'pending', q: 'ferry' });
      expect(bad.statusCode).toBe(400);
      const doc = dom(bad.body);
      expect(doc.querySelector('#field-content-error')?.textContent).toBe('Your comment is too short: at least 2 characters.');
      expect(doc.querySelector('#field-authorUrl-error')?.textContent).toContain('http:// or https://');
      expect(doc.querySelector('#field-content')?.textContent).toBe('x');
      expect(doc.querySelector('#field-authorName')?.getAttribute('value')).toBe('Renamed Reader');
      expect((await t.ctx.comments.get(testActor, id)).content).toBe('Teh ferry was late.');

      const good = await moderator.post(`/admin/comments/${id}/edit`, { content: 'The ferry was late.', authorName: 'Renamed Reader', authorUrl: '', status: 'pending', q: 'ferry' });
      expect(good.statusCode).toBe(303);
      expect(good.headers.location).toBe(`/admin/comments?status=pending&q=ferry#comment-${id}`);
      expect(await t.ctx.comments.get(testActor, id)).toMatchObject({ content: 'The ferry was late.', authorName: 'Renamed Reader' });
      expect(await noticeAfter(good)).toBe('Comment saved.');
    });

    it('answers 404 for a comment that does not exist', async () => {
      expect((await moderator.get('/admin/comments/999999/edit')).statusCode).toBe(404);
      expect((await moderator.get('/admin/comments/1e3/edit')).statusCode).toBe(404);
      expect((await moderator.post('/admin/comments/999999/edit', { content: 'Hello there' })).statusCode).toBe(404);
    });
  });

  describe('refusals', () => {
    it('sends signed-out visitors to the login page and shows authors the 403 page, changing nothing', async () => {
      const id = await seed();
      expect((await t.inject({ url: '/admin/comments?status=spam' })).headers.location).toBe('/admin/login?next=%2Fadmin%2Fcomments%3Fstatus%3Dspam');
      const author = await signInAs(t, 'author');
      for (const url of ['/admin/comments', `/admin/comments/${id}/edit`]) {
        const response = await author.get(url);
        expect(response.statusCode, url).toBe(403);
        expect(response.body).toContain('may not: moderate, edit and answer comments');
      }
      const posts: [string, Record<string, string | string[]>][] = [
        ['/admin/comments/bulk', { ids: [String(id)], action: 'spam' }],
        [`/admin/comments/${id}/moderate`, { action: 'trash' }],
        [`/admin/comments/${id}/reply`, { content: 'Author says hello.' }],
        [`/admin/comments/${id}/edit`, { content: 'Author was here.' }],
      ];
      for (const [url, fields] of posts) {
        expect((await author.post(url, fields)).statusCode, url).toBe(403);
      }
      expect(await t.ctx.comments.get(testActor, id)).toMatchObject({ status: 'pending' });
      expect((await t.ctx.comments.get(testActor, id)).content).not.toContain('Author');
    });

    it('refuses a POST without the CSRF token, or with another session’s', async () => {
      const id = await seed();
      const other = await signInAs(t, 'editor');
      const missing = await t.inject({
        method: 'POST',
        url: '/admin/comments/bulk',
        headers: { cookie: moderator.cookie, 'content-type': 'application/x-www-form-urlencoded' },
        payload: `ids=${id}&action=approve`,
      });
      expect(missing.statusCode).toBe(403);
      expect(missing.body).toContain('did not come from this site');
      expect((await moderator.post(`/admin/comments/${id}/moderate`, { _csrf: other.csrf, action: 'approve' })).statusCode).toBe(403);
      expect(await statusOf(id)).toBe('pending');
    });
  });
});
