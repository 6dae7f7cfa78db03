import { createHash } from 'node:crypto';
import type { IncomingHttpHeaders } from 'node:http';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { ContentReadCache } from '../../content/index.js';
import { articleOfCommentsChange, type ChangeNotifier } from '../../shared/change-notifier.js';
import { routeOf } from './metrics.js';
import { acceptsGzip, gzipVariant, type PageRepresentation } from './page-gzip.js';

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
  /** The page as it is, as sent to a reader who does not take gzip. */
  plain: PageRepresentation;
}

/** A kept page and the route pattern that rendered it (the label its hits are counted under). */
export interface CacheEntry {
  page: CachedPage;
  route: string;
}

export interface PageCache {
  /** False when pages are never kept (the `pageCache` setting is off). */
  readonly enabled: boolean;
  /** The page kept for a URL (path and query, as requested), if any. */
  find(url: string): CacheEntry | undefined;
  /**
   * Notes that a request is about to render a page, so that `store` can refuse a page rendered
   * from data that changed while it was being rendered.
   */
  begin(request: FastifyRequest): void;
  /** Keeps a page rendered for this request; `articleId` names the Article whose comments it shows. */
  store(request: FastifyRequest, page: CachedPage, options?: { articleId?: number }): void;
  clear(): void;
  readonly size: number;
}

/**
 * Rendered public pages kept in memory until what they show changes: they follow the content
 * read cache (emptied by content changes and when a scheduled article goes live), every other
 * change notification empties them too, except that new or moderated comments on one Article
 * drop only that Article's pages.
 */
export function createPageCache(deps: {
  enabled: boolean;
  changes: ChangeNotifier;
  content: Pick<ContentReadCache, 'isCurrent' | 'onClear'>;
  maxEntries?: number;
}): PageCache {
  const pages = new Map<string, CacheEntry>();
  // Which pages show which Article's comments, both ways, so either side can be dropped.
  const keysByArticle = new Map<number, Set<string>>();
  const articleByKey = new Map<string, number>();
  const maxEntries = deps.maxEntries ?? 5000;
  // Bumped by every drop: a page rendered across a drop may hold what was dropped.
  let generation = 0;
  const startedIn = new WeakMap<FastifyRequest, number>();

  const clear = () => {
    pages.clear();
    keysByArticle.clear();
    articleByKey.clear();
    generation++;
  };
  const dropArticle = (articleId: number) => {
    for (const key of keysByArticle.get(articleId) ?? []) {
      pages.delete(key);
      articleByKey.delete(key);
    }
    keysByArticle.delete(articleId);
    generation++;
  };
  const evictOldest = () => {
    const key = pages.keys().next().value as string;
    pages.delete(key);
    const articleId = articleByKey.get(key);
    if (articleId === undefined) return;
    articleByKey.delete(key);
    keysByArticle.get(articleId)?.delete(key);
  };
  deps.content.onClear(clear);
  deps.changes.subscribe((reason) => {
    const articleId = articleOfCommentsChange(reason);
    if (articleId === undefined) clear();
    else dropArticle(articleId);
  });

  return {
    find(url) {
      // Asked first: it empties the cache when a scheduled article has gone live.
      if (!deps.enabled || !deps.content.isCurrent()) return undefined;
      return pages.get(url);
    },
    begin(request) {
      if (!deps.enabled) return;
      // Asked first: it may empty the cache, which starts a new generation.
      deps.content.isCurrent();
      startedIn.set(request, generation);
    },
    store(request, page, options = {}) {
      if (!deps.enabled || startedIn.get(request) !== generation || !deps.content.isCurrent()) return;
      const key = request.url;
      if (!pages.has(key) && pages.size >= maxEntries) evictOldest();
      pages.set(key, { page, route: routeOf(request) });
      if (options.articleId !== undefined) {
        let keys = keysByArticle.get(options.articleId);
        if (!keys) {
          keys = new Set();
          keysByArticle.set(options.articleId, keys);
        }
        keys.add(key);
        articleByKey.set(key, options.articleId);
      }
    },
    enabled: deps.enabled,
    clear,
    get size() {
      return pages.size;
    },
  };
}

// Script and style sources fall back to default-src 'self', so the policies need not repeat
// them: every reader's client parses these headers on every page.
const basePolicy = "default-src 'self'; img-src 'self' https: data:; object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'self'";

/** Content-Security-Policy of public pages; with `embeds`, for an article body holding allow-listed players (see html-sanitizer.ts). */
const contentSecurityPolicy = {
  page: basePolicy,
  embeds: basePolicy.replace(
    "object-src 'none'",
    "media-src 'self' https:; frame-src https://www.youtube-nocookie.com https://www.youtube.com https://player.vimeo.com https://platform.twitter.com; object-src 'none'",
  ),
} as const;

export function securityHeaders(options: { embeds?: boolean } = {}): Record<string, string> {
  return {
    'content-security-policy': options.embeds ? contentSecurityPolicy.embeds : contentSecurityPolicy.page,
    'x-content-type-options': 'nosniff',
    'referrer-policy': 'strict-origin-when-cross-origin',
  };
}

/**
 * A piece of markup encoded and hashed once, for a piece many pages or sends share (an article
 * body, the masthead, a comment list): a page holding it copies its bytes and hashes only its
 * digest.
 */
