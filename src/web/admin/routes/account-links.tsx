import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { LinkPurpose, StaffAccount } from '../../../accounts/index.js';
import type { AppContext } from '../../../boot.js';
import { adminChrome, fieldErrorsFrom, formBody, redirectWithNotice, sendAdminPage } from '../respond.js';
import { AdminLayout } from '../views/admin-layout.js';
import { AdminForm, Field, type FieldErrors, FormError } from '../views/form.js';

const titles: Record<LinkPurpose, string> = { reset: 'Choose a new password', invite: 'Accept your invitation' };

/**
 * The pages behind one-time links: `/admin/reset/TOKEN` (printed by `broadsheet user
 * reset-password`) and `/admin/invite/TOKEN` (made on the users screen). Both set a password;
 * an invitation also asks for the name shown on articles and comments.
 */
export function registerAccountLinkRoutes(app: FastifyInstance, ctx: AppContext): void {
  const render = async (request: FastifyRequest, reply: FastifyReply, purpose: LinkPurpose, token: string, account: StaffAccount | null, values: { name?: string }, errors: FieldErrors, status = 200) => {
    const chrome = await adminChrome(ctx, request, reply);
    if (!account) {
      return sendAdminPage(
        reply,
        <AdminLayout chrome={chrome} title="This link no longer works" scripts={false}>
          <p>It has expired or was already used. Ask an administrator for a new one.</p>
        </AdminLayout>,
        410,
      );
    }
    return sendAdminPage(
      reply,
      <AdminLayout chrome={chrome} title={titles[purpose]} scripts={false}>
        <p>
          For <strong>{account.email}</strong> ({account.role}).
        </p>
        <AdminForm action={`/admin/${purpose}/${encodeURIComponent(token)}`} csrf={request.admin.csrf}>
          <FormError errors={errors} />
          {purpose === 'invite' && <Field label="Your name" name="name" value={values.name ?? account.name} errors={errors} required autocomplete="name" />}
          <Field label="New password" name="password" type="password" errors={errors} required autocomplete="new-password" hint="At least 10 characters." />
          <button type="submit" class="primary">
            Save password
          </button>
        </AdminForm>
      </AdminLayout>,
      status,
    );
  };

  for (const purpose of ['reset', 'invite'] as const) {
    app.get<{ Params: { token: string } }>(`/admin/${purpose}/:token`, async (request, reply) => {
      const account = await ctx.users.linkHolder(request.params.token, purpose);
      return render(request, reply, purpose, request.params.token, account, {}, {});
    });

    app.post<{ Params: { token: string } }>(`/admin/${purpose}/:token`, async (request, reply) => {
        const form = formBody(request);
      const { token } = request.params;
      try {
        await ctx.users.completeLink(token, purpose, { password: form.password ?? '', name: purpose === 'invite' ? (form.name ?? '') : undefined });
      } catch (error) {
        const { errors, status } = fieldErrorsFrom(error);
        const account = await ctx.users.linkHolder(token, purpose);
        return render(request, reply, purpose, token, account, { name: form.name }, errors, account ? status : 410);
      }
      return redirectWithNotice(request, reply, '/admin/login', 'Your password is saved. Log in with it now.');
    });
  }
}
