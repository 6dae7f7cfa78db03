import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import type { AppContext } from '../../../boot.js';
import { commentStatuses, moderationActions } from '../../../comments/index.js';
import { articlePath, isPubliclyVisible } from '../../../content/index.js';
import { InvalidError, NotFoundError } from '../../../shared/errors.js';
import { parseQuery } from '../../site-pages.js';
import { clientOf } from './comment-form-route.js';
import { serializeForModerator, serializeThread } from './serialize.js';
import { requireStaff, sendUnauthorized, staffFromRequest } from './staff-auth.js';

const threadQuery = z
  .object({
    page: z.coerce.number().int().min(1).max(100_000).default(1),
    order: z.enum(['oldest', 'newest']).default('oldest'),
  })
  .strict();

const listQuery = z
  .object({
    status: z.enum(commentStatuses).optional(),
    limit: z.coerce.number().int().min(1).max(500).default(50),
    before: z.coerce.number().int().positive().optional(),
  })
  .strict();

const idParam = z.object({ id: z.coerce.number().int().positive().max(Number.MAX_SAFE_INTEGER) });

const editBody = z
  .object({ content: z.string().optional(), authorName: z.string().optional(), authorUrl: z.string().nullable().optional() })
  .strict();

function str(value: unknown): string | undefined {
  return typeof value === 'string' ? value : undefined;
}

function parseId(params: unknown): number {
  const parsed = idParam.safeParse(params);
  if (!parsed.success) throw new NotFoundError('COMMENT_NOT_FOUND', 'There is no such comment.');
  return parsed.data.id;
}

/**
 * Comments over JSON. Public: `GET` and `POST /api/v1/articles/{slug}/comments` under the
 * form's rules (guests send the `formToken` from the GET and may send the `honeypot` field;
 * staff signed in with HTTP Basic, and clients with a valid `X-Api-Key`, may omit both).
 * Moderation, for staff with a moderating role: `GET /api/v1/comments`, `GET|PATCH|DELETE
 * /api/v1/comments/{id}`, `POST /api/v1/comments/{id}/{approve|unapprove|spam|not-spam|trash|restore}`.
 */
export function registerCommentsApi(app: FastifyInstance, ctx: AppContext): void {
  app.get<{ Params: { slug: string } }>('/api/v1/articles/:slug/comments', async (request, reply) => {
    const query = parseQuery(threadQuery, request.query);
    const article = await ctx.content.articles.bySlug(request.params.slug);
    if (!isPubliclyVisible(article, ctx.clock.now())) throw new NotFoundError('ARTICLE_NOT_FOUND', 'No such article');
    const comments = await ctx.comments.forArticle(article, { page: query.page, order: query.order });
    const permalinkBase = `${ctx.baseUrl}${articlePath(article)}`;
    reply.header('cache-control', 'private, no-cache');
    return {
      comments: comments.threads.threads.map((t) => serializeThread(t, permalinkBase)),
      meta: {
        page: comments.threads.page,
        pageCount: comments.threads.pageCount,
        threads: comments.threads.total,
        count: comments.approvedCount,
        order: comments.order,
        open: comments.open.open,
      },
      formToken: comments.open.open ? ctx.comments.formToken(article.id) : null,
    };
  });

  app.post<{ Params: { slug: string } }>('/api/v1/articles/:slug/comments', async (request, reply) => {
    const staff = await staffFromRequest(ctx, request);
    if (staff === 'invalid') return sendUnauthorized(reply);
    const body = request.body;
    if (typeof body !== 'object' || body === null || Array.isArray(body)) throw new InvalidError('COMMENT_INVALID', 'Send the comment as a JSON object.');
    const fields = body as Record<string, unknown>;
    const outcome = await ctx.comments.submit({
      article: { slug: request.params.slug },
      fields,
      commenter: staff === 'absent' ? { kind: 'guest' } : { kind: 'staff', ...staff },
      client: clientOf(request),
      form: { token: str(fields.formToken), honeypot: str(fields.honeypot), apiKey: str(request.headers['x-api-key']) },
    });
    reply.header('cache-control', 'no-store');
    if (outcome.kind === 'invalid') {
      return reply.code(400).send({ error: { code: 'COMMENT_INVALID', message: outcome.errors[0]?.message ?? 'The comment is not valid.', fields: outcome.errors } });
    }
    if (outcome.kind === 'rate-limited') {
      return reply
        .code(429)
        .header('retry-after', String(outcome.retryAfterSeconds))
        .send({ error: { code: 'COMMENT_RATE_LIMITED', message: `Too many comments from this address; try again in ${outcome.retryAfterSeconds} seconds.` } });
    }
    return reply.code(201).send({ id: outcome.id, status: outcome.status });
  });

  app.get('/api/v1/comments', async (request, reply) => {
    const staff = await requireStaff(ctx, request, reply);
    if (!staff) return reply;
    const query = parseQuery(listQuery, request.query);
    const comments = await ctx.comments.list(staff.actor, { status: query.status, limit: query.limit, beforeId: query.before });
    reply.header('cache-control', 'no-store');
    return { comments: comments.map(serializeForModerator), meta: { nextBefore: comments.length === query.limit ? comments.at(-1)?.id : null } };
  });

  app.get('/api/v1/comments/:id', async (request, reply) => {
    const staff = await requireStaff(ctx, request, reply);
    if (!staff) return reply;
    reply.header('cache-control', 'no-store');
    return { comment: serializeForModerator(await ctx.comments.get(staff.actor, parseId(request.params))) };
  });

  for (const action of moderationActions) {
    app.post(`/api/v1/comments/:id/${action}`, async (request, reply) => {
      const staff = await requireStaff(ctx, request, reply);
      if (!staff) return reply;
      reply.header('cache-control', 'no-store');
      return { comment: serializeForModerator(await ctx.comments.moderate(staff.actor, parseId(request.params), action)) };
    });
  }

  app.patch('/api/v1/comments/:id', async (request, reply) => {
    const staff = await requireStaff(ctx, request, reply);
    if (!staff) return reply;
    const parsed = editBody.safeParse(request.body);
    if (!parsed.success) throw new InvalidError('COMMENT_INVALID', 'Send content, authorName and/or authorUrl as a JSON object.');
    reply.header('cache-control', 'no-store');
    return { comment: serializeForModerator(await ctx.comments.edit(staff.actor, parseId(request.params), parsed.data)) };
  });

  app.delete('/api/v1/comments/:id', async (request, reply) => {
    const staff = await requireStaff(ctx, request, reply);
    if (!staff) return reply;
    await ctx.comments.deletePermanently(staff.actor, parseId(request.params));
    return reply.code(204).header('cache-control', 'no-store').send();
  });
}
