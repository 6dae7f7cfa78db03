import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { AppContext } from '../../../../boot.js';
import type { CommentId } from '../../../../comments/index.js';
import { actorOf, requirePermission } from '../../auth.js';
import { adminChrome, formBody, formList, redirectWithNotice, sendAdminPage } from '../../respond.js';
import { QueuePageView } from '../../views/comments/queue-page.js';
import type { OpenReply } from '../../views/comments/queue-row.js';
import { type QueueState, queueUrl, readQueueState } from '../../views/comments/queue-state.js';
import { bulkNotice } from './bulk-notice.js';
import { commentIdParam, commentIds, fieldErrorsOf, isModerationAction } from './request-parts.js';

/**
 * /admin/comments: the queue, its bulk and per-comment actions, and replies as staff. Every
 * action answers with a redirect back to the same tab, search and page, and a notice.
 */
export function registerQueueRoutes(app: FastifyInstance, ctx: AppContext): void {
  const guard = { preHandler: requirePermission('comments.moderate') };

  async function renderQueue(request: FastifyRequest, reply: FastifyReply, state: QueueState, openReply?: OpenReply, status = 200) {
    const actor = actorOf(request);
    const [queue, settings] = await Promise.all([ctx.comments.queue.list(actor, state), ctx.content.settings.get()]);
    const chrome = await adminChrome(ctx, request, reply);
    const context = {
      csrf: request.admin.csrf,
      state: { ...state, page: queue.page },
      staffName: request.admin.session?.user.name ?? '',
      language: settings.language,
      timeZone: settings.timezone,
    };
    return sendAdminPage(reply, <QueuePageView chrome={chrome} queue={queue} context={context} openReply={openReply} />, status);
  }

  async function moderate(request: FastifyRequest, reply: FastifyReply, ids: CommentId[], action: string | undefined) {
    const state = readQueueState(formBody(request));
    if (!isModerationAction(action)) return redirectWithNotice(request, reply, queueUrl(state), 'Choose what to do with the selected comments.');
    if (ids.length === 0) return redirectWithNotice(request, reply, queueUrl(state), 'Select at least one comment first.');
    const outcome = await ctx.comments.queue.moderateMany(actorOf(request), ids, action);
    return redirectWithNotice(request, reply, queueUrl(state), bulkNotice(action, outcome));
  }

  app.get('/admin/comments', guard, async (request, reply) => {
    const query = request.query as Record<string, unknown>;
    const replyTo = Number(query.reply);
    const openReply = Number.isSafeInteger(replyTo) && replyTo > 0 ? { id: replyTo, content: '', errors: {} } : undefined;
    return renderQueue(request, reply, readQueueState(query), openReply);
  });

  app.post('/admin/comments/bulk', guard, async (request, reply) => moderate(request, reply, commentIds(formList(request, 'ids')), formBody(request).action));

  app.post('/admin/comments/:id/moderate', guard, async (request, reply) => moderate(request, reply, [commentIdParam(request)], formBody(request).action));

  app.post('/admin/comments/:id/reply', guard, async (request, reply) => {
    const id = commentIdParam(request);
    const form = formBody(request);
    const state = readQueueState(form);
    const content = form.content ?? '';
    const user = request.admin.session?.user;
    const outcome = await ctx.comments.queue.reply(
      { kind: 'staff', actor: actorOf(request), name: user?.name ?? '', email: user?.email ?? '' },
      id,
      content,
      { ip: request.ip, userAgent: request.headers['user-agent'] },
    );
    if (outcome.kind === 'stored') return redirectWithNotice(request, reply, queueUrl(state), 'Your reply is published.');
    return renderQueue(request, reply, state, { id, content, errors: fieldErrorsOf(outcome.errors) }, 400);
  });
}
