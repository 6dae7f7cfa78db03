import { Writable } from 'node:stream';
import pino from 'pino';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { boot } from '../../src/boot.js';
import { buildServer } from '../../src/web/server.js';
import { buildTestApp, type TestApp, testNow } from '../helpers/build-test-app.js';
import { forEachDatabase } from '../helpers/for-each-database.js';
import { inject } from '../helpers/inject.js';
import { testConfig } from '../helpers/test-config.js';
import { fixedClock } from '../../src/shared/clock.js';

const THANKS = 'Thanks for making the web a better place.';
const BLOG = 'https://blog.example/';
const SPAM = 'Check out my channel and subscribe!!! Free iPhone giveaway at http://bit.ly/free-phone click now';
const HAM = 'The council vote on the budget was closer than the article suggests; two members abstained.';
/** Words no training set has seen: only what the site learns can move its score. */
const NOVEL = 'zorblax quintefy glimmerwick offer';

type Fields = Record<string, string>;

forEachDatabase('Akismet API', (database) => {
  let t: TestApp;
  let key: string;

  beforeEach(async () => {
    t = await buildTestApp(database);
    key = (await t.ctx.spam.akismet.keys.add(BLOG)).key;
  });
  afterEach(() => t.close());

  const post = (url: string, fields: Fields, headers: Record<string, string> = {}) =>
    t.inject({ method: 'POST', url, headers: { 'content-type': 'application/x-www-form-urlencoded', ...headers }, payload: new URLSearchParams(fields).toString() });
  const check = (fields: Fields, headers?: Record<string, string>) =>
    post('/akismet/1.1/comment-check', { api_key: key, blog: BLOG, user_ip: '203.0.113.7', ...fields }, headers);
  const stats = async (from = 'all') => JSON.parse((await post('/akismet/1.1/get-stats', { api_key: key, from })).body);

  describe('keys', () => {
    it('verify-key answers valid for api_key, the legacy key field and a Host label', async () => {
      for (const response of [
        await post('/akismet/1.1/verify-key', { api_key: key, blog: BLOG }),
        await post('/akismet/1.1/verify-key', { key, blog: BLOG }),
        await post('/akismet/1.1/verify-key', { blog: BLOG }, { host: `${key}.news.test` }),
        await post('/1.1/verify-key', { blog: BLOG }, { host: `${key}.rest.example:8080` }),
        await post('/akismet/1.1/verify-key', { key: key.toUpperCase(), blog: BLOG }),
      ]) {
        expect(response.statusCode).toBe(200);
        expect(response.body).toBe('valid');
        expect(response.headers['x-akismet-debug-help']).toBeUndefined();
      }
    });

    it('answers invalid with a debug header for a missing or unknown key, and X-akismet-error for a revoked one', async () => {
      const missing = await post('/akismet/1.1/verify-key', { blog: BLOG });
      expect([missing.statusCode, missing.body]).toEqual([200, 'invalid']);
      expect(missing.headers['x-akismet-debug-help']).toMatch(/api_key/);
      for (const unknown of ['abcdefabcdef', 'short', 'x'.repeat(40)]) {
        const response = await post('/akismet/1.1/verify-key', { key: unknown, blog: BLOG });
        expect([response.statusCode, response.body]).toEqual([200, 'invalid']);
        expect(response.headers['x-akismet-debug-help']).toBeTruthy();
      }
      await t.ctx.spam.akismet.keys.revoke(key);
      for (const endpoint of ['verify-key', 'comment-check', 'submit-spam']) {
        const response = await post(`/akismet/1.1/${endpoint}`, { api_key: key, blog: BLOG, user_ip: '1.2.3.4', comment_content: HAM });
        expect([response.statusCode, response.body]).toEqual([200, 'invalid']);
        expect(response.headers['x-akismet-error']).toMatch(/revoked/);
      }
    });

    it('the body key wins over the Host label', async () => {
      const response = await post('/akismet/1.1/verify-key', { api_key: 'abcdefabcdef' }, { host: `${key}.news.test` });
      expect(response.body).toBe('invalid');
    });
  });

  describe('comment-check', () => {
    it('answers true for spam with a GUID and discard for blatant spam, false for ham', async () => {
      const spam = await check({ comment_content: SPAM, comment_author: 'Best Deals', comment_type: 'comment' });
      expect([spam.statusCode, spam.body]).toEqual([200, 'true']);
      expect(spam.headers['x-akismet-guid']).toMatch(/^[0-9a-f-]{36}$/);
      expect(spam.headers['x-akismet-pro-tip']).toBe('discard');
      const ham = await check({ comment_content: HAM, comment_author: 'Ann' });
      expect([ham.statusCode, ham.body]).toEqual([200, 'false']);
      expect(ham.headers['x-akismet-guid']).toMatch(/^[0-9a-f-]{36}$/);
      expect(ham.headers['x-akismet-guid']).not.toBe(spam.headers['x-akismet-guid']);
      expect(ham.headers['x-akismet-pro-tip']).toBeUndefined();
    });

    it("does not count a link to the blog's own pages against a comment", async () => {
      const content = 'Your own report from March says otherwise: https://blog.example/2026/03/budget-vote';
      const own = await check({ comment_content: content, permalink: 'https://blog.example/2026/budget', comment_author: 'Ann' });
      expect([own.statusCode, own.body]).toEqual([200, 'false']);
      const elsewhere = await check({
        comment_content: content.replace('blog.example', 'cheap-deals.example.com'),
        permalink: 'https://blog.example/2026/budget',
        comment_author: 'Ann',
      });
      expect([elsewhere.statusCode, elsewhere.body]).toEqual([200, 'true']);
    });

    it('accepts every listed field and unknown ones (WordPress sends HTTP_* and POST_*)', async () => {
      const response = await check({
        user_agent: 'Mozilla/5.0 (X11; Linux x86_64) Firefox/120.0',
        referrer: 'https://blog.example/2026/budget',
        permalink: 'https://blog.example/2026/budget',
        comment_type: 'forum-post',
        comment_author: 'Ann',
        comment_author_email: 'ann@example.org',
        comment_author_url: 'https://ann.example.org/',
        comment_content: HAM,
        comment_date_gmt: '2026-11-24T11:59:00Z',
        comment_post_modified_gmt: '2026-11-20T08:00:00Z',
        comment_parent: '12',
        'comment_context[0]': 'politics',
        'comment_context[1]': 'budget',
        blog_lang: 'en_us, fr_ca',
        blog_charset: 'UTF-8',
        HTTP_ACCEPT_LANGUAGE: 'en-GB,en;q=0.9',
        HTTP_COOKIE: 'session=secret',
        POST_submit: 'Post Comment',
        something_new: 'x',
      });
      expect([response.statusCode, response.body]).toEqual([200, 'false']);
      for (const type of ['comment', 'reply', 'blog-post', 'contact-form', 'signup', 'message', 'trackback', 'pingback', 'my-custom-type']) {
        const typed = await check({ comment_content: HAM, comment_type: type });
        expect(typed.body).toBe('false');
      }
    });

    it('still answers when comment_content is missing; a missing blog or user_ip is named', async () => {
      const noContent = await check({ comment_author: 'Ann' });
      expect(noContent.statusCode).toBe(200);
      expect(['true', 'false']).toContain(noContent.body);
      const noIp = await post('/akismet/1.1/comment-check', { api_key: key, blog: BLOG, comment_content: HAM });
      expect([noIp.statusCode, noIp.body]).toEqual([200, 'Missing required field: user_ip.']);
      expect(noIp.headers['x-akismet-debug-help']).toBe('Empty "user_ip" value');
      expect(noIp.headers['x-akismet-guid']).toBeTruthy();
      const noBlog = await post('/akismet/1.1/comment-check', { api_key: key, user_ip: '1.2.3.4', comment_content: HAM });
      expect(noBlog.body).toBe('Missing required field: blog.');
    });

    it("honours Akismet's test triggers, user_role=administrator and the honeypot", async () => {
      expect((await check({ comment_content: HAM, comment_author: 'viagra-test-123' })).body).toBe('true');
      expect((await check({ comment_content: HAM, comment_author_email: 'akismet-guaranteed-spam@example.com' })).body).toBe('true');
      expect((await check({ comment_content: SPAM, user_role: 'administrator' })).body).toBe('false');
      expect((await check({ comment_content: HAM, comment_author: 'viagra-test-123', user_role: 'administrator' })).body).toBe('false');
      expect((await check({ comment_content: HAM, honeypot_field_name: 'hidden_url', hidden_url: 'http://spam.example/' })).body).toBe('true');
      expect((await check({ comment_content: HAM, honeypot_field_name: 'hidden_url', hidden_url: '' })).body).toBe('false');
    });

    it('counts checks, but not is_test or recheck_reason requests', async () => {
      await check({ comment_content: SPAM });
      await check({ comment_content: HAM });
      await check({ comment_content: SPAM, is_test: '1' });
      await check({ comment_content: HAM, is_test: 'true' });
      await check({ comment_content: HAM, recheck_reason: 'edit' });
      expect(await stats()).toMatchObject({ spam: 1, ham: 1, missed_spam: 0, false_positives: 0 });
      const [listed] = await t.ctx.spam.akismet.keys.list();
      expect(listed.counts).toEqual({ checks: 2, spam: 1, ham: 1, missed_spam: 0, false_positives: 0 });
    });

    it('answers false with a debug header, and logs, when the classifier fails', async () => {
      const lines: string[] = [];
      const log = pino(
        { level: 'error' },
        new Writable({
          write(chunk, _encoding, done) {
            lines.push(String(chunk));
            done();
          },
        }),
      );
      const ctx = await boot({ config: testConfig({ databaseUrl: database.url }), log, clock: fixedClock(testNow), schema: database.newSchema() });
      const app = await buildServer(ctx);
      try {
        const own = (await ctx.spam.akismet.keys.add(BLOG)).key;
        await ctx.db.insertInto('spam_model').values({ id: 1, version: 1, model: Buffer.from('not a model').toString('base64'), examples: 0, updated_at: testNow.toISOString() }).execute();
        const response = await inject(app, {
          method: 'POST',
          url: '/akismet/1.1/comment-check',
          headers: { 'content-type': 'application/x-www-form-urlencoded' },
          payload: new URLSearchParams({ api_key: own, blog: BLOG, user_ip: '1.2.3.4', comment_content: SPAM }).toString(),
        });
        expect([response.statusCode, response.body]).toEqual([200, 'false']);
        expect(response.headers['x-akismet-debug-help']).toMatch(/classifier failed/);
        expect(response.headers['x-akismet-guid']).toBeTruthy();
        expect(lines.join('')).toMatch(/spam classifier failed/);
      } finally {
        await app.close();
        await ctx.close();
      }
    });

    it('enforces the per-key rate limit per minute and reports it in usage-limit', async () => {
      const limited = (await t.ctx.spam.akismet.keys.add(BLOG, 3)).key;
      const call = () => post('/akismet/1.1/comment-check', { api_key: limited, blog: BLOG, user_ip: '1.2.3.4', comment_content: HAM });
      for (let i = 0; i < 3; i++) expect((await call()).headers['x-akismet-debug-help']).toBeUndefined();
      const over = await call();
      expect([over.statusCode, over.body]).toEqual([200, 'false']);
      expect(over.headers['x-akismet-debug-help']).toMatch(/Rate limit of 3 requests a minute/);
      const usage = JSON.parse((await post('/akismet/1.2/usage-limit', { api_key: key })).body);
      expect(usage).toEqual({ limit: null, usage: 0, percentage: '0.00', throttled: false });
      t.clock.advance(60_000);
      expect((await call()).headers['x-akismet-debug-help']).toBeUndefined();
    });
  });

  describe('submit-spam and submit-ham', () => {
    it('thank the client, teach the model and count missed spam and false positives', async () => {
      const before = await t.ctx.spam.classify({ content: NOVEL });
      for (let i = 0; i < 5; i++) {
        const response = await post('/akismet/1.1/submit-spam', { api_key: key, blog: BLOG, user_ip: '1.2.3.4', comment_content: `${NOVEL} ${i}` });
        expect([response.statusCode, response.body]).toEqual([200, THANKS]);
      }
      expect((await t.ctx.spam.classify({ content: NOVEL })).score).toBeGreaterThan(before.score);
      const ham = await post('/1.1/submit-ham', { blog: BLOG, user_ip: '1.2.3.4', comment_content: HAM }, { host: `${key}.news.example` });
      expect([ham.statusCode, ham.body]).toEqual([200, THANKS]);
      expect(await stats()).toMatchObject({ missed_spam: 5, false_positives: 1 });
      await t.ctx.spam.flush();
      expect((await t.ctx.spam.modelInfo()).origin).toBe('site');
    });

    it('with is_test thank without learning or counting', async () => {
      const before = await t.ctx.spam.classify({ content: NOVEL });
      const response = await post('/akismet/1.1/submit-spam', { api_key: key, blog: BLOG, user_ip: '1.2.3.4', comment_content: NOVEL, is_test: '1' });
      expect(response.body).toBe(THANKS);
      expect((await t.ctx.spam.classify({ content: NOVEL })).score).toBe(before.score);
      expect(await stats()).toMatchObject({ missed_spam: 0 });
    });
  });

  describe('get-stats and usage-limit', () => {
    it('sums the per-day counters over 60 days, 6 months or all time', async () => {
      t.clock.set(new Date('2026-01-10T12:00:00Z'));
      await check({ comment_content: SPAM });
      t.clock.set(new Date('2026-08-10T12:00:00Z'));
      await check({ comment_content: SPAM });
      await post('/akismet/1.1/submit-ham', { api_key: key, blog: BLOG, user_ip: '1.2.3.4', comment_content: HAM });
      t.clock.set(testNow);
      await check({ comment_content: HAM });
      await check({ comment_content: HAM });

      const sixty = await stats('60-days');
      expect(sixty).toMatchObject({ spam: 0, ham: 2, missed_spam: 0, false_positives: 0, accuracy: '100.00', time_saved: 0 });
      expect(Object.keys(sixty.breakdown)).toEqual(['2026-11-24']);
      const six = await stats('6-months');
      expect(six).toMatchObject({ spam: 1, ham: 2, false_positives: 1, accuracy: '66.67' });
      expect(Object.keys(six.breakdown)).toEqual(['2026-08', '2026-11']);
      const all = await stats('all');
      expect(all).toMatchObject({ spam: 2, ham: 2, missed_spam: 0, false_positives: 1, accuracy: '75.00', time_saved: 20 });
      expect(Object.keys(all).sort()).toEqual(['accuracy', 'breakdown', 'false_positives', 'ham', 'missed_spam', 'spam', 'time_saved']);
      const bad = await post('/akismet/1.1/get-stats', { api_key: key, from: 'yesterday' });
      expect([bad.statusCode, bad.body]).toEqual([200, 'invalid']);
      expect(bad.headers['x-akismet-debug-help']).toMatch(/60-days/);

      const usage = JSON.parse((await post('/akismet/1.2/usage-limit', { api_key: key })).body);
      expect(usage).toEqual({ limit: null, usage: 2, percentage: '0.00', throttled: false });
      const rooted = await post('/1.2/usage-limit', {}, { host: `${key}.news.example` });
      expect(JSON.parse(rooted.body).usage).toBe(2);
    });
  });

  describe('routing and bad input', () => {
    it('answers at the root only when the Host starts with a key label; the site is untouched', async () => {
      const rooted = await post('/1.1/comment-check', { blog: BLOG, user_ip: '1.2.3.4', comment_content: SPAM }, { host: `${key}.news.test` });
      expect([rooted.statusCode, rooted.body]).toEqual([200, 'true']);
      expect((await post('/1.1/comment-check', { api_key: key, blog: BLOG, user_ip: '1.2.3.4' })).statusCode).toBe(404);
      expect((await post('/1.1/verify-key', { api_key: key }, { host: 'www.news.test' })).statusCode).toBe(404);
      expect((await post('/1.1/verify-key', { api_key: key }, { host: 'localhost' })).statusCode).toBe(404);
      expect((await t.inject({ method: 'GET', url: '/' })).statusCode).toBe(200);
      expect((await t.inject({ method: 'GET', url: '/1.1/comment-check', headers: { host: `${key}.news.test` } })).statusCode).toBe(404);
    });

    it('refuses bodies over 64 KB with 413 and unreadable ones with 400, and nothing else', async () => {
      const big = await check({ comment_content: 'x'.repeat(70 * 1024) });
      expect(big.statusCode).toBe(413);
      const justUnder = await check({ comment_content: 'word '.repeat(12_000) });
      expect(justUnder.statusCode).toBe(200);
      const badJson = await t.inject({ method: 'POST', url: '/akismet/1.1/comment-check', headers: { 'content-type': 'application/json' }, payload: '{"api_key":' });
      expect(badJson.statusCode).toBe(400);
      const xml = await t.inject({ method: 'POST', url: '/akismet/1.1/comment-check', headers: { 'content-type': 'text/xml' }, payload: '<comment/>' });
      expect(xml.statusCode).toBe(400);
      const array = await t.inject({ method: 'POST', url: '/akismet/1.1/comment-check', headers: { 'content-type': 'application/json' }, payload: '[1,2]' });
      expect(array.statusCode).toBe(400);
      const empty = await t.inject({ method: 'POST', url: '/akismet/1.1/comment-check' });
      expect([empty.statusCode, empty.body]).toEqual([200, 'invalid']);
      const json = await t.inject({
        method: 'POST',
        url: '/akismet/1.1/comment-check',
        headers: { 'content-type': 'application/json' },
        payload: JSON.stringify({ api_key: key, blog: BLOG, user_ip: '1.2.3.4', comment_content: HAM }),
      });
      expect([json.statusCode, json.body]).toEqual([200, 'false']);
    });
  });
});
