import type { FastifyInstance } from 'fastify';
import type { AppContext } from '../../../../boot.js';
import { actorOf, requirePermission } from '../../auth.js';
import { fieldErrorsFrom, formBody, redirectWithNotice } from '../../respond.js';
import { formValuesOf } from './article-form.js';
import { idFromPath, sendArticleEditor } from './send-article-editor.js';

/** POST /admin/articles/:id/revisions/:revisionId/restore: an older version's text comes back as a new version. */
export function registerRevisionRestoreRoute(app: FastifyInstance, ctx: AppContext): void {
  app.post<{ Params: { id: string; revisionId: string } }>(
    '/admin/articles/:id/revisions/:revisionId/restore',
    { preHandler: requirePermission('articles.write-own') },
    async (request, reply) => {
      const actor = actorOf(request);
      const id = idFromPath(request.params.id);
      try {
        const restored = await ctx.content.articles.restoreRevision(actor, id, idFromPath(request.params.revisionId), Number(formBody(request).version));
        return redirectWithNotice(request, reply, `/admin/articles/${id}`, `Restored: saved as version ${restored.version}.`);
      } catch (error) {
        const { errors, status } = fieldErrorsFrom(error);
        const [article, settings] = await Promise.all([ctx.content.articles.byIdForEdit(actor, id), ctx.content.settings.get()]);
        const message = Object.values(errors)[0] ?? '';
        return sendArticleEditor(ctx, request, reply, { article, values: formValuesOf(article, settings.timezone), errors: { form: `That version was not restored. ${message}` }, status });
      }
    },
  );
}
