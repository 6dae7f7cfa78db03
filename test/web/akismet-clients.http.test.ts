import dns from 'node:dns';
import { Author, Blog, CheckResult, Client, Comment } from '@cedx/akismet';
import { AkismetClient } from 'akismet-api';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, type TestApp } from '../helpers/build-test-app.js';
import { forEachDatabase } from '../helpers/for-each-database.js';

const BLOG = 'https://blog.example/';
const SPAM = 'Check out my channel and subscribe!!! Free iPhone giveaway at http://bit.ly/free-phone click now';
const HAM = 'The council vote on the budget was closer than the article suggests; two members abstained.';

/**
 * `akismet-api` calls `KEY.host`, and `*.localhost` does not resolve through getaddrinfo here
 * (nor reliably elsewhere). Its HTTP library (superagent) opens a fresh agent per request and
 * passes no lookup of its own, so Node's net falls back to `dns.lookup`, looked up at call
 * time: this file routes `localhost` and every name under it to 127.0.0.1 there, and leaves
 * other names to the real resolver. Vitest runs each file in its own process.
 */
const realLookup = dns.lookup;
function loopbackLookup(hostname: string, options: unknown, callback?: unknown): void {
  const cb = (typeof options === 'function' ? options : callback) as (...args: unknown[]) => void;
  const opts = (typeof options === 'object' && options !== null ? options : {}) as dns.LookupOptions;
  if (hostname === 'localhost' || hostname.endsWith('.localhost')) {
    if (opts.all) cb(null, [{ address: '127.0.0.1', family: 4 }]);
    else cb(null, '127.0.0.1', 4);
    return;
  }
  (realLookup as (...args: unknown[]) => void)(hostname, options, callback);
}

forEachDatabase('Akismet API with real clients', (database) => {
  let t: TestApp;
  let port: number;
  let key: string;
  beforeAll(async () => {
    dns.lookup = loopbackLookup as typeof dns.lookup;
    t = await buildTestApp(database);
    await t.app.listen({ port: 0, host: '127.0.0.1' });
    port = (t.app.server.address() as { port: number }).port;
    key = (await t.ctx.spam.akismet.keys.add(BLOG)).key;
  });
  afterAll(async () => {
    dns.lookup = realLookup;
    await t.close();
  });

  describe('akismet-api (key in the Host name)', () => {
    const client = (options: { key?: string; host?: string } = {}) =>
      new AkismetClient({ key: options.key ?? key, blog: BLOG, protocol: 'http', host: options.host ?? `localhost:${port}` });

    it('verifies its key at the /akismet/ prefix', async () => {
      expect(await client({ host: `localhost:${port}/akismet` }).verifyKey()).toBe(true);
      expect(await client({ host: `localhost:${port}/akismet`, key: 'abcdefabcdef' }).verifyKey()).toBe(false);
    });

    it('checks comments at the root and under /akismet/, the key only in the Host name', async () => {
      for (const host of [`localhost:${port}`, `localhost:${port}/akismet`]) {
        const c = client({ host });
        expect(await c.checkSpam({ ip: '203.0.113.7', content: SPAM, name: 'Best Deals', useragent: 'Mozilla/5.0', type: 'comment' })).toBe(true);
        expect(await c.checkSpam({ ip: '203.0.113.8', content: HAM, name: 'Ann', email: 'ann@example.org', permalink: `${BLOG}budget` })).toBe(false);
        expect(await c.checkSpam({ ip: '203.0.113.8', content: HAM, name: 'viagra-test-123', isTest: true })).toBe(true);
        expect(await c.checkSpam({ ip: '203.0.113.8', content: HAM, honeypot: 'http://filled.example/' })).toBe(true);
        expect(await c.checkSpam({ ip: '203.0.113.8', content: SPAM, role: 'administrator' })).toBe(false);
      }
    });

    it('submits spam and ham', async () => {
      const c = client();
      await c.submitSpam({ ip: '203.0.113.7', content: 'zorblax quintefy glimmerwick' });
      await c.submitHam({ ip: '203.0.113.8', content: HAM });
      const [listed] = await t.ctx.spam.akismet.keys.list();
      expect(listed.counts.missed_spam).toBeGreaterThanOrEqual(1);
      expect(listed.counts.false_positives).toBeGreaterThanOrEqual(1);
    });

    it('surfaces an unknown key as an error', async () => {
      await expect(client({ key: 'abcdefabcdef' }).checkSpam({ ip: '203.0.113.7', content: HAM })).rejects.toThrow(/Invalid API key/);
    });
  });

  describe('@cedx/akismet (baseUrl)', () => {
    const blog = new Blog({ url: BLOG, charset: 'UTF-8', languages: ['en'] });
    const client = (apiKey = key, isTest = false) => new Client(apiKey, blog, { baseUrl: `http://127.0.0.1:${port}/akismet/`, isTest });
    const author = (options: Partial<{ name: string; email: string; role: string }> = {}) =>
      new Author({ ipAddress: '203.0.113.7', userAgent: 'Mozilla/5.0 (X11; Linux x86_64) Firefox/120.0', ...options });

    it('verifies keys', async () => {
      expect(await client().verifyKey()).toBe(true);
      expect(await client('abcdefabcdef').verifyKey()).toBe(false);
    });

    it('checks comments: ham, spam and pervasive spam (discard)', async () => {
      const c = client();
      expect(await c.checkComment(new Comment({ author: author({ name: 'Ann' }), content: HAM, type: 'comment', permalink: `${BLOG}budget` }))).toBe(CheckResult.ham);
      expect(await c.checkComment(new Comment({ author: author({ name: 'Best Deals' }), content: SPAM, context: ['music', 'video'] }))).toBe(
        CheckResult.pervasiveSpam,
      );
      expect(await c.checkComment(new Comment({ author: author({ email: 'akismet-guaranteed-spam@example.com' }), content: HAM }))).not.toBe(CheckResult.ham);
      expect(await c.checkComment(new Comment({ author: author({ role: 'administrator' }), content: SPAM }))).toBe(CheckResult.ham);
      expect(await client(key, true).checkComment(new Comment({ author: author(), content: HAM, recheckReason: 'edit' }))).toBe(CheckResult.ham);
    });

    it('submits spam and ham and gets the promised thanks', async () => {
      const c = client();
      await expect(c.submitSpam(new Comment({ author: author(), content: 'zorblax quintefy glimmerwick' }))).resolves.toBeUndefined();
      await expect(c.submitHam(new Comment({ author: author(), content: HAM }))).resolves.toBeUndefined();
    });

    it('surfaces a revoked key', async () => {
      const revoked = (await t.ctx.spam.akismet.keys.add(BLOG)).key;
      await t.ctx.spam.akismet.keys.revoke(revoked);
      expect(await client(revoked).verifyKey()).toBe(false);
    });
  });
});
