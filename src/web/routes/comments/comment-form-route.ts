import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { AppContext } from '../../../boot.js';
import { articlePath } from '../../../content/index.js';
import { InvalidError } from '../../../shared/errors.js';
import type { SitePages } from '../../site-pages.js';
import { sendArticlePage } from './article-page.js';
import { readCookie } from '../../cookies.js';
import { PENDING_COOKIE, setPendingCookie } from './cookies.js';
import { staffFromRequest } from './staff-auth.js';

function text(value: unknown): string | undefined {
  return typeof value === 'string' ? value : undefined;
}

export function clientOf(request: FastifyRequest) {
  return { ip: request.ip, userAgent: text(request.headers['user-agent']), referrer: text(request.headers.referer) };
}

function waitText(seconds: number): string {
  return seconds < 90 ? `${seconds} seconds` : `${Math.ceil(seconds / 60)} minutes`;
}

/**
 * The "Leave a Comment" form posts here. Post/redirect/get: a stored comment answers 303 to its
 * anchor on the article (with the signed pending cookie and `?unapproved=ID` when it awaits
 * moderation); a form with errors is shown again with the reader's text kept (400, or 429 when
 * rate-limited). Closed comments, duplicates and rejections are error pages (403, 409, 403).
 */
export function registerCommentFormRoute(app: FastifyInstance, ctx: AppContext, pages: SitePages): void {
  app.post('/comments', async (request, reply) => {
    const body = (typeof request.body === 'object' && request.body !== null ? request.body : {}) as Record<string, unknown>;
    const articleId = Number(body.articleId);
    if (!Number.isSafeInteger(articleId) || articleId < 1) throw new InvalidError('COMMENT_ARTICLE_MISSING', 'The form did not say which article the comment is for.');
    // Staff signed in to the admin comment under their account, with the Staff badge.
    const staff = await staffFromRequest(ctx, request);
    const outcome = await ctx.comments.submit({
      article: { id: articleId },
      fields: body,
      commenter: typeof staff === 'object' ? { kind: 'staff', ...staff } : { kind: 'guest' },
      client: clientOf(request),
      form: { token: text(body.formToken), honeypot: text(body.url) },
    });
    const values = { content: text(body.content), authorName: text(body.authorName), authorEmail: text(body.authorEmail), authorUrl: text(body.authorUrl) };
    const parentId = Number(body.parentId);
    const replyTo = Number.isSafeInteger(parentId) && parentId > 0 ? parentId : null;

    if (outcome.kind === 'invalid') {
      return sendArticlePage(ctx, pages, request, reply, outcome.article, { form: { values, errors: outcome.errors }, replyTo, status: 400 });
    }
    if (outcome.kind === 'rate-limited') {
      reply.header('retry-after', String(outcome.retryAfterSeconds));
      const message = `You have posted several comments in a short time. Please wait ${waitText(outcome.retryAfterSeconds)} and send it again.`;
      return sendArticlePage(ctx, pages, request, reply, outcome.article, { form: { values, errors: [{ field: 'form', message }] }, replyTo, status: 429 });
    }

    const path = articlePath(outcome.article);
    if (outcome.status === 'approved') {
      const page = await ctx.comments.pageOf(outcome.article.id, outcome.id);
      return reply.redirect(`${path}${page > 1 ? `?cpage=${page}` : ''}#comment-${outcome.id}`, 303);
    }
    // Pending (or spam, which the Commenter is not told about): shown to this browser alone.
    const cookie = ctx.comments.pendingCookieWith(readCookie(request, PENDING_COOKIE), outcome.id);
    setPendingCookie(request, reply, cookie);
    const page = await ctx.comments.pageOf(outcome.article.id, outcome.id, ctx.comments.pendingIdsIn(cookie));
    return reply.redirect(`${path}?unapproved=${outcome.id}${page > 1 ? `&cpage=${page}` : ''}#comment-${outcome.id}`, 303);
  });
}
