import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { AppContext } from '../../../boot.js';
import { actorOf, requirePermission } from '../auth.js';
import { adminChrome, formBody, sendAdminPage } from '../respond.js';
import type { FieldErrors } from '../views/form.js';
import { type InviteValues, UsersPage } from '../views/users/users-page.js';
import { accountErrors } from './users-errors.js';

/** /admin/users: the staff list and invitations (the one-time link is shown once, on the answer page). */
export function registerUserRoutes(app: FastifyInstance, ctx: AppContext): void {
  const guard = { preHandler: requirePermission('users.manage') };

  const render = async (request: FastifyRequest, reply: FastifyReply, values: InviteValues, errors: FieldErrors, status = 200, invitation?: { email: string; link: string }) => {
    const [chrome, users] = await Promise.all([adminChrome(ctx, request, reply), ctx.users.list()]);
    return sendAdminPage(reply, <UsersPage chrome={chrome} users={users} values={values} errors={errors} invitation={invitation} />, status);
  };

  app.get('/admin/users', guard, (request, reply) => render(request, reply, { email: '', name: '', role: 'author' }, {}));

  app.post('/admin/users/invite', guard, async (request, reply) => {
    const form = formBody(request);
    const values = { email: form.email ?? '', name: form.name ?? '', role: form.role ?? '' };
    try {
      const { user, token } = await ctx.users.invite(actorOf(request), { email: values.email, role: values.role, name: values.name.trim() || undefined });
      const invitation = { email: user.email, link: `${ctx.baseUrl}/admin/invite/${token}` };
      return render(request, reply, { email: '', name: '', role: values.role }, {}, 201, invitation);
    } catch (error) {
      const { errors, status } = accountErrors(error, 'role');
      return render(request, reply, values, errors, status);
    }
  });
}
