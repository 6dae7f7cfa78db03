import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { ZodType } from 'zod';
import type { AppContext } from '../boot.js';
import { InvalidError } from '../shared/errors.js';
import { type PageCache, type PageToken, preparePage, sendCachedPage } from './plugins/page-cache.js';
import type { SiteChrome } from './views/site-chrome.js';

export const stylesheet = readFileSync(new URL('../../assets/site.css', import.meta.url), 'utf8');
export const stylesheetHash = createHash('sha1').update(stylesheet).digest('hex').slice(0, 10);

export const htmlType = 'text/html; charset=utf-8';
/** Browsers revalidate every time (a cheap 304); shared caches may serve a page for a minute. */
export const pageCacheControl = 'public, max-age=0, s-maxage=60, must-revalidate';
export const feedCacheControl = 'public, max-age=300';

/** Renders public pages through the page cache; shared by every public route. */
export function createSitePages(ctx: AppContext, cache: PageCache) {
  return {
    async chrome(): Promise<SiteChrome> {
      const [settings, tree] = await Promise.all([ctx.content.settings.get(), ctx.content.sections.tree()]);
      return { settings, baseUrl: ctx.baseUrl, sections: tree.roots, stylesheetHref: `/assets/site.css?v=${stylesheetHash}` };
    },

    /**
     * Sends a freshly rendered page and keeps it for the next reader (only 200s are kept). A
     * `personal` page (e.g. showing a reader their own pending comment) is never kept or shared.
     */
    send(
      request: FastifyRequest,
      reply: FastifyReply,
      body: string,
      options: { contentType?: string; cacheControl?: string; status?: number; personal?: boolean; token?: PageToken } = {},
    ) {
      const cacheControl = options.personal ? 'private, no-cache' : (options.cacheControl ?? pageCacheControl);
      const contentType = options.contentType ?? htmlType;
      const status = options.status ?? 200;
      if (status !== 200) {
        const { token } = options;
        const at = token ? body.indexOf(token.placeholder) : -1;
        const filled = token && at >= 0 ? body.slice(0, at) + token.value() + body.slice(at + token.placeholder.length) : body;
        return reply.code(status).type(contentType).send(filled);
      }
      const page = preparePage(body, { contentType, cacheControl, token: options.token });
      if (request.method === 'GET' && !options.personal) cache.set(request.url, page);
      return sendCachedPage(request, reply, page);
    },
  };
}

export type SitePages = ReturnType<typeof createSitePages>;

/** Parses query parameters with a zod schema; a malformed value is a 400 naming the parameter. */
export function parseQuery<T>(schema: ZodType<T>, query: unknown): T {
  const parsed = schema.safeParse(query);
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0];
  const name = issue.path.length ? String(issue.path[0]) : 'query';
  throw new InvalidError('QUERY_INVALID', `Invalid query parameter "${name}": ${issue.message}`);
}
