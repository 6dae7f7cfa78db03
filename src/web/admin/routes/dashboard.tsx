import type { FastifyInstance } from 'fastify';
import type { AppContext } from '../../../boot.js';
import { startOfLocalDay } from '../../../shared/local-days.js';
import { can } from '../../../shared/permissions.js';
import { actorOf, requirePermission } from '../auth.js';
import { adminChrome, sendAdminPage } from '../respond.js';
import { DashboardPage } from '../views/dashboard/dashboard-page.js';

/** /admin: the first screen after sign-in. Days are the site's (its time zone setting). */
export function registerDashboardRoute(app: FastifyInstance, ctx: AppContext): void {
  app.get('/admin', { preHandler: requirePermission('admin.enter') }, async (request, reply) => {
    const actor = actorOf(request);
    const settings = await ctx.content.settings.get();
    const [publishedToday, comments] = await Promise.all([
      ctx.content.articles.countPublishedSince(startOfLocalDay(ctx.clock.now(), settings.timezone)),
      can(actor, 'comments.moderate') ? ctx.comments.queue.activity(actor, { timeZone: settings.timezone }) : null,
    ]);
    const chrome = await adminChrome(ctx, request, reply);
    return sendAdminPage(
      reply,
      <DashboardPage
        chrome={chrome}
        name={request.admin.session?.user.name ?? ''}
        language={settings.language}
        figures={{ publishedToday, comments, writesArticles: can(actor, 'articles.write-own') }}
      />,
    );
  });
}