export interface PreparedPart {
  html: string;
  bytes: Buffer;
  digest: Buffer;
}

export function preparePart(html: string): PreparedPart {
  const bytes = Buffer.from(html, 'utf8');
  return { html, bytes, digest: createHash('sha1').update(bytes).digest() };
}

/**
 * Where a page's token goes (a fresh comment form token, see preparePage's `token`): a value
 * put in each time the page is sent, so it is not part of what is kept or of the ETag.
 */
export interface TokenSlot {
  readonly slot: 'token';
}
export const tokenSlot: TokenSlot = Object.freeze({ slot: 'token' });

/** A page body in pieces: markup rendered for this page, parts prepared earlier, the token's slot. */
export type PagePart = string | PreparedPart | TokenSlot;

/** Markup with the first `placeholder` in it marked as the page's token slot. */
export function withTokenSlot(markup: string, placeholder: string): (string | TokenSlot)[] {
  const at = markup.indexOf(placeholder);
  return at < 0 ? [markup] : [markup.slice(0, at), tokenSlot, markup.slice(at + placeholder.length)];
}

/**
 * Builds a page to cache and send: writes the body into one buffer, split at the token slot if
 * the page has one and a `token` is given, and prebuilds the headers. The ETag covers every
 * byte but the token's: rendered markup directly, a prepared part through its digest. `token`
 * must return ASCII.
 */
export function preparePage(
  body: string | readonly PagePart[],
  options: {
    contentType: string;
    cacheControl: string;
    token?: () => string;
    embeds?: boolean;
    /** The page is sent once and never kept: its token goes in now, saving a copy of the body per send. */
    once?: boolean;
  },
): CachedPage {
  const { contentType, cacheControl } = options;
  const parts = typeof body === 'string' ? [body] : body;
  const token = options.token && parts.includes(tokenSlot) ? options.token : undefined;
  const filled = token && options.once ? token() : undefined;
  let size = filled?.length ?? 0;
  for (const part of parts) size += typeof part === 'string' ? Buffer.byteLength(part, 'utf8') : 'slot' in part ? 0 : part.bytes.length;
  const whole = Buffer.allocUnsafe(size);
  const hash = createHash('sha1');
  let at = 0;
  let slotAt = -1;
  for (const part of parts) {
    if (typeof part === 'string') {
      const written = whole.write(part, at, 'utf8');
      hash.update(whole.subarray(at, at + written));
      at += written;
    } else if ('slot' in part) {
      if (filled === undefined) slotAt = at;
      else at += whole.write(filled, at, 'latin1');
    } else {
      part.bytes.copy(whole, at);
      hash.update(part.digest);
      at += part.bytes.length;
    }
  }
  const etag = `"${hash.digest('base64url')}"`;
  const notModifiedHeaders = { ...securityHeaders(options), etag, 'cache-control': cacheControl, vary: 'Accept-Encoding' };
  const headers = { ...notModifiedHeaders, 'content-type': contentType };
  // Called only once the page below exists.
  const plain: PageRepresentation = { etag, headers, notModifiedHeaders, body: () => pageBody(page) };
  const page: CachedPage =
    !token || slotAt < 0
      ? { body: whole, contentType, etag, cacheControl, headers, notModifiedHeaders, plain }
      : { body: whole.subarray(0, slotAt), rest: whole.subarray(slotAt), token, contentType, etag, cacheControl, headers, notModifiedHeaders, plain };
  return page;
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

/** True when an If-None-Match header names this ETag (or is `*`). */
export function notModified(ifNoneMatch: string | undefined, etag: string): boolean {
  if (!ifNoneMatch) return false;
  if (ifNoneMatch === etag || ifNoneMatch === '*') return true;
  // No list entry can equal the ETag unless the header contains it.
  if (!ifNoneMatch.includes(etag)) return false;
  return ifNoneMatch.split(',').some((v) => v.trim().replace(/^W\//, '') === etag);
}

/** What to send for a page: its gzip form when the request accepts gzip and the page gains, else the page as it is. */
export function representationFor(page: CachedPage, acceptEncoding: string | string[] | undefined): PageRepresentation {
  return (acceptsGzip(acceptEncoding) && gzipVariant(page)) || page.plain;
}

/** The answer to a GET or HEAD for a page: 304 when the reader holds this representation, else 200 with its body. */
export type PageAnswer = { status: 304; headers: Readonly<Record<string, string>> } | { status: 200; headers: Readonly<Record<string, string>>; body: Buffer };

/** Decides the answer from the request's headers; the cache front and Fastify's path send it as it is. */
export function answerFor(page: CachedPage, request: { headers: IncomingHttpHeaders }): PageAnswer {
  const representation = representationFor(page, request.headers['accept-encoding']);
  if (notModified(request.headers['if-none-match'], representation.etag)) return { status: 304, headers: representation.notModifiedHeaders };
  return { status: 200, headers: representation.headers, body: representation.body() };
}

/** Sends a freshly rendered page with its validators, answering 304 when the reader has it. */
export function sendPage(request: FastifyRequest, reply: FastifyReply, page: CachedPage): FastifyReply {
  const answer = answerFor(page, request);
  return reply.code(answer.status).headers(answer.headers).send(answer.status === 200 ? answer.body : undefined);
}
