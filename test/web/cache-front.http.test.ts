import { get, type IncomingHttpHeaders } from 'node:http';
import { gunzipSync } from 'node:zlib';
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
  // fetch asks for gzip and decodes it; these tests look at the page as sent.
  const identity = { headers: { 'accept-encoding': 'identity' } };
  /** A GET as a browser sends it, with the body as it came over the wire. */
  const raw = (url: string, headers: Record<string, string> = {}) =>
    new Promise<{ status: number; headers: IncomingHttpHeaders; body: Buffer }>((resolve, reject) => {
      get(url, { headers: { 'accept-encoding': 'gzip, deflate, br', ...headers } }, (response) => {
        const chunks: Buffer[] = [];
        response.on('data', (chunk: Buffer) => chunks.push(chunk));
        response.on('end', () => resolve({ status: response.statusCode ?? 0, headers: response.headers, body: Buffer.concat(chunks) }));
      }).on('error', reject);
    });
  const withoutToken = (page: string) => page.replace(/name="formToken" value="[^"]*"/, 'name="formToken" value=""');

  describe('a kept page', () => {
    it('is sent with the bytes and headers of the fresh render', async () => {
      t.app.pageCache.clear();
      const fresh = await fetch(base + path, identity);
      const freshBody = await fresh.text();
      expect(t.app.pageCache.find(path)).toBeDefined();
      const kept = await fetch(base + path, identity);
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

  describe('gzip', () => {
    it('sends a kept article page gzipped, each send decoding to the page with a fresh form token', async () => {
      const plain = (await raw(base + path, { 'accept-encoding': 'identity' })).body.toString('utf8');
      const first = await raw(base + path);
      t.clock.advance(5);
      const second = await raw(base + path);
      for (const sent of [first, second]) {
        expect(sent.headers['content-encoding']).toBe('gzip');
        expect(sent.headers.vary).toBe('Accept-Encoding');
        expect(sent.headers['content-length']).toBe(String(sent.body.length));
        expect(sent.headers.etag).toMatch(/-gzip"$/);
        expect(sent.body.length).toBeLessThan(Buffer.byteLength(plain) / 2);
        expect(withoutToken(gunzipSync(sent.body).toString('utf8'))).toBe(withoutToken(plain));
      }
      const tokenOf = (sent: { body: Buffer }) => /name="formToken" value="([^"]+)"/.exec(gunzipSync(sent.body).toString('utf8'))?.[1];
      expect(tokenOf(first)).toMatch(/^\d+\.[\w-]+$/);
      expect(tokenOf(second)).not.toBe(tokenOf(first));
    });

    it('sends the same gzip form from a fresh render as from the cache front', async () => {
      t.app.pageCache.clear();
      const fresh = await raw(`${base}/`);
      expect(t.app.pageCache.find('/')).toBeDefined();
      const kept = await raw(`${base}/`);
      const { date: _freshDate, ...freshHeaders } = fresh.headers;
      const { date: _keptDate, ...keptHeaders } = kept.headers;
      expect(keptHeaders).toEqual(freshHeaders);
      expect(kept.body.equals(fresh.body)).toBe(true);
      expect(fresh.headers['content-encoding']).toBe('gzip');
    });

    it('answers 304 to the gzip form’s ETag and HEAD with its length', async () => {
      const sent = await raw(base + path);
      const etag = sent.headers.etag as string;
      const again = await raw(base + path, { 'if-none-match': etag });
      expect(again.status).toBe(304);
      expect(again.headers.etag).toBe(etag);
      expect(again.body.length).toBe(0);
      // The plain page's ETag names other bytes: a gzip reader holding it gets the page.
      const plainEtag = (await raw(base + path, { 'accept-encoding': 'identity' })).headers.etag as string;
      expect((await raw(base + path, { 'if-none-match': plainEtag })).status).toBe(200);
      const head = await fetch(base + path, { method: 'HEAD' });
      expect(head.headers.get('content-encoding')).toBe('gzip');
      expect(Number(head.headers.get('content-length'))).toBeGreaterThan(0);
    });

    it('sends the page as it is when gzip is refused', async () => {
      for (const acceptEncoding of ['identity', 'gzip;q=0', 'br']) {
        const sent = await raw(base + path, { 'accept-encoding': acceptEncoding });
        expect(sent.headers['content-encoding'], acceptEncoding).toBeUndefined();
        expect(sent.body.toString('utf8')).toContain('Front door story');
      }
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
