import { createHash } from 'node:crypto';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { ChangeNotifier } from '../../shared/change-notifier.js';
import type { Clock } from '../../shared/clock.js';

/**
 * A value put into a page each time it is sent (e.g. a fresh comment form token) in place of
 * the first occurrence of `placeholder`. `value` must return ASCII.
 */
export interface PageToken {
  placeholder: string;
  value: () => string;
}

/**
 * A page ready to send: the body UTF-8 encoded once and every header prebuilt, so that sending
 * it is a header copy and a socket write.
 */
export interface CachedPage {
  /** The whole body; for a page with a token, the part before the token. */
  body: Buffer;
  /** With a token: the part after it. */
  rest?: Buffer;
  /** Produces the token sent between `body` and `rest`. */
  token?: () => string;
  contentType: string;
  /** The ETag of the body without its token (the token changes on every send). */
  etag: string;
  cacheControl: string;
  /** Headers of a 200: security headers, validators, vary, content type. */
  headers: Readonly<Record<string, string>>;
  /** Headers of a 304: the same without the content type. */
  notModifiedHeaders: Readonly<Record<string, string>>;
}

export interface PageCache {
  get(key: string): CachedPage | undefined;
  set(key: string, page: CachedPage): void;
  clear(): void;
  readonly size: number;
}

/**
 * Rendered public pages kept in memory until content changes: any write that can change a
 * public page calls `changes.notify`, which empties the cache, so a published or edited article
 * shows at once. Scheduled articles change pages without a write, so the cache also empties
 * itself when the next scheduled publication time passes.
 */
export function createPageCache(deps: {
  enabled: boolean;
  changes: ChangeNotifier;
  clock: Clock;
  nextScheduledAfter: (now: Date) => Promise<Date | null>;
  maxEntries?: number;
}): PageCache {
  const pages = new Map<string, CachedPage>();
  const maxEntries = deps.maxEntries ?? 5000;
  // undefined: not looked up for the current contents; 'pending': lookup under way, so nothing
  // is served (we cannot yet tell whether it is stale); null: nothing is scheduled.
  let staleAt: number | null | undefined | 'pending';
  let generation = 0;

  const clear = () => {
    pages.clear();
    staleAt = undefined;
    generation++;
  };
  deps.changes.subscribe(clear);

  const lookUpStaleAt = () => {
    staleAt = 'pending';
    const started = generation;
    deps
      .nextScheduledAfter(deps.clock.now())
      .then((next) => {
        if (generation === started) staleAt = next ? next.getTime() : null;
      })
      .catch(() => {
        if (generation === started) clear();
      });
  };

  return {
    get(key) {
      if (!deps.enabled) return undefined;
      if (staleAt === 'pending') return undefined;
      if (typeof staleAt === 'number' && deps.clock.now().getTime() >= staleAt) clear();
      return pages.get(key);
    },
    set(key, page) {
      if (!deps.enabled) return;
      if (staleAt === undefined) lookUpStaleAt();
      if (pages.size >= maxEntries) pages.delete(pages.keys().next().value as string);
      pages.set(key, page);
    },
    clear,
    get size() {
      return pages.size;
    },
  };
}

export function etagFor(body: string | Buffer): string {
  return `"${createHash('sha1').update(body).digest('base64url')}"`;
}

export const securityHeaders: Record<string, string> = {
  'content-security-policy':
    "default-src 'self'; img-src 'self' https: data:; media-src 'self' https:; frame-src https://www.youtube-nocookie.com https://www.youtube.com https://player.vimeo.com https://platform.twitter.com; script-src 'self'; style-src 'self'; object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'self'",
  'x-content-type-options': 'nosniff',
  'referrer-policy': 'strict-origin-when-cross-origin',
};

/**
 * Builds a page to cache and send: encodes the body once, splits it around the token's
 * placeholder (a body without the placeholder gets no token) and prebuilds its headers.
 */
export function preparePage(body: string, options: { contentType: string; cacheControl: string; token?: PageToken }): CachedPage {
  const { contentType, cacheControl, token } = options;
  const at = token ? body.indexOf(token.placeholder) : -1;
  const whole = Buffer.from(body, 'utf8');
  const etag = etagFor(whole);
  const notModifiedHeaders = { ...securityHeaders, etag, 'cache-control': cacheControl, vary: 'Accept-Encoding' };
  const headers = { ...notModifiedHeaders, 'content-type': contentType };
  if (!token || at < 0) return { body: whole, contentType, etag, cacheControl, headers, notModifiedHeaders };
  // Byte offset of the placeholder: the UTF-8 length of everything before it.
  const start = Buffer.byteLength(body.slice(0, at), 'utf8');
  const end = start + Buffer.byteLength(token.placeholder, 'utf8');
  return {
    body: whole.subarray(0, start),
    rest: whole.subarray(end),
    token: token.value,
    contentType,
    etag,
    cacheControl,
    headers,
    notModifiedHeaders,
  };
}

/**
 * The last body filled with a token, sent again while the page's token is the same (a token
 * generator may hand out one token for a while). Only one is kept, so cached pages do not
 * double their memory; buffers handed to a response are never written to again.
 */
let lastFilled: { page: CachedPage; token: string; body: Buffer } | undefined;

/** The body as sent this time: with a token, `body` + token + `rest` in one buffer. */
export function pageBody(page: CachedPage): Buffer {
  if (!page.token || !page.rest) return page.body;
  const token = page.token();
  if (lastFilled && lastFilled.page === page && lastFilled.token === token) return lastFilled.body;
  const head = page.body;
  const rest = page.rest;
  const out = Buffer.allocUnsafe(head.length + token.length + rest.length);
  head.copy(out, 0);
  out.write(token, head.length, 'latin1');
  rest.copy(out, head.length + token.length);
  lastFilled = { page, token, body: out };
  return out;
}

function notModified(request: FastifyRequest, etag: string): boolean {
  const header = request.headers['if-none-match'];
  if (!header) return false;
  if (header === etag || header === '*') return true;
  // No list entry can equal the ETag unless the header contains it.
  if (!header.includes(etag)) return false;
  return header.split(',').some((v) => v.trim().replace(/^W\//, '') === etag);
}

/** Sends a cached or fresh page with its validators, answering 304 when the reader has it. */
export function sendCachedPage(request: FastifyRequest, reply: FastifyReply, page: CachedPage): FastifyReply {
  if (notModified(request, page.etag)) return reply.code(304).headers(page.notModifiedHeaders).send();
  return reply.headers(page.headers).send(pageBody(page));
}
