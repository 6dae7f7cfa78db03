import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import type { AppContext } from '../../../boot.js';
import { isPubliclyVisible, type ListFilter } from '../../../content/index.js';
import { InvalidError, NotFoundError } from '../../../shared/errors.js';
import { parseQuery } from '../../site-pages.js';
import { serializeArticle, serializeArticleSummary, serializeSection } from './serialize.js';

const listQuery = z
  .object({
    section: z.string().min(1).max(200).optional(),
    tag: z.string().min(1).max(100).optional(),
    source: z.string().min(1).max(100).optional(),
    limit: z.coerce.number().int().min(1).max(100).default(20),
    cursor: z.string().min(1).max(200).optional(),
  })
  .strict();

const apiCacheControl = 'public, max-age=60';

/** Read-only content API under /api/v1: articles (filtered, cursor-paginated), sections, tags. */
export function registerContentApi(app: FastifyInstance, ctx: AppContext): void {
  app.get('/api/v1/articles', async (request, reply) => {
    const query = parseQuery(listQuery, request.query);
    const filter: ListFilter = {};
    if (query.section) {
      const section = await ctx.content.sections.byPath(query.section.replace(/^\/|\/$/g, ''));
      if (!section) throw new InvalidError('API_UNKNOWN_SECTION', `Unknown section "${query.section}"`);
      filter.sectionId = section.id;
    }
    if (query.tag) filter.tagId = (await ctx.content.tags.bySlug(query.tag).catch(unknown('tag', query.tag))).id;
    if (query.source) filter.sourceId = (await ctx.content.sources.bySlug(query.source).catch(unknown('source', query.source))).id;
    const page = await ctx.content.articles.listByCursor(filter, query.cursor, query.limit);
    reply.header('cache-control', apiCacheControl);
    return {
      articles: page.articles.map((a) => serializeArticleSummary(a, ctx.baseUrl)),
      meta: { limit: query.limit, nextCursor: page.nextCursor },
    };
  });

  app.get<{ Params: { slug: string } }>('/api/v1/articles/:slug', async (request, reply) => {
    const article = await ctx.content.articles.bySlug(request.params.slug);
    if (!isPubliclyVisible(article, ctx.clock.now())) throw new NotFoundError('ARTICLE_NOT_FOUND', 'No such article');
    reply.header('cache-control', apiCacheControl);
    return { article: serializeArticle(article, ctx.baseUrl) };
  });

  app.get('/api/v1/sections', async (_request, reply) => {
    const tree = await ctx.content.sections.tree();
    reply.header('cache-control', apiCacheControl);
    return { sections: tree.roots.map((s) => serializeSection(s, ctx.baseUrl)) };
  });

  app.get('/api/v1/tags', async (_request, reply) => {
    const tags = await ctx.content.tags.listPopular(ctx.clock.now(), 500);
    reply.header('cache-control', apiCacheControl);
    return { tags: tags.map((t) => ({ slug: t.slug, name: t.name, url: `${ctx.baseUrl}/tag/${t.slug}/`, articles: t.count })) };
  });
}

function unknown(kind: string, value: string) {
  return (): never => {
    throw new InvalidError(`API_UNKNOWN_${kind.toUpperCase()}`, `Unknown ${kind} "${value}"`);
  };
}
