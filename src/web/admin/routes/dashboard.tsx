import type { FastifyInstance } from 'fastify';
import type { AppContext } from '../../../boot.js';
import { requirePermission } from '../auth.js';
import { adminChrome, sendAdminPage } from '../respond.js';
import { AdminLayout } from '../views/admin-layout.js';

/** /admin: the first screen after sign-in. */
export function registerDashboardRoute(app: FastifyInstance, ctx: AppContext): void {
  app.get('/admin', { preHandler: requirePermission('admin.enter') }, async (request, reply) => {
    const chrome = await adminChrome(ctx, request, reply);
    return sendAdminPage(
      reply,
      <AdminLayout chrome={chrome} title="Dashboard">
        <p>Welcome, {request.admin.session?.user.name}.</p>
      </AdminLayout>,
    );
  });
}
