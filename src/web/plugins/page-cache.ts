import { createHash } from 'node:crypto';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { ChangeNotifier } from '../../shared/change-notifier.js';
import type { Clock } from '../../shared/clock.js';

export interface CachedPage {
  body: string;
  contentType: string;
  etag: string;
  cacheControl: string;
  /** Applied to the body each time it is sent (e.g. a fresh form token); the ETag is the unfilled body's. */
  fill?: (body: string) => string;
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

export function etagFor(body: string): string {
  return `"${createHash('sha1').update(body).digest('base64url')}"`;
}

export const securityHeaders: Record<string, string> = {
  'content-security-policy':
    "default-src 'self'; img-src 'self' https: data:; media-src 'self' https:; frame-src https://www.youtube-nocookie.com https://www.youtube.com https://player.vimeo.com https://platform.twitter.com; script-src 'self'; style-src 'self'; object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'self'",
  'x-content-type-options': 'nosniff',
  'referrer-policy': 'strict-origin-when-cross-origin',
};

function notModified(request: FastifyRequest, etag: string): boolean {
  const header = request.headers['if-none-match'];
  if (!header) return false;
  return header === '*' || header.split(',').some((v) => v.trim().replace(/^W\//, '') === etag);
}

/** Sends a cached or fresh page with its validators, answering 304 when the reader has it. */
export function sendCachedPage(request: FastifyRequest, reply: FastifyReply, page: CachedPage): FastifyReply {
  reply.headers(securityHeaders).header('etag', page.etag).header('cache-control', page.cacheControl).header('vary', 'Accept-Encoding');
  if (notModified(request, page.etag)) return reply.code(304).send();
  return reply.type(page.contentType).send(page.fill ? page.fill(page.body) : page.body);
}
