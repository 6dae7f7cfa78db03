import { gunzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { pageBody, preparePage, representationFor, tokenSlot } from '../../src/web/plugins/page-cache.js';
import { acceptsGzip } from '../../src/web/plugins/page-gzip.js';

const html = 'text/html; charset=utf-8';
// Long enough to be worth compressing, and not ASCII, so byte and character offsets differ.
const before = `<p>${'Новини от София · Bogotá “quoted” → '.repeat(80)}</p><input name="formToken" value="`;
const after = `"><p>${'after the form … 日本 '.repeat(120)}</p>`;

describe('gzip for public pages', () => {
  it.each([
    ['gzip, deflate, br, zstd', true],
    ['GZIP', true],
    ['deflate, gzip;q=0.5', true],
    ['gzip;q=0', false],
    ['gzip ; q=0.0, *', false],
    ['*', true],
    ['*;q=0', false],
    ['identity', false],
    ['br', false],
    ['x-gzip', true],
    ['', false],
  ])('reads Accept-Encoding "%s" as accepting gzip: %s', (header, expected) => {
    expect(acceptsGzip(header)).toBe(expected);
  });

  it('compresses a page with a token once, and each send decodes to the page with that send’s token', () => {
    let n = 0;
    const page = preparePage([before, tokenSlot, after], { contentType: html, cacheControl: 'public', token: () => `${1700000000000 + ++n}.signature-${n}` });
    const gzip = representationFor(page, 'gzip');
    const first = gzip.body();
    const second = gzip.body();
    // gunzip checks the CRC-32 and the length in the trailer, so these also prove the framing.
    expect(gunzipSync(first).toString('utf8')).toBe(`${before}1700000000001.signature-1${after}`);
    expect(gunzipSync(second).toString('utf8')).toBe(`${before}1700000000002.signature-2${after}`);
    expect(first.length).toBeLessThan(pageBody(page).length / 4);
    expect(representationFor(page, 'gzip')).toBe(gzip);
  });

  it('gives the gzip form its own ETag and content encoding, keeping the security headers and Vary', () => {
    const page = preparePage(before + after, { contentType: html, cacheControl: 'public, max-age=60' });
    const gzip = representationFor(page, 'gzip, deflate');
    expect(gunzipSync(gzip.body()).toString('utf8')).toBe(before + after);
    expect(gzip.etag).toBe(`${page.etag.slice(0, -1)}-gzip"`);
    expect(gzip.headers).toEqual({ ...page.headers, etag: gzip.etag, 'content-encoding': 'gzip' });
    expect(gzip.notModifiedHeaders).toEqual({ ...page.notModifiedHeaders, etag: gzip.etag });
    expect(gzip.headers.vary).toBe('Accept-Encoding');
  });

  it('sends the page as it is to a reader that does not accept gzip, and a tiny page to everyone', () => {
    const page = preparePage(before + after, { contentType: html, cacheControl: 'public' });
    const identity = representationFor(page, 'br;q=1, gzip;q=0');
    expect(identity.etag).toBe(page.etag);
    expect(identity.body()).toBe(page.body);
    const tiny = preparePage('User-agent: *\n', { contentType: 'text/plain', cacheControl: 'public' });
    expect(representationFor(tiny, 'gzip').headers['content-encoding']).toBeUndefined();
    expect(representationFor(tiny, 'gzip').body().toString()).toBe('User-agent: *\n');
  });
});
