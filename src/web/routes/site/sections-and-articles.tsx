import type { FastifyInstance } from 'fastify';
import type { AppContext } from '../../../boot.js';
import { articlePath, isPubliclyVisible } from '../../../content/index.js';
import { isBroadsheetError } from '../../../shared/errors.js';
import type { SitePages } from '../../site-pages.js';
import { ErrorPage } from '../../views/error-page.js';
import { renderPage } from '../../views/render.js';
import { sendArticlePage } from '../comments/article-page.js';
import { sendFeed } from '../feeds/feeds.js';
import { sendListPage } from './lists.js';

/**
 * Every other path is a section (`/world/europe/`), a section feed (`/world/feed.xml`) or an
 * article (`/world/europe/some-slug`). An article asked for under the wrong section answers
 * 301 to its real address; an archived one answers 410.
 */
export function registerSectionAndArticleRoutes(app: FastifyInstance, ctx: AppContext, pages: SitePages): void {
  app.get<{ Params: { '*': string } }>('/*', async (request, reply) => {
    const raw = request.params['*'];
    let path: string;
    try {
      path = decodeURIComponent(raw);
    } catch {
      return reply.callNotFound();
    }
    const segments = path.split('/');
    const trailingSlash = segments.at(-1) === '';
    if (trailingSlash) segments.pop();
    if (segments.length === 0 || segments.some((s) => s === '')) return reply.callNotFound();

    const feedMatch = !trailingSlash && /^feed\.(xml|atom|json)$/.exec(segments.at(-1) ?? '');
    if (feedMatch) {
      const section = await ctx.content.sections.byPath(segments.slice(0, -1).join('/'));
      if (!section) return reply.callNotFound();
      return sendFeed(ctx, pages, request, reply, feedMatch[1] as 'xml' | 'atom' | 'json', {
        title: section.name,
        path: `/${section.path}/`,
        filter: { sectionId: section.id },
      });
    }

    const sectionPath = trailingSlash ? segments.join('/') : segments.slice(0, -1).join('/');
    const section = sectionPath ? await ctx.content.sections.byPath(sectionPath) : undefined;

    if (trailingSlash) {
      if (!section) return reply.callNotFound();
      return sendListPage(ctx, pages, request, reply, {
        title: section.name,
        heading: section.name,
        description: section.description || undefined,
        basePath: `/${section.path}/`,
        crumbs: [{ name: 'Home', path: '/' }, ...section.ancestry.map((s, i) => ({ name: s.name, path: i < section.ancestry.length - 1 ? `/${s.path}/` : undefined }))],
        filter: { sectionId: section.id },
        feedPath: `/${section.path}/feed.xml`,
      });
    }

    const slug = segments.at(-1) as string;
    if (!sectionPath) {
      // `/world` without the slash is the section page.
      const top = await ctx.content.sections.byPath(slug);
      return top ? reply.redirect(`/${top.path}/`, 301) : reply.callNotFound();
    }
    const article = await ctx.content.articles.bySlug(slug).catch((error: unknown) => {
      if (isBroadsheetError(error) && error.kind === 'not_found') return null;
      throw error;
    });
    const now = ctx.clock.now();
    if (!article) {
      const nested = await ctx.content.sections.byPath(`${sectionPath}/${slug}`);
      return nested ? reply.redirect(`/${nested.path}/`, 301) : reply.callNotFound();
    }
    if (article.status === 'archived') {
      return pages.send(request, reply, renderPage(<ErrorPage chrome={await pages.chrome()} status={410} />), { status: 410 });
    }
    if (!isPubliclyVisible(article, now)) return reply.callNotFound();
    const canonical = articlePath(article);
    if (canonical !== `/${raw}`) return reply.redirect(canonical, 301);

    return sendArticlePage(ctx, pages, request, reply, article);
  });
}
