import { createHash } from 'node:crypto';
import Fastify, { type FastifyRequest } from 'fastify';
import { describe, expect, it } from 'vitest';
import { commentsChanged, createChangeNotifier } from '../../src/shared/change-notifier.js';
import { createPageCache, pageBody, preparePage, preparePart, securityHeaders, sendPage, tokenSlot, withTokenSlot } from '../../src/web/plugins/page-cache.js';

const etagFor = (body: string | Buffer) => `"${createHash('sha1').update(body).digest('base64url')}"`;

const PLACEHOLDER = '__TOKEN__';
const html = 'text/html; charset=utf-8';

describe('cached pages', () => {
  it('encodes the body once and fills the token at the right byte offset after non-Latin-1 text', () => {
    const before = '<p>Read on… → · “quoted” 日本</p><input value="';
    const after = '"><p>after → end</p>';
    let n = 0;
    const page = preparePage([before, tokenSlot, after], { contentType: html, cacheControl: 'public', token: () => `t${++n}` });
    expect(page.etag).toBe(etagFor(before + after));
    expect(pageBody(page).toString('utf8')).toBe(`${before}t1${after}`);
    expect(pageBody(page).toString('utf8')).toBe(`${before}t2${after}`);
  });

  it('reuses the filled body while the token is unchanged, never writing to a body already sent', () => {
    let token = '1.x';
    const page = preparePage(['a ', tokenSlot, ' b'], { contentType: html, cacheControl: 'public', token: () => token });
    const first = pageBody(page);
    expect(first.toString()).toBe('a 1.x b');
    expect(pageBody(page)).toBe(first);
    token = '2.y';
    expect(pageBody(page).toString()).toBe('a 2.y b');
    expect(first.toString()).toBe('a 1.x b');
  });

  it('never asks for a token when the page has no slot for it', () => {
    const page = preparePage('<p>no form…</p>', {
      contentType: html,
      cacheControl: 'public',
      token: () => {
        throw new Error('not wanted');
      },
    });
    expect(pageBody(page).toString()).toBe('<p>no form…</p>');
  });

  it('makes the first placeholder in some markup the token slot', () => {
    expect(withTokenSlot(`a ${PLACEHOLDER} b ${PLACEHOLDER}`, PLACEHOLDER)).toEqual(['a ', tokenSlot, ` b ${PLACEHOLDER}`]);
    expect(withTokenSlot('no form', PLACEHOLDER)).toEqual(['no form']);
  });

  it('sends prebuilt headers with a 200, and validators without a body or type with a 304', async () => {
    const body = '<p>Café →</p>';
    const page = preparePage(body, { contentType: html, cacheControl: 'public, max-age=0' });
    const app = Fastify();
    app.get('/', async (request, reply) => sendPage(request, reply, page));
    const ok = await app.inject('/');
    expect(ok.statusCode).toBe(200);
    expect(ok.body).toBe(body);
    expect(ok.headers).toMatchObject({ ...securityHeaders(), etag: page.etag, 'cache-control': 'public, max-age=0', vary: 'Accept-Encoding', 'content-type': html });
    expect(ok.headers['content-length']).toBe(String(Buffer.byteLength(body)));
    for (const ifNoneMatch of [page.etag, `W/${page.etag}`, `"other", ${page.etag}`, '*']) {
      const notModified = await app.inject({ url: '/', headers: { 'if-none-match': ifNoneMatch } });
      expect(notModified.statusCode).toBe(304);
      expect(notModified.body).toBe('');
      expect(notModified.headers).toMatchObject({ ...securityHeaders(), etag: page.etag, 'cache-control': 'public, max-age=0', vary: 'Accept-Encoding' });
      expect(notModified.headers['content-type']).toBeUndefined();
    }
    expect((await app.inject({ url: '/', headers: { 'if-none-match': `"x${page.etag.slice(1)}` } })).statusCode).toBe(200);
    expect((await app.inject({ url: '/', headers: { 'if-none-match': '"other"' } })).statusCode).toBe(200);
    await app.close();
  });
});

describe('pages built from parts', () => {
  const options = { contentType: html, cacheControl: 'public' };

  it('sends the parts in order, and changes its ETag when a prepared part changes', () => {
    const page = (inner: string) => preparePage(['<main>', preparePart(inner), '</main> →'], options);
    expect(pageBody(page('<p>one</p>')).toString()).toBe('<main><p>one</p></main> →');
    expect(page('<p>one</p>').etag).toBe(page('<p>one</p>').etag);
    expect(page('<p>two</p>').etag).not.toBe(page('<p>one</p>').etag);
  });

  it('fills the token at once for a page sent once, with the ETag of the same page kept', () => {
    const body = ['<p>é</p>', preparePart('<ol></ol>'), '<input value="', tokenSlot, '">'];
    const token = () => '2.u';
    const once = preparePage(body, { ...options, token, once: true });
    const kept = preparePage(body, { ...options, token });
    expect(once.token).toBeUndefined();
    expect(once.body.toString()).toBe('<p>é</p><ol></ol><input value="2.u">');
    expect(pageBody(kept).toString()).toBe(once.body.toString());
    expect(once.etag).toBe(kept.etag);
  });

  it('allows embedded players only on pages that show them', () => {
    expect(securityHeaders()['content-security-policy']).not.toContain('frame-src');
    expect(securityHeaders({ embeds: true })['content-security-policy']).toContain('frame-src https://www.youtube-nocookie.com');
    for (const headers of [securityHeaders(), securityHeaders({ embeds: true })]) {
      expect(headers['content-security-policy']).toMatch(/^default-src 'self';.* object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'self'$/);
    }
  });
});

describe('page cache', () => {
  function setup() {
    const changes = createChangeNotifier();
    let clearContent: () => void = () => undefined;
    const cache = createPageCache({
      enabled: true,
      changes,
      content: {
        isCurrent: () => true,
        onClear: (listener) => {
          clearContent = listener;
          return () => true;
        },
      },
    });
    const request = (url: string) => ({ url, routeOptions: { url: '/*' } }) as FastifyRequest;
    const page = preparePage('<p>page</p>', { contentType: html, cacheControl: 'public' });
    const store = (url: string, articleId?: number) => {
      const r = request(url);
      cache.begin(r);
      cache.store(r, page, { articleId });
    };
    return { changes, cache, request, page, store, clearContent: () => clearContent() };
  }

  it("drops only an Article's pages when its comments change", () => {
    const s = setup();
    s.store('/world/a', 1);
    s.store('/world/a?cpage=2', 1);
    s.store('/world/b', 2);
    s.store('/');
    s.changes.notify(commentsChanged(1));
    expect(s.cache.find('/world/a')).toBeUndefined();
    expect(s.cache.find('/world/a?cpage=2')).toBeUndefined();
    expect(s.cache.find('/world/b')).toEqual({ page: s.page, route: '/*' });
    expect(s.cache.find('/')?.page).toBe(s.page);
    s.changes.notify('comments');
    expect(s.cache.size).toBe(0);
  });

  it('empties with the content read cache', () => {
    const s = setup();
    s.store('/');
    s.clearContent();
    expect(s.cache.size).toBe(0);
  });

  it('refuses a page rendered while something it may show was dropped', () => {
    const s = setup();
    const r = s.request('/world/a');
    s.cache.begin(r);
    s.changes.notify(commentsChanged(1));
    s.cache.store(r, s.page, { articleId: 1 });
    expect(s.cache.find('/world/a')).toBeUndefined();
  });
});
