import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import type { AppContext } from '../../../../boot.js';
import { articleStatuses } from '../../../../content/index.js';
import { pageCount } from '../../../../shared/pagination.js';
import { can } from '../../../../shared/permissions.js';
import { actorOf, requirePermission } from '../../auth.js';
import { adminChrome, sendAdminPage } from '../../respond.js';
import { ArticleListPage } from '../../views/articles/article-list-page.js';
import { loadArticleChoices } from './article-choices.js';

const perPage = 25;

// Whatever the query string holds, a filter that makes no sense is simply not applied.
const id = z
  .string()
  .regex(/^\d{1,9}$/)
  .transform(Number)
  .optional()
  .catch(undefined);
const listQuery = z
  .object({
    q: z.string().max(200).optional().catch(undefined),
    status: z.enum([...articleStatuses, 'submitted', 'wire']).optional().catch(undefined),
    section: id,
    source: id,
    author: id,
    page: id,
  })
  .catch({});

const text = (value: number | string | undefined) => (value === undefined ? '' : String(value));

/** /admin/articles: every status, filtered by status, section, source, author and title. */
export function registerArticleListRoute(app: FastifyInstance, ctx: AppContext): void {
  app.get('/admin/articles', { preHandler: requirePermission('articles.write-own') }, async (request, reply) => {
    const actor = actorOf(request);
    const query = listQuery.parse(request.query);
    const page = Math.max(1, query.page ?? 1);
    const [chrome, settings, choices, result] = await Promise.all([
      adminChrome(ctx, request, reply),
      ctx.content.settings.get(),
      loadArticleChoices(ctx),
      ctx.content.articles.adminList(
        actor,
        { status: query.status, sectionId: query.section, sourceId: query.source, authorId: query.author, search: query.q },
        { offset: (page - 1) * perPage, limit: perPage },
      ),
    ]);
    return sendAdminPage(
      reply,
      <ArticleListPage
        chrome={chrome}
        query={{ q: text(query.q), status: text(query.status), section: text(query.section), source: text(query.source), author: text(query.author) }}
        articles={result.articles}
        total={result.total}
        page={page}
        pageCount={pageCount(result.total, perPage)}
        choices={{ ...choices, authors: can(actor, 'articles.edit-any') ? choices.authors : null }}
        clock={{ now: ctx.clock.now(), language: settings.language, timeZone: settings.timezone }}
      />,
    );
  });
}
