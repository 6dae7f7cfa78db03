import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { AppContext } from '../../../boot.js';
import type { ListFilter } from '../../../content/index.js';
import { pageCount } from '../../../shared/pagination.js';
import { parseQuery, type SitePages } from '../../site-pages.js';
import type { Crumb } from '../../views/breadcrumb.js';
import { listPage } from '../../views/list-page.js';
import { pageQuery } from './home.js';

export interface ListSpec {
  title: string;
  heading: string;
  description?: string;
  basePath: string;
  crumbs: Crumb[];
  filter: ListFilter;
  feedPath?: string;
}

/** Renders one page of an article list; a page past the end is a 404. */
export async function sendListPage(ctx: AppContext, pages: SitePages, request: FastifyRequest, reply: FastifyReply, spec: ListSpec) {
  const { page } = parseQuery(pageQuery, request.query);
  const chrome = await pages.chrome();
  const perPage = chrome.settings.articlesPerPage;
  const { articles, total } = await ctx.content.articles.list(spec.filter, { offset: (page - 1) * perPage, limit: perPage });
  const pagesTotal = pageCount(total, perPage);
  if (page > pagesTotal) return reply.callNotFound();
  const body = listPage({ chrome, ...spec, articles, page, pageCount: pagesTotal });
  return pages.send(request, reply, body);
}

/** Tag, source and author pages; their slugs without the trailing slash redirect to it. */
export function registerListRoutes(app: FastifyInstance, ctx: AppContext, pages: SitePages): void {
  for (const kind of ['tag', 'source', 'author'] as const) {
    app.get<{ Params: { slug: string } }>(`/${kind}/:slug`, async (request, reply) =>
      reply.redirect(`/${kind}/${encodeURIComponent(request.params.slug)}/`, 301),
    );
  }

  app.get<{ Params: { slug: string } }>('/tag/:slug/', async (request, reply) => {
    const tag = await ctx.content.tags.bySlug(request.params.slug);
    const path = `/tag/${encodeURIComponent(tag.slug)}/`;
    return sendListPage(ctx, pages, request, reply, {
      title: `#${tag.name}`,
      heading: `#${tag.name}`,
      basePath: path,
      crumbs: [{ name: 'Home', path: '/' }, { name: `#${tag.name}` }],
      filter: { tagId: tag.id },
      feedPath: `${path}feed.xml`,
    });
  });

  app.get<{ Params: { slug: string } }>('/source/:slug/', async (request, reply) => {
    const source = await ctx.content.sources.bySlug(request.params.slug);
    return sendListPage(ctx, pages, request, reply, {
      title: `From ${source.name}`,
      heading: source.name,
      description: source.homepage ? `Stories republished from ${source.name} (${source.homepage}).` : `Stories republished from ${source.name}.`,
      basePath: `/source/${source.slug}/`,
      crumbs: [{ name: 'Home', path: '/' }, { name: source.name }],
      filter: { sourceId: source.id },
    });
  });

  app.get<{ Params: { slug: string } }>('/author/:slug/', async (request, reply) => {
    const author = await ctx.users.publicProfileBySlug(request.params.slug);
    return sendListPage(ctx, pages, request, reply, {
      title: author.name,
      heading: author.name,
      description: author.bio || undefined,
      basePath: `/author/${author.slug}/`,
      crumbs: [{ name: 'Home', path: '/' }, { name: author.name }],
      filter: { authorId: author.id },
    });
  });
}
