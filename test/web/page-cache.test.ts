import Fastify from 'fastify';
import { describe, expect, it } from 'vitest';
import { etagFor, pageBody, preparePage, securityHeaders, sendCachedPage } from '../../src/web/plugins/page-cache.js';

const PLACEHOLDER = '__TOKEN__';
const html = 'text/html; charset=utf-8';

describe('cached pages', () => {
  it('encodes the body once and fills the token at the right byte offset after non-Latin-1 text', () => {
    const body = `<p>Read on… → · “quoted” 日本</p><input value="${PLACEHOLDER}"><p>after → end</p>`;
    let n = 0;
    const page = preparePage(body, { contentType: html, cacheControl: 'public', token: { placeholder: PLACEHOLDER, value: () => `t${++n}` } });
    expect(page.etag).toBe(etagFor(body));
    expect(pageBody(page).toString('utf8')).toBe(body.replace(PLACEHOLDER, 't1'));
    expect(pageBody(page).toString('utf8')).toBe(body.replace(PLACEHOLDER, 't2'));
  });

  it('fills only the first placeholder, and reuses the filled body while the token is unchanged', () => {
    const body = `a ${PLACEHOLDER} b ${PLACEHOLDER} c`;
    let token = '1.x';
    const page = preparePage(body, { contentType: html, cacheControl: 'public', token: { placeholder: PLACEHOLDER, value: () => token } });
    const first = pageBody(page);
    expect(first.toString()).toBe(`a 1.x b ${PLACEHOLDER} c`);
    expect(pageBody(page)).toBe(first);
    token = '2.y';
    expect(pageBody(page).toString()).toBe(`a 2.y b ${PLACEHOLDER} c`);
    expect(first.toString()).toBe(`a 1.x b ${PLACEHOLDER} c`);
  });

  it('never asks for a token when the page has no placeholder', () => {
    const page = preparePage('<p>no form…</p>', {
      contentType: html,
      cacheControl: 'public',
      token: {
        placeholder: PLACEHOLDER,
        value: () => {
          throw new Error('not wanted');
        },
      },
    });
    expect(pageBody(page).toString()).toBe('<p>no form…</p>');
  });

  it('sends prebuilt headers with a 200, and validators without a body or type with a 304', async () => {
    const body = '<p>Café →</p>';
    const page = preparePage(body, { contentType: html, cacheControl: 'public, max-age=0' });
    const app = Fastify();
    app.get('/', async (request, reply) => sendCachedPage(request, reply, page));
    const ok = await app.inject('/');
    expect(ok.statusCode).toBe(200);
    expect(ok.body).toBe(body);
    expect(ok.headers).toMatchObject({ ...securityHeaders, etag: page.etag, 'cache-control': 'public, max-age=0', vary: 'Accept-Encoding', 'content-type': html });
    expect(ok.headers['content-length']).toBe(String(Buffer.byteLength(body)));
    for (const ifNoneMatch of [page.etag, `W/${page.etag}`, `"other", ${page.etag}`, '*']) {
      const notModified = await app.inject({ url: '/', headers: { 'if-none-match': ifNoneMatch } });
      expect(notModified.statusCode).toBe(304);
      expect(notModified.body).toBe('');
      expect(notModified.headers).toMatchObject({ ...securityHeaders, etag: page.etag, 'cache-control': 'public, max-age=0', vary: 'Accept-Encoding' });
      expect(notModified.headers['content-type']).toBeUndefined();
    }
    expect((await app.inject({ url: '/', headers: { 'if-none-match': `"x${page.etag.slice(1)}` } })).statusCode).toBe(200);
    expect((await app.inject({ url: '/', headers: { 'if-none-match': '"other"' } })).statusCode).toBe(200);
    await app.close();
  });
});
