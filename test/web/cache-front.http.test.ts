import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, type TestApp } from '../helpers/build-test-app.js';
import { publishArticle, seedNewsroom } from '../helpers/factories.js';
import { forEachDatabase } from '../helpers/for-each-database.js';

/**
 * Over a real socket: the page cache's front answers kept pages before Fastify, and must answer
 * exactly as a fresh render does, count what it answers, and leave everything else to Fastify.
 */
forEachDatabase('page cache front', (database) => {
  let t: TestApp;
  let base: string;
  let path: string;

  beforeAll(async () => {
    t = await buildTestApp(database);
    const newsroom = await seedNewsroom(t.ctx);
    const article = await publishArticle(t.ctx, { title: 'Front door story', slug: 'front-door-story', sectionId: newsroom.world.id });
    path = `/world/${article.slug}`;
    base = await t.app.listen({ port: 0, host: '127.0.0.1' });
  });
  afterAll(() => t.close());

  const headersOf = (response: Response) => Object.fromEntries([...response.headers].filter(([name]) => name !== 'date'));

  describe('a kept page', () => {
    it('is sent with the bytes and headers of the fresh render', async () => {
      const fresh = await fetch(base + path);
      const freshBody = await fresh.text();
      expect(t.app.pageCache.find(path)).toBeDefined();
      const kept = await fetch(base + path);
      expect(kept.status).toBe(200);
      expect(await kept.text()).toBe(freshBody);
      expect(headersOf(kept)).toEqual(headersOf(fresh));
      expect(kept.headers.get('content-length')).toBe(String(Buffer.byteLength(freshBody)));
      expect(kept.headers.get('content-security-policy')).toContain("default-src 'self'");
    });

    it('answers HEAD with the length of the page and no body', async () => {
      const get = await fetch(base + path);
      const head = await fetch(base + path, { method: 'HEAD' });
      expect(head.status).toBe(200);
      expect(head.headers.get('content-length')).toBe(get.headers.get('content-length'));
      expect(head.headers.get('etag')).toBe(get.headers.get('etag'));
      expect(await head.text()).toBe('');
    });

    it('answers 304 to its ETag, with validators and without a body or type', async () => {
      const etag = (await fetch(base + path)).headers.get('etag') as string;
      for (const ifNoneMatch of [etag, `W/${etag}`, `"other", ${etag}`]) {
        const response = await fetch(base + path, { headers: { 'if-none-match': ifNoneMatch } });
        expect(response.status, ifNoneMatch).toBe(304);
        expect(response.headers.get('etag')).toBe(etag);
        expect(response.headers.get('content-type')).toBeNull();
        expect(await response.text()).toBe('');
      }
      expect((await fetch(base + path, { headers: { 'if-none-match': '"other"' } })).status).toBe(200);
    });

    it('is not sent for another query string of the same path', async () => {
      expect((await fetch(`${base}/`)).status).toBe(200);
      expect(t.app.pageCache.find('/')).toBeDefined();
      // There is no second page of one article: the route answers, not the kept home page.
      expect((await fetch(`${base}/?page=2`)).status).toBe(404);
    });
  });

  it('leaves other methods to Fastify', async () => {
    await fetch(base + path);
    const post = await fetch(base + path, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: 'x=1' });
    expect(post.status).toBe(404);
  });

  it('counts what it answers in /metrics, under the route that rendered the page', async () => {
    const metricLine = async (status: number) => {
      const text = await (await fetch(`${base}/metrics`)).text();
      const line = text.split('\n').find((l) => l.startsWith('broadsheet_http_requests_total{') && l.includes('route="/*"') && l.includes(`status="${status}"`));
      return Number(line?.split(' ').pop() ?? 0);
    };
    const [ok, notModified] = [await metricLine(200), await metricLine(304)];
    const etag = (await fetch(base + path)).headers.get('etag') as string;
    await fetch(base + path);
    await fetch(base + path, { headers: { 'if-none-match': etag } });
    expect(await metricLine(200)).toBe(ok + 2);
    expect(await metricLine(304)).toBe(notModified + 1);
  });
});
