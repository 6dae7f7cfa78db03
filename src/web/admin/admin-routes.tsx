import type { FastifyInstance } from 'fastify';
import type { AppContext } from '../../boot.js';
import { BroadsheetError } from '../../shared/errors.js';
import { registerAdminAssets } from './assets.js';
import { assertCsrf, identifyVisitor } from './auth.js';
import { adminChrome, sendAdminPage } from './respond.js';
import { registerAccountLinkRoutes } from './routes/account-links.js';
import { registerAuditRoutes } from './routes/audit.js';
import { registerArticleRoutes } from './routes/articles/article-routes.js';
import { registerCommentRoutes } from './routes/comments/register.js';
import { registerDashboardRoute } from './routes/dashboard.js';
import { registerLoginRoutes } from './routes/login.js';
import { registerSectionRoutes } from './routes/sections.js';
import { registerSettingsRoutes } from './routes/settings.js';
import { registerSourceRoutes } from './routes/sources.js';
import { registerTagRoutes } from './routes/tags.js';
import { registerUserRoutes } from './routes/users.js';
import { registerUserAccountRoutes } from './routes/users-account.js';
import { AdminLayout } from './views/admin-layout.js';

const errorTitles: Record<number, string> = { 403: 'You may not do that', 404: 'Not found', 409: 'Changed by someone else' };

/**
 * The newsroom admin under /admin, in its own Fastify scope: every request is identified by its
 * session cookie, every POST must carry the visitor's CSRF token, and expected errors are shown
 * in the admin's own look. Screens check the role with `requirePermission`; services check again.
 */
export async function registerAdmin(app: FastifyInstance, ctx: AppContext): Promise<void> {
  registerAdminAssets(app);
  await app.register(async (admin) => {
    admin.decorateRequest('admin', null as never);
    admin.addHook('onRequest', async (request, reply) => {
      request.admin = await identifyVisitor(ctx, request, reply);
    });
    admin.addHook('preHandler', async (request) => {
      if (request.method === 'POST') assertCsrf(ctx, request);
    });
    admin.setErrorHandler(async (error, request, reply) => {
      const status = error instanceof BroadsheetError ? ({ forbidden: 403, not_found: 404, conflict: 409 } as Record<string, number>)[error.kind] : undefined;
      if (!status || !(error instanceof BroadsheetError)) throw error;
      const chrome = await adminChrome(ctx, request, reply);
      return sendAdminPage(
        reply,
        <AdminLayout chrome={chrome} title={errorTitles[status]}>
          <p>{error.userMessage}</p>
          <p>
            <a href="/admin">Back to the dashboard</a>
          </p>
        </AdminLayout>,
        status,
      );
    });

    registerLoginRoutes(admin, ctx);
    registerAccountLinkRoutes(admin, ctx);
    registerDashboardRoute(admin, ctx);
    registerArticleRoutes(admin, ctx);
    registerSectionRoutes(admin, ctx);
    registerTagRoutes(admin, ctx);
    registerSourceRoutes(admin, ctx);
    registerUserRoutes(admin, ctx);
    registerUserAccountRoutes(admin, ctx);
    registerSettingsRoutes(admin, ctx);
    registerAuditRoutes(admin, ctx);
    registerCommentRoutes(admin, ctx);
  });
}
