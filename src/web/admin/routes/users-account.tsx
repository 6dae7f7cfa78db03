import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { AppContext } from '../../../boot.js';
import { ForbiddenError, isBroadsheetError } from '../../../shared/errors.js';
import { can } from '../../../shared/permissions.js';
import { actorOf, requirePermission } from '../auth.js';
import { adminChrome, formBody, idParam, redirectWithNotice, sendAdminPage } from '../respond.js';
import type { FieldErrors } from '../views/form.js';
import { type ProfileValues, UserPage } from '../views/users/user-page.js';
import { accountErrors } from './users-errors.js';

/**
 * /admin/users/:id: every staff member's own page (the header links to it) with their profile
 * and signed-in browsers; those with users.manage see anyone's and change role and access.
 */
export function registerUserAccountRoutes(app: FastifyInstance, ctx: AppContext): void {
  const signedIn = { preHandler: requirePermission('admin.enter') };
  const managers = { preHandler: requirePermission('users.manage') };

  const render = async (request: FastifyRequest, reply: FastifyReply, id: number, values: Partial<ProfileValues>, errors: FieldErrors, status = 200) => {
    const actor = actorOf(request);
    if (!ctx.users.mayManage(actor, id)) throw new ForbiddenError('FORBIDDEN', 'You may only see your own account.');
    const [account, sessions, settings, chrome] = await Promise.all([ctx.users.byId(id), ctx.sessions.listFor(actor, id), ctx.content.settings.get(), adminChrome(ctx, request, reply)]);
    const page = (
      <UserPage
        chrome={chrome}
        account={account}
        sessions={sessions}
        canManage={can(actor, 'users.manage')}
        values={{ name: account.name, bio: account.bio, role: account.role, ...values }}
        errors={errors}
        style={{ language: settings.language, timeZone: settings.timezone }}
      />
    );
    return sendAdminPage(reply, page, status);
  };

  /** Runs one account change; a refusal re-renders the page with the message beside `field`. */
  const change = async (request: FastifyRequest, reply: FastifyReply, field: string, values: Partial<ProfileValues>, work: (id: number) => Promise<string>) => {
    const id = idParam((request.params as { id: string }).id);
    try {
      const notice = await work(id);
      return redirectWithNotice(request, reply, `/admin/users/${id}`, notice);
    } catch (error) {
      const { errors, status } = accountErrors(error, field);
      return render(request, reply, id, values, errors, status);
    }
  };

  app.get<{ Params: { id: string } }>('/admin/users/:id', signedIn, (request, reply) => render(request, reply, idParam(request.params.id), {}, {}));

  app.post<{ Params: { id: string } }>('/admin/users/:id/profile', signedIn, async (request, reply) => {
    const form = formBody(request);
    const values = { name: form.name ?? '', bio: form.bio ?? '' };
    return change(request, reply, 'name', values, async (id) => {
      await ctx.users.updateProfile(actorOf(request), id, values);
      return 'Profile saved.';
    });
  });

  app.post<{ Params: { id: string } }>('/admin/users/:id/role', managers, async (request, reply) => {
    const role = formBody(request).role ?? '';
    return change(request, reply, 'role', { role }, async (id) => {
      const account = await ctx.users.changeRole(actorOf(request), id, role);
      return `${account.name}'s role is now ${account.role}.`;
    });
  });

  app.post<{ Params: { id: string } }>('/admin/users/:id/active', managers, async (request, reply) => {
    const active = formBody(request).active === '1';
    return change(request, reply, 'active', {}, async (id) => {
      const account = await ctx.users.setActive(actorOf(request), id, active);
      return active ? `${account.name} can sign in again.` : `${account.name} is deactivated and signed out everywhere.`;
    });
  });

  app.post<{ Params: { id: string; ref: string } }>('/admin/users/:id/sessions/:ref/revoke', signedIn, async (request, reply) => {
    const id = idParam(request.params.id);
    try {
      await ctx.sessions.revoke(actorOf(request), id, request.params.ref);
    } catch (error) {
      if (!(isBroadsheetError(error) && error.code === 'SESSION_NOT_FOUND')) throw error;
      return redirectWithNotice(request, reply, `/admin/users/${id}`, error.userMessage);
    }
    // Signing out this very browser ends the visit.
    if (request.params.ref === request.admin.session?.ref) return redirectWithNotice(request, reply, '/admin/login', 'You are signed out.');
    return redirectWithNotice(request, reply, `/admin/users/${id}`, 'That browser is signed out.');
  });
}
