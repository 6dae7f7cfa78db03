import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { AppContext } from '../../../boot.js';
import { isBroadsheetError } from '../../../shared/errors.js';
import { actorOf, requirePermission } from '../auth.js';
import { adminChrome, capitalise, fieldErrorsFrom, formBody, redirectWithNotice, sendAdminPage } from '../respond.js';
import type { FieldErrors } from '../views/form.js';
import { commentFormValues, commentPatchFrom } from '../views/settings/comment-fields.js';
import { SettingsPage, type SiteFormValues, siteFormKeys } from '../views/settings/settings-page.js';

/** The comment settings service lists every bad key in `details.issues`; each goes beside its field. */
function commentErrorsFrom(error: unknown): { errors: FieldErrors; status: number } {
  const issues = isBroadsheetError(error) && Array.isArray(error.details.issues) ? (error.details.issues as { path: string; message: string }[]) : undefined;
  if (!issues) return fieldErrorsFrom(error);
  return { errors: Object.fromEntries(issues.map((issue) => [issue.path, capitalise(issue.message)])), status: 400 };
}

/** /admin/settings: site and comment settings; a refused form comes back with what was typed. */
export function registerSettingsRoutes(app: FastifyInstance, ctx: AppContext): void {
  const guard = { preHandler: requirePermission('settings.manage') };

  const render = async (
    request: FastifyRequest,
    reply: FastifyReply,
    submitted: { site?: SiteFormValues; siteErrors?: FieldErrors; comments?: Record<string, string>; commentErrors?: FieldErrors },
    status = 200,
  ) => {
    const [site, comments, chrome] = await Promise.all([ctx.content.settings.get(), ctx.comments.settings.get(), adminChrome(ctx, request, reply)]);
    const page = (
      <SettingsPage
        chrome={chrome}
        site={submitted.site ?? (Object.fromEntries(siteFormKeys.map((key) => [key, String(site[key])])) as SiteFormValues)}
        siteErrors={submitted.siteErrors ?? {}}
        comments={submitted.comments ?? commentFormValues(comments)}
        commentErrors={submitted.commentErrors ?? {}}
      />
    );
    return sendAdminPage(reply, page, status);
  };

  app.get('/admin/settings', guard, (request, reply) => render(request, reply, {}));

  app.post('/admin/settings/site', guard, async (request, reply) => {
    const form = formBody(request);
    // A field the form did not send keeps its current value.
    const current = await ctx.content.settings.get();
    const site = Object.fromEntries(siteFormKeys.map((key) => [key, form[key] ?? String(current[key])])) as SiteFormValues;
    try {
      await ctx.content.settings.update(actorOf(request), site);
      return redirectWithNotice(request, reply, '/admin/settings', 'Site settings saved.');
    } catch (error) {
      const { errors, status } = fieldErrorsFrom(error);
      return render(request, reply, { site, siteErrors: errors }, status);
    }
  });

  app.post('/admin/settings/comments', guard, async (request, reply) => {
    const form = formBody(request);
    try {
      await ctx.comments.settings.update(actorOf(request), commentPatchFrom(form));
      return redirectWithNotice(request, reply, '/admin/settings#comments', 'Comment settings saved.');
    } catch (error) {
      const { errors, status } = commentErrorsFrom(error);
      return render(request, reply, { comments: { ...commentFormValues(await ctx.comments.settings.get()), ...form }, commentErrors: errors }, status);
    }
  });
}
