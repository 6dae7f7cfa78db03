import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import type { AppContext } from '../../../boot.js';
import { pageCount } from '../../../shared/pagination.js';
import { parseQuery, type SitePages } from '../../site-pages.js';
import { homePage } from '../../views/home-page.js';

export const pageQuery = z.object({ page: z.coerce.number().int().min(1).max(100_000).default(1) });

/** The front page: the lead story, the latest list (paginated) and the newest per top section. */
export function registerHomeRoute(app: FastifyInstance, ctx: AppContext, pages: SitePages): void {
  app.get('/', async (request, reply) => {
    const { page } = parseQuery(pageQuery, request.query);
    const chrome = await pages.chrome();
    const perPage = chrome.settings.articlesPerPage;
    const { articles } = ctx.content;
    // Page 1 shows the lead story above the latest list, so every list page starts one later.
    const listed = await articles.list({}, page === 1 ? { offset: 0, limit: perPage + 1 } : { offset: perPage * (page - 1) + 1, limit: perPage });
    const lead = page === 1 ? (listed.articles[0] ?? null) : null;
    const latest = page === 1 ? listed.articles.slice(1) : listed.articles;
    const bySection =
      page === 1
        ? await Promise.all(
            chrome.sections.map(async (section) => ({
              section,
              articles: await articles.latest({ sectionId: section.id }, 5),
            })),
          )
        : [];
    const totalPages = pageCount(Math.max(0, listed.total - 1), perPage);
    if (page > totalPages) return reply.callNotFound();
    const body = homePage(chrome, { lead, latest, bySection: bySection.filter((s) => s.articles.length > 0), page, pageCount: totalPages });
    return pages.send(request, reply, body);
  });
}
