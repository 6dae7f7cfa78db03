import { constants, crc32, deflateRawSync, gzipSync } from 'node:zlib';
import type { CachedPage } from './page-cache.js';

/**
 * Gzip for public pages, which shrinks a page to a quarter or less for readers whose server
 * has no compressing proxy in front. A kept page is compressed once, on the first send that
 * asks for it. A page with a token (a fresh comment form token on every send) is compressed
 * in two pieces, the part before the token and the part after it, and each send joins them
 * around the token, so a send costs a copy and a CRC of the second piece instead of a
 * compression. The three pieces form one valid gzip member (RFC 1951 and 1952):
 *
 *   gzip header · deflate(head), ending in a flush to a byte boundary · the token as one stored
 *   block · deflate(rest), a fresh raw stream, whose back-references reach only into itself and
 *   whose last block is final · CRC-32 and length of the whole text.
 */

/** One encoding of a page: its validators, its headers and how to get the body of a send. */
export interface PageRepresentation {
  etag: string;
  headers: Readonly<Record<string, string>>;
  notModifiedHeaders: Readonly<Record<string, string>>;
  body(): Buffer;
}

/** Below this size gzip saves less than its own framing and a round of work is not worth it. */
const MIN_BYTES = 1024;

const GZIP_HEADER = Buffer.from([0x1f, 0x8b, 8, 0, 0, 0, 0, 0, 0, 0xff]);

const variants = new WeakMap<CachedPage, PageRepresentation | null>();

/**
 * True when an Accept-Encoding header accepts gzip: named with a non-zero quality, or covered
 * by `*` without being refused by name.
 */
export function acceptsGzip(acceptEncoding: string | string[] | undefined): boolean {
  if (!acceptEncoding) return false;
  const header = Array.isArray(acceptEncoding) ? acceptEncoding.join(',') : acceptEncoding;
  // Most browsers send a short list naming gzip with no quality at all.
  if (!header.includes(';') && /(?:^|[\s,])gzip(?:[\s,]|$)/i.test(header)) return true;
  let star = false;
  for (const entry of header.split(',')) {
    const [coding, ...params] = entry.toLowerCase().split(';');
    const name = coding.trim();
    const q = params.map((p) => p.trim()).find((p) => p.startsWith('q='));
    const accepted = q === undefined || Number(q.slice(2)) > 0;
    if (name === 'gzip' || name === 'x-gzip') return accepted;
    if (name === '*') star = accepted;
  }
  return star;
}

/**
 * The gzip form of a page, made on its first use and kept with the page; null when the page is
 * too small to gain. It has its own ETag (`"…-gzip"`): a cache must not answer a request for
 * one encoding with the other's bytes.
 */
export function gzipVariant(page: CachedPage): PageRepresentation | null {
  const known = variants.get(page);
  if (known !== undefined) return known;
  let variant: PageRepresentation | null = null;
  if (page.body.length + (page.rest?.length ?? 0) >= MIN_BYTES) {
    const etag = `${page.etag.slice(0, -1)}-gzip"`;
    const notModifiedHeaders = { ...page.notModifiedHeaders, etag };
    const headers = { ...page.headers, etag, 'content-encoding': 'gzip' };
    variant = { etag, headers, notModifiedHeaders, body: compressor(page) };
  }
  variants.set(page, variant);
  return variant;
}

function compressor(page: CachedPage): () => Buffer {
  const { token, rest } = page;
  if (!token || !rest) {
    const whole = gzipSync(page.body);
    return () => whole;
  }
  const head = Buffer.concat([GZIP_HEADER, deflateRawSync(page.body, { finishFlush: constants.Z_SYNC_FLUSH })]);
  const tail = deflateRawSync(rest);
  const headCrc = crc32(page.body);
  const lengthWithoutToken = page.body.length + rest.length;
  // head · a stored block holding the token · tail · CRC-32 and length of the whole text.
  return () => {
    const tokenBytes = Buffer.from(token(), 'latin1');
    const out = Buffer.allocUnsafe(head.length + 5 + tokenBytes.length + tail.length + 8);
    let at = head.copy(out, 0);
    // Not final, type "stored": 3 header bits, padded to the byte; then LEN and its complement.
    out[at++] = 0;
    out.writeUInt16LE(tokenBytes.length, at);
    out.writeUInt16LE(~tokenBytes.length & 0xffff, at + 2);
    at += 4;
    at += tokenBytes.copy(out, at);
    at += tail.copy(out, at);
    out.writeUInt32LE(crc32(rest, crc32(tokenBytes, headCrc)), at);
    out.writeUInt32LE((lengthWithoutToken + tokenBytes.length) >>> 0, at + 4);
    return out;
  };
}
