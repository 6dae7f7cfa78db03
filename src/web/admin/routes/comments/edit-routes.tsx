import type { FastifyInstance } from 'fastify';
import type { AppContext } from '../../../../boot.js';
import { actorOf, requirePermission } from '../../auth.js';
import { adminChrome, formBody, redirectWithNotice, sendAdminPage } from '../../respond.js';
import { CommentEditPage, type CommentEditValues, editValuesOf } from '../../views/comments/edit-page.js';
import { queueUrl, readQueueState } from '../../views/comments/queue-state.js';
import type { FieldErrors } from '../../views/form.js';
import { commentEditErrors, commentIdParam } from './request-parts.js';

/** /admin/comments/:id/edit: change a comment's text, name or website; errors re-render the form with what was typed. */
export function registerCommentEditRoutes(app: FastifyInstance, ctx: AppContext): void {
  const guard = { preHandler: requirePermission('comments.moderate') };

  app.get('/admin/comments/:id/edit', guard, async (request, reply) => {
    const comment = await ctx.comments.get(actorOf(request), commentIdParam(request));
    const chrome = await adminChrome(ctx, request, reply);
    const state = readQueueState(request.query as Record<string, unknown>);
    return sendAdminPage(reply, <CommentEditPage chrome={chrome} csrf={request.admin.csrf} comment={comment} values={editValuesOf(comment)} errors={{}} state={state} />);
  });

  app.post('/admin/comments/:id/edit', guard, async (request, reply) => {
    const actor = actorOf(request);
    const id = commentIdParam(request);
    const form = formBody(request);
    const state = readQueueState(form);
    const values: CommentEditValues = { content: form.content ?? '', authorName: form.authorName ?? '', authorUrl: form.authorUrl ?? '' };
    let failure: { errors: FieldErrors; status: number };
    try {
      await ctx.comments.edit(actor, id, { content: values.content, authorName: values.authorName, authorUrl: values.authorUrl.trim() || null });
      return redirectWithNotice(request, reply, `${queueUrl(state)}#comment-${id}`, 'Comment saved.');
    } catch (error) {
      failure = commentEditErrors(error);
    }
    const comment = await ctx.comments.get(actor, id);
    const chrome = await adminChrome(ctx, request, reply);
    return sendAdminPage(reply, <CommentEditPage chrome={chrome} csrf={request.admin.csrf} comment={comment} values={values} errors={failure.errors} state={state} />, failure.status);
  });
}
