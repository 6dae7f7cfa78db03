import type { FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import type { AppContext } from '../../../boot.js';
import { type ArticleComments, commentsOpenFor } from '../../../comments/index.js';
import { type Article, articlePath } from '../../../content/index.js';
import { preparePart } from '../../plugins/page-cache.js';
import type { SitePages } from '../../site-pages.js';
import { articlePage } from '../../views/article-page.js';
import type { CommentFormState } from '../../views/comments/comment-form.js';
import { fillTimes } from '../../views/comments/comment-list-html.js';
import type { PreparedCommentsSection } from '../../views/comments/comment-section-cache.js';
import { type CommentsSectionProps, commentsSectionPieces, renderCommentsSection } from '../../views/comments/comments-section.js';
import { commentsScriptHref } from './comments-script.js';
import { readCookie } from '../../cookies.js';
import { hasPendingCommentCookie, PENDING_COOKIE } from './cookies.js';

// Junk in these parameters shows the default view rather than an error: they come from links people share.
const articleQuery = z.object({
  cpage: z.coerce.number().int().min(1).max(100_000).catch(1).default(1),
  corder: z.enum(['oldest', 'newest']).catch('oldest').default('oldest'),
  replytocom: z.coerce.number().int().positive().max(Number.MAX_SAFE_INTEGER).optional().catch(undefined),
});

export interface ArticlePageOptions {
  form?: CommentFormState;
  /** Where the form goes when re-shown after an error; defaults to `?replytocom`. */
  replyTo?: number | null;
  status?: number;
}

/**
 * Renders an Article page with its comments. A reader whose signed cookie names their own
 * pending comments on it gets a personal page that is never cached; everyone else gets the
 * shared page, whose comments section comes from the comment section cache. The form token is
 * filled in at send time, cached or not.
 */
export async function sendArticlePage(ctx: AppContext, pages: SitePages, request: FastifyRequest, reply: FastifyReply, article: Article, options: ArticlePageOptions = {}) {
  const query = articleQuery.parse(request.method === 'GET' ? (request.query ?? {}) : {});
  const ownPendingIds = hasPendingCommentCookie(request) ? ctx.comments.pendingIdsIn(readCookie(request, PENDING_COOKIE)) : [];
  const replyTo = options.replyTo !== undefined ? options.replyTo : (query.replytocom ?? null);
  const chrome = await pages.chrome();
  const now = ctx.clock.now();
  const sectionProps = (comments: ArticleComments): CommentsSectionProps => ({
    articleId: article.id,
    articlePath: articlePath(article),
    comments,
    language: chrome.settings.language,
    timezone: chrome.settings.timezone,
    replyTo,
    form: options.form,
    scriptHref: commentsScriptHref,
  });
  // The same for every reader: no own pending comments, no form under a comment, no form errors.
  const shared = ownPendingIds.length === 0 && replyTo === null && !options.form;
  // Under `?replytocom` the listing stays markup: it holds the form, and so the token's slot.
  const loadComments = async (): Promise<{ listing: PreparedCommentsSection['listing'] | string; tail: string; personal: boolean }> => {
    const order = { page: query.cpage, order: query.corder };
    if (shared) {
      const open = commentsOpenFor(article, await ctx.comments.settings.get(), now);
      const variant = `${query.cpage}|${query.corder}|${open.open ? 'open' : open.reason}`;
      const section = await pages.commentSections.get(article.id, variant, now, chrome.settings.language, async () =>
        renderCommentsSection(sectionProps({ ...(await ctx.comments.forArticle(article, order)), open })),
      );
      return { ...section, personal: false };
    }
    const comments = await ctx.comments.forArticle(article, { ...order, ownPendingIds });
    const html = renderCommentsSection(sectionProps(comments));
    const listing = fillTimes(html.listing, now, chrome.settings.language).html;
    return { listing: replyTo === null ? preparePart(listing) : listing, tail: html.tail, personal: comments.ownPendingIds.length > 0 };
  };
  const [related, section, comments] = await Promise.all([ctx.content.articles.related(article), ctx.content.sections.byId(article.section.id), loadComments()]);
  const body = articlePage({ chrome, article, section, related, comments: commentsSectionPieces(comments) });
  return pages.send(request, reply, body, {
    status: options.status,
    personal: comments.personal,
    token: pages.formTokens(article.id),
    articleId: article.id,
    embeds: article.bodyHtml.includes('<iframe'),
  });
}
