import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { ZodType } from 'zod';
import type { AppContext } from '../boot.js';
import { InvalidError } from '../shared/errors.js';
import type { SectionTree, SiteSettings } from '../content/index.js';
import { type PageCache, type PagePart, pageBody, preparePage, sendPage } from './plugins/page-cache.js';
import { createCommentSectionCache } from './views/comments/comment-section-cache.js';
import type { SiteChrome } from './views/site-chrome.js';

export const stylesheet = readFileSync(new URL('../../assets/site.css', import.meta.url), 'utf8');
export const stylesheetHash = createHash('sha1').update(stylesheet).digest('hex').slice(0, 10);

export const htmlType = 'text/html; charset=utf-8';
/** Browsers revalidate every time (a cheap 304); shared caches may serve a page for a minute. */
export const pageCacheControl = 'public, max-age=0, s-maxage=60, must-revalidate';
export const feedCacheControl = 'public, max-age=300';

/** Renders public pages through the page cache; shared by every public route. */
export function createSitePages(ctx: AppContext, cache: PageCache) {
  // One chrome object while the settings and the section tree (both kept by their services
  // until they change) stay the same, so that views can keep what they render from it.
  let chrome: SiteChrome | undefined;
  let chromeSource: { settings: SiteSettings; tree: SectionTree } | undefined;
  const formTokenSources = new Map<number, () => string>();
  return {
    async chrome(): Promise<SiteChrome> {
      const [settings, tree] = await Promise.all([ctx.content.settings.get(), ctx.content.sections.tree()]);
      if (!chrome || chromeSource?.settings !== settings || chromeSource.tree !== tree) {
        chrome = { settings, baseUrl: ctx.baseUrl, sections: tree.roots, stylesheetHref: `/assets/site.css?v=${stylesheetHash}` };
        chromeSource = { settings, tree };
      }
      return chrome;
    },

    /** Shared comment sections of Article pages, rendered once per change to their comments. */
    commentSections: createCommentSectionCache({ changes: ctx.changes }),

    /**
     * A fresh token for each send of an Article's comment form. Tokens are signed over the
     * millisecond they are issued, so sends in the same millisecond, of any page, share one (the
     * same token issueFormToken would give again) rather than computing the HMAC again.
     */
    formTokens(articleId: number): () => string {
      let source = formTokenSources.get(articleId);
      if (!source) {
        if (formTokenSources.size >= 10_000) formTokenSources.clear();
        let issuedAt = Number.NaN;
        let token = '';
        source = () => {
          if (ctx.clock.now().getTime() !== issuedAt) {
            token = ctx.comments.formToken(articleId);
            // `<issued ms>.<signature>`: keyed on the token's own time, not on the read above.
            issuedAt = Number(token.slice(0, token.indexOf('.')));
          }
          return token;
        };
        formTokenSources.set(articleId, source);
      }
      return source;
    },

    /**
     * Sends a freshly rendered page and keeps it for the next reader (only 200s are kept). A
     * `personal` page (e.g. showing a reader their own pending comment) is never kept or shared.
     */
    send(
      request: FastifyRequest,
      reply: FastifyReply,
      body: string | readonly PagePart[],
      options: {
        contentType?: string;
        cacheControl?: string;
        status?: number;
        personal?: boolean;
        /** Fills the page's token slot on each send. */
        token?: () => string;
        /** The Article whose comments the page shows: new comments there drop only its pages. */
        articleId?: number;
        /** The page shows an article body that may hold embedded players. */
        embeds?: boolean;
      } = {},
    ) {
      const cacheControl = options.personal ? 'private, no-cache' : (options.cacheControl ?? pageCacheControl);
      const contentType = options.contentType ?? htmlType;
      const status = options.status ?? 200;
      const kept = cache.enabled && status === 200 && request.method === 'GET' && !options.personal;
      const page = preparePage(body, { contentType, cacheControl, token: options.token, embeds: options.embeds, once: !kept });
      if (status !== 200) return reply.code(status).type(contentType).send(pageBody(page));
      if (kept) cache.store(request, page, { articleId: options.articleId });
      return sendPage(request, reply, page);
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
